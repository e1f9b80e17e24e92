#!/usr/bin/env bash
# gavel_obligations sweeps as `gavel sweep` does: the people of COUNT requests of `gavel
# generate` (each request's `subject` and `context`, its line the id), swept on several days by
# both, every obligation compared exactly and in order (id, purpose, data, duty, due, rule,
# title, the rule's line), serially and in parallel workers.
#   sweep_same_as_cli.sh STATE GAVEL SOURCE COUNT
set -euo pipefail
state=$1 gavel=$2 source=$3 count=$4
# shellcheck disable=SC1090
. "$state"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql() { "$(pg_config --bindir)/psql" -X -q -v ON_ERROR_STOP=1 -d gavel_sweep "$@"; }
"$(pg_config --bindir)/psql" -X -q -d postgres -c 'DROP DATABASE IF EXISTS gavel_sweep' -c 'CREATE DATABASE gavel_sweep'
copy_options="(FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
"$gavel" generate --policy "$source/rules/flexis.gavel" --count "$count" --seed 3 >"$work/requests.jsonl"
psql <<SQL
CREATE EXTENSION gavel;
CREATE TABLE requests (line bigint GENERATED ALWAYS AS IDENTITY, request jsonb);
\\copy requests (request) FROM '$work/requests.jsonl' WITH $copy_options
CREATE TABLE people AS
  SELECT line AS id, request -> 'subject' AS subject, coalesce(request -> 'context', '{}') AS context FROM requests;
ANALYZE people;
SQL
# The same people as `gavel sweep` reads them, one JSON line each.
psql -A -t -c "SELECT jsonb_build_object('id', id, 'subject', subject, 'context', context) FROM people ORDER BY id" \
  >"$work/people.jsonl"

compare="SELECT count(*) FROM (
    (SELECT id, n, purpose, data, duty, due, rule, title, line FROM cli
     EXCEPT ALL
     SELECT p.id, o.n, o.purpose, o.data, o.duty, o.due, o.rule, o.title, split_part(o.source, ':', 2)::int
     FROM people p, gavel_obligations(:'policy', p.subject, :'day', p.context) WITH ORDINALITY AS o(purpose, data, duty, due, rule, title, source, cites, n))
    UNION ALL
    (SELECT p.id, o.n, o.purpose, o.data, o.duty, o.due, o.rule, o.title, split_part(o.source, ':', 2)::int
     FROM people p, gavel_obligations(:'policy', p.subject, :'day', p.context) WITH ORDINALITY AS o(purpose, data, duty, due, rule, title, source, cites, n)
     EXCEPT ALL
     SELECT id, n, purpose, data, duty, due, rule, title, line FROM cli)) AS differ"
for day in 2026-12-01 2027-06-30 2031-09-08; do
  "$gavel" sweep "$source/rules/flexis.gavel" "$work/people.jsonl" --on "$day" -j 1 >"$work/sweep.jsonl" 2>"$work/sweep.err"
  result=$(psql -A -t <<SQL
\\set policy \`cat "$source/rules/flexis.gavel"\`
\\set day $day
DROP TABLE IF EXISTS rows, cli;
CREATE TABLE rows (k bigint GENERATED ALWAYS AS IDENTITY, r jsonb);
\\copy rows (r) FROM '$work/sweep.jsonl' WITH $copy_options
CREATE TABLE cli AS
  SELECT (r ->> 'id')::bigint AS id, row_number() OVER (PARTITION BY r ->> 'id' ORDER BY k) AS n, r ->> 'purpose' AS purpose,
         ARRAY(SELECT jsonb_array_elements_text(r -> 'data')) AS data, r ->> 'duty' AS duty, (r ->> 'due')::date AS due,
         r ->> 'rule' AS rule, r ->> 'title' AS title, split_part(r ->> 'source', ':', 2)::int AS line
  FROM rows;
SELECT count(*) FROM cli;
SET max_parallel_workers_per_gather = 0;
$compare;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
$compare;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) $compare;
SQL
)
  read -r rows serial parallel <<<"$(echo $(head -3 <<<"$result"))"
  workers=$(grep -o '"Workers Launched": [0-9]*' <<<"$result" | grep -o '[0-9]*$' | head -1)
  echo "$day: gavel sweep gives $rows obligations for $count people; $serial differ in one backend, $parallel in parallel workers (${workers:-0} launched)"
  if [ "$rows" -eq 0 ] || [ "$serial" != 0 ] || [ "$parallel" != 0 ] || [ "${workers:-0}" -eq 0 ]; then
    cat "$work/sweep.err" >&2
    echo "$day: gavel_obligations does not sweep as gavel sweep" >&2
    exit 1
  fi
done
