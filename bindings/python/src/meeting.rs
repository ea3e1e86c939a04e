//! `Meeting`: one meeting, read and written as JSON, validated, rendered.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::agenda::AgendaList;
use crate::archive::ArchivePackage;
use crate::classes::{AgendaItem, Contribution, Meeting, Roster};
use crate::contribution::ContributionList;
use crate::convert::{
    core_work, format_and_language, ics_options, parse, snapshot_error, value_class, Inner,
};
use crate::errors::to_py_err;
use crate::ids::busy;
use crate::inbox::Receipt;
use crate::pdf::pdf_to_py;
use crate::reply::ReplyOutcome;
use crate::report::Report;
use crate::time::{date_from_py, date_to_py, meeting_time_from_py, zoned_to_py};

impl Inner for Meeting {
    type T = roundtable::Meeting;
    fn read<R>(&self, _py: Python<'_>, f: impl FnOnce(&Self::T) -> R) -> PyResult<R> {
        Ok(f(&self.inner))
    }
    fn write<R>(&mut self, _py: Python<'_>, f: impl FnOnce(&mut Self::T) -> R) -> PyResult<R> {
        Ok(f(self.inner_mut()))
    }
    fn detached(&self, _py: Python<'_>) -> PyResult<Self> {
        // Shared until one of the two is changed.
        Ok(Meeting {
            inner: Arc::clone(&self.inner),
            agenda_ids: Default::default(),
            contribution_ids: Default::default(),
            roster_ids: Default::default(),
        })
    }
}

/// The bytes of a reply given as bytes-like or text.
fn reply_bytes(data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(text) = data.cast::<pyo3::types::PyString>() {
        // A str that is no text UTF-8 can carry (a lone surrogate, as a
        // mis-decoded file gives) says so, rather than "not str".
        return text.extract::<String>().map(String::into_bytes).map_err(|_| {
            let at = text
                .to_string_lossy()
                .chars()
                .position(|c| c == '\u{FFFD}')
                .unwrap_or(0);
            pyo3::exceptions::PyValueError::new_err(format!(
                "the reply's text holds a lone surrogate at character {at}: not text UTF-8 can carry (read the file as bytes)"
            ))
        });
    }
    data.extract::<Vec<u8>>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "a reply is bytes or str, not {}",
            data.get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |n| n.to_string())
        ))
    })
}

/// The core's options of applying replies, from the keyword arguments.
fn apply_options(
    sender: Option<String>,
    now: Option<&Bound<'_, PyAny>>,
    trust_unauthenticated: bool,
) -> PyResult<roundtable::ApplyOptions> {
    let mut options =
        roundtable::ApplyOptions::new().with_trust_unauthenticated(trust_unauthenticated);
    if let Some(sender) = sender {
        options = options.with_sender(sender);
    }
    if let Some(now) = now {
        options = options.with_now(crate::time::instant_from_py(now)?.with_timezone(&chrono::Utc));
    }
    Ok(options)
}

/// Changes the meeting with `work`, done without the GIL on a copy of the
/// meeting as it was, which replaces it if nobody changed the meeting
/// meanwhile; else done again (a writer on another thread never waits for
/// a reply, nor fails on one), and at the last try holding the GIL. A
/// panic is `roundtable.InternalError`; people a reply added get
/// identities for their views.
fn mutate<R: Send>(
    slf: &Bound<'_, Meeting>,
    work: impl Fn(&mut roundtable::Meeting) -> R + Sync,
) -> PyResult<R> {
    const DETACHED_TRIES: usize = 3;
    for _ in 0..DETACHED_TRIES {
        let before = Meeting::snapshot(slf)?;
        let (result, after) = core_work(slf.py(), || {
            let mut copy = (*before).clone();
            let result = work(&mut copy);
            (result, copy)
        })?;
        let mut this = slf.try_borrow_mut().map_err(|_| busy("meeting"))?;
        // The same handle: nobody wrote meanwhile (a writer would have
        // made a copy of its own, as this one was held).
        if Arc::ptr_eq(&this.inner, &before) {
            drop(before);
            install(&mut this, after);
            return Ok(result);
        }
    }
    let mut this = slf.try_borrow_mut().map_err(|_| busy("meeting"))?;
    let mut copy = (*this.inner).clone();
    let result = crate::convert::core_work_attached(slf.py(), || work(&mut copy))?;
    install(&mut this, copy);
    Ok(result)
}

