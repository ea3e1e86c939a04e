//! "Did you mean": the roster address most like an unknown one, found
//! among the addresses that share its local part or its domain, at most
//! [`SUGGESTION_CANDIDATES`] of each, so that a batch of strangers against
//! a large roster stays linear.

use std::collections::HashMap;

/// The most roster addresses a "did you mean" compares with each of the
/// two parts of an unknown address.
pub(crate) const SUGGESTION_CANDIDATES: usize = 64;

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
    pub(crate) fn closest(&self, key: &str) -> Option<String> {
        let (local, domain) = key.rsplit_once('@').unwrap_or((key, ""));
        let same = |index: &HashMap<String, Vec<String>>, part: &str| -> Vec<String> {
            index.get(part).map_or_else(Vec::new, |v| {
                v[..v.len().min(SUGGESTION_CANDIDATES)].to_vec()
            })
        };
        let mut best: Option<(f64, String)> = None;
        for candidate in same(&self.by_local, local)
            .into_iter()
            .chain(same(&self.by_domain, domain))
        {
            let score = strsim::jaro_winkler(&candidate, key);
            let better = best
                .as_ref()
                .is_none_or(|(s, c)| score > *s || (score == *s && candidate < *c));
            if score >= 0.85 && better {
                best = Some((score, candidate));
            }
        }
        best.map(|(_, k)| k)
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
}
