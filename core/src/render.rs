//! The documents a secretariat sends: the notice (innkalling), the agenda
//! (sakskart) and the minutes draft (referat), in Markdown and HTML, in
//! Norwegian bokmål and English.
//!
//! Each document is first built as a few blocks (headings, paragraphs,
//! lists, the members' Markdown), then written out: the Markdown writer
//! escapes user text, the HTML writer escapes it, and members' Markdown is
//! rendered to HTML with raw HTML turned into text and only http, https
//! and mailto links kept.

use chrono::{DateTime, Datelike, NaiveDate, Weekday};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::agenda::ItemKind;
use crate::contribution::Contribution;
use crate::meeting::Meeting;
use crate::plan::{norwegian_holiday, MeetingPlan};
use crate::roster::Attendance;

/// The language of a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// Norwegian bokmål (the default), in the seed's conventions.
    #[default]
    Norwegian,
    /// English.
    English,
}

impl Language {
    /// `nb` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Norwegian => "nb",
            Language::English => "en",
        }
    }

    /// The language with this code: `nb` (also `no`) or `en`.
    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nb" | "no" | "nob" => Some(Language::Norwegian),
            "en" | "eng" => Some(Language::English),
            _ => None,
        }
    }
}

/// The format of a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// CommonMark.
    #[default]
    Markdown,
    /// A complete HTML5 document.
    Html,
}

impl Format {
    /// The format with this name: `markdown` (also `md`) or `html`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Which document of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Document {
    /// The letter that calls the meeting, with the agenda after it.
    Notice,
    /// The agenda (sakskart).
    Agenda,
    /// The minutes draft (referat), with the round table compiled from the
    /// contributions.
    Minutes,
}

impl Document {
    /// The document with this name: `notice`, `agenda` or `minutes`.
    pub fn from_name(name: &str) -> Option<Document> {
        match name.trim().to_ascii_lowercase().as_str() {
            "notice" | "innkalling" => Some(Document::Notice),
            "agenda" | "sakskart" => Some(Document::Agenda),
            "minutes" | "referat" => Some(Document::Minutes),
            _ => None,
        }
    }
}

/// A piece of text in a line.
enum Inline {
    Text(String),
    Strong(String),
    Link { text: String, url: String },
}

enum Block {
    Heading(u8, Vec<Inline>),
    /// Lines, with hard breaks between them.
    Paragraph(Vec<Vec<Inline>>),
    List(Vec<Vec<Inline>>),
    /// A member's Markdown, its headings moved down by `shift` levels.
    Markdown {
        source: String,
        shift: u8,
    },
    Rule,
}

fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

fn labelled(label: &str, value: impl Into<String>) -> Vec<Inline> {
    vec![
        Inline::Strong(format!("{label}:")),
        Inline::Text(format!(" {}", value.into())),
    ]
}

/// The words of one language.
struct Words {
    lang: Language,
}

const WEEKDAYS_NB: [&str; 7] = [
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
];
const MONTHS_NB: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Words {
    fn nb(&self) -> bool {
        self.lang == Language::Norwegian
    }

    fn pick(&self, nb: &'static str, en: &'static str) -> &'static str {
        if self.nb() {
            nb
        } else {
            en
        }
    }

    fn weekday(&self, day: Weekday) -> &'static str {
        let i = day.num_days_from_monday() as usize;
        if self.nb() {
            WEEKDAYS_NB[i]
        } else {
            WEEKDAYS_EN[i]
        }
    }

    fn month(&self, date: NaiveDate) -> &'static str {
        let i = date.month0() as usize;
        if self.nb() {
            MONTHS_NB[i]
        } else {
            MONTHS_EN[i]
        }
    }

    /// "7. november 2024" / "7 November 2024".
    fn date(&self, date: NaiveDate) -> String {
        if self.nb() {
            format!("{}. {} {}", date.day(), self.month(date), date.year())
        } else {
            format!("{} {} {}", date.day(), self.month(date), date.year())
        }
    }

    /// "fredag 8. november 2024" / "Friday 8 November 2024".
    fn weekday_date(&self, date: NaiveDate) -> String {
        format!("{} {}", self.weekday(date.weekday()), self.date(date))
    }

    /// "Torsdag 7. november, kl 12:00–13:00" / "Thursday 7 November,
    /// 12:00–13:00", as the seed writes it.
    fn when(&self, m: &Meeting) -> String {
        let start = m.time.start_local();
        let end = m.time.end_local();
        let day = start.date();
        let hours = if end.date() == day {
            format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
        } else {
            format!(
                "{}–{} {}",
                start.format("%H:%M"),
                self.date(end.date()),
                end.format("%H:%M")
            )
        };
        if self.nb() {
            format!(
                "{} {}. {}, kl {hours}",
                capitalised(self.weekday(day.weekday())),
                day.day(),
                self.month(day)
            )
        } else {
            format!(
                "{} {} {}, {hours}",
                self.weekday(day.weekday()),
                day.day(),
                self.month(day)
            )
        }
    }

    fn numeric_date(&self, date: NaiveDate) -> String {
        if self.nb() {
            date.format("%d.%m.%Y").to_string()
        } else {
            date.format("%Y-%m-%d").to_string()
        }
    }

    fn item(&self, number: &str, title: &str) -> String {
        format!(
            "{} {}. {}",
            self.pick("Sak", "Item"),
            number.trim(),
            title.trim()
        )
    }
}

