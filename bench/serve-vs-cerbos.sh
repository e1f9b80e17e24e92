#!/usr/bin/env bash
# gavel serve beside the Cerbos PDP on loopback: the same FLEXIS requests (the peers harness's
# generator, seed 42), one decision per HTTP request, the same wrk, threads and connections,
# each run bounded in time; gavel without and with its decision log.
#
#   bench/serve-vs-cerbos.sh [BUILD_DIR]     (default: build; needs its gavel, node and wrk)
#
# DURATION (5 s a run), CONNECTIONS (8), THREADS (wrk's, 2), N (requests, 2000),
# LOG_DIR (where the decision log goes: its disk's fdatasync sets the logged rate; default
# BUILD_DIR), LOG_CONNECTIONS (a further logged run with more clients in flight, 64; 0: none),
# PEERS (the peers harness, default ../shared/peers from the source tree: Cerbos runs when
# `npm install` there has put its binary in node_modules; nothing is downloaded here).
# Prints one line per run: requests/s, p50/p99 latency, errors (socket and non-2xx).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build}
[[ $build = /* ]] || build=$root/$build
gavel=$build/gavel
policy=$root/rules/flexis.gavel
duration=${DURATION:-5}
connections=${CONNECTIONS:-8}
threads=${THREADS:-2}
N=${N:-2000}
log_dir=${LOG_DIR:-$build}
log_connections=${LOG_CONNECTIONS:-64}
peers=${PEERS:-$root/../shared/peers}
for tool in wrk node; do
  command -v $tool > /dev/null || { echo "serve-vs-cerbos.sh: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
[[ -x $gavel ]] || { echo "serve-vs-cerbos.sh: $gavel is missing: build first (scripts/build.sh)" >&2; exit 2; }

work=$(mktemp -d)
logs=$(mktemp -d "$log_dir/serve-bench-log.XXXXXX")
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null
  rm -rf "$work" "$logs"
}
trap cleanup EXIT

node "$root/bench/peers/gen.mjs" --n "$N" --seed 42 --out "$work/requests.jsonl" 2> /dev/null
# Cerbos's CheckResources bodies for the same requests, mapped as the peers harness maps them
# (cerbos-client.mjs: the resource's attributes are the request without its action).
node -e '
const fs = require("fs");
const lines = fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
const out = lines.map((l, i) => { const { action, ...attr } = JSON.parse(l);
  return JSON.stringify({ requestId: "r" + i, principal: { id: "flexis", roles: ["controller"] },
    resources: [{ actions: [String(action)], resource: { kind: "processing", id: String(i), attr } }] }); });
fs.writeFileSync(process.argv[2], out.join("\n") + "\n");' "$work/requests.jsonl" "$work/cerbos.jsonl"

# wrk on URL with SCRIPT and its arguments, killed 10 s past its duration; prints the summary.
load() {  # label connections url script args...
  local label=$1 c=$2 url=$3 script=$4
  shift 4
  timeout $((duration + 10)) wrk -t"$threads" -c"$c" -d1s -s "$script" "$url" -- "$@" > /dev/null  # warm-up
  local out
  out=$(timeout $((duration + 10)) wrk -t"$threads" -c"$c" -d"${duration}s" -s "$script" "$url" -- "$@")
  python3 - "$label" "$c" "$out" <<'PY'
import json, sys
line = next(l for l in sys.argv[3].splitlines() if l.startswith("WRK_JSON "))
w = json.loads(line[len("WRK_JSON "):])
e = w["errors"]
print(f"{sys.argv[1]:<44} c={sys.argv[2]:<3} {w['requests'] / (w['duration_us'] / 1e6):>9,.0f} requests/s  "
      f"p50 {w['p50_us']:>6,} µs  p99 {w['p99_us']:>6,} µs  errors {e['connect'] + e['read'] + e['write'] + e['timeout']} "
      f"socket, {e['status']} non-2xx")
PY
}

serve() {  # label connections gavel-serve-options...
  local label=$1 c=$2
  shift 2
  "$gavel" serve "$policy" --listen 127.0.0.1:0 "$@" > "$work/address" 2> "$work/serve.log" &
  server=$!
  for _ in $(seq 100); do [[ -s $work/address ]] && break; sleep 0.1; done
  local address
  address=$(head -1 "$work/address")
  load "$label" "$c" "http://$address" "$here/wrk-decide.lua" "$work/requests.jsonl"
  if [[ $* == *--decision-log* ]]; then
    curl -s "http://$address/metrics" | awk '/^gavel_decision_log_(records|batches)_total/ { v[$1] = $2 }
      END { if (v["gavel_decision_log_batches_total"] > 0)
        printf "%44s %d records in %d group commits: %.1f records per fdatasync\n", "", v["gavel_decision_log_records_total"],
          v["gavel_decision_log_batches_total"], v["gavel_decision_log_records_total"] / v["gavel_decision_log_batches_total"] }'
  fi
  kill -TERM "$server"
  wait "$server" || true
  server=
  : > "$work/address"
}

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$threads, ${duration} s a run, $N FLEXIS requests (gen.mjs, seed 42)"
serve "gavel serve" "$connections"
rm -f "$logs"/*
serve "gavel serve --decision-log" "$connections" --decision-log "$logs/decisions.log"
if [[ $log_connections != 0 ]]; then
  rm -f "$logs"/*
  serve "gavel serve --decision-log" "$log_connections" --decision-log "$logs/decisions.log"
fi
rm -f "$logs"/*
serve "gavel serve --decision-log (on tmpfs: no disk)" "$connections" --decision-log /dev/shm/gavel-bench-$$.log
rm -f /dev/shm/gavel-bench-$$.log

cerbos=$peers/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64
if [[ -x $cerbos ]]; then
  "$cerbos" server --config "$peers/cerbos/config.yaml" --set=storage.disk.directory="$peers/cerbos/policies" \
    --debug-listen-addr=127.0.0.1:35966 --log-level=warn > /dev/null 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf http://127.0.0.1:35920/_cerbos/health > /dev/null && break; sleep 0.1; done
  load "Cerbos PDP (CheckResources, 1 resource)" "$connections" http://127.0.0.1:35920 "$peers/cerbos/wrk-check.lua" \
    "$work/cerbos.jsonl"
  kill -TERM "$server"
  wait "$server" || true
  server=
else
  echo "Cerbos PDP: not run: $cerbos is not installed (npm install in $peers downloads it; this script downloads nothing)"
fi
