"""Replies to the invitation from Python: files in each client's style,
e-mails, replies written by the independent ``icalendar`` package, every
reason a reply is not applied, and the live roster afterwards."""

from __future__ import annotations

import datetime
import itertools
import json
import random
from pathlib import Path

import icalendar
import pytest

import roundtable

UID = "osloregionen-naering-2024-11-07@roundtable"


@pytest.fixture
def replies(data: Path) -> Path:
    return data / "replies"


@pytest.fixture
def meeting(replies: Path) -> roundtable.Meeting:
    return roundtable.Meeting.load(replies / "meeting.json")


def by_email(meeting: roundtable.Meeting, email: str) -> roundtable.Person:
    for p in meeting.roster:
        if p.email is not None and p.email.lower() == email.lower():
            return p
    raise AssertionError(f"{email} not on the roster")


def written_by_icalendar(
    attendee: str,
    partstat: str,
    *,
    sequence: int = 0,
    stamp: datetime.datetime = datetime.datetime(2024, 11, 2, 8, 15, tzinfo=datetime.timezone.utc),
    comment: str | None = None,
    delegated_to: str | None = None,
    name: str | None = None,
    uid: str = UID,
) -> bytes:
    """A reply as the ``icalendar`` package writes it (folding, escaping and
    quoting are its own)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Python icalendar//roundtable tests//EN")
    cal.add("version", "2.0")
    cal.add("method", "REPLY")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", datetime.datetime(2024, 11, 7, 11, 0, tzinfo=datetime.timezone.utc))
    event.add("summary", "Møte i faggruppen for næringssamarbeid, med en tittel så lang at linjen brettes")
    params: dict[str, str] = {"PARTSTAT": partstat}
    if name is not None:
        params["CN"] = name
    if delegated_to is not None:
        params["DELEGATED-TO"] = f"mailto:{delegated_to}"
    event.add("attendee", icalendar.vCalAddress(f"MAILTO:{attendee}"), parameters=params)
    if comment is not None:
        event.add("comment", comment)
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def test_a_reply_from_a_file_changes_the_live_roster(meeting: roundtable.Meeting, replies: Path) -> None:
    jonas = by_email(meeting, "jonas.olafsen@lillestrom.kommune.no")
    outcome = meeting.apply_reply((replies / "outlook-declined-base64.eml").read_bytes())
    assert [(c.person, c.field, c.before, c.after) for c in outcome.changes] == [
        ("Jonas Vårum Olafsen", "response", "needs_action", "declined"),
        ("Jonas Vårum Olafsen", "excuse", None, "Jeg er på studietur med formannskapet den dagen, beklager."),
    ]
    assert outcome.ignored == []
    # The view taken before sees the change.
    assert jonas.response == "declined"
    assert str(outcome.changes[0]) == "Jonas Vårum Olafsen: response needs_action → declined"
    assert json.loads(outcome.to_json())["changes"][0]["field"] == "response"


def test_text_and_bytes_are_the_same_reply(meeting: roundtable.Meeting, replies: Path) -> None:
    text = (replies / "google-accepted.ics").read_text(encoding="utf-8")
    assert len(meeting.apply_reply(text).changes) == 1
    assert meeting.apply_reply(text.encode()).ignored[0].code == "reply.already_applied"
    with pytest.raises(TypeError):
        meeting.apply_reply(42)  # type: ignore[arg-type]


def test_replies_written_by_an_independent_writer(meeting: roundtable.Meeting) -> None:
    outcome = meeting.apply_replies(
        [
            written_by_icalendar("Trond.Haugen@Drammen.Kommune.no", "DECLINED", comment="Sykdom; beklager, vi sees"),
            written_by_icalendar("eysten.kleiven@fredrikstad.kommune.no", "TENTATIVE", name="Kleiven, Eysten"),
            written_by_icalendar(
                "siri.odegard@asker.kommune.no", "DELEGATED", delegated_to="per.moe@asker.kommune.no"
            ),
        ]
    )
    assert outcome.ignored == []
    # Written as the core writes it (the same text as Rust's and the CLI's).
    added = [c for c in outcome.changes if c.field == "added"]
    assert [str(c) for c in added] == ["per.moe@asker.kommune.no: added to the roster"]
    trond = by_email(meeting, "trond.haugen@drammen.kommune.no")
    assert (trond.response, trond.excuse) == ("declined", "Sykdom; beklager, vi sees")
    assert by_email(meeting, "eysten.kleiven@fredrikstad.kommune.no").response == "tentative"
    per = by_email(meeting, "per.moe@asker.kommune.no")
    assert (per.role, per.substitute_for, per.organisation) == (
        "substitute",
        "siri.odegard@asker.kommune.no",
        "Asker kommune",
    )
    # Known by address only: the address is the name until a reply names them.
    assert per.family_name == "per.moe@asker.kommune.no"
    outcome = meeting.apply_reply(
        written_by_icalendar(
            "per.moe@asker.kommune.no",
            "ACCEPTED",
            name="Per Moe",
            stamp=datetime.datetime(2024, 11, 3, tzinfo=datetime.timezone.utc),
        )
    )
    assert [(c.field, c.after) for c in outcome.changes] == [("name", "Per Moe"), ("response", "accepted")]
    assert per.full_name == "Per Moe"


def test_what_is_not_applied_says_why(meeting: roundtable.Meeting, replies: Path) -> None:
    outcome = meeting.apply_replies(
        [
            (replies / "request.ics").read_bytes(),
            written_by_icalendar("trond.haugen@drammen.kommune.no", "ACCEPTED", uid="another@example.org"),
            written_by_icalendar("trond.haugen@drammen.kommune.com", "ACCEPTED"),
            (replies / "malformed-partstat.ics").read_bytes(),
            b"",
        ]
    )
    assert outcome.changes == []
    assert [(i.reply, i.code) for i in outcome.ignored] == [
        (0, "reply.not_a_reply"),
        (1, "reply.other_meeting"),
        (2, "reply.unknown_attendee"),
        (3, "reply.malformed"),
        (4, "reply.malformed"),
    ]
    assert outcome.ignored[2].suggestion == "trond.haugen@drammen.kommune.no"
    assert outcome.ignored[3].line == 8
    assert all(i.reason for i in outcome.ignored)


def test_an_older_reply_is_outdated(meeting: roundtable.Meeting) -> None:
    newer = written_by_icalendar("trond.haugen@drammen.kommune.no", "DECLINED", sequence=1)
    older = written_by_icalendar(
        "trond.haugen@drammen.kommune.no", "ACCEPTED", stamp=datetime.datetime(2024, 11, 5, tzinfo=datetime.timezone.utc)
    )
    meeting.sequence = 1  # the invitation went out again, with SEQUENCE 1
    meeting.apply_reply(newer)
    outcome = meeting.apply_reply(older)
    assert [i.code for i in outcome.ignored] == ["reply.outdated"]
    assert by_email(meeting, "trond.haugen@drammen.kommune.no").response == "declined"


def test_a_reply_that_cannot_be_read_raises_and_changes_nothing(meeting: roundtable.Meeting, replies: Path) -> None:
    before = meeting.to_json()
    with pytest.raises(roundtable.ReplyError) as error:
        meeting.apply_reply((replies / "malformed-partstat.ics").read_bytes())
    assert (error.value.kind, error.value.code, error.value.line) == ("reply", "reply.malformed", 8)
    assert isinstance(error.value, ValueError)
    with pytest.raises(roundtable.ReplyError) as error:
        meeting.apply_reply((replies / "too-many-attendees.ics").read_bytes())
    assert error.value.code == "reply.too_large"
    with pytest.raises(roundtable.ReplyError) as error:
        meeting.apply_reply(b"x" * (5 << 20))
    assert error.value.code == "reply.too_large"
    assert meeting.to_json() == before


def test_any_order_gives_the_same_roster(replies: Path) -> None:
    files = [
        "outlook-declined.ics",
        "declined-older.ics",
        "google-accepted.ics",
        "apple-tentative.ics",
        "thunderbird-delegated.ics",
        "delegate-accepted.ics",
    ]
    inputs = [(replies / f).read_bytes() for f in files]
    results = set()
    rng = random.Random(7)
    orders = list(itertools.islice(itertools.permutations(range(len(inputs))), 0, None, 37))
    orders += [tuple(rng.sample(range(len(inputs)), len(inputs))) for _ in range(10)]
    for order in orders:
        # One batch in each order: a batch applies the delegator's reply
        # before the delegate's (only the delegator's invites the delegate;
        # one by one, a delegate's reply that comes first is not applied).
        meeting = roundtable.Meeting.load(replies / "meeting.json")
        meeting.apply_replies([inputs[i] for i in order])
        doc = json.loads(meeting.to_json())
        people = sorted(json.dumps(p, sort_keys=True) for p in doc["roster"])
        results.add((tuple(people), json.dumps(doc["replies"])))
    assert len(orders) > 20
    assert len(results) == 1


def test_summary_and_the_agenda_section(meeting: roundtable.Meeting, replies: Path) -> None:
    meeting.apply_replies((replies / f).read_bytes() for f in ("outlook-declined.ics", "google-accepted.ics"))
    summary = meeting.response_summary()
    assert summary["accepted"] == 1 and summary["declined"] == 1 and summary["needs_action"] == 4
    assert summary["not_answered"][0] == "Eysten Kleiven"
    agenda = meeting.render("agenda", language="en", responses=True)
    assert "## Replies to the invitation" in agenda
    assert "- Eysten Kleiven" in agenda
    assert "Replies to the invitation" not in meeting.render("agenda", language="en")


def _calendar(*attendees: str, dtstamp: str = "20241102T081500Z", sequence: int = 0) -> bytes:
    lines = "".join(f"ATTENDEE;PARTSTAT={p}:mailto:{a}\r\n" for p, a in (x.split(" ") for x in attendees))
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        "UID:osloregionen-naering-2024-11-07@roundtable\r\n"
        f"DTSTAMP:{dtstamp}\r\nSEQUENCE:{sequence}\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_a_reply_answers_only_for_its_sender(meeting: roundtable.Meeting) -> None:
    both = _calendar(
        "DECLINED trond.haugen@drammen.kommune.no", "DECLINED siri.odegard@asker.kommune.no"
    )
    outcome = meeting.apply_reply(both)
    assert [i.code for i in outcome.ignored] == ["reply.several_attendees"]
    assert outcome.changes == []
    outcome = meeting.apply_reply(both, sender="Trond.Haugen@drammen.kommune.no")
    assert [c.field for c in outcome.changes] == ["response"]
    assert [i.code for i in outcome.ignored] == ["reply.not_sender"]


def test_a_reply_from_the_future_locks_nobody_out(meeting: roundtable.Meeting) -> None:
    now = datetime.datetime(2024, 11, 3, 12, tzinfo=datetime.timezone.utc)
    ahead = _calendar("DECLINED trond.haugen@drammen.kommune.no", dtstamp="20241105T000000Z")
    assert [i.code for i in meeting.apply_reply(ahead, now=now).ignored] == ["reply.future_dtstamp"]
    later = _calendar("ACCEPTED trond.haugen@drammen.kommune.no", sequence=1)
    assert [i.code for i in meeting.apply_reply(later, now=now).ignored] == ["reply.future_sequence"]
    meeting.sequence = 1
    assert meeting.apply_reply(later, now=now).ignored == []
    assert meeting.sequence == 1


def test_a_reply_without_dtstamp_is_applied_with_a_warning(meeting: roundtable.Meeting, replies: Path) -> None:
    outcome = meeting.apply_reply((replies / "malformed-no-dtstamp.ics").read_bytes())
    assert [w.code for w in outcome.warnings] == ["reply.no_dtstamp"]
    assert outcome.ignored == []
    assert len(outcome.changes) == 1
