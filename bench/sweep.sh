#!/usr/bin/env bash
# gavel sweep on N generated people (default 1,000,000): the time per person and the
# projection to 100 million, with the arithmetic. Each sweep is run once on one thread and
# once on every core; the load average is printed before and after, as the machine may be
# shared.
#
#   bench/sweep.sh [N]            # GAVEL=build/gavel POLICY=rules/flexis.gavel DAY=2026-12-01
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
[[ $n =~ ^[0-9]+$ ]] || { echo "sweep.sh: N must be a number, not \`$n\`" >&2; exit 2; }
gavel=${GAVEL:-build/gavel}
policy=${POLICY:-rules/flexis.gavel}
day=${DAY:-2026-12-01}
cores=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$gavel" generate --subjects "$n" --seed 16 --policy "$policy" --output "$work/subjects.jsonl"
echo "input: $n people, $(stat -c %s "$work/subjects.jsonl") bytes ($policy, gavel generate --subjects $n --seed 16)"

# Prints: wall seconds, CPU seconds (user + system), peak RSS in KiB.
run() {
  local threads=$1 format=$2
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "$gavel" sweep "$policy" --on "$day" "$work/subjects.jsonl" --threads "$threads" --format "$format" \
    --output "$work/due.$format" 2> "$work/summary"
  read -r wall user sys rss < "$work/time"
  echo "$wall $(echo "$user + $sys" | bc -l) $rss"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($cores cores)"
for threads in 1 "$cores"; do
  read -r wall cpu rss < <(run "$threads" json)
  rows=$(wc -l < "$work/due.json")
  echo
  echo "--threads $threads: $wall s wall, $cpu s CPU, peak RSS $rss KiB; $(tail -1 "$work/summary" | sed 's/^gavel: //')"
  echo "  rows: $rows, $(stat -c %s "$work/due.json") bytes of JSON lines"
  echo "  per person: $wall s / $n = $(echo "scale=3; $wall * 1000000 / $n" | bc -l) µs wall, $(echo "scale=3; $cpu * 1000000 / $n" | bc -l) µs CPU"
  echo "  100 million people: $(echo "scale=3; $wall * 1000000 / $n" | bc -l) µs × 10^8 = $(echo "scale=0; $wall * 100000000 / $n" | bc -l) s wall = $(echo "scale=1; $wall * 100000000 / $n / 60" | bc -l) min at this rate; CPU $(echo "scale=3; $cpu * 1000000 / $n" | bc -l) µs × 10^8 = $(echo "scale=0; $cpu * 100000000 / $n" | bc -l) s = $(echo "scale=1; $cpu * 100000000 / $n / 60" | bc -l) core-minutes"
done
read -r wall cpu rss < <(run "$cores" csv)
echo
echo "--threads $cores --format csv: $wall s wall, $cpu s CPU"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
