#!/usr/bin/env bash
# A policy of N deny rules that all stand for bench/whynot-request.json, the worst case for
# `gavel decide --why-not`: no change of one or two facts allows it, so every single change
# and every pair is decided. The same policy as whynot_policy() in bench/bench_support.cpp:
# rule i denies always (i % 3 == 0), on a condition that always holds (1), or on one that a
# change lifts (2: "no country", "country FR" or "assert standard_contractual_clauses").
#
#   bench/whynot-policy.sh 20000 > /tmp/p.gavel
#   time gavel decide /tmp/p.gavel bench/whynot-request.json --why-not
set -euo pipefail
n=${1:?usage: bench/whynot-policy.sh RULES}
[[ $n =~ ^[0-9]+$ ]] || { echo "whynot-policy.sh: RULES must be a number, not \`$n\`" >&2; exit 2; }
cat << 'HEAD'
controller "Why not" { established in home }
countries home "Home" { FR }
countries adequate "Adequate" { CH, JP }
category c "Data"
category e "Extra"
date d "Date"
recipient crm "CRM" { activity "CRM" receives c }
group g "Group" { p }
purpose p "P" { basis legitimate_interest data c retain 1 year after d }
HEAD
awk -v n="$n" 'BEGIN {
  for (i = 0; i < n; i++) {
    printf "rule r%d \"Denies %d\" cites \"A\" deny disclose", i, i
    if (i % 3 == 1) printf " when basis is legitimate_interest"
    if (i % 3 == 2) printf " when country outside home unless standard_contractual_clauses"
    printf "\n"
  }
}'
