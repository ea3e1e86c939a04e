#!/usr/bin/env bash
# The Python benchmark: builds the module in release mode into .venv,
# installs pandas and polars there, and prints times and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade "maturin>=1.7,<2" pandas polars
(cd python && ../.venv/bin/maturin develop --quiet --release --locked)
.venv/bin/python python/bench/bench_import.py
