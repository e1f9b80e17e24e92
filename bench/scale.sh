#!/usr/bin/env bash
# Scale-out in miniature (docs/scale.md): the subjects of COUNT requests of `gavel generate
# --seed 42` (each request's `subject` and `context`, the person's id its line), swept for the
# obligations due on DAY with gavel_obligations
#  - on one server holding them all, in one backend;
#  - on two servers on loopback, each holding half of them (distributed by id: even ids on the
#    first, odd on the second), swept at the same time, one backend each;
# each RUNS times, the best kept. Both servers are throwaway clusters (tests/postgres/cluster.sh).
#   bench/scale.sh [BUILD] [COUNT] [RUNS] [DAY]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build} count=${2:-200000} runs=${3:-3} day=${4:-2026-12-01}
bindir=$(pg_config --bindir)
work=$(mktemp -d)
chmod 755 "$work"
trap 'tests/postgres/cluster.sh stop "$work/a.env"; tests/postgres/cluster.sh stop "$work/b.env"; rm -rf "$work"' EXIT
tests/postgres/cluster.sh start "$build" "$work/a.env"
tests/postgres/cluster.sh start "$build" "$work/b.env"
"$build/gavel" generate --count "$count" --seed 42 >"$work/requests.jsonl"

on() {  # on SERVER psql-arguments...: psql on server a or b
  local server=$1
  shift
  (
    # shellcheck disable=SC1090
    . "$work/$server.env"
    "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"
  )
}
load() {  # load SERVER WHERE: the people of the requests whose line matches WHERE
  on "$1" <<SQL
CREATE EXTENSION IF NOT EXISTS gavel;
CREATE TABLE IF NOT EXISTS requests (line bigint GENERATED ALWAYS AS IDENTITY, request jsonb);
TRUNCATE requests RESTART IDENTITY;
\\copy requests (request) FROM '$work/requests.jsonl' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')
DROP TABLE IF EXISTS people;
CREATE TABLE people AS
  SELECT line AS id, request -> 'subject' AS subject, coalesce(request -> 'context', '{}') AS context
  FROM requests WHERE $2;
ALTER TABLE people ADD PRIMARY KEY (id);
DROP TABLE requests;
VACUUM ANALYZE people;
SQL
}
# The backend's CPU time in ms (/proc/self/stat, ticks of 10 ms).
cpu="SELECT 'cpu', (split_part(pg_read_file('/proc/self/stat'), ' ', 14)::int + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::int) * 10;"
# The policy compiled and the table read once first; then the sweep, between two readings of
# the clock (the same clock for both servers, on one machine).
sweep_sql="\\set flexis \`cat rules/flexis.gavel\`
SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM people p, gavel_obligations(:'flexis', p.subject, '$day', p.context) o WHERE p.id < 100;
SELECT count(*) FROM people;
SELECT 'start', extract(epoch FROM clock_timestamp());
$cpu
\\timing on
SELECT count(*) FROM people p, gavel_obligations(:'flexis', p.subject, '$day', p.context) o;
\\timing off
$cpu
SELECT 'end', extract(epoch FROM clock_timestamp());"
ms_of() { sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$1" | tail -1; }
cpu_of() { sed -n 's/^cpu|//p' "$1" | paste - - | awk '{print $2 - $1}'; }
best() { sort -n | head -1; }

# One server holding every person.
load a "true"
people_a=$(on a -A -t -c 'SELECT count(*) FROM people')
one=$(for _ in $(seq "$runs"); do
  echo "$sweep_sql" | on a -A -t >"$work/one.out"
  echo "one server, a run: $(ms_of "$work/one.out") ms, $(cpu_of "$work/one.out") ms of CPU" >&2
  ms_of "$work/one.out"
done | best)
due_all=$(sed -n 5p "$work/one.out")
echo "one server: $people_a people, $due_all obligations due on $day, swept in $one ms: $(echo "scale=2; $one * 1000 / $people_a" | bc) us a person (wall, the best run)"

# Two servers, half each, swept at once: the wall time from the first start to the last end.
load a "line % 2 = 0"
load b "line % 2 = 1"
people_a=$(on a -A -t -c 'SELECT count(*) FROM people')
people_b=$(on b -A -t -c 'SELECT count(*) FROM people')
clock() { sed -n "s/^$1|//p" "$2"; }
two=$(for _ in $(seq "$runs"); do
  echo "$sweep_sql" | on a -A -t >"$work/a.out" &
  echo "$sweep_sql" | on b -A -t >"$work/b.out" &
  wait
  first=$( (clock start "$work/a.out"; clock start "$work/b.out") | sort -n | head -1)
  last=$( (clock end "$work/a.out"; clock end "$work/b.out") | sort -n | tail -1)
  wall=$(echo "scale=3; ($last - $first) * 1000 / 1" | bc)
  echo "two servers, a run: $wall ms wall; $(ms_of "$work/a.out") and $(ms_of "$work/b.out") ms in each backend, $(cpu_of "$work/a.out") and $(cpu_of "$work/b.out") ms of CPU" >&2
  echo "$wall"
done | best)
due_a=$(sed -n 5p "$work/a.out") due_b=$(sed -n 5p "$work/b.out")
echo "two servers: $people_a + $people_b people, $due_a + $due_b obligations due, swept in $two ms wall (the best run; from the first start to the last end, read on the servers' clock)"
echo "speed-up: $(echo "scale=2; $one / $two" | bc)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
