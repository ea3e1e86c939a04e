"""What a Python user writes is never silently lost: a meeting's lists are
live, their objects write through, and a snapshot refuses assignment."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Any

import pytest

import roundtable


def test_each_statement_a_new_user_tries_changes_the_meeting(seed: roundtable.Meeting) -> None:
    people, items, contributions = len(seed.roster), len(seed.agenda), len(seed.contributions)

    seed.roster.append(roundtable.Person("Kari", "Nordmann", "KS"))
    assert len(seed.roster) == people + 1
    assert seed.roster[-1].family_name == "Nordmann"

    seed.agenda.append(roundtable.AgendaItem("6", "Nytt punkt"))
    assert len(seed.agenda) == items + 1
    assert seed.agenda[-1].title == "Nytt punkt"

    seed.agenda[0].title = "Godkjenning av innkalling"
    assert seed.agenda[0].title == "Godkjenning av innkalling"

    seed.contributions[0].body = "# Ny tekst"
    assert seed.contributions[0].body == "# Ny tekst"
    assert len(seed.contributions) == contributions

    seed.roster[0].email = "ny@example.no"
    assert seed.roster[0].email == "ny@example.no"

    seed.roster[2].attendance = "excused"
    assert seed.roster[2].attendance == "excused"

    # The meeting itself (its JSON, its validation) sees every change.
    data: dict[str, Any] = seed.to_dict()
    assert data["agenda"][0]["title"] == "Godkjenning av innkalling"
    assert data["contributions"][0]["body"] == "# Ny tekst"
    assert data["roster"][0]["email"] == "ny@example.no"
    assert data["roster"][2]["attendance"] == "excused"
    assert data["roster"][-1]["family_name"] == "Nordmann"


def test_a_roster_read_from_a_variable_is_the_same_live_roster(seed: roundtable.Meeting) -> None:
    roster = seed.roster
    roster[2].attendance = "excused"
    roster.append(roundtable.Person("Ola", "Nordmann", "KS", role="substitute"))
    assert seed.roster[2].attendance == "excused"
    assert seed.roster[-1].role == "substitute"
    assert len(seed.roster) == len(roster)


def test_lists_take_the_list_operations(seed: roundtable.Meeting) -> None:
    agenda = seed.agenda
    titles = [item.title for item in agenda]
    new = roundtable.AgendaItem("0", "Åpning")
    agenda.insert(0, new)
    assert [i.title for i in seed.agenda] == ["Åpning", *titles]
    # The object appended is the item in its place now, as in a Python list.
    new.title = "Åpning av møtet"
    assert seed.agenda[0].title == "Åpning av møtet"
    del agenda[0]
    assert [i.title for i in seed.agenda] == titles
    assert [i.title for i in agenda[1:3]] == titles[1:3]
    agenda[1] = roundtable.AgendaItem("2", "Erstattet")
    assert seed.agenda[1].title == "Erstattet"
    agenda[3:] = [roundtable.AgendaItem("4", "Siste")]
    assert [i.title for i in seed.agenda][3:] == ["Siste"]
    agenda.extend([roundtable.AgendaItem("5", "a"), roundtable.AgendaItem("6", "b")])
    assert len(seed.agenda) == 6
    popped = agenda.pop()
    assert popped.title == "b" and len(seed.agenda) == 5
    assert seed.agenda == list(seed.agenda)
    roster = seed.roster
    n = len(roster)
    del roster[0:2]
    assert len(seed.roster) == n - 2
    roster.insert(1, roundtable.Person("Midt", "I", "KS"))
    assert seed.roster[1].given_name == "Midt"
    roster[0] = roundtable.Person("Først", "E", "KS")
    assert seed.roster[0].given_name == "Først"
    assert [p.given_name for p in roster[0:2]] == ["Først", "Midt"]
    seed.contributions.clear()
    assert len(seed.contributions) == 0


def test_a_view_of_a_removed_person_raises_instead_of_writing_to_another(seed_roster: roundtable.Roster) -> None:
    third = seed_roster[2]
    fourth = seed_roster[3]
    name = fourth.full_name
    del seed_roster[2]
    # The fourth person moved up one place; the view follows them.
    assert fourth.full_name == name
    with pytest.raises(LookupError, match="no longer"):
        third.email = "x@example.no"
    with pytest.raises(LookupError):
        _ = third.given_name
    assert all(p.email != "x@example.no" for p in seed_roster)


def test_a_view_of_a_removed_item_raises(seed: roundtable.Meeting) -> None:
    first = seed.agenda[0]
    seed.agenda = []
    with pytest.raises(LookupError):
        first.title = "lost?"
    contribution = seed.contributions[0]
    del seed.contributions[0]
    with pytest.raises(LookupError):
        contribution.body = "lost?"


def test_copies_and_pickles_are_independent(seed: roundtable.Meeting) -> None:
    item = seed.agenda[0]
    copied = copy.copy(item)
    copied.title = "kopi"
    assert seed.agenda[0].title != "kopi"
    person = pickle.loads(pickle.dumps(seed.roster[0]))
    person.given_name = "Annen"
    assert seed.roster[0].given_name != "Annen"
    roster = copy.copy(seed.roster)
    roster[0].given_name = "Annen"
    assert seed.roster[0].given_name != "Annen"


def test_snapshots_refuse_assignment_and_say_what_to_do(seed: roundtable.Meeting, seed_roster: roundtable.Roster) -> None:
    with pytest.raises(AttributeError, match="set_time"):
        seed.start = datetime.datetime(2024, 11, 7, 12, tzinfo=datetime.timezone.utc)  # type: ignore[misc]
    with pytest.raises(AttributeError, match="given_name and family_name"):
        seed_roster[0].full_name = "A B"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="role"):
        seed_roster[0].archive_role = "LEDER"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="from_csv"):
        seed_roster.problems = []  # type: ignore[misc]
    with pytest.raises(TypeError):
        seed_roster[0].extra["Notat"] = "lost?"  # type: ignore[index]
    seed_roster[0].extra = {"Notat": "kept"}
    assert seed_roster[0].extra == {"Notat": "kept"}


def test_a_million_person_roster_is_not_copied_by_a_view() -> None:
    rows = "".join(f"Given{i};Family{i};Org\n" for i in range(100_000))
    roster = roundtable.Roster.from_csv(("Fornavn;Etternavn;Organisasjon\n" + rows).encode())
    person = roster[99_999]
    person.email = "last@example.no"
    assert roster[99_999].email == "last@example.no"
    assert roster[0].email is None


def test_assigning_elements_of_a_list_to_itself_keeps_them(seed: roundtable.Meeting) -> None:
    titles = [i.title for i in seed.agenda]
    seed.agenda[0] = seed.agenda[0]
    seed.agenda[0:2] = seed.agenda[0:2]
    assert [i.title for i in seed.agenda] == titles
    names = [p.full_name for p in seed.roster]
    roster = seed.roster
    roster[1] = roster[1]
    roster[0:3] = roster[0:3]
    assert [p.full_name for p in seed.roster] == names


def test_a_failed_slice_assignment_changes_nothing(seed: roundtable.Meeting) -> None:
    titles = [i.title for i in seed.agenda]
    gone = seed.agenda[0]
    seed.agenda.insert(0, roundtable.AgendaItem("0", "midlertidig"))
    dead = seed.agenda[0]
    del seed.agenda[0]
    with pytest.raises(LookupError):
        seed.agenda[0:3] = [gone, dead]
    assert [i.title for i in seed.agenda] == titles
