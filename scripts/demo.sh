#!/usr/bin/env bash
# The main job on the bundled policy: check rules/flexis.gavel, then decide example requests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/build.sh
gavel=build/gavel

echo "== gavel check rules/flexis.gavel"
$gavel check rules/flexis.gavel
for request in examples/requests/*.json; do
  echo
  echo "== gavel decide rules/flexis.gavel $request --explain"
  $gavel decide rules/flexis.gavel "$request" --explain || true  # a malformed example exits 2, on purpose
done
