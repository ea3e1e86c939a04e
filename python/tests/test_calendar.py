"""The calendar file, read back by two independent parsers (icalendar and
ical) with every field compared, æøå included."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

import roundtable

STAMP = datetime.datetime(2024, 11, 1, 8, 0, tzinfo=datetime.timezone.utc)
OSLO = ZoneInfo("Europe/Oslo")


def invitable(seed: roundtable.Meeting) -> roundtable.Meeting:
    import json

    data: dict[str, Any] = json.loads(seed.to_json())
    data["notice"]["contact"]["email"] = "karoline@osloregionen.no"
    data["roster"] = [
        {"given_name": "Åse", "family_name": "Ærø", "organisation": "Oslo kommune", "email": "ase@oslo.kommune.no", "role": "chair"},
        {"given_name": "Jonas Vårum", "family_name": "Olafsen", "organisation": "Lillestrøm kommune", "email": "jonas@lillestrom.kommune.no"},
        {"given_name": "Øyvind", "family_name": "Såtvedt", "organisation": "Oslo kommune", "email": "oyvind@oslo.kommune.no", "role": "observer"},
        {"given_name": "Uten", "family_name": "Epost", "organisation": "KS"},
    ]
    return roundtable.Meeting.from_json(json.dumps(data))


def icalendar_event(text: str) -> Any:
    calendar = icalendar.Calendar.from_ical(text)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_the_seed_reads_back_in_icalendar(seed: roundtable.Meeting) -> None:
    text = seed.to_ics(dtstamp=STAMP)
    calendar, event = icalendar_event(text)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(event["UID"]) == "osloregionen-naering-2024-11-07@roundtable"
    assert str(event["SUMMARY"]) == "Møte i faggruppe for Næringssamarbeid"
    assert str(event["LOCATION"]) == "Oslo Rådhus, møteromssenteret (inngang sjøsiden)"
    assert str(event["URL"]) == "https://osloregionen.no/"
    assert event["DTSTART"].dt == datetime.datetime(2024, 11, 7, 12, 0, tzinfo=OSLO)
    assert event["DTEND"].dt == datetime.datetime(2024, 11, 7, 13, 0, tzinfo=OSLO)
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert event["DTSTAMP"].dt == STAMP
    description = str(event["DESCRIPTION"])
    assert description.splitlines()[3] == "4. Runde rundt bordet - Orientering om aktuelle saker fra medlemmene."
    assert description.endswith("https://osloregionen.no/")
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Oslo"
    assert "ORGANIZER" not in event and "ATTENDEE" not in event


def test_the_seed_reads_back_in_ical(seed: roundtable.Meeting) -> None:
    calendar = IcsCalendarStream.calendar_from_ics(seed.to_ics(dtstamp=STAMP))
    [event] = calendar.events
    assert event.uid == "osloregionen-naering-2024-11-07@roundtable"
    assert event.summary == "Møte i faggruppe for Næringssamarbeid"
    assert event.location == "Oslo Rådhus, møteromssenteret (inngang sjøsiden)"
    assert event.dtstart == datetime.datetime(2024, 11, 7, 12, 0, tzinfo=OSLO)
    assert event.dtend == datetime.datetime(2024, 11, 7, 13, 0, tzinfo=OSLO)
    assert event.url == "https://osloregionen.no/"
    assert event.description is not None and "5. Eventuelt" in event.description
    assert event.sequence == 0
    [timezone] = calendar.timezones
    assert timezone.tz_id == "Europe/Oslo"


def test_a_resent_request_keeps_the_answers_given(seed: roundtable.Meeting) -> None:
    meeting = invitable(seed)
    people = list(meeting.roster)
    people[1].response = "declined"
    people[2].response = "accepted"
    meeting.roster = roundtable.Roster(people)
    _, event = icalendar_event(meeting.to_ics(method="request", sequence=3, dtstamp=STAMP))
    got = [(str(a), a.params["PARTSTAT"], a.params.get("RSVP")) for a in event["ATTENDEE"]]
    assert got == [
        ("mailto:ase@oslo.kommune.no", "NEEDS-ACTION", "TRUE"),
        ("mailto:jonas@lillestrom.kommune.no", "DECLINED", None),
        ("mailto:oyvind@oslo.kommune.no", "ACCEPTED", None),
    ]


def test_a_request_reads_back_with_organizer_and_attendees(seed: roundtable.Meeting) -> None:
    meeting = invitable(seed)
    text = meeting.to_ics(method="request", sequence=2, dtstamp=STAMP)
    calendar, event = icalendar_event(text)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:karoline@osloregionen.no"
    assert event["ORGANIZER"].params["CN"] == "Karoline H. Ulateig"
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == [
        "mailto:ase@oslo.kommune.no",
        "mailto:jonas@lillestrom.kommune.no",
        "mailto:oyvind@oslo.kommune.no",
    ]
    assert [(a.params["CN"], a.params["ROLE"]) for a in attendees] == [
        ("Åse Ærø", "CHAIR"),
        ("Jonas Vårum Olafsen", "REQ-PARTICIPANT"),
        ("Øyvind Såtvedt", "OPT-PARTICIPANT"),
    ]
    assert all(a.params["PARTSTAT"] == "NEEDS-ACTION" and a.params["RSVP"] == "TRUE" for a in attendees)
    assert int(event["SEQUENCE"]) == 2

    parsed = IcsCalendarStream.calendar_from_ics(text)
    [ev] = parsed.events
    assert ev.organizer is not None and ev.organizer.uri == "mailto:karoline@osloregionen.no"
    assert [a.common_name for a in ev.attendees] == ["Åse Ærø", "Jonas Vårum Olafsen", "Øyvind Såtvedt"]

    cancel = meeting.to_ics(method="cancel", sequence=3, dtstamp=STAMP)
    calendar, event = icalendar_event(cancel)
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"


def test_hard_text_survives_both_parsers(seed: roundtable.Meeting) -> None:
    meeting = roundtable.Meeting.from_json(seed.to_json())
    meeting.title = 'Møte; "sitat", komma \\ skråstrek\nny linje ' + "æøå" * 40
    meeting.room = "rom 3, 2. etasje"
    text = meeting.to_ics(dtstamp=STAMP)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    _, event = icalendar_event(text)
    assert str(event["SUMMARY"]) == meeting.title
    [ev] = IcsCalendarStream.calendar_from_ics(text).events
    assert ev.summary == meeting.title
    assert ev.location == "Oslo Rådhus, rom 3, 2. etasje (inngang sjøsiden)"


def test_requests_without_emails_and_wrong_methods(seed: roundtable.Meeting) -> None:
    with pytest.raises(roundtable.Error, match="organizer") as error:
        seed.to_ics(method="request")
    assert error.value.kind == "calendar"
    with pytest.raises(ValueError, match="unknown method"):
        seed.to_ics(method="invite")
