# shellcheck shell=bash
# Shared by scripts/setup, scripts/build-wasm, scripts/demo and scripts/test. Source it; do not run it.
#
# Facts behind these steps (tested on Debian 12, 2 cores): ../shared/design/TOOLCHAIN.md, summarised
# in README.md under "How the WebAssembly build works".

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
cd "$ROOT"

# Pinned tool versions. The wasm-bindgen CLI must equal the crate's `wasm-bindgen = "=…"` pin.
WASM_BINDGEN_VERSION="0.2.130"
WASM_PACK_VERSION="0.15.1"
SCHEMATHESIS_VERSION="4.32.5"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$ROOT/node_modules/.bin:$PATH"

log() { printf '\033[1m[yoken]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[yoken] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Run a command as root (directly when we are root, else through sudo).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install sudo or run as root)"; fi
}

# apt_install PKG...: installs the Debian packages that are not installed yet.
APT_UPDATED=""
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# cargo_tool BIN CRATE VERSION [EXTRA...]: installs a cargo binary at an exact version. A tool is
# built quickly (opt-level 1, no LTO, parallel codegen; these override the crate's own release
# profile): compiling wasm-bindgen, wasm-pack, cargo-deny and cargo-fuzz at their release settings
# was about a third of a first test run on 2 cores, and none of them is what a test measures.
# TOOL_PROFILE=release keeps the crate's own settings (the load generator of scripts/bench).
cargo_tool() {
  local bin="$1" crate="$2" version="$3"; shift 3
  if command -v "$bin" >/dev/null && "$bin" --version 2>/dev/null | grep -q "$version"; then return 0; fi
  local quick=(--config profile.release.opt-level=1 --config profile.release.lto=false
    --config profile.release.codegen-units=16 --config profile.release.debug=0)
  [ "${TOOL_PROFILE:-quick}" = release ] && quick=()
  log "installing $crate $version (cargo install; minutes the first time)"
  cargo install "${quick[@]}" "$crate" --version "$version" "$@"
}

# The wasm32 route: "rustup" (a rustup wasm32 std) or "debian" (Debian's rustc-web + build-std).
# YOKEN_WASM_ROUTE=auto|rustup|debian; auto prefers rustup and falls back to debian.
wasm_route() {
  local want="${YOKEN_WASM_ROUTE:-auto}"
  case "$want" in auto|rustup|debian) ;; *) die "YOKEN_WASM_ROUTE must be auto, rustup or debian (got $want)";; esac
  if [ "$want" != debian ]; then
    # The route needs the wasm32 std (tests, lints) and the standard library's source (the
    # shipped module rebuilds std for size: wasm_release_env).
    if rustup_wasm_ready; then echo rustup; return; fi
    if [ -z "${YOKEN_RUSTUP_TRIED:-}" ]; then
      export YOKEN_RUSTUP_TRIED=1
      log "trying: rustup target add wasm32-unknown-unknown, rustup component add rust-src (at most 300 s each)"
      if timeout 300 rustup target add wasm32-unknown-unknown >&2 \
        && timeout 300 rustup component add rust-src >&2 && rustup_wasm_ready; then
        echo rustup; return
      fi
    fi
    [ "$want" = rustup ] && die "YOKEN_WASM_ROUTE=rustup but the wasm32 target or rust-src cannot be installed"
    log "no rustup wasm32 target or rust-src: using Debian's rustc-web with build-std"
  fi
  echo debian
}

# Whether rustup's toolchain has the wasm32 std and the standard library's source.
rustup_wasm_ready() {
  local libdir
  libdir="$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null || true)"
  [ -n "$libdir" ] && ls "$libdir"/libstd-*.rlib >/dev/null 2>&1 \
    && [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]
}

# wasm_env ROUTE: prints the env assignments (one per line) for wasm32 commands on that route.
# Never put build-std in .cargo/config.toml: it would leak into host builds.
wasm_env() {
  echo "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner"
  echo "CHROMEDRIVER=/usr/bin/chromedriver"
  if [ "$1" = debian ]; then
    echo "PATH=/usr/bin:$CARGO_HOME/bin:$ROOT/node_modules/.bin:$PATH"
    echo "RUSTC_BOOTSTRAP=1"
    echo "CARGO_UNSTABLE_BUILD_STD=std,panic_abort"
    # A separate target dir: Debian's rustc 1.96 and rustup's must not evict each other's builds.
    echo "CARGO_TARGET_DIR=$ROOT/target/debian"
  fi
}

