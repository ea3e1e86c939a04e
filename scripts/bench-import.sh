#!/usr/bin/env bash
# Runs the roster import benchmark and prints its ratios (import time over
# the csv crate's raw read, peak heap over file size, growth with size).
# Sizes may be given: scripts/bench-import.sh 100000 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --quiet -p roundtable --bench import -- "$@" | tee /dev/stderr | grep '^ratio:'
