//! Eight bytes at a time in a `u64` ("SIMD within a register"): for the
//! short texts of a roster's cells (names), which are too short
//! for the compiler's vector loops.

/// One byte of each lane of a word of eight.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each lane.
pub(crate) const HIGH: u64 = ONES * 0x80;
/// The low seven bits of each lane.
const LOW: u64 = ONES * 0x7F;

/// The lanes of `x` (as their high bit) whose low seven bits are in
/// `lo..=hi`: the sums stay within each lane, so no lane's answer depends
/// on another's.
pub(crate) fn low_bits_in(x: u64, lo: u8, hi: u8) -> u64 {
    let y = x & LOW;
    let at_least = (y + ONES * u64::from(0x80 - lo)) & HIGH;
    let above = (y + ONES * u64::from(0x7F - hi)) & HIGH;
    at_least & !above
}

/// The ASCII lanes of `x` in `lo..=hi` (both ASCII).
pub(crate) fn ascii_in(x: u64, lo: u8, hi: u8) -> u64 {
    low_bits_in(x, lo, hi) & !x
}

/// The lanes of `x` equal to `b`.
pub(crate) fn lanes_equal(x: u64, b: u8) -> u64 {
    let z = x ^ (ONES * u64::from(b));
    !(((z & LOW) + LOW) | z) & HIGH
}

/// The bytes as words of eight, each with how many of its lanes are
/// bytes: the last word's other lanes are zero. Every word is loaded
/// whole (see [`tail_word`]).
pub(crate) fn words(bytes: &[u8]) -> impl Iterator<Item = (u64, usize)> + '_ {
    let exact = bytes.chunks_exact(8);
    let tail = exact.remainder().len();
    exact
        .map(|word| {
            let mut lanes = [0u8; 8];
            lanes.copy_from_slice(word);
            (u64::from_le_bytes(lanes), 8)
        })
        .chain((tail > 0).then(|| (tail_word(bytes, tail), tail)))
}

/// The last `n` (below eight) bytes of `bytes` as a word, its other lanes
/// zero: by loads of a fixed size, which may overlap, never a copy of a
/// variable length (a call, after which the word read back waits for its
/// bytes to be stored: a quarter of folding a name).
pub(crate) fn tail_word(bytes: &[u8], n: usize) -> u64 {
    if let Some(last) = bytes.last_chunk::<8>() {
        if n == 0 {
            return 0;
        }
        return u64::from_le_bytes(*last) >> (8 * (8 - n.min(8)));
    }
    // The whole text is shorter than a word: two loads that meet or
    // overlap, their common lanes the same bytes.
    let b = &bytes[bytes.len() - n.min(bytes.len())..];
    let n = b.len();
    match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        (Some(lo), Some(hi)) => {
            u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4))
        }
        _ => match (b.first_chunk::<2>(), b.last_chunk::<2>()) {
            (Some(lo), Some(hi)) => {
                u64::from(u16::from_le_bytes(*lo))
                    | u64::from(u16::from_le_bytes(*hi)) << (8 * (n - 2))
            }
            _ => b.first().map_or(0, |&byte| u64::from(byte)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lane mask as eight bits, lane `i` as bit `i`.
    fn lane_bits(mask: u64) -> u8 {
        (0..8).fold(0, |bits, i| {
            bits | (u8::from(mask >> (8 * i + 7) & 1 == 1) << i)
        })
    }

    proptest::proptest! {
        #[test]
        fn lanes_answer_as_bytes_do(bytes in proptest::array::uniform8(proptest::num::u8::ANY), lo in 0u8..0x80, hi in 0u8..0x80, b in proptest::num::u8::ANY) {
            let x = u64::from_le_bytes(bytes);
            let bits = |f: &dyn Fn(u8) -> bool| {
                bytes.iter().enumerate().fold(0u8, |m, (i, &c)| m | (u8::from(f(c)) << i))
            };
            for mask in [lanes_equal(x, b), ascii_in(x, lo, hi), low_bits_in(x, lo, hi)] {
                proptest::prop_assert_eq!(mask & !HIGH, 0);
            }
            proptest::prop_assert_eq!(lane_bits(lanes_equal(x, b)), bits(&|c| c == b));
            let all: Vec<u8> = bytes.iter().chain(&bytes[..lo as usize % 8]).copied().collect();
            let mut back = Vec::new();
            for (word, n) in words(&all) {
                back.extend_from_slice(&word.to_le_bytes()[..n]);
                proptest::prop_assert!(word.to_le_bytes()[n..].iter().all(|&l| l == 0));
            }
            proptest::prop_assert_eq!(back, all);
            proptest::prop_assert_eq!(lane_bits(ascii_in(x, lo, hi)), bits(&|c| c < 0x80 && (lo..=hi).contains(&c)));
            proptest::prop_assert_eq!(lane_bits(low_bits_in(x, lo, hi)), bits(&|c| (lo..=hi).contains(&(c & 0x7F))));
        }

        #[test]
        fn the_words_of_any_text_give_its_bytes_back(all in proptest::collection::vec(proptest::num::u8::ANY, 0..40), n in 0usize..8) {
            let mut back = Vec::new();
            for (word, k) in words(&all) {
                back.extend_from_slice(&word.to_le_bytes()[..k]);
                proptest::prop_assert!(word.to_le_bytes()[k..].iter().all(|&l| l == 0));
            }
            proptest::prop_assert_eq!(&back, &all);
            let n = n.min(all.len());
            let mut want = [0u8; 8];
            want[..n].copy_from_slice(&all[all.len() - n..]);
            proptest::prop_assert_eq!(tail_word(&all, n), u64::from_le_bytes(want));
        }
    }
}
