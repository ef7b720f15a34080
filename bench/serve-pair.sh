#!/usr/bin/env bash
# Two `yoken serve` binaries taking turns under the same fixed load, so that a change in the tail
# (p99) can be told from the host's: a full run's "at 70 %" rounds are minutes apart, and on a
# shared host one of them can meet a slow spell the other missed (BENCHMARKS.md, "HTTP"). Each
# round warms a fresh server for 3 s unbounded, then holds RATE req/s for 10 s with latency
# correction (64 connections, as scripts/bench). Needs oha (scripts/bench installs it).
#   bench/serve-pair.sh OLD_BINARY NEW_BINARY [RATE] [ROUNDS] [half|full]
set -euo pipefail
old="$1" new="$2" rate="${3:-8000}" rounds="${4:-4}" form="${5:-half}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
printf 'round\tserver\treq/s\tp50 ms\tp99 ms\n'
for round in $(seq "$rounds"); do
  for side in old new; do
    bin="$old"; [ "$side" = new ] && bin="$new"
    # Below the kernel's ephemeral ports (32768 up), where the last round's client sockets linger.
    port=$((20000 + RANDOM % 12000))
    "$bin" serve --workers 2 --addr "127.0.0.1:$port" > "$out/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.2; done
    if ! kill -0 "$server" 2> /dev/null; then
      echo "the $side server did not start:" >&2; cat "$out/serve.log" >&2; exit 1
    fi
    url="http://127.0.0.1:$port/v1/programmes/maff-mohouhin-r7/validate"
    ask() { oha --no-tui --output-format json -m POST -T application/json -D "$root/bench/forms/$form.json" -c 64 "$@" "$url"; }
    ask -z 3s > /dev/null
    ask -z 10s -q "$rate" --latency-correction > "$out/run.json"
    if ! kill "$server" 2> /dev/null; then
      echo "the $side server stopped under load:" >&2; cat "$out/serve.log" >&2; exit 1
    fi
    wait "$server" 2> /dev/null || true
    node -e '
      const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const ms = (s) => (s * 1000).toFixed(2);
      console.log([process.argv[2], process.argv[3], Math.round(d.summary.requestsPerSec),
        ms(d.latencyPercentiles.p50), ms(d.latencyPercentiles.p99)].join("\t"));
    ' "$out/run.json" "$round" "$side"
  done
done
