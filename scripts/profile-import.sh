#!/usr/bin/env bash
# Where an import's instructions go, by part of the work (parse, decode,
# row reader, values, email and phone checks, duplicates, roster, problems),
# counted by callgrind on one thread, beside the benchmark's floor on the
# same file. Needs valgrind; not part of the tests (a minute a file).
#   scripts/profile-import.sh target/bench-data/roster-100000.csv
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?a roster file, e.g. target/bench-data/roster-100000.csv}
target=target/profile
# Line tables only: the same code, with the source of each instruction
# (inlined code is charged to its own file, not to its caller).
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_TARGET_DIR="$target" \
    cargo build --quiet --release --example import_once -p roundtable
bin="$target/release/examples/import_once"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out/import" "$bin" "$file" --threads 1 >/dev/null 2>&1
valgrind --tool=callgrind --callgrind-out-file="$out/floor" "$bin" "$file" --floor 1 >/dev/null 2>&1
python3 scripts/profile_parts.py "$out/import" "$out/floor"
