#!/usr/bin/env bash
# SQL decisions/s against `gavel decide --batch` on the same requests (README, "Inside
# PostgreSQL"): COUNT requests of `gavel generate --seed 42` for rules/flexis.gavel, decided
#  - by `gavel decide --batch` (start-up and policy load included, output to /dev/null);
#  - in one backend, by gavel_allows and by gavel_decide in a scan of a table holding them;
#  - the same with two parallel workers beside the leader;
# each timed RUNS times (psql's \timing, the best run kept), with the scan alone (no decision)
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
best=""
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$gavel" decide rules/flexis.gavel --batch "$work/requests.jsonl" >/dev/null
  t=$(echo "$(date +%s.%N) - $start" | bc)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
echo "gavel decide --batch: $count requests in ${best}s: $(echo "$count / $best" | bc) decisions/s (wall, best of $runs)"

psql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
psql <<SQL
CREATE EXTENSION gavel;
CREATE TABLE requests (line bigint GENERATED ALWAYS AS IDENTITY, request jsonb);
\\copy requests (request) FROM '$work/requests.jsonl' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')
VACUUM ANALYZE requests;
SQL

# The fastest of RUNS runs of a query, in ms.
time_query() {
  local settings=$1 query=$2
  {
    echo "\\set flexis \`cat rules/flexis.gavel\`"
    echo "$settings"
    echo "SELECT count(*) FROM requests;"  # warm the cache
    echo "$query;"  # warm the backend: the policy compiled, the table in memory
    echo '\timing on'
    for _ in $(seq "$runs"); do echo "$query;"; done
  } | psql -A -t | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n | head -1
}
serial="SET max_parallel_workers_per_gather = 0;"
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
report() {
  local what=$1 settings=$2 query=$3 scan_ms=$4
  local ms
  ms=$(time_query "$settings" "$query")
  echo "$what: ${ms} ms: $(echo "$count * 1000 / $ms" | bc) decisions/s; without the scan (${scan_ms} ms): $(echo "$count * 1000 / ($ms - $scan_ms)" | bc) decisions/s"
}
scan_serial=$(time_query "$serial" "SELECT count(*) FILTER (WHERE request ? 'action') FROM requests")
scan_parallel=$(time_query "$parallel" "SELECT count(*) FILTER (WHERE request ? 'action') FROM requests")
echo "the scan alone, one backend: ${scan_serial} ms; with 2 workers: ${scan_parallel} ms"
report "gavel_allows, one backend" "$serial" "SELECT count(*) FILTER (WHERE gavel_allows(:'flexis', request)) FROM requests" "$scan_serial"
report "gavel_decide, one backend" "$serial" "SELECT count(*) FILTER (WHERE gavel_decide(:'flexis', request) ->> 'decision' = 'allow') FROM requests" "$scan_serial"
report "gavel_allows, 2 workers and the leader" "$parallel" "SELECT count(*) FILTER (WHERE gavel_allows(:'flexis', request)) FROM requests" "$scan_parallel"
report "gavel_decide, 2 workers and the leader" "$parallel" "SELECT count(*) FILTER (WHERE gavel_decide(:'flexis', request) ->> 'decision' = 'allow') FROM requests" "$scan_parallel"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
