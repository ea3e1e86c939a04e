"""Building and editing a meeting in Python, with datetime objects."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

import roundtable

OSLO = ZoneInfo("Europe/Oslo")


def meeting() -> roundtable.Meeting:
    m = roundtable.Meeting(
        "test-1",
        "Faggruppe for næringssamarbeid",
        "Møte i faggruppen",
        datetime.datetime(2024, 11, 7, 12, 0, tzinfo=OSLO),
        datetime.datetime(2024, 11, 7, 13, 0, tzinfo=OSLO),
        "Oslo Rådhus",
        organiser="Sekretariatet for Osloregionen",
    )
    m.notice_date = datetime.date(2024, 10, 24)
    m.agenda = [
        roundtable.AgendaItem("1", "Godkjenning av innkalling", "notice_approval"),
        roundtable.AgendaItem(
            "2", "Referat", "minutes_approval", meeting_date=datetime.date(2024, 9, 12)
        ),
        roundtable.AgendaItem(
            "3", "Runde rundt bordet", "round_table", speaking_limit_minutes=3, duration_minutes=20
        ),
    ]
    m.add_item(roundtable.AgendaItem("4", "Eventuelt", "any_other_business"))
    m.roster = roundtable.Roster(
        [
            roundtable.Person("Asbjørn", "Lunde", "Elverum Vekst", role="chair"),
            roundtable.Person("Anne", "Huse", "Kongsvingerregionen", email="anne@huse.no"),
        ]
    )
    m.add_contribution(
        roundtable.Contribution(
            "Elverum Vekst",
            "- Helse og beredskap.\n",
            submitted_at=datetime.datetime(2024, 11, 8, 10, 0, tzinfo=OSLO),
            speaking_minutes=3,
        )
    )
    return m


def test_a_meeting_built_in_python_validates_clean() -> None:
    m = meeting()
    report = m.validate()
    assert list(report) == [], [str(f) for f in report]
    assert m.organiser == "Sekretariatet for Osloregionen"
    assert m.start == datetime.datetime(2024, 11, 7, 12, 0, tzinfo=OSLO)
    assert len(m.roster) == 2
    assert m.contributions[0].submitted_at == datetime.datetime(2024, 11, 8, 9, 0, tzinfo=datetime.timezone.utc)


def test_edits_show_in_validation() -> None:
    m = meeting()
    c = m.contributions[0]
    c.submitted_at = datetime.datetime(2024, 11, 9, 0, 0, 1, tzinfo=OSLO)
    c.speaking_minutes = 5
    m.contributions = [c]
    codes = sorted(f.code for f in m.validate())
    assert codes == ["contribution.late", "contribution.over_time_limit"]
    m.title = ""
    assert not m.validate().ok
    assert m.validate().errors[0].path == "title"


def test_datetimes_in_other_zones_are_instants() -> None:
    m = meeting()
    utc = datetime.timezone.utc
    m.set_time(
        datetime.datetime(2024, 11, 7, 11, 0, tzinfo=utc),
        datetime.datetime(2024, 11, 7, 12, 30, tzinfo=utc),
    )
    assert m.zone == "Europe/Oslo"
    assert m.start.isoformat() == "2024-11-07T12:00:00+01:00"
    m.set_time(
        datetime.datetime(2024, 11, 7, 9, 0, tzinfo=ZoneInfo("America/New_York")),
        datetime.datetime(2024, 11, 7, 10, 0, tzinfo=ZoneInfo("America/New_York")),
    )
    assert m.zone == "America/New_York"
    assert m.start.hour == 9


def test_a_naive_datetime_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="naive"):
        roundtable.Meeting(
            "x", "b", "t", datetime.datetime(2024, 11, 7, 12), datetime.datetime(2024, 11, 7, 13), "v"
        )
    with pytest.raises(TypeError):
        roundtable.Contribution("x", "y", submitted_at=datetime.datetime(2024, 11, 7, 12))


def test_a_time_in_a_daylight_saving_gap_or_overlap_is_a_value_error() -> None:
    m = meeting()
    with pytest.raises(ValueError, match="does not exist in Europe/Oslo") as gap:
        m.set_time(
            datetime.datetime(2025, 3, 30, 2, 30, tzinfo=OSLO),
            datetime.datetime(2025, 3, 30, 4, 0, tzinfo=OSLO),
        )
    assert isinstance(gap.value, roundtable.TimeError)
    with pytest.raises(roundtable.TimeError, match="ambiguous"):
        m.set_time(
            datetime.datetime(2024, 10, 27, 2, 30, tzinfo=OSLO),
            datetime.datetime(2024, 10, 27, 4, 0, tzinfo=OSLO),
        )
    with pytest.raises(roundtable.TimeError, match="unknown time zone"):
        m.set_time(
            datetime.datetime(2024, 11, 7, 12, tzinfo=OSLO),
            datetime.datetime(2024, 11, 7, 13, tzinfo=OSLO),
            zone="Europe/Bergen",
        )
    # The meeting is unchanged by the failures.
    assert m.start == datetime.datetime(2024, 11, 7, 12, 0, tzinfo=OSLO)


def test_wrong_values_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown item kind"):
        roundtable.AgendaItem("1", "x", "meeting")
    with pytest.raises(TypeError, match="meeting_date"):
        roundtable.AgendaItem("1", "x", "minutes_approval")
    with pytest.raises(TypeError, match="datetime.date"):
        roundtable.AgendaItem(
            "1", "x", "minutes_approval", meeting_date=datetime.datetime(2024, 9, 12, tzinfo=OSLO)
        )
    with pytest.raises(ValueError, match="unknown role"):
        roundtable.Person("a", "b", role="boss")
    p = roundtable.Person("a", "b")
    with pytest.raises(ValueError, match="unknown attendance"):
        p.attendance = "maybe"


def test_people_from_a_roster_write_through(seed_roster: roundtable.Roster) -> None:
    anne = seed_roster[3]
    anne.email = "anne@baerum.kommune.no"
    assert seed_roster[3].email == "anne@baerum.kommune.no", "a person read from a roster is a view of it"
    seed_roster.append(anne)
    assert len(seed_roster) == 46
    assert seed_roster[45] == anne
    # The appended copy is a person of its own place: changing it leaves Anne.
    seed_roster[45].email = None
    assert anne.email == "anne@baerum.kommune.no"