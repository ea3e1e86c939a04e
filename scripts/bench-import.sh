#!/usr/bin/env bash
# Runs the roster import benchmark and prints its ratios (import time over
# the csv crate's raw read, peak heap over file size, growth with size).
# Sizes may be given: scripts/bench-import.sh 100000 1000000
# The matrix of unkind files (duplicates 1/10/45 %, job titles as roles,
# NFD, quoted multi-line fields, bad values, CRLF, Windows-1252, all at
# once): scripts/bench-import.sh matrix
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --quiet -p roundtable --bench import -- "$@" | tee /dev/stderr | grep '^ratio:'
