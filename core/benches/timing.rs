//! Timing shared by the benchmarks.

use std::time::{Duration, Instant};

/// The best time of `runs` runs of `f`: on two shared cores a short run is
/// easily disturbed, and the best one is the one that measures the code.
pub fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}