fn place(m: &Meeting) -> String {
    crate::ics::location_text(m)
}

/// The agenda's blocks, after a heading of `level`.
fn agenda_blocks(m: &Meeting, w: &Words, level: u8, out: &mut Vec<Block>) {
    out.push(Block::Heading(
        level,
        text(format!(
            "{} {}",
            w.pick("Sakskart til møte i", "Agenda for the meeting of"),
            m.body.trim()
        )),
    ));
    out.push(Block::Paragraph(vec![labelled(
        w.pick("Tid og sted", "Time and place"),
        format!("{}, {}", w.when(m), place(m)),
    )]));
    for item in &m.agenda {
        out.push(Block::Heading(
            level + 1,
            text(w.item(&item.number, &item.title)),
        ));
        let mut lines: Vec<Vec<Inline>> = Vec::new();
        match &item.kind {
            ItemKind::MinutesApproval { meeting_date, .. } => lines.push(text(format!(
                "{} {}.",
                w.pick(
                    "Referatet fra møtet legges fram for godkjenning: møtet",
                    "The minutes are put forward for approval: the meeting of"
                ),
                w.date(*meeting_date)
            ))),
            ItemKind::RoundTable(rules) => {
                if let Some(limit) = rules.speaking_limit_minutes {
                    lines.push(text(if w.nb() {
                        format!("Hvert medlem har ordet i inntil {limit} minutter.")
                    } else {
                        format!("Each member speaks for at most {limit} minutes.")
                    }));
                }
                let due = rules.due_date(m.time.date());
                lines.push(text(if w.nb() {
                    format!(
                        "Innlegget sendes skriftlig til sekretariatet i forkant av møtet, eller senest {}.",
                        w.weekday_date(due)
                    )
                } else {
                    format!(
                        "Send your contribution in writing to the secretariat before the meeting, or by {} at the latest.",
                        w.weekday_date(due)
                    )
                }));
            }
            _ => {}
        }
        if let Some(d) = item.description.as_deref().filter(|d| !d.trim().is_empty()) {
            lines.extend(d.trim().lines().map(|l| text(l.trim())));
        }
        if let Some(p) = item.presenter.as_deref().filter(|p| !p.trim().is_empty()) {
            lines.push(labelled(w.pick("Innleder", "Presenter"), p.trim()));
        }
        if let Some(minutes) = item.duration_minutes {
            lines.push(labelled(w.pick("Tid", "Time"), format!("{minutes} min")));
        }
        if !lines.is_empty() {
            out.push(Block::Paragraph(lines));
        }
    }
}

