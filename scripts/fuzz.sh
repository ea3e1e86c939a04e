#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each) with
# AddressSanitizer (cargo-fuzz's default), from the committed seed corpora
# in fuzz/corpus/. Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly; cargo install cargo-fuzz
#   scripts/fuzz.sh [seconds] [target...]
# A crash leaves its input in fuzz/artifacts/<target>/; fix it and add a
# regression test before committing the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(csv_import json_load validate render ics reply archive)
fi
for target in "${targets[@]}"; do
    echo "== $target ($seconds s)"
    # The run's own corpus goes to a scratch folder: the committed seeds
    # stay as they are.
    scratch="target/fuzz-corpus/$target"
    mkdir -p "$scratch"
    cargo +nightly fuzz run "$target" "$scratch" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 2>&1 \
        | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+==ERROR|SUMMARY)' || true
done
