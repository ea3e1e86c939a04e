"""The committed JSON Schema accepts the seed and every meeting fixture,
checked by an independent validator with format checking on, and refuses
what the loader refuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schema" / "meeting.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def fixtures() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [
        ("seed-meeting.json", json.loads((ROOT / "tests" / "data" / "seed-meeting.json").read_text(encoding="utf-8")))
    ]
    for path in sorted((ROOT / "tests" / "corpus").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if "meeting" in case:
            found.append((path.stem, case["meeting"]))
    return found


def test_the_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    checker = VALIDATOR.format_checker
    assert checker is not None
    assert "date" in checker.checkers
    assert "date-time" in checker.checkers


@pytest.mark.parametrize("name,document", fixtures(), ids=[n for n, _ in fixtures()])
def test_every_meeting_fixture_validates(name: str, document: Any) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(document)]
    assert errors == [], name


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    seed = fixtures()[0][1]
    changes: list[Callable[[dict[str, Any]], object]] = [
        lambda d: d.update(titel="x"),
        lambda d: d.update(schema_version=2),
        lambda d: d["notice"].update(date="01.11.2024"),
        lambda d: d["agenda"][0]["kind"].update(type="meeting"),
        lambda d: d["roster"][0].update(role="boss"),
        lambda d: d.pop("body"),
    ]
    for change in changes:
        document = json.loads(json.dumps(seed))
        change(document)
        assert list(VALIDATOR.iter_errors(document)) != []
