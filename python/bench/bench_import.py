"""Roster.from_csv against the Rust import, pandas, a csv.DictReader loop and
polars, on the generated roster of the Rust benchmark and on the all-unkind
file of its matrix (Windows-1252, CRLF, 45 % duplicates, job titles in the
role column, quoted multi-line notes, bad emails and phones).

The competitors do the import's checks: trim, NFC, email and phone
patterns, role words, duplicates on case-folded names and organisation.

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
PHONE = re.compile(r"^(\+47 ?|0047 ?)?[2-9]( ?[0-9]){7}$|^\+[1-9]( ?[0-9]){7,14}$")
ROLES = {
    "member", "medlem", "fast medlem", "chair", "leder", "chairperson", "møteleder", "styreleder", "leiar",
    "secretary", "sekretær", "referent", "sekretariat", "guest", "gjest", "observer", "observatør",
    "deputy_chair", "deputy chair", "nestleder", "vice chair", "nestleiar", "nestformann",
    "substitute", "varamedlem", "vara", "varamann", "vararepresentant", "",
}
EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


UNKIND = "matrix-all-unkind--45--duplicates--titles--notes--bad-values--CRLF--Windows-1252--1000000.csv"


def unkind_file() -> Path:
    path = DATA / UNKIND
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["cargo", "run", "--quiet", "--release", "-p", "roundtable", "--example", "gen_roster", "--", "1000000", str(path), "unkind"],
            check=True,
            cwd=ROOT,
        )
    return path


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


ROUNDS = 3


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


def dict_reader(path: Path, encoding: str) -> int:
    """The same checks as the import, in plain Python: trim, NFC, email and
    phone checks, role words, duplicate detection on case-folded names."""
    people: list[tuple[str, str, str, str, str, str]] = []
    seen: dict[tuple[str, str, str], int] = {}
    duplicates = problems = 0
    with open(path, newline="", encoding=encoding) as f:
        for row in csv.DictReader(f, delimiter=";"):
            given = unicodedata.normalize("NFC", row["Fornavn"].strip())
            family = unicodedata.normalize("NFC", row["Etternavn"].strip())
            org = unicodedata.normalize("NFC", row["Organisasjon"].strip())
            email = row["E-post"].strip()
            phone = row["Telefon"].strip()
            role = unicodedata.normalize("NFC", (row.get("Rolle") or "").strip())
            # Like the import, a bad value is reported and the person kept.
            if email and not EMAIL.match(email):
                problems += 1
            if phone and not PHONE.match(phone):
                problems += 1
            if " ".join(role.casefold().split()) not in ROLES:
                problems += 1
            key = (given.casefold(), family.casefold(), org.casefold())
            if key in seen:
                duplicates += 1
            else:
                seen[key] = len(people)
            people.append((given, family, org, email, phone, role))
    return len(people)


def polars_checks(path: Path, encoding: str) -> int:
    import polars as pl

    # polars reads UTF-8 only: another encoding is decoded first, as a
    # polars user would.
    source: Any = path if encoding == "utf-8" else path.read_bytes().decode(encoding).encode()
    df = pl.read_csv(source, separator=";", infer_schema_length=0)
    cols = ["Fornavn", "Etternavn", "Organisasjon"]
    df = df.with_columns([pl.col(c).str.strip_chars().str.normalize("NFC") for c in cols])
    df = df.with_columns([pl.col(c).str.strip_chars() for c in ["E-post", "Telefon"]])
    bad_email = pl.col("E-post").is_not_null() & ~pl.col("E-post").str.contains(EMAIL.pattern)
    bad_phone = pl.col("Telefon").is_not_null() & ~pl.col("Telefon").str.contains(PHONE.pattern)
    checks = [bad_email, bad_phone]
    if "Rolle" in df.columns:
        role = pl.col("Rolle").str.strip_chars().str.normalize("NFC").str.to_lowercase()
        checks.append(role.is_not_null() & ~role.is_in(list(ROLES)))
    problems = int(df.select(pl.sum_horizontal([c.cast(pl.UInt32) for c in checks]).sum()).item())
    keys = df.select([pl.col(c).str.to_lowercase() for c in cols])
    # Like the import, duplicates are found (and counted), not dropped.
    duplicated = int(keys.is_duplicated().sum())
    assert duplicated >= 0 and problems >= 0
    return int(df.height)


def compare(label: str, path: Path, encoding: str) -> None:
    """Times every importer on one 1,000,000-row file and prints the
    ratios, measured in one run: in rounds, each importer once a round (the
    Rust import and ours twice), best of each, so that a slow stretch of a
    shared machine falls on all of them alike."""
    import pandas as pd  # type: ignore[import-untyped]

    n = len(roundtable.Roster.from_csv(path))
    assert n == 1_000_000, n
    assert dict_reader(path, encoding) == n
    assert polars_checks(path, encoding) == n
    importers: dict[str, Callable[[], float]] = {
        "rust": lambda: rust_import_ms(path, 2) / 1e3,
        "roundtable": lambda: best(2, lambda: roundtable.Roster.from_csv(path)),
        "pandas": lambda: best(1, lambda: pd.read_csv(path, sep=";", dtype=str, encoding=encoding)),
        "dictreader": lambda: best(1, lambda: dict_reader(path, encoding)),
        "polars": lambda: best(1, lambda: polars_checks(path, encoding)),
    }
    results = {name: float("inf") for name in importers}
    for _ in range(ROUNDS):
        for name, run in importers.items():
            results[name] = min(results[name], run())
    print(f"{label} ({path.stat().st_size / 1e6:.1f} MB, {encoding}):")
    for name, seconds in results.items():
        print(f"1,000,000 rows: {name:>10} {seconds * 1e3:9.1f} ms")
    print(f"ratio: {label}: Roster.from_csv / Rust import = {results['roundtable'] / results['rust']:.2f} (target <= 1.15)")
    print(f"ratio: {label}: csv.DictReader loop / Roster.from_csv = {results['dictreader'] / results['roundtable']:.2f} (target >= 10)")
    print(f"ratio: {label}: polars with checks / Roster.from_csv = {results['polars'] / results['roundtable']:.2f} (target >= 2.5)")
    print(f"ratio: {label}: pandas.read_csv (no checks) / Roster.from_csv = {results['pandas'] / results['roundtable']:.2f}")


def whole_process(code: str, runs: int) -> float:
    return best(runs, lambda: subprocess.run([sys.executable, "-c", code], check=True))


def main() -> None:
    import pandas as pd

    big = roster_file(1_000_000)
    small = roster_file(100_000)
    print(f"files: {big} ({big.stat().st_size / 1e6:.1f} MB), {small} ({small.stat().st_size / 1e6:.1f} MB)")

    for label, path, encoding in [
        ("the benchmark's own file", big, "utf-8"),
        ("the all-unkind file", unkind_file(), "cp1252"),
    ]:
        compare(label, path, encoding)

    ours = whole_process(f"import roundtable; roundtable.Roster.from_csv({str(small)!r})", 5)
    theirs = whole_process(f"import pandas; pandas.read_csv({str(small)!r}, sep=';', dtype=str)", 5)
    print(f"100,000 rows, whole processes: roundtable {ours * 1e3:.0f} ms, pandas.read_csv {theirs * 1e3:.0f} ms")
    print(f"ratio: pandas process / roundtable process = {theirs / ours:.2f} (target > 1)")
    print(f"(best of several runs; python {sys.version.split()[0]}, roundtable {roundtable.__version__}, pandas {pd.__version__})")


if __name__ == "__main__":
    main()
