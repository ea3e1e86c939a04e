"""The exceptions of roundtable, defined in Python so that they behave as
Python users expect (subclassing, pickling, ``except ValueError``). The
native module raises them; ``roundtable.Error`` is the base of all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ._native import Finding


class Error(Exception):
    """Base class of every error raised by roundtable.

    ``kind`` is the error's stable name, the same as the Rust core's
    ``Error::kind_name`` and C's ``roundtable_last_error_kind``: ``json``,
    ``unknown_field``, ``schema_version``, ``unknown_time_zone``,
    ``nonexistent_local_time``, ``ambiguous_local_time``, ``csv``,
    ``no_name_column``, ``empty_input``, ``binary_input``, ``decode``,
    ``calendar``, ``reply``, ``inbox``, ``render``, ``invalid_argument``,
    ``io``.

    ``code`` is its finer stable code, the same as the core's
    ``Error::code`` and C's ``roundtable_last_error_code``
    (``json.unknown_field``, ``roster.email``, ``import.no_name_column``…;
    ``roundtable.codes()`` lists them all)."""

    kind: str = "error"
    code: Optional[str] = None


class JsonError(Error, ValueError):
    """A meeting document is malformed or not a meeting. ``line`` and
    ``column`` (both from 1) say where; ``path`` names the field
    (``agenda[0].titel``)."""

    def __init__(
        self,
        message: str,
        line: Optional[int] = None,
        column: Optional[int] = None,
        path: Optional[str] = None,
    ) -> None:
        super().__init__(message, line, column, path)
        self.message = message
        self.line = line
        self.column = column
        self.path = path

    def __str__(self) -> str:
        return self.message


class CsvError(Error, ValueError):
    """A roster file cannot be imported: a bad row in strict mode, a header
    without a name column, an empty or binary file, bytes that are not text
    in the encoding. ``line`` (from 1) and ``column`` (the field, from 1; 0
    for the whole line) say where; ``code`` is the stable code
    (``roster.email``, ``import.extra_fields``, ``import.no_name_column``…);
    ``column_name`` and ``value`` name the field and its raw value when one
    is at fault."""

    def __init__(
        self,
        message: str,
        line: Optional[int] = None,
        column: Optional[int] = None,
        code: Optional[str] = None,
        column_name: Optional[str] = None,
        value: Optional[str] = None,
    ) -> None:
        super().__init__(message, line, column, code, column_name, value)
        self.message = message
        self.line = line
        self.column = column
        self.code = code
        self.column_name = column_name
        self.value = value

    def __str__(self) -> str:
        return self.message


class TimeError(Error, ValueError):
    """A local time that the meeting's zone skips (daylight-saving gap) or
    repeats (clocks set back), or a zone name that is not an IANA zone."""


class CalendarError(Error, ValueError):
    """A calendar file cannot be made as asked: a request or cancellation
    without an organizer email (``calendar.no_organizer``) or without any
    attendee email (``calendar.no_attendee``)."""


class ReplyError(Error, ValueError):
    """A reply to the invitation cannot be read (``reply.malformed``; ``line``,
    from 1, is the line of the calendar text) or is over the limits
    (``reply.too_large``). The meeting is unchanged."""

    def __init__(self, message: str, line: Optional[int] = None) -> None:
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message


class InboxError(Error, ValueError):
    """A message received cannot be read as e-mail (``inbox.malformed``), or a
    message or mailbox is over the limits (``inbox.too_large``). The meeting
    is unchanged."""


class RenderError(Error, ValueError):
    """A document cannot be written as PDF: over ``MAX_PDF_PAGES`` (5,000
    pages; ``render.too_large``), or the PDF writer's own check of PDF/A-2a
    or PDF/UA-1 failed (``render.pdf``, a bug of the library)."""


class RenderWarning(UserWarning):
    """Something worth a word about a document rendered as PDF, issued with
    :func:`warnings.warn`: ``render.missing_glyph``, a character no bundled
    font has (an emoji, a control character), drawn as U+FFFD. ``finding``
    is the :class:`roundtable.Finding` (its ``code``, ``severity``,
    ``path`` and ``message``), as Rust's ``RenderedPdf::warnings`` and C's
    report of ``roundtable_meeting_render_pdf_with`` give it."""

    def __init__(self, message: str, finding: "Finding") -> None:
        super().__init__(message)
        self.finding = finding

    @property
    def code(self) -> str:
        return self.finding.code

    @property
    def path(self) -> str:
        return self.finding.path


class ArgumentError(Error, ValueError):
    """A name or value the library does not take (``argument.invalid``):
    an unknown role, attendance, method, format, document, language,
    encoding or delimiter, or a field of another item kind."""


class MissingArgumentError(ArgumentError, TypeError):
    """A value the other arguments require is missing
    (``argument.missing``): a ``minutes_approval`` item without its
    ``meeting_date``. A ``TypeError`` too, as Python's own missing
    arguments are."""


class InternalError(Error):
    """A bug of the library was caught (a Rust panic): the call failed, the
    library is still usable. Raised instead of pyo3's ``PanicException``,
    which ``except Exception`` does not catch."""


class IoError(Error, OSError):
    """A file could not be read or written."""