fn notice_blocks(m: &Meeting, w: &Words) -> Vec<Block> {
    let mut out = Vec::new();
    let notice = m.notice.as_ref();
    out.push(Block::Heading(
        1,
        text(format!(
            "{} {}",
            w.pick("Innkalling til møte i", "Notice of the meeting of"),
            m.body.trim()
        )),
    ));
    let or_blank = |v: Option<&String>| v.map(|s| s.trim().to_owned()).unwrap_or_default();
    let mut head = vec![labelled(
        w.pick("Dato", "Date"),
        notice.map(|n| w.numeric_date(n.date)).unwrap_or_default(),
    )];
    head.push(labelled(
        w.pick("Deres ref", "Your ref"),
        or_blank(notice.and_then(|n| n.your_reference.as_ref())),
    ));
    head.push(labelled(
        w.pick("Vår ref", "Our ref"),
        or_blank(notice.and_then(|n| n.our_reference.as_ref())),
    ));
    head.push(labelled(
        w.pick("Saksbehandler", "Case officer"),
        or_blank(notice.and_then(|n| n.case_officer.as_ref())),
    ));
    head.push(labelled(
        w.pick("Arkivkode", "Archive code"),
        or_blank(notice.and_then(|n| n.archive_code.as_ref())),
    ));
    out.push(Block::Paragraph(head));
    if let Some(c) = notice.and_then(|n| n.contact.as_ref()) {
        let mut lines = vec![text(c.name.trim())];
        if let Some(phone) = c.phone.as_deref() {
            lines.push(text(format!("{} {}", w.pick("Tlf", "Phone"), phone.trim())));
        }
        if let Some(email) = c.email.as_deref() {
            lines.push(vec![Inline::Link {
                text: email.trim().to_owned(),
                url: format!("mailto:{}", email.trim()),
            }]);
        }
        out.push(Block::Paragraph(lines));
    }
    let addressee = notice
        .and_then(|n| n.addressee.as_deref())
        .unwrap_or(m.body.as_str());
    out.push(Block::Paragraph(vec![text(format!(
        "{} {}",
        w.pick("Til", "To"),
        addressee.trim()
    ))]));
    out.push(Block::Paragraph(vec![
        labelled(w.pick("Tid", "Time"), w.when(m)),
        labelled(w.pick("Sted", "Place"), place(m)),
    ]));
    let mut about = Vec::new();
    if let Some(j) = m.joint_meeting.as_deref().filter(|j| !j.trim().is_empty()) {
        about.push(text(j.trim()));
    }
    if let Some(online) = m.location.online_url.as_deref() {
        about.push(vec![
            Inline::Text(format!("{} ", w.pick("Delta digitalt:", "Join online:"))),
            Inline::Link {
                text: online.trim().to_owned(),
                url: online.trim().to_owned(),
            },
        ]);
    }
    if let Some(p) = &m.papers {
        about.push(vec![
            Inline::Text(format!(
                "{} ",
                w.pick("Sakspapirer og underlag:", "Meeting papers:")
            )),
            Inline::Link {
                text: p
                    .title
                    .clone()
                    .unwrap_or_else(|| p.url.clone())
                    .trim()
                    .to_owned(),
                url: p.url.trim().to_owned(),
            },
        ]);
    }
    if !about.is_empty() {
        out.push(Block::Paragraph(about));
    }
    if let Some(p) = notice
        .and_then(|n| n.preparation.as_deref())
        .filter(|p| !p.trim().is_empty())
    {
        out.push(Block::Paragraph(vec![text(w.pick(
            "Vi ber deltakere i møtet forberede følgende:",
            "We ask the participants to prepare the following:",
        ))]));
        out.push(Block::Paragraph(
            p.trim().lines().map(|l| text(l.trim())).collect(),
        ));
    }
    let mut signature = vec![text(w.pick("Med vennlig hilsen", "Kind regards"))];
    if let Some(s) = notice.and_then(|n| n.signature.as_ref()) {
        signature.push(text(s.name.trim()));
        if let Some(unit) = s.unit.as_deref() {
            signature.push(text(unit.trim()));
        }
    } else if !m.organiser.trim().is_empty() {
        signature.push(text(m.organiser.trim()));
    }
    out.push(Block::Paragraph(signature));
    out.push(Block::Rule);
    agenda_blocks(m, w, 2, &mut out);
    out
}