# wasm_release_env: the env assignments (one per line) for building the shipped modules, on
# either route. The standard library is rebuilt from source (build-std; a stable compiler allows
# it with RUSTC_BOOTSTRAP) with its `optimize_for_size` feature, which picks std's smaller
# algorithms (its sorts, among others): −15 KB brotli for the module, keystrokes no slower. LLVM
# inlines less than opt-level 3's default (threshold 100, not 250): −11 KB more, keystrokes about
# 2 % slower (lower thresholds cost more: BENCHMARKS.md). Panics keep their messages: the widget
# reports them (`yoken:error`), with the file and line — written as /rustc/<commit>/library/… for
# the standard library and /cargo/registry/src/… for crates, not as paths on the machine that
# built the module (its home directory, its toolchain's install): the module's bytes no longer
# depend on where the toolchain and the crates sit. Usage: wasm_release_env ROUTE
wasm_release_env() {
  local sysroot commit
  sysroot="$(with_wasm_env "$1" rustc --print sysroot)"
  commit="$(with_wasm_env "$1" rustc -vV | sed -n 's/^commit-hash: //p')"
  echo "RUSTC_BOOTSTRAP=1"
  echo "CARGO_UNSTABLE_BUILD_STD=std,panic_abort"
  echo "CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size"
  echo "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=-Cllvm-args=-inline-threshold=100 --remap-path-prefix=$sysroot/lib/rustlib/src/rust=/rustc/${commit:-unknown} --remap-path-prefix=$CARGO_HOME/registry/src=/cargo/registry/src"
}

# with_wasm_env ROUTE CMD...: runs CMD with the route's environment.
with_wasm_env() {
  local route="$1"; shift
  local vars=()
  mapfile -t vars < <(wasm_env "$route")
  env "${vars[@]}" "$@"
}

# Everything the build and the tests need, installed only where missing.
setup() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
  command -v node >/dev/null || die "node not found: Node 20 is expected on this kind of machine"
  # poppler-utils: the print test reads the printed PDF back with pdftotext; fonts-noto-cjk: its
  # Japanese is printed in a font that has the glyphs.
  apt_install chromium chromium-driver brotli python3-venv poppler-utils fonts-noto-cjk
  ROUTE="$(wasm_route)"
  export ROUTE
  if [ "$ROUTE" = debian ]; then
    apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  fi
  # --locked fails for wasm-bindgen-cli here (the registry lacks webpki-roots 1.0.11).
  cargo_tool wasm-bindgen wasm-bindgen-cli "$WASM_BINDGEN_VERSION"
  cargo_tool wasm-pack wasm-pack "$WASM_PACK_VERSION" --locked
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
  if ! .venv/bin/schemathesis --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    log "installing schemathesis $SCHEMATHESIS_VERSION into .venv (PyPI)"
    python3 -m venv .venv >&2
    .venv/bin/pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
  fi
  log "wasm route: $ROUTE"
}

# The fuzzing tools: a nightly toolchain (the machine's; rustup is asked once if it is missing)
# and cargo-fuzz. Used by scripts/fuzz, which the test command runs.
setup_fuzz() {
  if ! rustup run nightly rustc -V >/dev/null 2>&1; then
    log "no nightly toolchain: trying rustup toolchain install nightly (at most 600 s)"
    timeout 600 rustup toolchain install nightly --profile minimal >&2 \
      || die "cargo fuzz needs a nightly toolchain and rustup could not install one"
  fi
  cargo_tool cargo-fuzz cargo-fuzz 0.13.1 --locked
}

# The profile-guided native build (scripts/build-pgo): its target directory and the merged
# profile it is built with.
PGO_DIR="$ROOT/target/pgo"
PGO_PROFILE="$PGO_DIR/yoken.profdata"

# pgo_host: the host triple the profile-guided build is made for, given explicitly to cargo so that
# RUSTFLAGS reach the binaries and not build scripts or proc macros. (A function, not a value set
# here: sourcing this file must not need rustc, so that setup can say what is missing.)
pgo_host() { rustc -vV | sed -n 's/^host: //p'; }

# llvm_profdata: the llvm-profdata of the LLVM that rustc is built on (profiles are read only by
# the same major version): rustup's llvm-tools when present, else Debian's llvm-<major>.
llvm_profdata() {
  local major tool
  major="$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')"
  tool="$(rustc --print sysroot)/lib/rustlib/$(pgo_host)/bin/llvm-profdata"
  if [ -x "$tool" ]; then echo "$tool"; return 0; fi
  command -v "llvm-profdata-$major" >/dev/null || apt_install "llvm-$major" \
    || die "no llvm-profdata for LLVM $major (rustc's): neither rustup's llvm-tools nor Debian's llvm-$major"
  command -v "llvm-profdata-$major"
}

# with_pgo CMD...: runs a cargo command guided by the merged profile, in the PGO target directory
# (scripts/build-pgo made the profile; add --target "$(pgo_host)" to the cargo command).
with_pgo() {
  [ -f "$PGO_PROFILE" ] || die "no $PGO_PROFILE: run scripts/build-pgo first"
  env CARGO_TARGET_DIR="$PGO_DIR" RUSTFLAGS="-Cprofile-use=$PGO_PROFILE" "$@"
}
