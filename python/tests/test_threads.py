"""Imports release the GIL: two threads at once give what one gives, and
Python code runs meanwhile."""

from __future__ import annotations

import copy
import pickle
import threading
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

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


def _operations(data: Path) -> dict[str, Callable[[roundtable.Meeting], object]]:
    """Every public method and property of a meeting and its live lists,
    each as a call on the meeting: readers, writers and the work that
    releases the GIL."""
    reply = (data / "replies" / "google-accepted.ics").read_bytes()
    people = roundtable.Roster.from_csv(data / "roster-seed.tsv")
    start = datetime(2024, 11, 7, 9, 0, tzinfo=timezone.utc)
    end = datetime(2024, 11, 7, 11, 0, tzinfo=timezone.utc)

    def set_family(m: roundtable.Meeting) -> None:
        m.roster[5].family_name = "Nordmann"

    def grow_agenda(m: roundtable.Meeting) -> None:
        m.agenda.append(roundtable.AgendaItem("99", "Eventuelt", kind="information"))
        m.agenda.pop()

    def grow_contributions(m: roundtable.Meeting) -> None:
        m.contributions.append(roundtable.Contribution("Asker kommune", "Tekst"))
        del m.contributions[-1]

    def set_title(m: roundtable.Meeting) -> None:
        m.title = "Møte i faggruppen"

    def set_roster(m: roundtable.Meeting) -> None:
        m.roster = people

    def set_notice(m: roundtable.Meeting) -> None:
        m.notice_date = date(2024, 10, 24)

    return {
        "to_json": lambda m: m.to_json(),
        "to_dict": lambda m: m.to_dict(),
        "to_ics": lambda m: m.to_ics(dtstamp=start),
        "render": lambda m: m.render("minutes", format="html"),
        "validate": lambda m: m.validate(),
        "validate_for_archive": lambda m: m.validate_for_archive(),
        "to_archive": lambda m: m.to_archive("arkivmelding"),
        "apply_reply": lambda m: m.apply_reply(reply, now=end),
        "apply_replies": lambda m: m.apply_replies([reply, reply], now=end),
        "response_summary": lambda m: m.response_summary(),
        "iterate roster": lambda m: [p.email for p in m.roster],
        "read a person": lambda m: m.roster[5].family_name,
        "iterate agenda": lambda m: [i.title for i in m.agenda],
        "iterate contributions": lambda m: [c.body for c in m.contributions],
        "repr": repr,
        "copy": lambda m: copy.copy(m),
        "pickle": lambda m: pickle.loads(pickle.dumps(m)),
        "set a person": set_family,
        "agenda append and pop": grow_agenda,
        "contributions append and del": grow_contributions,
        "set title": set_title,
        "set roster": set_roster,
        "set notice date": set_notice,
        "set time": lambda m: m.set_time(start, end),
    }


def test_no_method_ever_finds_the_meeting_busy_beside_any_other(data: Path) -> None:
    # Each operation runs in a loop beside another thread cycling through
    # all of them: every pair meets, with work that releases the GIL on
    # either side. None may fail, and least of all with "being changed by
    # another operation".
    meeting = roundtable.Meeting.load(data / "seed-meeting.json")
    operations = _operations(data)
    failures: list[tuple[str, BaseException]] = []
    for name, operation in operations.items():
        stop = threading.Event()

        def others() -> None:
            while not stop.is_set():
                for other_name, other in operations.items():
                    try:
                        other(meeting)
                    except BaseException as e:  # noqa: BLE001 - any failure is the finding
                        failures.append((f"{other_name} beside {name}", e))

        beside = threading.Thread(target=others)
        beside.start()
        try:
            deadline = time.monotonic() + 0.1
            while time.monotonic() < deadline:
                try:
                    operation(meeting)
                except BaseException as e:  # noqa: BLE001
                    failures.append((f"{name} beside the others", e))
        finally:
            stop.set()
            beside.join()
    assert failures == [], sorted({f"{where}: {e!r}" for where, e in failures})[:10]
    # And the meeting is still whole.
    assert roundtable.Meeting.from_json(meeting.to_json()) == meeting


def test_a_roster_of_its_own_is_never_busy_beside_its_writers(data: Path) -> None:
    roster = roundtable.Roster.from_csv(data / "roster-seed.tsv")
    stop = threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        try:
            while not stop.is_set():
                roster.append(roundtable.Person("Kari", "Nordmann", "Asker kommune"))
                roster[3].family_name = "Huse"
                roster.pop()
        except BaseException as e:  # noqa: BLE001 - any failure is the finding
            failures.append(e)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            roster.to_csv()
            _ = [p.full_name for p in roster]
            _ = roster.problems, roster.import_summary, len(roster)
    finally:
        stop.set()
        writer.join()
    assert failures == []
    assert len(roster) == 45
