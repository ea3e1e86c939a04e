#!/usr/bin/env bash
# The inbox's speed (issue 29): one 20 kB HTML contribution, and 10,000
# messages of an mbox beside Python's email package on the same file, in one
# run. Release build; not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release --locked -p roundtable --example inbox_bench
