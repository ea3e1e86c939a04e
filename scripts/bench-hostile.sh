#!/usr/bin/env bash
# The inputs that were once quadratic (or worse), each timed at n and 2n in
# one run; "growth" near 2 is linear. Release build; not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release --locked -p roundtable --example hostile_bench
