//! Each document as blocks: headings, paragraphs, lists and the members'
//! Markdown, in the words of one language.

use std::collections::HashMap;

use chrono::{DateTime, Datelike};

use super::words::Words;
use crate::model::agenda::ItemKind;
use crate::model::contribution::Contribution;
use crate::model::meeting::Meeting;
use crate::model::roster::{Attendance, References};
use crate::plan::{norwegian_holiday, MeetingPlan};

/// A piece of text in a line.
pub(super) enum Inline {
    Text(String),
    Strong(String),
    Link { text: String, url: String },
}

pub(super) enum Block {
    Heading(u8, Vec<Inline>),
    /// Lines, with hard breaks between them.
    Paragraph(Vec<Vec<Inline>>),
    List(Vec<Vec<Inline>>),
    /// Labelled values, such as a letter head: a line each in Markdown and
    /// HTML (the label strong), a table in PDF.
    Fields(Vec<(String, String)>),
    /// A member's Markdown, its headings moved down by `shift` levels;
    /// `origin` is its field in the meeting (`contributions[2].body`).
    Markdown {
        source: String,
        shift: u8,
        origin: String,
    },
    Rule,
}

/// The document's title: the text of its first level-1 heading.
pub(super) fn title(blocks: &[Block]) -> String {
    blocks
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
        .unwrap_or_default()
}

pub(super) fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

pub(super) fn labelled(label: &str, value: impl Into<String>) -> Vec<Inline> {
    vec![
        Inline::Strong(format!("{label}:")),
        Inline::Text(format!(" {}", value.into())),
    ]
}

pub(super) fn place(m: &Meeting) -> String {
    m.location.to_string()
}

