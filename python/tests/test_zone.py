"""One zone implementation: the meeting's instants come from the library's
bundled IANA database, as in Rust, C and the .ics, never from the host."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import roundtable

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"

# Dates where host zoneinfo and the bundled rules are known to be able to
# differ: before 1970 (Oslo's own history versus the database's link to
# Berlin), far beyond the last listed transition, year 1 (local mean time).
LOCALS = [
    "0001-06-01T12:00:00",
    "1965-07-01T12:00:00",
    "2024-11-07T12:00:00",
    "2100-07-01T12:00:00",
    "2150-01-15T12:00:00",
    "2150-07-01T12:00:00",
    "9999-07-01T12:00:00",
]

SCRIPT = """
import json, sys
import roundtable
seed = json.loads(open(sys.argv[1], encoding="utf-8").read())
out = []
for local in sys.argv[2:]:
    seed["time"]["start"] = local
    seed["time"]["end"] = local[:11] + "13:00:00"
    m = roundtable.Meeting.from_json(json.dumps(seed))
    out.append([m.start.isoformat(), m.start.tzname(), m.end.isoformat()])
print(json.dumps(out))
"""


def starts(env: dict[str, str] | None = None) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(DATA / "seed-meeting.json"), *LOCALS],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: list[list[str]] = json.loads(done.stdout)
    return result


def test_the_rule_goes_on_after_the_last_listed_transition() -> None:
    by_local = dict(zip(LOCALS, starts()))
    assert by_local["2150-07-01T12:00:00"][:2] == ["2150-07-01T12:00:00+02:00", "CEST"]
    assert by_local["2150-01-15T12:00:00"][:2] == ["2150-01-15T12:00:00+01:00", "CET"]
    assert by_local["9999-07-01T12:00:00"][0] == "9999-07-01T12:00:00+02:00"
    assert by_local["2024-11-07T12:00:00"][0] == "2024-11-07T12:00:00+01:00"


def test_the_host_zone_files_play_no_part() -> None:
    with tempfile.TemporaryDirectory() as empty:
        env = dict(os.environ, PYTHONTZPATH=empty, TZDIR=empty, TZ="America/New_York")
        assert starts(env) == starts()


def test_start_and_the_ics_agree_on_the_offset() -> None:
    seed = json.loads((DATA / "seed-meeting.json").read_text(encoding="utf-8"))
    seed["time"] = {"zone": "Europe/Oslo", "start": "2150-07-01T12:00:00", "end": "2150-07-01T13:00:00"}
    m = roundtable.Meeting.from_json(json.dumps(seed))
    ics = m.to_ics(dtstamp=datetime.datetime(2024, 11, 1, tzinfo=datetime.timezone.utc))
    daylight = ics.split("BEGIN:DAYLIGHT", 1)[1].split("END:DAYLIGHT", 1)[0]
    assert "TZOFFSETTO:+0200" in daylight
    offset = m.start.utcoffset()
    assert offset == datetime.timedelta(hours=2)
