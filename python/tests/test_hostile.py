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
