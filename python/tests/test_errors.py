"""Every exception path, with line and column where there is one."""

from __future__ import annotations

from pathlib import Path

import pytest

import roundtable


def test_exceptions_are_one_family_and_value_errors() -> None:
    assert issubclass(roundtable.JsonError, roundtable.Error)
    assert issubclass(roundtable.JsonError, ValueError)
    assert issubclass(roundtable.CsvError, roundtable.Error)
    assert issubclass(roundtable.CsvError, ValueError)
    assert issubclass(roundtable.TimeError, ValueError)
    assert issubclass(roundtable.IoError, OSError)


def test_malformed_json_has_line_and_column() -> None:
    with pytest.raises(roundtable.JsonError) as e:
        roundtable.Meeting.from_json('{\n  "schema_version": 1,\n  "id" "x"\n}')
    assert (e.value.line, e.value.column) == (3, 8)
    assert "line 3, column 8" in str(e.value)


def test_unknown_fields_name_field_and_path(data: Path) -> None:
    text = (data / "seed-meeting.json").read_text(encoding="utf-8")
    bad = text.replace('"title": "Godkjenning av innkalling', '"titel": "Godkjenning av innkalling', 1)
    with pytest.raises(roundtable.JsonError) as e:
        roundtable.Meeting.from_json(bad)
    assert e.value.path == "agenda[0].titel"
    assert e.value.line == 41
    assert "unknown field `titel`" in str(e.value)


def test_wrong_types_and_versions(data: Path) -> None:
    text = (data / "seed-meeting.json").read_text(encoding="utf-8")
    with pytest.raises(roundtable.JsonError) as e:
        roundtable.Meeting.from_json(text.replace('"given_name": "Anna"', '"given_name": 5', 1))
    assert e.value.path == "roster[0].given_name"
    with pytest.raises(roundtable.JsonError, match="schema_version 2"):
        roundtable.Meeting.from_json(text.replace('"schema_version": 1', '"schema_version": 2', 1))
    with pytest.raises(roundtable.JsonError, match="daylight-saving gap"):
        roundtable.Meeting.from_json(
            text.replace('"start": "2024-11-07T12:00:00"', '"start": "2025-03-30T02:30:00"', 1)
        )


def test_missing_files(tmp_path: Path) -> None:
    with pytest.raises(roundtable.IoError) as e:
        roundtable.Meeting.load(tmp_path / "none.json")
    assert "none.json" in str(e.value)
    with pytest.raises(roundtable.IoError):
        roundtable.Roster.from_csv(tmp_path / "none.csv")


BAD = (
    "Fornavn;Etternavn;E-post\n"
    "Anne;Huse;anne@huse.no\n"
    '"Gina";"Finsrud\nHalden";\n'
    "Dag;Aanensen;dag(at)drammen.no\n"
).encode()


def test_strict_csv_errors_have_line_column_and_code() -> None:
    with pytest.raises(roundtable.CsvError) as e:
        roundtable.Roster.from_csv(BAD, strict=True)
    assert (e.value.line, e.value.column) == (5, 3)
    assert e.value.code == "roster.email"
    assert e.value.column_name == "E-post"
    assert e.value.value == "dag(at)drammen.no"


def test_lenient_csv_problems() -> None:
    roster = roundtable.Roster.from_csv(BAD)
    # A person with a malformed email is kept, the value as written.
    assert [p.full_name for p in roster] == ["Anne Huse", "Gina Finsrud\nHalden", "Dag Aanensen"]
    assert roster[2].email == "dag(at)drammen.no"
    assert roster.import_summary == {
        "rows_read": 3,
        "people": 3,
        "skipped": {},
        "problems": {"roster.email": 1},
    }
    [problem] = roster.problems
    assert (problem.line, problem.column, problem.column_name) == (5, 3, "E-post")
    assert (problem.code, problem.severity, problem.value) == ("roster.email", "error", "dag(at)drammen.no")
    assert "email" in problem.reason


def test_inputs_that_are_no_roster() -> None:
    with pytest.raises(roundtable.CsvError) as e:
        roundtable.Roster.from_csv(b"")
    assert e.value.code == "import.empty"
    with pytest.raises(roundtable.CsvError) as e:
        roundtable.Roster.from_csv(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert e.value.code == "import.binary"
    with pytest.raises(roundtable.CsvError) as e:
        roundtable.Roster.from_csv("Organisasjon;E-post\nKS;post@ks.no\n".encode())
    assert (e.value.code, e.value.line) == ("import.no_name_column", 1)
    assert '"Organisasjon"' in str(e.value)
    with pytest.raises(roundtable.CsvError) as e:
        roundtable.Roster.from_csv("Fornavn;Etternavn\nØyvind;Såtvedt\n".encode("cp1252"), encoding="utf-8")
    assert (e.value.code, e.value.line) == ("import.decode", 2)
    header_only = roundtable.Roster.from_csv(b"Fornavn;Etternavn\n")
    assert len(header_only) == 0
    assert [p.code for p in header_only.problems] == ["import.no_rows"]


def test_wrong_arguments() -> None:
    with pytest.raises(TypeError, match="path"):
        roundtable.Roster.from_csv(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown encoding"):
        roundtable.Roster.from_csv(BAD, encoding="ebcdic")
    with pytest.raises(ValueError, match="delimiter"):
        roundtable.Roster.from_csv(BAD, delimiter=";;")
    roster = roundtable.Roster.from_csv(BAD)
    with pytest.raises(ValueError):
        roster.to_csv(delimiter="|")
    with pytest.raises(IndexError):
        roster[3]
    with pytest.raises(IndexError):
        roster[-4]


def test_a_document_over_the_limit_is_refused_before_it_is_read_whole() -> None:
    with pytest.raises(roundtable.JsonError) as e:
        roundtable.Meeting.load("/dev/zero")
    assert e.value.code == "json.too_large"


def test_a_reply_str_that_utf8_cannot_carry_says_so(data: Path) -> None:
    meeting = roundtable.Meeting.load(data / "replies" / "meeting.json")
    with pytest.raises(ValueError, match="lone surrogate at character 3"):
        meeting.apply_reply("abc\ud800")
    with pytest.raises(TypeError, match="bytes or str, not int"):
        meeting.apply_reply(7)  # type: ignore[arg-type]
