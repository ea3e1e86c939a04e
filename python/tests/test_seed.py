"""The seed meeting of 7 November 2024, end to end, from Python."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import roundtable


def test_the_seed_loads_with_its_parts(seed: roundtable.Meeting) -> None:
    assert seed.body == "Osloregionens faggruppe for Næringssamarbeid"
    assert seed.venue == "Oslo Rådhus"
    assert seed.room == "møteromssenteret"
    assert seed.zone == "Europe/Oslo"
    assert seed.start.isoformat() == "2024-11-07T12:00:00+01:00"
    assert seed.end - seed.start == datetime.timedelta(hours=1)
    assert seed.notice_date == datetime.date(2024, 11, 1)
    assert [item.kind for item in seed.agenda] == [
        "notice_approval",
        "minutes_approval",
        "proposal",
        "round_table",
        "any_other_business",
    ]
    assert seed.agenda[1].meeting_date == datetime.date(2024, 9, 12)
    assert seed.agenda[3].speaking_limit_minutes == 3
    assert [c.from_ for c in seed.contributions] == [
        "Ringeriksregionen",
        "Elverum",
        "Kongsvingerregionen",
        "Horten kommune",
        "Lørenskog kommune",
    ]


def test_the_seed_roster_imports_from_path_pathlike_and_bytes(data: Path) -> None:
    path = data / "roster-seed.tsv"
    from_str = roundtable.Roster.from_csv(str(path))
    from_path = roundtable.Roster.from_csv(path)
    from_bytes = roundtable.Roster.from_csv(path.read_bytes())
    from_bytearray = roundtable.Roster.from_csv(bytearray(path.read_bytes()))
    assert len(from_str) == 45
    assert from_str == from_path == from_bytes == from_bytearray
    assert from_str.encoding == "utf-8"
    assert from_str.delimiter == "\t"
    assert from_str.problems == []
    names = [p.full_name for p in from_str]
    assert "Anne Kristine Feltman" in names
    assert "Jonas Vårum Olafsen" in names
    feltman = from_str[3]
    assert (feltman.given_name, feltman.family_name, feltman.organisation) == (
        "Anne Kristine",
        "Feltman",
        "Bærum kommune",
    )
    assert (feltman.email, feltman.role, feltman.attendance, feltman.extra) == (
        None,
        "member",
        "invited",
        {},
    )
    assert from_str[-1].full_name == "Øyvind Såtvedt"


def test_the_seed_validates_to_its_true_findings(
    seed: roundtable.Meeting, seed_roster: roundtable.Roster
) -> None:
    seed.roster = seed_roster
    report = seed.validate()
    assert report.ok
    assert report.errors == []
    found = {(f.code, f.severity, f.path) for f in report}
    assert found == {
        ("notice.short_notice", "warning", "notice.date"),
        ("contribution.unknown_member", "warning", "contributions[0].from"),
        ("contribution.unknown_member", "warning", "contributions[1].from"),
        ("contribution.empty_section", "warning", "contributions[2].body"),
    }
    assert len(report) == 5 == len(report.warnings)
    elverum = [f for f in report if f.path == "contributions[1].from"][0]
    assert '"Elverum Vekst"' in elverum.message
    # The minimum notice is an option.
    assert len(seed.validate(min_notice_days=6)) == 4


def test_json_and_dict(seed: roundtable.Meeting, data: Path) -> None:
    text = (data / "seed-meeting.json").read_text(encoding="utf-8")
    assert seed.to_json() == text
    assert roundtable.Meeting.from_json(text) == seed
    as_dict = seed.to_dict()
    assert as_dict == json.loads(text)
    assert as_dict["schema_version"] == 1


def test_the_codes_are_those_of_the_rust_core() -> None:
    codes = dict(roundtable.validation_codes())
    assert len(codes) == 36
    assert codes["contribution.late"] == "warning"
    assert codes["meeting.time_order"] == "error"
