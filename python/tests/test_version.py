"""One version everywhere: the module, the package metadata, `-m roundtable`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import roundtable

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_the_module_has_the_package_version() -> None:
    assert f'\nversion = "{roundtable.__version__}"\n' in PYPROJECT.read_text(encoding="utf-8")


def test_python_m_roundtable_prints_the_version() -> None:
    done = subprocess.run([sys.executable, "-m", "roundtable", "--version"], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, f"roundtable {roundtable.__version__}\n")
    wrong = subprocess.run([sys.executable, "-m", "roundtable", "--frob"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "usage" in wrong.stderr
