"""Imports release the GIL: two threads at once give what one gives, and
Python code runs meanwhile."""

from __future__ import annotations

import threading
from pathlib import Path

import roundtable


def big_roster(path: Path, rows: int) -> Path:
    lines = ["Fornavn;Etternavn;Organisasjon;E-post;Telefon"]
    for i in range(rows):
        lines.append(f"Given{i} Ø;Family{i % 997}-Å;Kommune {i % 13};g{i}@x.no;+47 412 03 424")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_threads_importing_at_once_give_the_same_result_as_one(tmp_path: Path) -> None:
    path = big_roster(tmp_path / "roster.csv", 60_000)
    alone = roundtable.Roster.from_csv(path)
    results: list[roundtable.Roster] = []

    def work() -> None:
        results.append(roundtable.Roster.from_csv(path, threads=1))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2
    assert results[0] == results[1] == alone
    assert len(alone) == 60_000


def test_python_code_runs_while_an_import_works(tmp_path: Path) -> None:
    path = big_roster(tmp_path / "roster.csv", 200_000)
    done = threading.Event()
    ticks = [0]

    def count() -> None:
        while not done.is_set():
            ticks[0] += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        before = ticks[0]
        roster = roundtable.Roster.from_csv(path, threads=1)
        during = ticks[0] - before
    finally:
        done.set()
        counter.join()
    assert len(roster) == 200_000
    # With the GIL held the counter would stand still for the whole import.
    assert during > 10_000, during
