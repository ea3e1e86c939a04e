#!/usr/bin/env bash
# Runs every fuzz target from the committed seed corpora in fuzz/corpus/,
# with the dictionary of its format (fuzz/dict/), under AddressSanitizer
# (cargo-fuzz's default). Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly; cargo install cargo-fuzz
#
#   scripts/fuzz.sh [seconds] [target...]     a smoke: each target for a
#                                             bounded time (default 60 s)
#   RUNS=1000000 scripts/fuzz.sh 0 reply      to depth: a number of inputs,
#                                             without a sanitizer (the core
#                                             forbids unsafe code; a panic
#                                             or an assertion is the find),
#                                             2-3 times as many a second
#
# Each run ends with its figures: inputs run, inputs a second, coverage
# (libFuzzer's edges, "cov") and features ("ft"), peak memory. A crash
# leaves its input in fuzz/artifacts/<target>/; fix it and add a regression
# test before committing the corpus. Not part of CI: its 15 minutes are for
# the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(csv_import json_load validate render pdf ics reply receive archive)
fi
dict_of() {
    case "$1" in
        csv_import) echo csv ;;
        json_load) echo json ;;
        reply) echo "ics mime" ;;
        receive) echo "mime ics" ;;
        # The meeting targets cut their input into the seed meeting's texts:
        # the words of a document's text are Markdown and HTML's.
        *) echo "json mime" ;;
    esac
}
mkdir -p target/fuzz-dict
for target in "${targets[@]}"; do
    dict="target/fuzz-dict/$target.dict"
    for d in $(dict_of "$target"); do cat "fuzz/dict/$d.dict"; done > "$dict"
    limit=(-max_total_time="$seconds")
    sanitizer=address
    if [ -n "${RUNS:-}" ]; then
        limit=(-runs="$RUNS")
        sanitizer=none
    fi
    echo "== $target (${RUNS:-$seconds s}${RUNS:+ runs})"
    # The run's own corpus goes to a scratch folder: the committed seeds
    # stay as they are.
    scratch="target/fuzz-corpus/$target"
    mkdir -p "$scratch"
    log="target/fuzz-$target.log"
    cargo +nightly fuzz run -O -s "$sanitizer" "$target" "$scratch" "fuzz/corpus/$target" -- \
        "${limit[@]}" -dict="$dict" -rss_limit_mb=4096 -print_final_stats=1 \
        >"$log" 2>&1 || true
    grep -E '==[0-9]+==ERROR|^SUMMARY|panicked' "$log" || true
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    cov=$(grep -oE "cov: [0-9]+ ft: [0-9]+" "$log" | tail -1 || true)
    # libFuzzer's own clock ("Done N runs in S second(s)"): the build
    # before it is not the fuzzing.
    took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
    awk -v r="${runs:-0}" -v s="${took:-0}" -v c="$cov" -v m="$rss" \
        'BEGIN { printf "%s inputs in %d s (%.0f a second), %s, peak %s MB\n", r, s, (s > 0 ? r / s : 0), c, m }'
done
