"""Shared fixtures: the repository's own test data (tests/data)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import roundtable

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"

if os.environ.get("ROUNDTABLE_TEST_INSTALLED") == "1":
    # CI tests the wheel as a user installs it, not the source tree.
    assert "site-packages" in str(Path(roundtable.__file__).resolve()), roundtable.__file__


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def seed() -> roundtable.Meeting:
    return roundtable.Meeting.load(DATA / "seed-meeting.json")


@pytest.fixture
def seed_roster() -> roundtable.Roster:
    return roundtable.Roster.from_csv(DATA / "roster-seed.tsv")
