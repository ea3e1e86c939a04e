#!/usr/bin/env bash
# Runs the roster import benchmark and prints its ratios (import time over
# the csv crate's raw read, peak heap over file size, growth with size).
# Sizes may be given: scripts/bench-import.sh 100000 1000000
# The matrix of unkind files (duplicates 1/10/45 %, job titles as roles,
# NFD, quoted multi-line fields, bad values, CRLF, Windows-1252, all at
# once): scripts/bench-import.sh matrix (its all-traits file alone:
# scripts/bench-import.sh all-traits)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --quiet -p roundtable --bench import -- "$@" | tee /dev/stderr | grep '^ratio:'
# The all-traits files of the matrix, imported each in a process of its
# own: the peak resident memory beside the file's size (the benchmark's
# counting allocator counts what is asked for, room checks included).
if [ "${1:-}" = matrix ] || [ "${1:-}" = all-traits ]; then
    cargo build --quiet --release -p roundtable --example import_once
    for f in target/bench-data/matrix-all-unkind-*.csv; do
        size=$(stat -c %s "$f")
        kb=$(target/release/examples/import_once "$f" | sed -n 's/^peak resident: \([0-9]*\) kB$/\1/p')
        rows=${f##*-}
        python3 -c "print(f'ratio: peak-resident/file-size, all-traits file of ${rows%.csv} rows = {$kb * 1024 / $size:.2f} ({$kb / 1024:.0f} MB resident, {$size / 1e6:.0f} MB file)')"
    done
fi
