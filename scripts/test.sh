#!/usr/bin/env bash
# Every test: builds with warnings as errors (and the PostgreSQL extension), then runs the whole
# ctest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
GAVEL_BUILD=${GAVEL_BUILD:-build} scripts/build.sh -DGAVEL_WERROR=ON -DGAVEL_POSTGRES=ON
ctest --test-dir "${GAVEL_BUILD:-build}" --output-on-failure -j"$(nproc)"
