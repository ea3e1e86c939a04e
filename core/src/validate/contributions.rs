//! The rules on the members' written contributions: which item and which
//! member each belongs to, whether it came in time, and its sections.

use std::collections::HashMap;

use super::report::Report;
use super::rules::blank;
use super::sections;
use crate::codes::Code;
use crate::model::agenda::{ItemKind, RoundTableRules};
use crate::model::contribution::Contribution;
use crate::model::meeting::{Meeting, UnresolvedItem};
use crate::text::fold_key;

/// The round-table item a contribution belongs to, once resolved.
struct Target<'a> {
    index: usize,
    rules: &'a RoundTableRules,
}

pub(super) fn check_contributions(m: &Meeting, r: &mut Report) {
    let round_tables: Vec<usize> = m.round_tables().map(|(i, _)| i).collect();
    let mut organisations: Vec<(String, &str)> = Vec::new();
    let mut seen_keys: std::collections::HashSet<String> = std::collections::HashSet::new();
    for name in m.roster.organisations() {
        let key = fold_key(name);
        if !key.is_empty() && seen_keys.insert(key.clone()) {
            organisations.push((key, name.trim()));
        }
    }
    let mut seen: HashMap<(String, usize), usize> = HashMap::new();
    // Per round-table item: minutes claimed by its contributions, and count.
    let mut spoken: HashMap<usize, i64> = HashMap::new();

    let resolved = m.contribution_items();
    for (i, (c, item)) in m.contributions.iter().zip(resolved).enumerate() {
        let target = resolve_item(m, i, (c, item), &round_tables, r);
        if blank(&c.body) {
            r.push(
                Code::ContributionEmpty,
                format!("contributions[{i}].body"),
                format!("the contribution from {:?} has no text", c.from),
            );
        }
        for section in sections::empty_sections(&c.body) {
            r.push(
                Code::ContributionEmptySection,
                format!("contributions[{i}].body"),
                format!(
                    "in the contribution from {:?}, {:?} (line {}) has nothing under it",
                    c.from, section.label, section.line
                ),
            );
        }
        check_member(i, &c.from, &organisations, &seen_keys, r);
        let Some(target) = target else { continue };

        let deadline = target.rules.deadline(&m.time);
        if let Some(at) = c.submitted_at {
            if at > deadline {
                r.push(
                    Code::ContributionLate,
                    format!("contributions[{i}].submitted_at"),
                    format!(
                        "the contribution from {:?} came {} but was due by the end of {} ({})",
                        c.from,
                        at.to_rfc3339(),
                        target.rules.due_date(m.time.date()),
                        m.time.zone().name()
                    ),
                );
            }
        }
        if let (Some(minutes), Some(limit)) =
            (c.speaking_minutes, target.rules.speaking_limit_minutes)
        {
            if minutes > limit {
                r.push(
                    Code::ContributionOverTimeLimit,
                    format!("contributions[{i}].speaking_minutes"),
                    format!(
                        "the contribution from {:?} took {minutes} minutes; the limit is {limit}",
                        c.from
                    ),
                );
            }
        }
        let key = (fold_key(&c.from), target.index);
        if let Some(&first) = seen.get(&key) {
            r.push(
                Code::ContributionDuplicate,
                format!("contributions[{i}]"),
                format!(
                    "{:?} already has a contribution to item {:?} at contributions[{first}]",
                    c.from, m.agenda[target.index].number
                ),
            );
        } else {
            seen.insert(key, i);
        }
        let claimed = c
            .speaking_minutes
            .or(target.rules.speaking_limit_minutes)
            .unwrap_or(0);
        *spoken.entry(target.index).or_default() += i64::from(claimed);
    }

    let mut items: Vec<_> = spoken.into_iter().collect();
    items.sort_unstable();
    for (index, minutes) in items {
        let item = &m.agenda[index];
        if let Some(duration) = item.duration_minutes {
            if minutes > i64::from(duration) {
                r.push(
                    Code::ContributionRoundTableOverTime,
                    format!("agenda[{index}].duration_minutes"),
                    format!(
                        "the contributions to item {:?} take {minutes} minutes but the item has {duration}",
                        item.number
                    ),
                );
            }
        }
    }
}

fn resolve_item<'a>(
    m: &'a Meeting,
    i: usize,
    (c, resolved): (&Contribution, Result<usize, UnresolvedItem>),
    round_tables: &[usize],
    r: &mut Report,
) -> Option<Target<'a>> {
    let index = match resolved {
        Ok(index) => index,
        Err(UnresolvedItem::UnknownItem) => {
            r.push(
                Code::ContributionUnknownItem,
                format!("contributions[{i}].item"),
                format!(
                    "the agenda has no item {:?}",
                    c.item.as_deref().unwrap_or("").trim()
                ),
            );
            return None;
        }
        Err(UnresolvedItem::NoRoundTable) => {
            r.push(
                Code::ContributionAmbiguousItem,
                format!("contributions[{i}].item"),
                "the contribution names no item and the agenda has no round table",
            );
            return None;
        }
        Err(_) => {
            let numbers: Vec<&str> = round_tables
                .iter()
                .map(|&k| m.agenda[k].number.as_str())
                .collect();
            r.push(
                Code::ContributionAmbiguousItem,
                format!("contributions[{i}].item"),
                format!(
                    "the contribution names no item and the agenda has {} round tables ({})",
                    round_tables.len(),
                    numbers.join(", ")
                ),
            );
            return None;
        }
    };
    let agenda_item = &m.agenda[index];
    match &agenda_item.kind {
        ItemKind::RoundTable(rules) => Some(Target { index, rules }),
        other => {
            r.push(
                Code::ContributionNotRoundTable,
                format!("contributions[{i}].item"),
                format!(
                    "item {:?} is of kind {}, not a round table",
                    agenda_item.number,
                    other.name()
                ),
            );
            None
        }
    }
}

fn check_member(
    i: usize,
    from: &str,
    organisations: &[(String, &str)],
    known: &std::collections::HashSet<String>,
    r: &mut Report,
) {
    let key = fold_key(from);
    if known.contains(&key) {
        return;
    }
    let from = crate::error::shorten(from);
    let best = organisations
        .iter()
        .map(|(k, name)| (similarity(&key, k), *name))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let message = match best {
        Some((score, name)) if score >= 0.75 => {
            format!("{from:?} matches no organisation on the roster; did you mean {name:?}?")
        }
        _ => format!("{from:?} matches no organisation on the roster"),
    };
    r.push(
        Code::ContributionUnknownMember,
        format!("contributions[{i}].from"),
        message,
    );
}

/// How alike two folded names are, 0 to 1. A name that is the first words
/// of the other ("elverum" in "elverum vekst") is a strong match; otherwise
/// Jaro–Winkler, which favours a shared beginning as names of places do.
/// How many characters of a sender and an organisation are compared for a
/// suggestion.
const SIMILARITY_CHARS: usize = 64;

/// The first `n` characters of `text`.
fn head(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(at, _)| &text[..at])
}

fn similarity(a: &str, b: &str) -> f64 {
    let word_prefix = |short: &str, long: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with(' '))
    };
    if !a.is_empty() && (word_prefix(a, b) || word_prefix(b, a)) {
        return 1.0;
    }
    // Jaro-Winkler is quadratic in the length; names of organisations are
    // short, and a suggestion needs no more than their first characters.
    strsim::jaro_winkler(head(a, SIMILARITY_CHARS), head(b, SIMILARITY_CHARS))
}
