//! The compact list's own tests: merging, limits, filtering, reading back.

use super::*;
use crate::import::ProblemReason;

fn problem_at(line: u64, value: &str) -> ImportProblem {
    ImportProblem {
        code: ProblemCode::DuplicatePerson,
        line,
        column: 0,
        column_name: Some(format!("c{value}").into()),
        value: value.to_owned(),
        reason: format!("r{value}").into(),
    }
}

fn list(problems: &[(u64, &str)]) -> Vec<ImportProblem> {
    problems.iter().map(|&(l, v)| problem_at(l, v)).collect()
}

#[test]
fn problems_merge_by_line_the_first_list_first_on_a_line() {
    let first = list(&[(2, "a"), (2, "b"), (5, "c"), (9, "d")]);
    let second = list(&[(1, "w"), (2, "x"), (6, "y"), (12, "z")]);
    let merged = ImportProblems::from(first.clone()).merge_by_line(second.clone().into());
    let values: Vec<&str> = merged.iter().map(|p| p.value()).collect();
    assert_eq!(values, ["w", "a", "b", "x", "c", "y", "d", "z"]);
    // As a stable sort has it, each with its own column name and reason.
    let mut sorted = [first.clone(), second.clone()].concat();
    sorted.sort_by_key(|p| p.line);
    assert_eq!(merged, sorted);
    assert_eq!(merged.to_vec(), sorted);
    assert_eq!(merged.count(ProblemCode::DuplicatePerson), 8);
    assert_eq!(
        merged.counts().collect::<Vec<_>>(),
        [(ProblemCode::DuplicatePerson, 8)]
    );
    let none = ImportProblems::new();
    assert_eq!(
        ImportProblems::from(first.clone()).merge_by_line(none.clone()),
        first
    );
    assert_eq!(none.merge_by_line(second.clone().into()), second);
    // The second list in shares (one of them empty): the same.
    let shares: Vec<ImportProblems> = [&second[..1], &second[1..1], &second[1..]]
        .map(|share| share.to_vec().into())
        .into();
    let in_shares = ImportProblems::from(first.clone()).merge_all_by_line(shares);
    assert_eq!(in_shares, sorted);
    assert_eq!(in_shares.count(ProblemCode::DuplicatePerson), 8);
}

proptest::proptest! {
    /// Any first list and any second one cut into shares (empty ones
    /// among them, lines shared across a cut) merge as a stable sort
    /// of the two, each problem with its own value, column and reason.
    #[test]
    fn lists_merged_in_any_shares_are_a_stable_sort(
        first in proptest::collection::vec(0u64..6, 0..12),
        second in proptest::collection::vec(0u64..6, 0..12),
        cuts in proptest::collection::vec(0usize..13, 0..4),
    ) {
        let sorted_list = |mut lines: Vec<u64>, tag: &str| -> Vec<ImportProblem> {
            lines.sort_unstable();
            lines
                .iter()
                .enumerate()
                .map(|(i, &line)| problem_at(line, &format!("{tag}{i}")))
                .collect()
        };
        let (first, second) = (sorted_list(first, "a"), sorted_list(second, "b"));
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(second.len())).collect();
        cuts.push(0);
        cuts.push(second.len());
        cuts.sort_unstable();
        let shares: Vec<ImportProblems> = cuts
            .windows(2)
            .map(|w| second[w[0]..w[1]].to_vec().into())
            .collect();
        let merged = ImportProblems::from(first.clone()).merge_all_by_line(shares);
        let mut sorted = [first, second].concat();
        sorted.sort_by_key(|p| p.line);
        proptest::prop_assert_eq!(merged.len(), sorted.len());
        proptest::prop_assert_eq!(merged.count(ProblemCode::DuplicatePerson), sorted.len());
        proptest::prop_assert_eq!(merged.to_vec(), sorted);
    }
}

