"""roundtable: the meetings of a cooperation group — notice, agenda, roster
and contributions —, their validation with stable codes, roster import from
CSV, and the JSON document.

The classes live in the native module ``roundtable._native`` (Rust, through
pyo3); this package is their public face and adds the exceptions."""

from ._errors import (
    ArgumentError,
    CalendarError,
    CsvError,
    Error,
    InternalError,
    IoError,
    JsonError,
    MissingArgumentError,
    ReplyError,
    TimeError,
)
from ._native import (
    AgendaItem,
    AgendaList,
    ArchiveFile,
    ArchivePackage,
    Contribution,
    ContributionList,
    Finding,
    IgnoredReply,
    ImportProblem,
    Meeting,
    MeetingPlan,
    Person,
    ReplyChange,
    ReplyOutcome,
    Report,
    Roster,
    __version__,
    codes,
    norwegian_holidays,
    validation_codes,
)

__all__ = [
    "AgendaItem",
    "AgendaList",
    "ArchiveFile",
    "ArchivePackage",
    "ArgumentError",
    "CalendarError",
    "Contribution",
    "ContributionList",
    "CsvError",
    "Error",
    "Finding",
    "IgnoredReply",
    "ImportProblem",
    "InternalError",
    "IoError",
    "JsonError",
    "Meeting",
    "MeetingPlan",
    "MissingArgumentError",
    "Person",
    "ReplyChange",
    "ReplyError",
    "ReplyOutcome",
    "Report",
    "Roster",
    "TimeError",
    "__version__",
    "codes",
    "norwegian_holidays",
    "validation_codes",
]