/// The deadline of contributions to item `index`: the end of the day
/// `submission_days_after` the meeting, in its zone.
fn deadline(m: &Meeting, index: usize) -> Option<DateTime<chrono_tz::Tz>> {
    match &m.agenda.get(index)?.kind {
        ItemKind::RoundTable(rules) => Some(rules.deadline(&m.time)),
        _ => None,
    }
}

/// The contributions to item `index`, in roster order of their members
/// (members not on the roster after, in the order they came).
fn contributions_to(m: &Meeting, index: usize) -> Vec<&Contribution> {
    let round_tables: Vec<usize> = m.round_tables().map(|(i, _)| i).collect();
    let belongs = |c: &Contribution| match c.item.as_deref() {
        Some(number) => m.item(number).map(|(i, _)| i) == Some(index),
        None => round_tables == [index],
    };
    let organisations: Vec<String> = m
        .roster
        .organisations()
        .iter()
        .map(|o| crate::text::fold_key(o))
        .collect();
    let mut list: Vec<(usize, usize, &Contribution)> = m
        .contributions
        .iter()
        .enumerate()
        .filter(|(_, c)| belongs(c))
        .map(|(i, c)| {
            let key = crate::text::fold_key(&c.from);
            let rank = organisations
                .iter()
                .position(|o| *o == key)
                .unwrap_or(usize::MAX);
            (rank, i, c)
        })
        .collect();
    list.sort_by_key(|(rank, i, _)| (*rank, *i));
    list.into_iter().map(|(_, _, c)| c).collect()
}

fn minutes_blocks(m: &Meeting, w: &Words) -> Vec<Block> {
    let mut out = vec![Block::Heading(
        1,
        text(format!(
            "{} {}",
            w.pick("Referat fra møte i", "Minutes of the meeting of"),
            m.body.trim()
        )),
    )];
    out.push(Block::Paragraph(vec![labelled(
        w.pick("Tid og sted", "Time and place"),
        format!("{}, {}", w.when(m), place(m)),
    )]));
    for (attendance, nb, en) in [
        (Attendance::Present, "Til stede", "Present"),
        (Attendance::Excused, "Forfall", "Excused"),
    ] {
        out.push(Block::Heading(2, text(w.pick(nb, en))));
        let people: Vec<Vec<Inline>> = m
            .roster
            .iter()
            .filter(|p| p.attendance() == attendance)
            .map(|p| {
                let org = p.organisation().trim();
                text(if org.is_empty() {
                    p.full_name()
                } else {
                    format!("{}, {org}", p.full_name())
                })
            })
            .collect();
        if people.is_empty() {
            out.push(Block::Paragraph(vec![text(
                w.pick("Ingen registrert.", "None recorded."),
            )]));
        } else {
            out.push(Block::List(people));
        }
    }
    for (index, item) in m.agenda.iter().enumerate() {
        out.push(Block::Heading(2, text(w.item(&item.number, &item.title))));
        if let ItemKind::MinutesApproval { meeting_date, .. } = &item.kind {
            out.push(Block::Paragraph(vec![text(format!(
                "{} {}.",
                w.pick("Referat fra møtet", "Minutes of the meeting of"),
                w.date(*meeting_date)
            ))]));
        }
        match item.decision.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(d) => {
                let mut lines: Vec<Vec<Inline>> = vec![vec![Inline::Strong(
                    w.pick("Vedtak:", "Decision:").to_owned(),
                )]];
                lines.extend(d.trim().lines().map(|l| text(l.trim())));
                out.push(Block::Paragraph(lines));
            }
            None if !matches!(item.kind, ItemKind::RoundTable(_)) => {
                out.push(Block::Paragraph(vec![vec![
                    Inline::Strong(w.pick("Vedtak:", "Decision:").to_owned()),
                    Inline::Text(format!(" {}", w.pick("(ikke skrevet)", "(not written)"))),
                ]]))
            }
            None => {}
        }
        if matches!(item.kind, ItemKind::RoundTable(_)) {
            let due = deadline(m, index);
            for c in contributions_to(m, index) {
                let late = matches!((c.submitted_at, due), (Some(at), Some(due)) if at > due);
                let mut heading = c.from.trim().to_owned();
                if late {
                    heading.push_str(w.pick(" (kom etter fristen)", " (came after the deadline)"));
                }
                out.push(Block::Heading(3, text(heading)));
                if let Some(p) = c.presenter.as_deref() {
                    out.push(Block::Paragraph(vec![labelled(
                        w.pick("Innleder", "Presenter"),
                        p.trim(),
                    )]));
                }
                out.push(Block::Markdown {
                    source: c.body.clone(),
                    shift: 3,
                });
            }
        }
    }
    out
}

