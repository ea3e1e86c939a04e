"""Odd and hostile input from Python: refused with a roundtable error, never
a hang, a panic or a silent loss."""

from __future__ import annotations

import os
import pickle
import tempfile
import threading

import pytest

import roundtable


def test_dev_zero_is_refused_at_once_as_binary() -> None:
    with pytest.raises(roundtable.CsvError) as error:
        roundtable.Roster.from_csv("/dev/zero")
    assert error.value.code == "import.binary"


def test_a_fifo_written_once_is_read_once() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "roster.fifo")
        os.mkfifo(path)

        def write() -> None:
            with open(path, "wb") as fifo:
                fifo.write("Fornavn;Etternavn\nAnne;Huse\n".encode())

        writer = threading.Thread(target=write)
        writer.start()
        roster = roundtable.Roster.from_csv(path)
        writer.join(timeout=10)
        assert [p.full_name for p in roster] == ["Anne Huse"]


def test_input_over_the_limit_is_a_typed_error() -> None:
    data = b"Fornavn;Etternavn\n" + b"Anne;Huse\n" * 100
    with pytest.raises(roundtable.CsvError) as error:
        roundtable.Roster.from_csv(data, max_bytes=100)
    assert (error.value.kind, error.value.code) == ("too_large", "import.too_large")
    assert len(roundtable.Roster.from_csv(data, max_bytes=len(data))) == 100


def test_pickling_an_imported_roster_keeps_its_source() -> None:
    roster = roundtable.Roster.from_csv("Fornavn,Etternavn\nAnne,Huse\n".encode("cp1252"))
    again = pickle.loads(pickle.dumps(roster))
    assert (again.encoding, again.delimiter) == (roster.encoding, roster.delimiter) == ("utf-8", ",")
    assert again == roster


def test_dates_past_the_model_do_not_panic() -> None:
    assert roundtable.norwegian_holidays(262143) == []
    assert roundtable.norwegian_holidays(0) == []
    with pytest.raises(roundtable.ArgumentError, match="submission_days_after"):
        roundtable.AgendaItem("4", "Runde", "round_table", submission_days_after=2**32 - 1)


def test_an_offset_with_seconds_keeps_the_instant() -> None:
    import datetime

    odd = datetime.timezone(datetime.timedelta(minutes=53, seconds=28))
    at = datetime.datetime(2024, 11, 7, 12, 0, tzinfo=odd)
    c = roundtable.Contribution("Bærum kommune", "- tekst", submitted_at=at)
    meeting = roundtable.Meeting.from_json(
        roundtable.Meeting(
            "m",
            "B",
            "T",
            datetime.datetime(2024, 11, 7, 12, tzinfo=datetime.timezone.utc),
            datetime.datetime(2024, 11, 7, 13, tzinfo=datetime.timezone.utc),
            "V",
        ).to_json()
    )
    meeting.add_contribution(c)
    back = roundtable.Meeting.from_json(meeting.to_json()).contributions[0].submitted_at
    assert back == at


def test_changing_a_meeting_while_other_threads_render_it_never_fails() -> None:
    meeting = roundtable.Meeting.load(
        os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "seed-meeting.json")
    )
    stop = threading.Event()
    failures: list[BaseException] = []

    def render() -> None:
        try:
            while not stop.is_set():
                meeting.render("minutes", format="html")
                meeting.validate()
        except BaseException as e:  # noqa: BLE001 - any failure is the finding
            failures.append(e)

    readers = [threading.Thread(target=render) for _ in range(3)]
    for r in readers:
        r.start()
    try:
        for i in range(300):
            meeting.title = f"Møte {i}"
    finally:
        stop.set()
        for r in readers:
            r.join()
    assert failures == []
    assert meeting.title == "Møte 299"


def test_a_panic_reaches_python_as_a_roundtable_error() -> None:
    from roundtable import _native

    with pytest.raises(roundtable.InternalError, match="a test asked for it") as error:
        _native._panic_for_test()
    assert isinstance(error.value, roundtable.Error)
    assert isinstance(error.value, Exception)


def test_problems_are_kept_per_code_and_counted_exactly() -> None:
    rows = b"".join(b"Kari%d;Nordmann;kari%d@@example.no;medlem\n" % (i, i) for i in range(50))
    data = b"Fornavn;Etternavn;E-post;Rolle\n" + rows
    roster = roundtable.Roster.from_csv(data, max_problems_per_code=10)
    codes = [p.code for p in roster.problems]
    assert codes.count("roster.email") == 10
    summary = roster.import_summary
    assert summary is not None
    assert summary["problems"]["roster.email"] == 50
    assert summary["not_kept"] == {"roster.email": 40}
    everything = roundtable.Roster.from_csv(data)
    assert "not_kept" not in (everything.import_summary or {})
    assert [p.line for p in roster.problems] == [p.line for p in everything.problems][:10]


def test_an_import_larger_than_the_memory_there_is_raises_and_the_interpreter_lives() -> None:
    import subprocess
    import sys

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.csv")
        with open(path, "wb") as out:
            out.write(b"Fornavn;Etternavn;E-post\n")
            out.writelines(b"Kari%d;Nordmann;k%d@example.no\n" % (i, i) for i in range(2_500_000))
        # The child may map 60 MB more than it has at its start: less than
        # the import asks for, so that it asks and is refused.
        child = (
            "import resource, sys, roundtable\n"
            "vm = int(open('/proc/self/status').read().split('VmSize:')[1].split()[0]) * 1024\n"
            "resource.setrlimit(resource.RLIMIT_AS, (vm + (60 << 20), vm + (60 << 20)))\n"
            "try:\n"
            "    roundtable.Roster.from_csv(sys.argv[1], threads=1)\n"
            "except roundtable.CsvError as e:\n"
            "    print(e.code)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", child, path], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "import.too_large", done.stderr
