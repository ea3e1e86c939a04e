"""roundtable: the meetings of a cooperation group — notice, agenda, roster
and contributions —, their validation with stable codes, roster import from
CSV, and the JSON document.

The classes live in the native module ``roundtable._native`` (Rust, through
pyo3); this package is their public face and adds the exceptions."""

from ._errors import CsvError, Error, IoError, JsonError, TimeError
from ._native import (
    AgendaItem,
    Contribution,
    Finding,
    ImportProblem,
    Meeting,
    MeetingPlan,
    Person,
    Report,
    Roster,
    __version__,
    norwegian_holidays,
    validation_codes,
)

__all__ = [
    "AgendaItem",
    "Contribution",
    "CsvError",
    "Error",
    "Finding",
    "ImportProblem",
    "IoError",
    "JsonError",
    "Meeting",
    "MeetingPlan",
    "Person",
    "Report",
    "Roster",
    "TimeError",
    "__version__",
    "norwegian_holidays",
    "validation_codes",
]