fn plan_blocks(plan: &MeetingPlan, w: &Words) -> Vec<Block> {
    let first = plan.meetings.first();
    let body = first.map(|m| m.body.trim().to_owned()).unwrap_or_default();
    let years: Vec<i32> = plan.meetings.iter().map(|m| m.time.date().year()).collect();
    let year = match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    let mut out = vec![Block::Heading(
        1,
        text(format!(
            "{} {year} – {body}",
            w.pick("Møteplan", "Meeting plan")
        )),
    )];
    let items = plan
        .meetings
        .iter()
        .map(|m| {
            let mut line = format!("{}, {}", w.when(m), place(m));
            if let Some(h) = norwegian_holiday(m.time.date()) {
                line.push_str(&format!(" ({})", w.pick(h.name_nb, h.name_en)));
            }
            text(line)
        })
        .collect();
    out.push(Block::List(items));
    out
}

// ---------------------------------------------------------------- Markdown

/// Escapes user text for Markdown: the characters that start emphasis,
/// code, links, HTML or entities anywhere, and those that start a block at
/// the beginning of a line.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // "1. x" at the start of a line would begin a list.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
    out
}

fn md_inline(line: &[Inline]) -> String {
    line.iter()
        .map(|i| match i {
            Inline::Text(t) => md_escape(t),
            Inline::Strong(t) => format!("**{}**", md_escape(t)),
            Inline::Link { text, url } => format!(
                "[{}](<{}>)",
                md_escape(text),
                url.replace(['<', '>', '\n', '\r'], "")
            ),
        })
        .collect()
}

/// Moves the ATX headings of a member's Markdown down by `shift` levels,
/// outside code fences.
fn shift_headings(source: &str, shift: u8) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    let mut fenced = false;
    for line in source.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        let level = trimmed.bytes().take_while(|b| *b == b'#').count();
        if !fenced
            && (1..=6).contains(&level)
            && matches!(trimmed.as_bytes().get(level), None | Some(b' ' | b'\t'))
        {
            let new = (level + usize::from(shift)).min(6);
            out.push_str(&"#".repeat(new));
            out.push_str(&trimmed[level..]);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, line) => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&md_inline(line));
                out.push('\n');
            }
            Block::Paragraph(lines) => {
                let rendered: Vec<String> = lines.iter().map(|l| md_inline(l)).collect();
                out.push_str(&rendered.join("\\\n"));
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str("- ");
                    out.push_str(&md_inline(item));
                    out.push('\n');
                }
            }
            Block::Markdown { source, shift } => {
                out.push_str(shift_headings(source, *shift).trim_end());
                out.push('\n');
            }
            Block::Rule => out.push_str("---\n"),
        }
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

// -------------------------------------------------------------------- HTML

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Only web and mail links are kept: a `javascript:` or `data:` link in a
/// contribution must not become a link.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

fn html_inline(line: &[Inline]) -> String {
    line.iter()
        .map(|i| match i {
            Inline::Text(t) => html_escape(t),
            Inline::Strong(t) => format!("<strong>{}</strong>", html_escape(t)),
            Inline::Link { text, url } if safe_url(url) => {
                format!(
                    "<a href=\"{}\">{}</a>",
                    html_escape(url.trim()),
                    html_escape(text)
                )
            }
            Inline::Link { text, .. } => html_escape(text),
        })
        .collect()
}