#[test]
fn a_kept_problem_reads_back_as_it_was_pushed() {
    let mut problems = ImportProblems::new();
    let name = problems.text("E-post");
    let reason = problems.text("email is empty");
    problems.push_value(
        ProblemCode::RosterEmail,
        7,
        3,
        Some(name),
        "kari@",
        Why::Text(reason),
    );
    problems.push_value(
        ProblemCode::DuplicatePerson,
        9,
        0,
        None,
        "Kari Nordmann, X",
        Why::SamePersonAs(7),
    );
    let big = u64::MAX >> 1;
    problems.push_value(
        ProblemCode::NoRows,
        big,
        big,
        None,
        "",
        Why::SamePersonAs(big),
    );
    let p = problems.get(0).unwrap();
    assert_eq!(
        (p.code(), p.line(), p.column()),
        (ProblemCode::RosterEmail, 7, 3)
    );
    assert_eq!((p.column_name(), p.value()), (Some("E-post"), "kari@"));
    assert_eq!(p.reason(), "email is empty");
    let d = problems.get(1).unwrap();
    assert_eq!(d.column_name(), None);
    assert_eq!(
        d.reason(),
        "the same person as on line 7; both rows are kept"
    );
    let last = problems.get(2).unwrap();
    assert_eq!((last.line(), last.column()), (big, big));
    assert_eq!(last.reason(), ProblemReason::same_person_as(big));
    assert!(problems.get(3).is_none());
    // Owned and back, and through JSON.
    let owned = problems.to_vec();
    assert_eq!(ImportProblems::from(owned.clone()), problems);
    assert_eq!(owned[0].to_string(), p.to_string());
    let json = serde_json::to_string(&problems).unwrap();
    assert_eq!(json, serde_json::to_string(&owned).unwrap());
    let back: ImportProblems = serde_json::from_str(&json).unwrap();
    assert_eq!(back, problems);
    assert_eq!(problems.iter().next_back().unwrap(), last);
}

#[test]
fn the_last_problems_are_filtered_with_their_values() {
    let mut problems = ImportProblems::from(list(&[(1, "a"), (2, "b")]));
    let mut tail = list(&[(3, "c"), (3, "d"), (3, "e")]);
    tail[1].code = ProblemCode::ExtraFields;
    problems.start_row();
    problems.extend(tail.clone());
    problems.retain_row(|code| code == ProblemCode::ExtraFields);
    let values: Vec<&str> = problems.iter().map(|p| p.value()).collect();
    assert_eq!(values, ["a", "b", "d"]);
    assert_eq!(problems.get(2).unwrap(), tail[1]);
    assert_eq!(problems.values, "abd");
    assert_eq!(problems.count(ProblemCode::ExtraFields), 1);
    assert_eq!(problems.count(ProblemCode::DuplicatePerson), 2);
    assert_eq!(
        problems.first_error_in_row().map(|p| p.code()),
        Some(ProblemCode::ExtraFields)
    );
    // A new row without problems: nothing to drop.
    problems.start_row();
    problems.retain_row(|_| false);
    assert_eq!(problems.len(), 3);
    assert!(problems.first_error_in_row().is_none());
}

#[test]
fn past_the_limit_problems_are_counted_not_kept() {
    let mut problems = ImportProblems::with_limit(2);
    problems.extend(list(&[(1, "a"), (2, "b"), (3, "c")]));
    assert_eq!(problems.len(), 2);
    assert_eq!(problems.count(ProblemCode::DuplicatePerson), 3);
    assert_eq!(problems.total(), 3);
    assert_eq!(
        problems.not_kept().collect::<Vec<_>>(),
        [(ProblemCode::DuplicatePerson, 1)]
    );
    assert!(!problems.keeps(ProblemCode::DuplicatePerson));
    assert!(problems.keeps(ProblemCode::RosterEmail));
    // A row whose problems are dropped uncounts the unkept ones too.
    problems.start_row();
    let mut row = list(&[(4, "d"), (4, "e")]);
    row[1].code = ProblemCode::ExtraFields;
    problems.extend(row);
    assert_eq!(problems.count(ProblemCode::DuplicatePerson), 4);
    problems.retain_row(|code| code == ProblemCode::ExtraFields);
    assert_eq!(problems.count(ProblemCode::DuplicatePerson), 3);
    assert_eq!(problems.count(ProblemCode::ExtraFields), 1);
    assert_eq!(problems.len(), 3);
    problems.start_row();
    problems.extend(list(&[(5, "f")]));
    problems.retain_row(|_| false);
    assert_eq!(problems.count(ProblemCode::DuplicatePerson), 3);
    problems.end_rows();
    // Lists kept each to the limit, joined: the first ones stay, all
    // counted, their values where they belong.
    let mut other = ImportProblems::with_limit(2);
    other.extend(list(&[(0, "z"), (7, "y"), (8, "x")]));
    let merged = problems.merge_by_line(other);
    let values: Vec<&str> = merged.iter().map(|p| p.value()).collect();
    assert_eq!(values, ["z", "a", "e"]);
    assert_eq!(merged.count(ProblemCode::DuplicatePerson), 6);
    assert_eq!(
        merged.not_kept().next(),
        Some((ProblemCode::DuplicatePerson, 4))
    );
    assert_eq!(merged.values, "zae");
    // A limit of 0 keeps one.
    assert_eq!(ImportProblems::with_limit(0).limit(), 1);
}

#[test]
fn an_entry_is_six_words() {
    assert_eq!(std::mem::size_of::<Entry>(), 48);
}