/// The agenda's blocks, after a heading of `level`.
pub(super) fn agenda_blocks(m: &Meeting, w: &Words, level: u8, out: &mut Vec<Block>) {
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

pub(super) fn notice_blocks(m: &Meeting, w: &Words) -> Vec<Block> {
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
    let head = vec![
        (
            w.pick("Dato", "Date").to_owned(),
            notice.map(|n| w.numeric_date(n.date)).unwrap_or_default(),
        ),
        (
            w.pick("Deres ref", "Your ref").to_owned(),
            or_blank(notice.and_then(|n| n.your_reference.as_ref())),
        ),
        (
            w.pick("Vår ref", "Our ref").to_owned(),
            or_blank(notice.and_then(|n| n.our_reference.as_ref())),
        ),
        (
            w.pick("Saksbehandler", "Case officer").to_owned(),
            or_blank(notice.and_then(|n| n.case_officer.as_ref())),
        ),
        (
            w.pick("Arkivkode", "Archive code").to_owned(),
            or_blank(notice.and_then(|n| n.archive_code.as_ref())),
        ),
    ];
    out.push(Block::Fields(head));
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
pub(super) fn deadline(m: &Meeting, index: usize) -> Option<DateTime<chrono::FixedOffset>> {
    match &m.agenda.get(index)?.kind {
        ItemKind::RoundTable(rules) => Some(rules.deadline(&m.time)),
        _ => None,
    }
}

/// The contributions to each agenda item (with their indexes), by item
/// position, each list in roster order of their members (members not on
/// the roster after, in the order they came): one pass over contributions
/// and organisations.
fn contributions_by_item(m: &Meeting) -> HashMap<usize, Vec<(usize, &Contribution)>> {
    let mut rank_of: HashMap<String, usize> = HashMap::new();
    for (rank, o) in m.roster.organisations().iter().enumerate() {
        rank_of.entry(crate::text::fold_key(o)).or_insert(rank);
    }
    let mut lists: HashMap<usize, Vec<(usize, usize, &Contribution)>> = HashMap::new();
    for (i, (c, item)) in m
        .contributions
        .iter()
        .zip(m.contribution_items())
        .enumerate()
    {
        if let Ok(index) = item {
            let rank = rank_of
                .get(&crate::text::fold_key(&c.from))
                .copied()
                .unwrap_or(usize::MAX);
            lists.entry(index).or_default().push((rank, i, c));
        }
    }
    lists
        .into_iter()
        .map(|(index, mut list)| {
            list.sort_by_key(|(rank, i, _)| (*rank, *i));
            (index, list.into_iter().map(|(_, i, c)| (i, c)).collect())
        })
        .collect()
}

pub(super) fn minutes_blocks(m: &Meeting, w: &Words) -> Vec<Block> {
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
    // A meeting book shows who came (substitutes with whom they stood in
    // for), who sent word (with the reason given) and who did not come.
    let references = References::new(&m.roster);
    for (attendance, nb, en) in [
        (Attendance::Present, "Til stede", "Present"),
        (Attendance::Excused, "Forfall", "Excused"),
        (Attendance::Absent, "Ikke møtt", "Absent"),
    ] {
        out.push(Block::Heading(2, text(w.pick(nb, en))));
        let people: Vec<Vec<Inline>> = m
            .roster
            .iter()
            .filter(|p| p.attendance() == attendance)
            .map(|p| {
                let org = p.organisation().trim();
                let mut line = if org.is_empty() {
                    p.full_name()
                } else {
                    format!("{}, {org}", p.full_name())
                };
                if attendance == Attendance::Present {
                    if let Some(reference) = p.substitute_for().filter(|r| !r.trim().is_empty()) {
                        let name = references
                            .find(reference)
                            .and_then(|i| m.roster.get(i))
                            .map_or_else(|| reference.trim().to_owned(), |q| q.full_name());
                        line.push_str(&format!(
                            " ({} {name})",
                            w.pick("møtte for", "standing in for")
                        ));
                    }
                }
                if attendance == Attendance::Excused {
                    if let Some(excuse) = p.excuse().filter(|e| !e.trim().is_empty()) {
                        line.push_str(&format!(" ({})", excuse.trim()));
                    }
                }
                text(line)
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
    let by_item = contributions_by_item(m);
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
            for (i, c) in by_item.get(&index).into_iter().flatten() {
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
                    origin: format!("contributions[{i}].body"),
                });
            }
        }
    }
    out
}

/// One contribution as a document of its own, as the archive files it:
/// who sent it, to which meeting and item, when it came, and its text.
pub(super) fn contribution_blocks(m: &Meeting, w: &Words, index: usize) -> Vec<Block> {
    let Some(c) = m.contributions.get(index) else {
        return Vec::new();
    };
    let mut out = vec![Block::Heading(
        1,
        text(format!(
            "{} {}",
            w.pick("Innspill fra", "Contribution from"),
            c.from.trim()
        )),
    )];
    let mut fields = vec![(
        w.pick("Møte", "Meeting").to_owned(),
        format!("{}, {}", m.body.trim(), w.when(m)),
    )];
    if let Some(Ok(item)) = m.contribution_items().get(index) {
        if let Some(item) = m.agenda.get(*item) {
            fields.push((
                w.pick("Sak", "Item").to_owned(),
                w.item(&item.number, &item.title),
            ));
        }
    }
    if let Some(p) = c.presenter.as_deref().filter(|p| !p.trim().is_empty()) {
        fields.push((
            w.pick("Innleder", "Presenter").to_owned(),
            p.trim().to_owned(),
        ));
    }
    if let Some(at) = c.submitted_at {
        fields.push((
            w.pick("Mottatt", "Received").to_owned(),
            format!("{} {}", w.numeric_date(at.date_naive()), at.format("%H:%M")),
        ));
    }
    out.push(Block::Fields(fields));
    out.push(Block::Markdown {
        source: c.body.clone(),
        shift: 1,
        origin: format!("contributions[{index}].body"),
    });
    out
}

pub(super) fn plan_blocks(plan: &MeetingPlan, w: &Words) -> Vec<Block> {
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

/// The answers to the invitation so far: counts, then who has not
/// answered. Added to the notice or agenda when asked.
pub(super) fn response_blocks(m: &Meeting, w: &Words, level: u8, out: &mut Vec<Block>) {
    let s = m.response_summary();
    out.push(Block::Heading(
        level,
        text(w.pick("Svar på innkallingen", "Replies to the invitation")),
    ));
    let counts = [
        (w.pick("Kommer", "Accepted"), s.accepted),
        (w.pick("Kommer ikke", "Declined"), s.declined),
        (w.pick("Kanskje", "Tentative"), s.tentative),
        (w.pick("Sender vara", "Delegated"), s.delegated),
        (w.pick("Ikke svart", "No answer"), s.needs_action),
    ];
    out.push(Block::Paragraph(
        counts
            .iter()
            .map(|(label, n)| labelled(label, n.to_string()))
            .collect(),
    ));
    if !s.not_answered.is_empty() {
        out.push(Block::Paragraph(vec![text(
            w.pick("Ikke svart ennå:", "Not answered yet:"),
        )]));
        out.push(Block::List(s.not_answered.into_iter().map(text).collect()));
    }
}
