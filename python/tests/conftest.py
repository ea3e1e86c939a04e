"""Shared fixtures: the repository's own test data (tests/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

import roundtable

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def seed() -> roundtable.Meeting:
    return roundtable.Meeting.load(DATA / "seed-meeting.json")


@pytest.fixture
def seed_roster() -> roundtable.Roster:
    return roundtable.Roster.from_csv(DATA / "roster-seed.tsv")
