#!/usr/bin/env bash
# SQL decisions/s against `gavel decide --batch` on the same requests (README, "Inside
# PostgreSQL"): COUNT requests of `gavel generate --seed 42` for rules/flexis.gavel, decided
#  - by `gavel decide --batch` (start-up and policy load included, output to /dev/null);
#  - in one backend, by gavel_allows and by gavel_decide in a scan of a table holding them;
#  - the same with two parallel workers beside the leader;
# each timed RUNS times (psql's \timing and the backend's CPU time, the best run kept), with the scan
# and the jsonb-to-text conversion alone (no decision)
# timed too, so that what the decisions cost can be told from what reading the rows costs.
# Starts its own throwaway cluster (tests/postgres/cluster.sh) and removes it at the end.
#   bench/postgres.sh [BUILD] [COUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build} count=${2:-100000} runs=${3:-3}
gavel=$build/gavel
bindir=$(pg_config --bindir)
work=$(mktemp -d)
chmod 755 "$work"
state=$work/cluster.env
trap 'tests/postgres/cluster.sh stop "$state"; rm -rf "$work"' EXIT
tests/postgres/cluster.sh start "$build" "$state"
# shellcheck disable=SC1090
. "$state"

"$gavel" generate --count "$count" --seed 42 >"$work/requests.jsonl"
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%e %U %S' -o "$work/time.out" "$gavel" decide rules/flexis.gavel --batch "$work/requests.jsonl" >/dev/null 2>&1
  cat "$work/time.out"
done >"$work/cli.out"
wall=$(awk '{print $1}' "$work/cli.out" | sort -n | head -1)
cpu_s=$(awk '{print $2 + $3}' "$work/cli.out" | sort -n | head -1)
echo "gavel decide --batch: $count requests in ${wall} s: $(echo "$count / $wall" | bc) decisions/s; ${cpu_s} s of CPU: $(echo "$count / $cpu_s" | bc) decisions/s a CPU second (start-up and policy load included, best of $runs)"

psql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
psql <<SQL
CREATE EXTENSION gavel;
CREATE TABLE requests (line bigint GENERATED ALWAYS AS IDENTITY, request jsonb);
\\copy requests (request) FROM '$work/requests.jsonl' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')
VACUUM ANALYZE requests;
SQL

# RUNS runs of a query: the fastest by the clock, in ms, and the fastest by the CPU time of the
# backend (/proc/self/stat, in ticks of 10 ms; the leader's alone: not its workers').
cpu="SELECT 'cpu', (split_part(pg_read_file('/proc/self/stat'), ' ', 14)::int + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::int) * 10;"
time_query() {
  local settings=$1 query=$2
  {
    echo "\\set flexis \`cat rules/flexis.gavel\`"
    echo "$settings"
    echo "SELECT count(*) FROM requests;"  # the table in memory
    echo "$query;"  # the policy compiled
    for _ in $(seq "$runs"); do
      echo "$cpu"
      echo '\timing on'
      echo "$query;"
      echo '\timing off'
      echo "$cpu"
    done
  } | psql -A -t -F ' ' >"$work/timed.out"
  local wall cpu_ms
  wall=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$work/timed.out" | sort -n | head -1)
  cpu_ms=$(sed -n 's/^cpu //p' "$work/timed.out" | paste - - | awk '{print $2 - $1}' | sort -n | head -1)
  echo "$wall $cpu_ms"
}
serial="SET max_parallel_workers_per_gather = 0;"
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
rate() { echo "$count * 1000 / $1" | bc; }
report() {
  local what=$1 settings=$2 query=$3
  local wall cpu_ms
  read -r wall cpu_ms <<<"$(time_query "$settings" "$query")"
  if [ "$settings" = "$serial" ]; then
    echo "$what: ${wall} ms: $(rate "$wall") rows/s; ${cpu_ms} ms of CPU: $(rate "$cpu_ms") rows/s a CPU second"
  else
    echo "$what: ${wall} ms: $(rate "$wall") rows/s"
  fi
}
report "the scan alone (no decision), one backend" "$serial" "SELECT count(*) FILTER (WHERE request ? 'action') FROM requests"
report "the request's JSON text alone (jsonb to text, no decision), one backend" "$serial" "SELECT count(*) FILTER (WHERE length(request::text) > 0) FROM requests"
report "gavel_allows, one backend" "$serial" "SELECT count(*) FILTER (WHERE gavel_allows(:'flexis', request)) FROM requests"
report "gavel_decide, one backend" "$serial" "SELECT count(*) FILTER (WHERE gavel_decide(:'flexis', request) ->> 'decision' = 'allow') FROM requests"
report "gavel_allows, 2 workers and the leader" "$parallel" "SELECT count(*) FILTER (WHERE gavel_allows(:'flexis', request)) FROM requests"
report "gavel_decide, 2 workers and the leader" "$parallel" "SELECT count(*) FILTER (WHERE gavel_decide(:'flexis', request) ->> 'decision' = 'allow') FROM requests"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
