"""Contributions by e-mail from Python: messages written by Python's own
`email` package, received into a meeting (the same answers as in Rust)."""

from __future__ import annotations

import json
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

import roundtable


@pytest.fixture
def meeting(data: Path) -> roundtable.Meeting:
    return roundtable.Meeting.load(data / "inbox" / "meeting.json")


def test_an_outlook_message_becomes_a_contribution(meeting: roundtable.Meeting, data: Path) -> None:
    receipt = meeting.receive((data / "inbox" / "outlook-html.eml").read_bytes())
    assert receipt.kind == "contribution"
    c = receipt.contribution
    assert c is not None
    assert c.from_ == "Asker kommune"
    assert c.presenter == "Siri Ødegård"
    assert c.item == "4"
    assert c.body.startswith("**Asker kommune**")
    assert "- Kompetanse og rekruttering\n- Areal til *næring*" in c.body
    assert [kind for kind, _ in receipt.left_out] == ["quoted", "closing"]
    assert receipt.replaced is None
    assert meeting.contributions[0].body == c.body
    as_json = json.loads(receipt.to_json())
    assert as_json["kind"] == "contribution"
    assert as_json["contribution"]["after"]["source"]["sender"] == "siri.odegard@asker.kommune.no"


def test_a_message_written_here_and_sent_again_is_a_duplicate(meeting: roundtable.Meeting) -> None:
    m = EmailMessage(policy=SMTP)
    m["From"] = Address("Trond Haugen", "trond.haugen", "drammen.kommune.no")
    m["Subject"] = "Innspill – Sámi (áčđŋšŧž)"
    m["Date"] = "Fri, 08 Nov 2024 09:00:00 +0100"
    m["Message-ID"] = "<py-1@drammen.kommune.no>"
    m.set_content("Drammen: Lierstranda.\n\nVennlig hilsen\nTrond\n")
    first = meeting.receive(m.as_bytes())
    assert first.kind == "contribution"
    assert first.contribution is not None and first.contribution.body == "Drammen: Lierstranda."
    again = meeting.receive(m.as_string())
    assert again.kind == "nothing"
    assert [i.code for i in again.ignored] == ["contribution.duplicate"]
    assert len(meeting.contributions) == 1


def test_what_is_no_contribution_is_reported(meeting: roundtable.Meeting, data: Path) -> None:
    receipts = meeting.receive_all(
        (data / "inbox" / name).read_bytes() for name in ["auto-reply.eml", "unknown-sender.eml"]
    )
    assert [r.ignored[0].code for r in receipts] == [
        "contribution.not_a_contribution",
        "contribution.unknown_sender",
    ]
    assert receipts[1].ignored[0].suggestion == "siri.odegard@asker.kommune.no"
    assert len(meeting.contributions) == 0
    with pytest.raises(roundtable.InboxError) as error:
        meeting.receive(b"\x00 no mail")
    assert error.value.code == "inbox.malformed"


def test_a_mailbox_is_read_one_message_at_a_time(meeting: roundtable.Meeting, data: Path) -> None:
    box = roundtable.read_mailbox(data / "inbox" / "mailbox.mbox")
    messages = list(box)
    assert len(messages) == 7
    assert all(isinstance(m, bytes) for m in messages)
    receipts = meeting.receive_all(messages)
    assert [r.kind for r in receipts].count("contribution") == 5
    assert len(meeting.contributions) == 4
    assert [r.message for r in receipts] == list(range(7))
    with pytest.raises(roundtable.InboxError):
        roundtable.read_mailbox(data / "inbox" / "meeting.json")
