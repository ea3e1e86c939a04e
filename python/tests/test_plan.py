"""The meeting plan of a year from Python."""

from __future__ import annotations

import copy
import datetime
import pickle

import roundtable


def test_a_plan_for_2025(seed: roundtable.Meeting) -> None:
    day = datetime.date
    plan = roundtable.MeetingPlan.build(seed, [day(2025, 9, 11), day(2025, 2, 6), day(2025, 5, 29), day(2025, 3, 8)])
    assert len(plan) == 4
    assert [m.start.date() for m in plan.meetings] == [day(2025, 2, 6), day(2025, 3, 8), day(2025, 5, 29), day(2025, 9, 11)]
    previous = plan.previous_of(2)
    assert previous is not None and previous.id == plan.meetings[1].id
    assert plan.previous_of(0) is None
    found = {(f.code, f.path) for f in plan.validate()}
    assert found == {("plan.weekend", "meetings[1].time"), ("plan.public_holiday", "meetings[2].time")}
    assert "Kristi himmelfartsdag" in plan.render()
    assert "(Ascension Day)" in plan.render(format="html", language="en")
    ics = plan.to_ics(dtstamp=datetime.datetime(2024, 11, 7, tzinfo=datetime.timezone.utc))
    assert ics.count("BEGIN:VEVENT") == 4
    for again in (pickle.loads(pickle.dumps(plan)), copy.copy(plan)):
        assert again == plan
    assert repr(plan).startswith("<MeetingPlan of 4 meetings: 2025-02-06")


def test_the_holidays_of_a_year() -> None:
    holidays = roundtable.norwegian_holidays(2025)
    assert len(holidays) == 12
    assert (datetime.date(2025, 5, 29), "Kristi himmelfartsdag", "Ascension Day") in holidays
    assert holidays[0] == (datetime.date(2025, 1, 1), "Nyttårsdag", "New Year's Day")
