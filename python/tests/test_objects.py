"""repr, ==, copy and pickle for every class."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Any

import pytest

import roundtable


def objects(meeting: roundtable.Meeting, roster: roundtable.Roster) -> list[Any]:
    report = meeting.validate()
    bad = roundtable.Roster.from_csv(b"Fornavn;E-post\nDag;nei\nAnne;\n")
    return [
        meeting,
        meeting.agenda[1],
        meeting.agenda[3],
        meeting.contributions[1],
        roundtable.Contribution(
            "Elverum",
            "tekst",
            item="4",
            submitted_at=datetime.datetime(2024, 11, 8, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
        ),
        roster,
        roster[3],
        roundtable.Person("Anne", "Huse", "K", email="a@b.no", extra={"Avdeling": "Næring"}),
        bad,
        bad.problems[0],
        report,
        report[0],
    ]


def test_pickle_copy_and_equality(seed: roundtable.Meeting, seed_roster: roundtable.Roster) -> None:
    for obj in objects(seed, seed_roster):
        for again in (pickle.loads(pickle.dumps(obj)), copy.copy(obj), copy.deepcopy(obj)):
            assert type(again) is type(obj)
            assert again == obj, repr(obj)
        assert obj != object()


def test_reprs_say_what_an_object_is(seed: roundtable.Meeting, seed_roster: roundtable.Roster) -> None:
    assert repr(seed) == (
        '<Meeting "osloregionen-naering-2024-11-07" 2024-11-07 12:00 Europe/Oslo, '
        "5 items, 45 people, 5 contributions>"
    )
    assert repr(seed_roster) == "<Roster of 45 people, 0 problems>"
    assert repr(seed_roster[3]) == '<Person "Anne Kristine" "Feltman" ("Bærum kommune")>'
    assert repr(seed.agenda[3]).startswith('<AgendaItem "4" "Runde rundt bordet')
    report = seed.validate()
    assert repr(report) == "<Report: 0 errors, 5 warnings>"
    assert repr(report[0]).startswith("<Finding warning notice.short_notice at notice.date:")
    assert str(report[0]).startswith("warning notice.short_notice at notice.date:")


def test_unequal_things_are_unequal(seed: roundtable.Meeting) -> None:
    other = copy.copy(seed)
    other.title = "Et annet møte"
    assert other != seed
    assert seed.title != other.title, "a copy is independent"


def test_findings_and_problems_are_hashable(seed: roundtable.Meeting) -> None:
    findings = set(seed.validate())
    assert len(findings) == 5
    with pytest.raises(TypeError):
        hash(seed)


def test_a_large_roster_is_one_object_for_the_garbage_collector() -> None:
    import gc

    rows = "".join(f"Given{i};Family{i};Org {i % 7}\n" for i in range(50_000))
    gc.collect()
    before = len(gc.get_objects())
    roster = roundtable.Roster.from_csv(("Fornavn;Etternavn;Organisasjon\n" + rows).encode())
    after = len(gc.get_objects())
    assert len(roster) == 50_000
    # The people stay on the Rust side: no Python object per row or field.
    assert after - before < 10, after - before
    # Reading a field makes one string, which is not tracked.
    assert not gc.is_tracked(roster[123].family_name)


def test_a_meetings_lists_pickle_and_copy_as_lists_of_independent_items(seed: roundtable.Meeting) -> None:
    for view in (seed.agenda, seed.contributions):
        for again in (pickle.loads(pickle.dumps(view)), copy.copy(view), copy.deepcopy(view)):
            assert type(again) is list
            assert again == list(view) and view == again
            assert len(again) > 0
            # Independent: a change to the copy leaves the meeting as it is.
            before = seed.to_json()
            if isinstance(again[0], roundtable.AgendaItem):
                again[0].title = "Endret"
            else:
                again[0].body = "Endret"
            assert seed.to_json() == before
