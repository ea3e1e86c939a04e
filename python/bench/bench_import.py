"""Roster.from_csv against the Rust import, pandas, a csv.DictReader loop and
polars, on the generated roster of the Rust benchmark.

Run through scripts/bench-python.sh, which builds the module in release
mode and installs pandas and polars into the venv. Prints the times and the
ratios; a benchmark, not a test.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Callable

import roundtable

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "target" / "bench-data"
EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def roster_file(rows: int) -> Path:
    path = DATA / f"roster-{rows}.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["cargo", "run", "--quiet", "--release", "-p", "roundtable", "--example", "gen_roster", "--", str(rows), str(path)],
            check=True,
            cwd=ROOT,
        )
    return path


def best(runs: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def rust_import_ms(path: Path, runs: int) -> float:
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "roundtable", "--example", "import_once", "--", str(path), "--runs", str(runs)],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"best of \d+: ([0-9.]+) ms", out)
    assert match, out
    return float(match.group(1))


def dict_reader(path: Path) -> int:
    """The same checks as the import, in plain Python: trim, NFC, email
    check, duplicate detection on case-folded names."""
    people = []
    seen: dict[tuple[str, str, str], int] = {}
    duplicates = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            given = unicodedata.normalize("NFC", row["Fornavn"].strip())
            family = unicodedata.normalize("NFC", row["Etternavn"].strip())
            org = unicodedata.normalize("NFC", row["Organisasjon"].strip())
            email = row["E-post"].strip()
            phone = row["Telefon"].strip()
            if email and not EMAIL.match(email):
                continue
            key = (given.casefold(), family.casefold(), org.casefold())
            if key in seen:
                duplicates += 1
            else:
                seen[key] = len(people)
            people.append((given, family, org, email, phone))
    return len(people)


def polars_checks(path: Path) -> int:
    import polars as pl

    df = pl.read_csv(path, separator=";", infer_schema_length=0)
    cols = ["Fornavn", "Etternavn", "Organisasjon"]
    df = df.with_columns([pl.col(c).str.strip_chars().str.normalize("NFC") for c in cols])
    df = df.with_columns(pl.col("E-post").str.strip_chars())
    ok = df.filter(pl.col("E-post").is_null() | pl.col("E-post").str.contains(EMAIL.pattern))
    keys = ok.select([pl.col(c).str.to_lowercase() for c in cols])
    # Like the import, duplicates are found (and counted), not dropped.
    duplicated = int(keys.is_duplicated().sum())
    assert duplicated >= 0
    return int(ok.height)


def whole_process(code: str, runs: int) -> float:
    return best(runs, lambda: subprocess.run([sys.executable, "-c", code], check=True))


def main() -> None:
    import pandas as pd

    results: dict[str, float] = {}
    big = roster_file(1_000_000)
    small = roster_file(100_000)
    print(f"files: {big} ({big.stat().st_size / 1e6:.1f} MB), {small} ({small.stat().st_size / 1e6:.1f} MB)")

    n = len(roundtable.Roster.from_csv(big))
    assert n == 1_000_000, n
    results["rust"] = rust_import_ms(big, 5) / 1e3
    results["roundtable"] = best(5, lambda: roundtable.Roster.from_csv(big))
    results["pandas"] = best(3, lambda: pd.read_csv(big, sep=";", dtype=str))
    results["dictreader"] = best(1, lambda: dict_reader(big))
    results["polars"] = best(3, lambda: polars_checks(big))
    for name, seconds in results.items():
        print(f"1,000,000 rows: {name:>10} {seconds * 1e3:9.1f} ms")
    print(f"ratio: Roster.from_csv / Rust import = {results['roundtable'] / results['rust']:.2f} (target <= 1.15)")
    print(f"ratio: csv.DictReader loop / Roster.from_csv = {results['dictreader'] / results['roundtable']:.1f} (target >= 10)")
    print(f"ratio: polars with checks / Roster.from_csv = {results['polars'] / results['roundtable']:.1f} (target >= 2.5)")
    print(f"ratio: pandas.read_csv (no checks) / Roster.from_csv = {results['pandas'] / results['roundtable']:.1f}")

    ours = whole_process(f"import roundtable; roundtable.Roster.from_csv({str(small)!r})", 5)
    theirs = whole_process(f"import pandas; pandas.read_csv({str(small)!r}, sep=';', dtype=str)", 5)
    print(f"100,000 rows, whole processes: roundtable {ours * 1e3:.0f} ms, pandas.read_csv {theirs * 1e3:.0f} ms")
    print(f"ratio: pandas process / roundtable process = {theirs / ours:.2f} (target > 1)")
    print(f"(best of several runs; python {sys.version.split()[0]}, roundtable {roundtable.__version__}, pandas {pd.__version__})")


if __name__ == "__main__":
    main()