fn shifted(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as usize + usize::from(shift)).min(6);
    match n {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A member's Markdown as HTML: headings moved down, raw HTML as text,
/// images as their description, links only to http, https and mailto.
pub(crate) fn markdown_to_safe_html(source: &str, shift: u8) -> String {
    let mut links: Vec<bool> = Vec::new();
    let mut in_image = 0usize;
    let events =
        Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: shifted(level, shift),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                Some(Event::End(TagEnd::Heading(shifted(level, shift))))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = safe_url(&dest_url);
                links.push(keep);
                keep.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => match links.pop() {
                Some(true) => Some(Event::End(TagEnd::Link)),
                _ => None,
            },
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                None
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                None
            }
            Event::Text(t) if in_image > 0 => Some(Event::Text(t)),
            Event::FootnoteReference(name) => Some(Event::Text(CowStr::from(format!("[^{name}]")))),
            other => Some(other),
        });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

fn to_html(blocks: &[Block], language: Language) -> String {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading(1, line) => Some(
                line.iter()
                    .map(|i| match i {
                        Inline::Text(t) | Inline::Strong(t) => t.as_str(),
                        Inline::Link { text, .. } => text.as_str(),
                    })
                    .collect::<String>(),
            ),
            _ => None,
        })
        .unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>body{{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}}.contribution{{margin-left:1em}}</style>\n</head>\n<body>\n",
        language.code(),
        html_escape(&title)
    );
    for block in blocks {
        match block {
            Block::Heading(level, line) => {
                out.push_str(&format!("<h{level}>{}</h{level}>\n", html_inline(line)));
            }
            Block::Paragraph(lines) => {
                let rendered: Vec<String> = lines.iter().map(|l| html_inline(l)).collect();
                out.push_str(&format!("<p>{}</p>\n", rendered.join("<br>\n")));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", html_inline(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Markdown { source, shift } => {
                out.push_str("<div class=\"contribution\">\n");
                out.push_str(&markdown_to_safe_html(source, *shift));
                out.push_str("</div>\n");
            }
            Block::Rule => out.push_str("<hr>\n"),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn write(blocks: &[Block], format: Format, language: Language) -> String {
    match format {
        Format::Markdown => to_markdown(blocks),
        Format::Html => to_html(blocks, language),
    }
}

impl Meeting {
    /// Renders one of the meeting's documents.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Document, Format, Language, Meeting};
    ///
    /// let meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seed-meeting.json"))?;
    /// let agenda = meeting.render(Document::Agenda, Format::Markdown, Language::Norwegian);
    /// assert!(agenda.contains("Torsdag 7. november, kl 12:00–13:00"));
    /// assert!(agenda.contains("## Sak 5. Eventuelt"));
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn render(&self, document: Document, format: Format, language: Language) -> String {
        let w = Words { lang: language };
        let blocks = match document {
            Document::Notice => notice_blocks(self, &w),
            Document::Agenda => {
                let mut out = Vec::new();
                agenda_blocks(self, &w, 1, &mut out);
                out
            }
            Document::Minutes => minutes_blocks(self, &w),
        };
        write(&blocks, format, language)
    }
}

impl MeetingPlan {
    /// Renders the plan: its meetings by date, holidays named.
    pub fn render(&self, format: Format, language: Language) -> String {
        write(
            &plan_blocks(self, &Words { lang: language }),
            format,
            language,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_as_text() {
        assert_eq!(
            md_escape("*not bold* [x](y) <b> & 1_000"),
            "\\*not bold\\* \\[x\\](y) \\<b\\> \\& 1\\_000"
        );
        assert_eq!(md_escape("# heading"), "\\# heading");
        assert_eq!(md_escape("2025. Forslag"), "2025\\. Forslag");
        assert_eq!(md_escape("Oslo Rådhus, kl 12:00"), "Oslo Rådhus, kl 12:00");
    }

    #[test]
    fn members_markdown_renders_harmless() {
        let html = markdown_to_safe_html(
            "# Tittel\n\n<script>alert(1)</script>\n\n[klikk](javascript:alert(1)) [nett](https://ok.no) ![bilde](x.png)\n",
            3,
        );
        assert!(html.contains("<h4>Tittel</h4>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            !html.contains("javascript:") || !html.contains("href=\"javascript"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://ok.no\">nett</a>"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn headings_move_down_outside_code() {
        assert_eq!(
            shift_headings("# A\n```\n# code\n```\n##B\n", 2),
            "### A\n```\n# code\n```\n##B\n"
        );
    }
}
