#!/usr/bin/env bash
# Instructions per served request: `yoken serve` under callgrind, answering N checks of a bench
# form after 50 to warm up. Counted the same whatever else the machine is doing, so two builds can
# be compared on a busy machine (BENCHMARKS.md, "HTTP"). Needs valgrind and oha (scripts/bench
# installs oha).
#   bench/serve-instructions.sh [BINARY] [half|full] [N]
set -euo pipefail
bin="${1:-target/release/yoken}" form="${2:-half}" n="${3:-300}"
root="$(cd "$(dirname "$0")/.." && pwd)"
port=$((30000 + RANDOM % 20000))
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" "$bin" serve --workers 2 --addr "127.0.0.1:$port" > "$out/serve.log" 2>&1 &
server=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.2; done
url="http://127.0.0.1:$port/v1/programmes/maff-mohouhin-r7/validate?today=2025-12-01"
ask() { oha --no-tui -m POST -T application/json -D "$root/bench/forms/$form.json" -c 4 -n "$1" "$url" > /dev/null; }
ask 50
callgrind_control -z "$server" > /dev/null 2>&1
ask "$n"
callgrind_control -d "$server" > /dev/null 2>&1
sleep 1
kill "$server"; wait "$server" 2>/dev/null || true
total=0
for f in "$out"/cg.out*; do
  t=$(awk '/^(summary|totals):/ {print $2; exit}' "$f")
  total=$((total + ${t:-0}))
done
echo "$(basename "$bin") $form: $((total / n)) instructions per request"
