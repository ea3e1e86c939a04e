//! "Did you mean": the roster address most like an unknown one, found
//! among the addresses that share its local part or its domain: of each,
//! the [`SUGGESTION_CANDIDATES`] nearest to it in sorted order (those that
//! share the longest beginning with it, which Jaro-Winkler favours), so
//! that each stranger costs a few comparisons whatever the roster, and a
//! batch of strangers stays linear.

use std::collections::HashMap;

/// The most roster addresses a "did you mean" compares with for each of
/// the two parts of an unknown address: half before it in sorted order,
/// half after. (64 arbitrary ones of a domain cost 0.24 s per MB of
/// strangers' replies, most of it comparing, and could miss the address
/// that was meant in a domain of more.)
pub(crate) const SUGGESTION_CANDIDATES: usize = 8;

/// The roster's address keys by local part and by domain, each list in
/// order.
#[derive(Default)]
pub(crate) struct Suggestions {
    by_local: HashMap<String, Vec<String>>,
    by_domain: HashMap<String, Vec<String>>,
}

impl Suggestions {
    /// The index of these address keys.
    pub(crate) fn of<'a>(keys: impl Iterator<Item = &'a String>) -> Suggestions {
        let mut keys: Vec<&String> = keys.collect();
        keys.sort_unstable();
        let mut s = Suggestions::default();
        for key in keys {
            let (local, domain) = key.rsplit_once('@').unwrap_or((key, ""));
            s.by_local
                .entry(local.to_owned())
                .or_default()
                .push(key.clone());
            s.by_domain
                .entry(domain.to_owned())
                .or_default()
                .push(key.clone());
        }
        s
    }

    /// The key most like `key` (Jaro-Winkler, at least 0.85; the first in
    /// order of equals), among the candidates of its two parts.
    pub(crate) fn closest<'s>(&'s self, key: &str) -> Option<String> {
        let (local, domain) = key.rsplit_once('@').unwrap_or((key, ""));
        // The list's addresses nearest to `key` in its (sorted) order.
        let near = |index: &'s HashMap<String, Vec<String>>, part: &str| -> &'s [String] {
            index.get(part).map_or(&[], |list| {
                let at = list.partition_point(|c| c.as_str() < key);
                let half = SUGGESTION_CANDIDATES / 2;
                &list[at.saturating_sub(half)..(at + half).min(list.len())]
            })
        };
        let mut best: Option<(f64, &String)> = None;
        for candidate in near(&self.by_local, local)
            .iter()
            .chain(near(&self.by_domain, domain))
        {
            let score = strsim::jaro_winkler(candidate, key);
            let better = best
                .as_ref()
                .is_none_or(|(s, c)| score > *s || (score == *s && candidate < *c));
            if score >= 0.85 && better {
                best = Some((score, candidate));
            }
        }
        best.map(|(_, k)| k.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_in_either_part_is_found_and_a_stranger_is_not() {
        let keys = [
            "trond.haugen@drammen.kommune.no".to_owned(),
            "siri@asker.no".to_owned(),
        ];
        let s = Suggestions::of(keys.iter());
        assert_eq!(
            s.closest("trond.haugen@drammen.kommune.com"),
            Some(keys[0].clone())
        );
        assert_eq!(
            s.closest("trond.haugn@drammen.kommune.no"),
            Some(keys[0].clone())
        );
        assert_eq!(s.closest("nobody@elsewhere.example"), None);
    }

    #[test]
    fn in_a_large_domain_the_address_meant_is_among_the_candidates() {
        // 500 addresses in one domain: the one meant sorts next to its
        // typo, wherever it stands in the domain.
        let keys: Vec<String> = (0..500)
            .map(|i| format!("person{i:03}.family@oslo.kommune.no"))
            .chain(["trond.haugen@oslo.kommune.no".to_owned()])
            .collect();
        let s = Suggestions::of(keys.iter());
        assert_eq!(
            s.closest("trond.haugn@oslo.kommune.no").as_deref(),
            Some("trond.haugen@oslo.kommune.no")
        );
        assert_eq!(
            s.closest("person250.famly@oslo.kommune.no").as_deref(),
            Some("person250.family@oslo.kommune.no")
        );
    }
}
