//! Timing shared by the benchmarks.

use std::time::{Duration, Instant};

/// What a timed run gives back, dropped once its time is taken: freeing a
/// million-row roster is not part of importing it (it took 6–12 ms, 2 %
/// of the import, when it was timed).
pub type Output = Box<dyn std::any::Any>;

/// The best time of `runs` runs of `f`: on two shared cores a short run is
/// easily disturbed, and the best one is the one that measures the code.
#[allow(dead_code)] // Not every benchmark times one thing alone.
pub fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let [best] = best_of_each(
        runs,
        [&mut || -> Output {
            f();
            Box::new(())
        }],
    );
    best
}

/// The best time of each of `work`'s runs over `runs` rounds, each round
/// running every one of them once, in turn: what a ratio compares is
/// measured side by side, so that a stretch when the shared machine is
/// slow falls on all of them alike, not on one of them alone. What a run
/// gives back is dropped after its time is taken.
pub fn best_of_each<const N: usize>(
    runs: usize,
    work: [&mut dyn FnMut() -> Output; N],
) -> [Duration; N] {
    let mut best = [Duration::MAX; N];
    let mut work = work;
    for _ in 0..runs {
        for (f, best) in work.iter_mut().zip(&mut best) {
            let start = Instant::now();
            let output = f();
            *best = (*best).min(start.elapsed());
            drop(output);
        }
    }
    best.map(|b| {
        if b == Duration::MAX {
            Duration::ZERO
        } else {
            b
        }
    })
}