/// Puts `changed` in the meeting's place; people added at the end of the
/// roster get identities.
fn install(this: &mut Meeting, changed: roundtable::Meeting) {
    let before = this.inner.roster.len();
    let after = changed.roster.len();
    this.inner = Arc::new(changed);
    for at in before..after {
        this.roster_ids.insert(at, at);
    }
}

/// Items to put into a list: each an object of class `C` (read before the
/// meeting is borrowed, as one may be a view into it).
fn values_of<C, T>(py: Python<'_>, items: &Bound<'_, PyAny>) -> PyResult<Vec<T>>
where
    C: pyo3::PyClass + Inner<T = T>,
    T: Clone + PartialEq + serde::Serialize,
{
    let mut out = Vec::new();
    for item in items.try_iter()? {
        let item = item?;
        let item = item.extract::<PyRef<'_, C>>()?;
        out.push(item.read(py, T::clone)?);
    }
    Ok(out)
}

value_class! {
    Meeting, from_json = "from_json";
    fields {
        id, set_id: String => id;
        number, set_number: Option<String> => number;
        body, set_body: String => body;
        organiser, set_organiser: String => organiser;
        title, set_title: String => title;
        venue, set_venue: String => location.venue;
        room, set_room: Option<String> => location.room;
        directions, set_directions: Option<String> => location.directions;
        sequence, set_sequence: u32 => sequence;
    }
    #[new]
    #[pyo3(signature = (id, body, title, start, end, venue, *, organiser = "", zone = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: String,
        body: String,
        title: String,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        venue: String,
        organiser: &str,
        zone: Option<&str>,
    ) -> PyResult<Self> {
        let time = meeting_time_from_py(start, end, zone)?;
        let mut inner = roundtable::Meeting::new(id, body, title, time, venue);
        inner.organiser = organiser.to_owned();
        Ok(Meeting::wrap(inner))
    }

    /// Reads a meeting document (JSON text).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = core_work(py, || roundtable::Meeting::from_json(text))?.map_err(to_py_err)?;
        Ok(Meeting::wrap(inner))
    }

    /// Reads a meeting document from a file.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let inner = core_work(py, || roundtable::Meeting::load(&path))?.map_err(to_py_err)?;
        Ok(Meeting::wrap(inner))
    }

    /// The meeting as a JSON document.
    fn to_json(slf: &Bound<'_, Self>) -> PyResult<String> {
        let meeting = Meeting::snapshot(slf)?;
        core_work(slf.py(), move || meeting.to_json())
    }

    /// The meeting as plain Python data (dicts, lists, strings, numbers).
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        // Written before the Python code that reads it runs (it may let
        // another thread in, which must find the meeting free).
        let json = Self::to_json(slf)?;
        slf.py().import("json")?.call_method1("loads", (json,))
    }

    /// Validates the meeting: every finding, each with a stable code.
    #[pyo3(signature = (*, min_notice_days = 7, quorum = false))]
    fn validate(slf: &Bound<'_, Self>, min_notice_days: u32, quorum: bool) -> PyResult<Report> {
        let options = roundtable::ValidationOptions::default()
            .with_min_notice_days(min_notice_days)
            .with_quorum(quorum);
        // Work on the meeting as it is, without the GIL and without a
        // borrow of the object: another thread may change the meeting
        // meanwhile (its change shows in the next call, and it never waits
        // or fails).
        let meeting = Meeting::snapshot(slf)?;
        let report = core_work(slf.py(), move || meeting.validate_with(&options))?;
        Ok(Report {
            inner: Arc::new(report),
        })
    }

    /// The calendar file (iCalendar, RFC 5545) of the meeting. `method` is
    /// "publish" (no attendees), "request" (an invitation to every roster
    /// person with an email) or "cancel"; raise `sequence` for an update;
    /// `dtstamp` (an aware datetime) is now when None.
    #[pyo3(signature = (*, method = "publish", sequence = 0, dtstamp = None))]
    fn to_ics(
        slf: &Bound<'_, Self>,
        method: &str,
        sequence: u32,
        dtstamp: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let options = ics_options(method, sequence, dtstamp)?;
        let meeting = Meeting::snapshot(slf)?;
        core_work(slf.py(), move || meeting.to_ics(&options))?.map_err(to_py_err)
    }

    /// Renders a document of the meeting: `document` "notice", "agenda" or
    /// "minutes"; `format` "markdown" or "html"; `language` "nb" or "en";
    /// `responses` adds the answers to the invitation so far to the notice
    /// or agenda.
    #[pyo3(signature = (document, *, format = "markdown", language = "nb", responses = false))]
    fn render(
        slf: &Bound<'_, Self>,
        document: &str,
        format: &str,
        language: &str,
        responses: bool,
    ) -> PyResult<String> {
        let document: roundtable::Document = parse(document)?;
        let (format, language) = format_and_language(format, language)?;
        let options = roundtable::RenderOptions::default().with_responses(responses);
        // As in `validate`: a writer on another thread never meets a
        // borrow held while the GIL is released.
        let meeting = Meeting::snapshot(slf)?;
        core_work(slf.py(), move || {
            meeting.render_with(document, format, language, options)
        })
    }

    /// Renders a document of the meeting as PDF/A-2a and PDF/UA-1 (tagged,
    /// in its language, the bundled font embedded, A4): `document`
    /// "notice", "agenda" or "minutes"; `language` "nb" or "en". The same
    /// meeting gives the same bytes. A character no bundled font has is
    /// drawn as U+FFFD and issued as a `roundtable.RenderWarning`; a
    /// document over 5,000 pages raises `roundtable.RenderError`.
    #[pyo3(signature = (document, *, language = "nb", responses = false))]
    fn render_pdf(
        slf: &Bound<'_, Self>,
        document: &str,
        language: &str,
        responses: bool,
    ) -> PyResult<Py<PyBytes>> {
        let document: roundtable::Document = parse(document)?;
        let language: roundtable::Language = parse(language)?;
        let options = roundtable::PdfOptions::default().with_responses(responses);
        let meeting = Meeting::snapshot(slf)?;
        let rendered = core_work(slf.py(), move || {
            meeting.render_pdf(document, language, &options)
        })?;
        pdf_to_py(slf.py(), rendered)
    }

    /// Applies one reply to the invitation: the bytes (or text) of an
    /// iCalendar object with METHOD:REPLY, or of a whole e-mail message
    /// whose text/calendar part holds one. Returns what changed and what
    /// was not applied (another meeting, an older reply, an unknown
    /// address…). Raises `roundtable.ReplyError` (code "reply.malformed"
    /// with `line`, or "reply.too_large") for a reply that cannot be read;
    /// the meeting is then unchanged.
    ///
    /// A reply answers only for its sender: an e-mail for its From:, a
    /// bare calendar for its one answering attendee, or `sender` when the
    /// caller names it (replies saved from a mailbox it trusts). `now` (an
    /// aware datetime; by default the system's clock) judges a DTSTAMP from
    /// the future; `trust_unauthenticated` applies e-mail whose receiving
    /// server found DMARC, DKIM or SPF failing for the sender's domain.
    #[pyo3(signature = (data, *, sender = None, now = None, trust_unauthenticated = false))]
    fn apply_reply(
        slf: &Bound<'_, Self>,
        data: &Bound<'_, PyAny>,
        sender: Option<String>,
        now: Option<&Bound<'_, PyAny>>,
        trust_unauthenticated: bool,
    ) -> PyResult<ReplyOutcome> {
        let bytes = reply_bytes(data)?;
        let options = apply_options(sender, now, trust_unauthenticated)?;
        let outcome = mutate(slf, |m| m.apply_reply_with(&bytes, &options))?;
        outcome.map(ReplyOutcome::wrap).map_err(to_py_err)
    }

    /// Applies many replies (each bytes or text); the result is the same in
    /// any order. A reply that cannot be read is reported in `ignored`
    /// ("reply.malformed", "reply.too_large") and the others are applied.
    #[pyo3(signature = (replies, *, sender = None, now = None, trust_unauthenticated = false))]
    fn apply_replies(
        slf: &Bound<'_, Self>,
        replies: &Bound<'_, PyAny>,
        sender: Option<String>,
        now: Option<&Bound<'_, PyAny>>,
        trust_unauthenticated: bool,
    ) -> PyResult<ReplyOutcome> {
        let mut all = Vec::new();
        for item in replies.try_iter()? {
            all.push(reply_bytes(&item?)?);
        }
        let options = apply_options(sender, now, trust_unauthenticated)?;
        mutate(slf, |m| m.apply_replies_with(&all, &options)).map(ReplyOutcome::wrap)
    }

    /// Receives one e-mail message (bytes or text): a calendar reply is
    /// applied as `apply_reply` applies it; any other message from a
    /// person on the roster becomes their contribution to the round table
    /// (its text as Markdown, the quoted message, signature and closing
    /// left out and listed in `left_out`). What changes nothing is in
    /// `ignored` with its code. Raises `roundtable.InboxError` for bytes
    /// that are no e-mail (`inbox.malformed`) or over the limit
    /// (`inbox.too_large`); the meeting is then unchanged. Options as for
    /// `apply_reply`.
    #[pyo3(signature = (data, *, sender = None, now = None, trust_unauthenticated = false))]
    fn receive(
        slf: &Bound<'_, Self>,
        data: &Bound<'_, PyAny>,
        sender: Option<String>,
        now: Option<&Bound<'_, PyAny>>,
        trust_unauthenticated: bool,
    ) -> PyResult<Receipt> {
        let bytes = reply_bytes(data)?;
        let options = apply_options(sender, now, trust_unauthenticated)?;
        let receipt = mutate(slf, |m| m.receive_with(&bytes, &options))?;
        receipt.map(Receipt::wrap).map_err(to_py_err)
    }

    /// Receives many messages (each bytes or text, or a Mailbox), in the
    /// order of their Date: (then Message-ID), so that any order gives the
    /// same meeting; one receipt each, in the order given. A message that
    /// cannot be read has a receipt whose `ignored` says why.
    #[pyo3(signature = (messages, *, sender = None, now = None, trust_unauthenticated = false))]
    fn receive_all(
        slf: &Bound<'_, Self>,
        messages: &Bound<'_, PyAny>,
        sender: Option<String>,
        now: Option<&Bound<'_, PyAny>>,
        trust_unauthenticated: bool,
    ) -> PyResult<Vec<Receipt>> {
        let mut all = Vec::new();
        for item in messages.try_iter()? {
            all.push(reply_bytes(&item?)?);
        }
        let options = apply_options(sender, now, trust_unauthenticated)?;
        let receipts = mutate(slf, |m| m.receive_all_with(&all, &options))?;
        Ok(receipts.into_iter().map(Receipt::wrap).collect())
    }

    /// The meeting in the archive's form: `kind` "moetemappe" (a Noark 5
    /// meeting folder) or "arkivmelding" (Fiks Arkiv create messages of a
    /// case). The records are made by `created_by` at `created` (an aware
    /// datetime; by default the meeting's end, so two exports give the same
    /// bytes).
    #[pyo3(signature = (kind = "moetemappe", *, created_by = "roundtable", created = None))]
    fn to_archive(
        slf: &Bound<'_, Self>,
        kind: &str,
        created_by: &str,
        created: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ArchivePackage> {
        let kind: roundtable::ArchiveKind = parse(kind)?;
        let mut options = roundtable::ArchiveOptions::default().with_created_by(created_by);
        if let Some(at) = created {
            options = options.with_created(crate::time::instant_from_py(at)?);
        }
        let meeting = Meeting::snapshot(slf)?;
        core_work(slf.py(), move || meeting.to_archive(kind, &options))?
            .map(ArchivePackage::wrap)
            .map_err(to_py_err)
    }

    /// Validates the meeting and adds what an archive needs
    /// ("archive.missing_number", "archive.missing_body",
    /// "archive.minutes_not_approved").
    #[pyo3(signature = (*, min_notice_days = 7, quorum = false))]
    fn validate_for_archive(
        slf: &Bound<'_, Self>,
        min_notice_days: u32,
        quorum: bool,
    ) -> PyResult<Report> {
        let options = roundtable::ValidationOptions::default()
            .with_min_notice_days(min_notice_days)
            .with_quorum(quorum);
        let meeting = Meeting::snapshot(slf)?;
        let report = core_work(slf.py(), move || meeting.validate_for_archive(&options))?;
        Ok(Report {
            inner: Arc::new(report),
        })
    }

    /// The answers to the invitation so far: {"invited", "accepted",
    /// "declined", "tentative", "delegated", "needs_action": counts,
    /// "not_answered": [full names]}.
    fn response_summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let s = self.inner.response_summary();
        let dict = pyo3::types::PyDict::new(py);
        dict.set_item("invited", s.invited)?;
        dict.set_item("accepted", s.accepted)?;
        dict.set_item("declined", s.declined)?;
        dict.set_item("tentative", s.tentative)?;
        dict.set_item("delegated", s.delegated)?;
        dict.set_item("needs_action", s.needs_action)?;
        dict.set_item("not_answered", s.not_answered)?;
        Ok(dict.into_any())
    }

    /// The IANA time zone of the meeting ("Europe/Oslo").
    #[getter]
    fn zone(&self) -> &'static str {
        self.inner.time.zone().name()
    }
    /// The start, as an aware datetime with the offset the library's own zone
    /// rules give it (a fixed-offset tzinfo named like "CET"), so that it
    /// agrees with Rust, C and the .ics on any host.
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        zoned_to_py(py, self.inner.time.start(), self.inner.time.zone())
    }
    /// The end, as an aware datetime with the offset the library's own zone
    /// rules give it (a fixed-offset tzinfo named like "CET"), so that it
    /// agrees with Rust, C and the .ics on any host.
    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        zoned_to_py(py, self.inner.time.end(), self.inner.time.zone())
    }
    /// Moves the meeting. Aware datetimes only; a wall time that the zone
    /// skips or repeats raises ValueError.
    #[pyo3(signature = (start, end, *, zone = None))]
    fn set_time(
        &mut self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        zone: Option<&str>,
    ) -> PyResult<()> {
        self.inner_mut().time = meeting_time_from_py(start, end, zone)?;
        Ok(())
    }
    /// The date of the notice (the letter), if there is one.
    #[getter]
    fn notice_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .notice
            .as_ref()
            .map(|n| date_to_py(py, n.date))
            .transpose()
    }
    #[setter]
    fn set_notice_date(&mut self, value: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        match value {
            None => self.inner_mut().notice = None,
            Some(value) => {
                let date = date_from_py(value)?;
                let inner = self.inner_mut();
                match &mut inner.notice {
                    Some(notice) => notice.date = date,
                    None => inner.notice = Some(roundtable::Notice::new(date)),
                }
            }
        }
        Ok(())
    }
    /// The agenda items, in order: a live list (append, insert, del,
    /// assignment by index and slice); its items write through to the
    /// meeting.
    #[getter]
    fn agenda(slf: &Bound<'_, Self>) -> AgendaList {
        AgendaList {
            meeting: slf.clone().unbind(),
        }
    }
    #[setter]
    fn set_agenda(slf: &Bound<'_, Self>, items: &Bound<'_, PyAny>) -> PyResult<()> {
        let values = values_of::<AgendaItem, _>(slf.py(), items)?;
        let mut m = slf.try_borrow_mut().map_err(|_| busy("meeting"))?;
        m.inner_mut().agenda = values;
        m.agenda_ids.reset();
        Ok(())
    }
    /// Adds an item at the end of the agenda (as `agenda.append`).
    fn add_item(slf: &Bound<'_, Self>, item: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::agenda(slf).append(slf.py(), item)
    }
    /// The contributions: a live list, as `agenda` is.
    #[getter]
    fn contributions(slf: &Bound<'_, Self>) -> ContributionList {
        ContributionList {
            meeting: slf.clone().unbind(),
        }
    }
    #[setter]
    fn set_contributions(slf: &Bound<'_, Self>, items: &Bound<'_, PyAny>) -> PyResult<()> {
        let values = values_of::<Contribution, _>(slf.py(), items)?;
        let mut m = slf.try_borrow_mut().map_err(|_| busy("meeting"))?;
        m.inner_mut().contributions = values;
        m.contribution_ids.reset();
        Ok(())
    }
    /// Adds a contribution (as `contributions.append`).
    fn add_contribution(slf: &Bound<'_, Self>, contribution: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::contributions(slf).append(slf.py(), contribution)
    }
    /// The invited people: a live Roster of this meeting; its people write
    /// through to the meeting.
    #[getter]
    fn roster(slf: &Bound<'_, Self>) -> Roster {
        Roster::of_meeting(slf.clone().unbind())
    }
    #[setter]
    fn set_roster(slf: &Bound<'_, Self>, roster: &Bound<'_, PyAny>) -> PyResult<()> {
        let people = roster
            .extract::<PyRef<'_, Roster>>()?
            .snapshot(slf.py())?;
        let mut m = slf.try_borrow_mut().map_err(|_| busy("meeting"))?;
        m.inner_mut().roster = people;
        m.roster_ids.reset();
        Ok(())
    }
    /// The start and end are set together, with set_time().
    #[setter]
    fn set_start(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error("start", "meeting.set_time(start, end)"))
    }
    #[setter]
    fn set_end(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error("end", "meeting.set_time(start, end)"))
    }
    #[setter]
    fn set_zone(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error("zone", "meeting.set_time(start, end, zone=...)"))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Meeting {:?} {} {}, {} items, {} people, {} contributions>",
            self.inner.id,
            self.inner.time.start_local().format("%Y-%m-%d %H:%M"),
            self.inner.time.zone().name(),
            self.inner.agenda.len(),
            self.inner.roster.len(),
            self.inner.contributions.len()
        )
    }
}
