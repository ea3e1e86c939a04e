"""The stable codes: one registry in the core, the same in every language."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

import roundtable


def test_codes_are_the_registry_and_include_every_validation_code() -> None:
    codes = roundtable.codes()
    names = [name for name, _, _ in codes]
    assert len(names) == len(set(names))
    for code, severity in roundtable.validation_codes():
        assert (code, severity) in [(n, s) for n, s, _ in codes]
    assert ("import.no_name_column", "error") in [(n, s) for n, s, _ in codes]
    assert all(meaning for _, _, meaning in codes)


@pytest.mark.parametrize(
    ("data", "kind", "code"),
    [
        (b"", "empty_input", "import.empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary_input", "import.binary"),
        (b"Avdeling;Telefon\nA;1\n", "no_name_column", "import.no_name_column"),
    ],
)
def test_import_errors_carry_their_code(data: bytes, kind: str, code: str) -> None:
    with pytest.raises(roundtable.CsvError) as error:
        roundtable.Roster.from_csv(data)
    assert (error.value.kind, error.value.code) == (kind, code)


def test_a_decode_error_carries_its_code() -> None:
    with pytest.raises(roundtable.CsvError) as error:
        roundtable.Roster.from_csv("Fornavn\nKåre\n".encode("cp1252"), encoding="utf-8")
    assert (error.value.kind, error.value.code, error.value.line) == ("decode", "import.decode", 2)


def test_json_errors_carry_their_code() -> None:
    with pytest.raises(roundtable.JsonError) as error:
        roundtable.Meeting.from_json("{")
    assert (error.value.kind, error.value.code) == ("json", "json.eof")
    with pytest.raises(roundtable.JsonError) as error:
        roundtable.Meeting.from_json("[1]")
    assert error.value.code == "json.data"


def test_unknown_names_are_argument_errors_with_the_core_message() -> None:
    person = roundtable.Person("Anne", "Huse", "Kongsvingerregionen")
    with pytest.raises(roundtable.ArgumentError) as error:
        person.role = "Rådgiver"
    assert (error.value.kind, error.value.code) == ("invalid_argument", "argument.invalid")
    assert "expected member, chair, secretary, guest, observer" in str(error.value)
    assert person.role == "member"
    # The core's words in any of the languages it knows.
    person.role = "Leder"
    person.attendance = "til stede"
    assert (person.role, person.attendance) == ("chair", "present")


def test_a_missing_meeting_date_is_both_a_type_and_an_argument_error() -> None:
    with pytest.raises(roundtable.MissingArgumentError) as error:
        roundtable.AgendaItem("2", "Referat", "minutes_approval")
    assert isinstance(error.value, TypeError)
    assert error.value.code == "argument.missing"
    item = roundtable.AgendaItem("4", "Runde rundt bordet", "round_table")
    assert item.submission_days_after == 1


def test_a_calendar_request_without_organizer_is_a_calendar_error() -> None:
    oslo = ZoneInfo("Europe/Oslo")
    meeting = roundtable.Meeting(
        "m",
        "Body",
        "Title",
        datetime.datetime(2025, 2, 6, 12, tzinfo=oslo),
        datetime.datetime(2025, 2, 6, 13, tzinfo=oslo),
        "Oslo Rådhus",
    )
    with pytest.raises(roundtable.CalendarError) as error:
        meeting.to_ics(method="request")
    assert error.value.code == "calendar.no_organizer"
