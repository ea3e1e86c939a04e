//! Substitutes and the quorum: who stands in for whom, and whether enough
//! of the body's members were there.

use super::report::{Report, ValidationOptions};
use crate::codes::Code;
use crate::model::meeting::Meeting;
use crate::model::roster::{Attendance, References};

pub(super) fn check(m: &Meeting, options: &ValidationOptions, r: &mut Report) {
    let references = References::new(&m.roster);
    // For each member of the body, whether someone present stands in for
    // them: counted once however many do.
    let mut stood_in_for = vec![false; m.roster.len()];
    for (i, p) in m.roster.iter().enumerate() {
        let Some(reference) = p.substitute_for().filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        let Some(for_whom) = references.find(reference).filter(|&j| j != i) else {
            r.push(
                Code::RosterSubstituteUnknown,
                format!("roster[{i}].substitute_for"),
                format!(
                    "{} stands in for {reference:?}, who is not on the roster (expected the email or full name of someone on it)",
                    p.full_name()
                ),
            );
            continue;
        };
        if p.attendance() != Attendance::Present {
            continue;
        }
        let Some(member) = m.roster.get(for_whom) else {
            continue;
        };
        if member.attendance() == Attendance::Present {
            r.push(
                Code::RosterSubstituteAndMemberPresent,
                format!("roster[{i}].attendance"),
                format!(
                    "{} is present as substitute for {}, who is present too",
                    p.full_name(),
                    member.full_name()
                ),
            );
        } else if p.role().is_member_of_body() {
            // A member counts for themself: standing in for another too
            // would count one present person twice.
        } else if let Some(flag) = stood_in_for.get_mut(for_whom) {
            *flag = true;
        }
    }
    if options.quorum {
        check_quorum(m, &stood_in_for, r);
    }
}

fn check_quorum(m: &Meeting, stood_in_for: &[bool], r: &mut Report) {
    // Before the meeting nobody's attendance is recorded: no quorum to
    // judge yet.
    if m.roster
        .iter()
        .all(|p| p.attendance() == Attendance::Invited)
    {
        return;
    }
    let (mut members, mut present) = (0usize, 0usize);
    for (i, p) in m.roster.iter().enumerate() {
        if !p.role().is_member_of_body() {
            continue;
        }
        members += 1;
        if p.attendance() == Attendance::Present || stood_in_for.get(i) == Some(&true) {
            present += 1;
        }
    }
    if members > 0 && present * 2 < members {
        r.push(
            Code::MeetingQuorum,
            "roster",
            format!(
                "{present} of the body's {members} members were present (substitutes counted for whom they stand in): fewer than half, so the body could not make decisions (kommuneloven § 11-9)"
            ),
        );
    }
}
