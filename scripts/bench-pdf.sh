#!/usr/bin/env bash
# The PDF documents' speed (issue 30): the seed's minutes beside WeasyPrint
# (PDF/A-2b of the same HTML, in one Python process), and the growth from a
# 500-item meeting to ten times its content, in one run. Release build, one
# core; not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -c "import weasyprint" 2>/dev/null || .venv/bin/python -m pip install --quiet weasyprint
cargo build --quiet --release --locked -p roundtable --example pdf_bench
PYTHON=.venv/bin/python taskset -c 0 target/release/examples/pdf_bench
