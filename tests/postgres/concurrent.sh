#!/usr/bin/env bash
# Concurrent sessions under pgbench: four clients on two threads decide FLEXIS and Tilleuls
# traffic, some evicting and compiling policies again as they go, each answer compared in SQL
# with `gavel decide --batch`'s; the run must end with every transaction done and no error.
#   concurrent.sh STATE GAVEL SOURCE
set -euo pipefail
state=$1 gavel=$2 source=$3
# shellcheck disable=SC1090
. "$state"
bindir=$(pg_config --bindir)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=1000
"$bindir/psql" -X -q -d postgres -c 'DROP DATABASE IF EXISTS gavel_pgbench' -c 'CREATE DATABASE gavel_pgbench'
copy_options="(FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
{
  echo 'CREATE EXTENSION gavel;'
  echo 'CREATE TABLE policies (policy text PRIMARY KEY, body text NOT NULL);'
  echo 'CREATE TABLE requests (policy text, line bigint GENERATED ALWAYS AS IDENTITY, request jsonb, PRIMARY KEY (policy, line));'
  echo 'CREATE TABLE responses (policy text, line bigint GENERATED ALWAYS AS IDENTITY, response jsonb, PRIMARY KEY (policy, line));'
  for policy in flexis tilleuls; do
    "$gavel" generate --policy "$source/rules/$policy.gavel" --count $count --seed 21 >"$work/$policy-requests.jsonl"
    "$gavel" decide "$source/rules/$policy.gavel" --batch "$work/$policy-requests.jsonl" >"$work/$policy-responses.jsonl"
    echo "\\set body \`cat '$source/rules/$policy.gavel'\`"
    echo "INSERT INTO policies VALUES ('$policy', :'body');"
    # Each policy's lines numbered from 1.
    echo "ALTER TABLE requests ALTER line RESTART; ALTER TABLE responses ALTER line RESTART;"
    echo "ALTER TABLE requests ALTER policy SET DEFAULT '$policy'; ALTER TABLE responses ALTER policy SET DEFAULT '$policy';"
    echo "\\copy requests (request) FROM '$work/$policy-requests.jsonl' WITH $copy_options"
    echo "\\copy responses (response) FROM '$work/$policy-responses.jsonl' WITH $copy_options"
  done
  echo 'ANALYZE;'
} | "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d gavel_pgbench
"$bindir/pgbench" -n -c 4 -j 2 -t 250 -D count=$count \
  -f "$here/decide.pgbench@3" -f "$here/evict.pgbench@1" gavel_pgbench >"$work/pgbench.out" 2>&1 || {
  cat "$work/pgbench.out"
  echo "pgbench: a client failed (an error, or an answer unlike gavel decide --batch's)" >&2
  exit 1
}
cat "$work/pgbench.out"
grep -q 'number of transactions actually processed: 1000/1000' "$work/pgbench.out" || {
  echo "pgbench: not every transaction was processed" >&2
  exit 1
}
