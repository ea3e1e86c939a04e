//! A fast hash for the keys the library makes itself, and the bounded
//! memory of verdicts on recurring texts that it serves.

/// A [`std::hash::Hasher`] over [`fast_hash`], for maps keyed by names the
/// library made itself (the organisations of a roster).
#[derive(Default)]
pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fast_hash(bytes) ^ self.0.rotate_left(29);
    }

    // A `str` key ends with a 0xFF byte written on its own, and a byte
    // slice starts with its length: each mixed in without a second pass of
    // the whole hash.
    fn write_u8(&mut self, byte: u8) {
        self.write_u64(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 ^= self.0 >> 29;
    }
}

/// Verdicts on short texts that recur in an import (the words of a role
/// column, the domains of addresses), remembered by the text so that each
/// is judged once. Bounded: past [`Remembered::SIZE`] texts, the others are
/// judged each time.
///
/// An open-addressed table of twice that many slots, each text in the
/// first free slot from its hash's: asked twice a row, a lookup is a hash
/// of a few bytes and one comparison, without a general map's hashing of
/// the length and probing of groups.
pub(crate) struct Remembered<V> {
    slots: Vec<Option<(Box<[u8]>, V)>>,
    len: usize,
}

impl<V> Default for Remembered<V> {
    fn default() -> Self {
        Remembered {
            slots: Vec::new(),
            len: 0,
        }
    }
}

impl<V: Copy> Remembered<V> {
    pub(crate) const SIZE: usize = 256;
    const SLOTS: usize = 2 * Self::SIZE;
    /// Slots looked at from a text's own: at most half the table is taken,
    /// so a free one is near (and a text not found in them is judged).
    const PROBES: usize = 8;

    /// The verdict on `text`: remembered, or given by `judge` (and
    /// remembered while there is room).
    pub(crate) fn get_or(&mut self, text: &[u8], judge: impl FnOnce() -> V) -> V {
        if self.slots.is_empty() {
            self.slots.resize_with(Self::SLOTS, || None);
        }
        let start = fast_hash(text) as usize;
        let mut free = None;
        for probe in 0..Self::PROBES {
            let at = (start + probe) % Self::SLOTS;
            match &self.slots[at] {
                Some((known, verdict)) if **known == *text => return *verdict,
                Some(_) => {}
                None => {
                    free = Some(at);
                    break;
                }
            }
        }
        let verdict = judge();
        if let Some(at) = free.filter(|_| self.len < Self::SIZE) {
            self.slots[at] = Some((text.into(), verdict));
            self.len += 1;
        }
        verdict
    }

    /// How many texts are remembered.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// A fast 64-bit hash, eight bytes at a time (the multiply-rotate step of
/// rustc's FxHash, finished with a murmur-style mix). Its collisions cost
/// only a comparison: every match is confirmed on the key itself.
pub(crate) fn fast_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let tail = crate::swar::tail_word(bytes, chunks.remainder().len());
    h = (h.rotate_left(5) ^ tail).wrapping_mul(K);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_text_is_judged_once_and_the_rest_each_time() {
        let mut seen = Remembered::<usize>::default();
        let texts: Vec<String> = (0..Remembered::<usize>::SIZE + 100)
            .map(|i| format!("Rådgiver {i}"))
            .collect();
        let mut judged = 0;
        for _ in 0..3 {
            for (i, text) in texts.iter().enumerate() {
                let verdict = seen.get_or(text.as_bytes(), || {
                    judged += 1;
                    i
                });
                assert_eq!(verdict, i, "{text}");
            }
        }
        assert_eq!(seen.len(), Remembered::<usize>::SIZE);
        // The first round judges every text; later rounds only those
        // beyond the room.
        assert_eq!(judged, texts.len() + 2 * (texts.len() - seen.len()));
    }
}
