"""The Python runner of the shared corpus (tests/corpus/*.json): the same
cases as the Rust and C runners, through the public package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import pytest

import roundtable

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"
CASES = sorted(CORPUS.glob("*.json"))


def input_bytes(case: dict[str, Any], text_key: str, file_key: str) -> bytes:
    if text_key in case:
        return str(case[text_key]).encode("utf-8")
    path: Path = CORPUS / str(case[file_key])
    return path.read_bytes()


def check_error(error: roundtable.Error, want: dict[str, Any]) -> None:
    line: Optional[int] = getattr(error, "line", None)
    column: Optional[int] = getattr(error, "column", None)
    got: dict[str, Any] = {"kind": error.kind, "line": line or 0, "column": column or 0}
    if "path" in want:
        got["path"] = getattr(error, "path", None)
    if "code" in want:
        got["code"] = error.code
    assert got == want, str(error)


def person(p: roundtable.Person) -> dict[str, Any]:
    out: dict[str, Any] = {
        "given_name": p.given_name,
        "family_name": p.family_name,
        "organisation": p.organisation,
        "email": p.email,
        "phone": p.phone,
        "role": p.role,
        "attendance": p.attendance,
        "extra": p.extra,
    }
    # The later fields are listed in a case only when set.
    for key, value in (
        ("title", p.title),
        ("substitute_for", p.substitute_for),
        ("excuse", p.excuse),
        ("response", None if p.response == "needs_action" else p.response),
    ):
        if value is not None:
            out[key] = value
    return out


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    expect: dict[str, Any] = case["expect"]
    kind = case["kind"]
    if kind == "validate":
        if "meeting" in case:
            meeting = roundtable.Meeting.from_json(json.dumps(case["meeting"]))
        else:
            meeting = roundtable.Meeting.load(CORPUS / case["meeting_file"])
        days = case.get("options", {}).get("min_notice_days", 7)
        quorum = case.get("options", {}).get("quorum", False)
        if case.get("options", {}).get("archive", False):
            report = meeting.validate_for_archive(min_notice_days=days, quorum=quorum)
        else:
            report = meeting.validate(min_notice_days=days, quorum=quorum)
        got = sorted([f.code, f.severity, f.path] for f in report)
        assert got == expect["findings"]
    elif kind == "load":
        with pytest.raises(roundtable.Error) as error:
            roundtable.Meeting.from_json(case["input"])
        check_error(error.value, expect["error"])
    elif kind == "import":
        options = case.get("options", {})
        source = input_bytes(case, "input", "input_file")
        if "error" in expect:
            with pytest.raises(roundtable.Error) as error:
                roundtable.Roster.from_csv(source, **options)
            check_error(error.value, expect["error"])
            return
        roster = roundtable.Roster.from_csv(source, **options)
        if "count" in expect:
            assert len(roster) == expect["count"]
        if "encoding" in expect:
            assert roster.encoding == expect["encoding"]
        if "delimiter" in expect:
            assert roster.delimiter == expect["delimiter"]
        if "people" in expect:
            assert [person(p) for p in roster] == expect["people"]
        for index, want in expect.get("people_at", {}).items():
            assert person(roster[int(index)]) == want
        if "problems" in expect:
            assert [[p.line, p.column, p.code] for p in roster.problems] == expect["problems"]
        if "summary" in expect:
            assert roster.import_summary == expect["summary"]
    elif kind == "reply":
        if "meeting" in case:
            meeting = roundtable.Meeting.from_json(json.dumps(case["meeting"]))
        else:
            meeting = roundtable.Meeting.load(CORPUS / case["meeting_file"])
        options = case.get("options", {})
        outcome = meeting.apply_replies(
            ((CORPUS / f).read_bytes() for f in case["reply_files"]),
            sender=options.get("sender"),
            trust_unauthenticated=options.get("trust_unauthenticated", False),
        )
        assert [[c.person, c.field, c.before, c.after] for c in outcome.changes] == expect["changes"]
        assert [[i.reply, i.code, i.line or 0] for i in outcome.ignored] == expect["ignored"]
        assert [[i.reply, i.code, i.line or 0] for i in outcome.warnings] == expect.get("warnings", [])
        assert meeting.response_summary() == expect["summary"]
    elif kind == "inbox":
        meeting = roundtable.Meeting.load(CORPUS / case["meeting_file"])
        receipts: list[list[object]] = []
        for name in case["message_files"]:
            try:
                r = meeting.receive((CORPUS / name).read_bytes())
            except roundtable.Error as e:
                receipts.append(["error", [e.code], None])
                continue
            receipts.append([r.kind, [i.code for i in r.ignored], r.contribution.from_ if r.contribution else None])
        assert receipts == expect["receipts"]
        assert len(meeting.contributions) == expect["contributions"]
    else:
        pytest.fail(f"unknown case kind {kind!r}")
