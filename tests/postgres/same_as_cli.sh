#!/usr/bin/env bash
# The extension decides as `gavel decide --batch` does: COUNT requests of `gavel generate` for
# each rule file, decided by both, compared exactly (jsonb equality: every key and value, in any
# order of keys), serially and in parallel workers, with gavel_allows checked against each
# decision.
#   same_as_cli.sh STATE GAVEL SOURCE COUNT
set -euo pipefail
state=$1 gavel=$2 source=$3 count=$4
# shellcheck disable=SC1090
. "$state"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql() { "$(pg_config --bindir)/psql" -X -q -v ON_ERROR_STOP=1 -d gavel_cli "$@"; }
"$(pg_config --bindir)/psql" -X -q -d postgres -c 'DROP DATABASE IF EXISTS gavel_cli' -c 'CREATE DATABASE gavel_cli'
psql -c 'CREATE EXTENSION gavel'
# COPY with a quote and a delimiter no JSON line holds: each line one value, as written.
copy_options="(FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
compare="SELECT count(*) FILTER (WHERE gavel_decide(:'policy', q.request) IS DISTINCT FROM r.response) AS differ,
  count(*) FILTER (WHERE gavel_allows(:'policy', q.request) IS DISTINCT FROM (r.response ->> 'decision' = 'allow')) AS allows_differ,
  count(*) FILTER (WHERE r.response ->> 'decision' = 'allow') AS allowed, count(*) AS decided
  FROM requests q JOIN responses r USING (line)"
for policy in flexis tilleuls valsaone; do
  "$gavel" generate --policy "$source/rules/$policy.gavel" --count "$count" --seed 16 >"$work/requests.jsonl"
  "$gavel" decide "$source/rules/$policy.gavel" --batch "$work/requests.jsonl" >"$work/responses.jsonl"
  result=$(psql -A -t -F ' ' <<SQL
\\set policy \`cat "$source/rules/$policy.gavel"\`
DROP TABLE IF EXISTS requests, responses;
CREATE TABLE requests (line bigint GENERATED ALWAYS AS IDENTITY, request jsonb);
CREATE TABLE responses (line bigint GENERATED ALWAYS AS IDENTITY, response jsonb);
\\copy requests (request) FROM '$work/requests.jsonl' WITH $copy_options
\\copy responses (response) FROM '$work/responses.jsonl' WITH $copy_options
ANALYZE requests;
$compare;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
$compare;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) $compare;
SQL
)
  read -r differ allows_differ allowed decided pdiffer pallows_differ pallowed pdecided <<<"$(echo $(head -2 <<<"$result"))"
  workers=$(grep -o '"Workers Launched": [0-9]*' <<<"$result" | grep -o '[0-9]*$' | head -1)
  echo "$policy: $decided requests ($allowed allowed): $differ responses and $allows_differ gavel_allows differ in one backend; in parallel workers ($workers launched), $pdecided decided, $pdiffer and $pallows_differ differ"
  if [ "${workers:-0}" -eq 0 ]; then
    echo "$policy: no parallel worker was launched" >&2
    exit 1
  fi
  if [ "$decided" != "$count" ] || [ "$pdecided" != "$count" ] || [ "$differ$allows_differ$pdiffer$pallows_differ" != 0000 ]; then
    echo "$policy: the extension does not decide as gavel decide --batch" >&2
    exit 1
  fi
done
