//! Work shared among threads, for the large imports.

/// Runs `work` on each share, the first on this thread and each other on a
/// thread of its own, and gives the results in the shares' order, so that
/// the outcome is the same for any number of shares. A panic in a share is
/// a bug: it is raised here, as it would have been on one thread.
pub(crate) fn in_shares<S, R>(
    shares: impl IntoIterator<Item = S>,
    work: impl Fn(S) -> R + Sync,
) -> Vec<R>
where
    S: Send,
    R: Send,
{
    let work = &work;
    let mut shares = shares.into_iter().peekable();
    let Some(mine) = shares.next() else {
        return Vec::new();
    };
    if shares.peek().is_none() {
        // One share: no thread scope, which would start the thread
        // machinery (and its one-time allocations) for nothing.
        return vec![work(mine)];
    }
    std::thread::scope(|scope| {
        let others: Vec<_> = shares
            .map(|share| scope.spawn(move || work(share)))
            .collect();
        let mut results = Vec::with_capacity(others.len() + 1);
        results.push(work(mine));
        for other in others {
            results.push(
                other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        results
    })
}

/// The shares' lists as one, in order, moved once into room made once.
pub(crate) fn joined<T>(shares: Vec<Vec<T>>) -> Vec<T> {
    let mut all = Vec::with_capacity(shares.iter().map(Vec::len).sum());
    for share in shares {
        all.extend(share);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_shares() {
        let squares = in_shares(0..8u64, |n| {
            // The later shares finish first.
            std::thread::sleep(std::time::Duration::from_millis(8 - n));
            n * n
        });
        assert_eq!(squares, [0, 1, 4, 9, 16, 25, 36, 49]);
        assert!(in_shares(std::iter::empty::<u8>(), |n| n).is_empty());
        assert_eq!(joined(vec![vec![1, 2], vec![], vec![3]]), [1, 2, 3]);
    }
}
