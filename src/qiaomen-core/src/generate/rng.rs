//! A small deterministic generator (SplitMix64). No RNG crate: the output of `generate` must
//! depend only on its options, on every platform and with every dependency version.

/// The independent streams of the generator. Each item of a stream (a member, a household…)
/// gets its own generator, so that it can be regenerated on its own when a later section
/// needs it again (a case names a household's residents; a pledge follows a household file).
#[derive(Clone, Copy)]
pub(crate) enum Stream {
    Plan = 1,
    Member,
    Household,
    File,
    Loose,
    Partner,
    Case,
    Meeting,
    Visit,
    Fund,
    CheckIn,
    /// Issue 16's services and activities (`outreach.rs`).
    Outreach,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 finaliser: a bijection that spreads every input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(crate) struct Rng(u64);

impl Rng {
    /// The generator of item `index` of `stream` under `seed`.
    pub fn of(seed: u64, stream: Stream, index: u64) -> Self {
        let s = mix(seed.wrapping_add(GOLDEN));
        let t = mix(s ^ (stream as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
        Rng(mix(t ^ index.wrapping_mul(GOLDEN)))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n` > 0), by multiply-shift: no modulo bias worth the name.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)` with 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// Picks from `(item, weight)` pairs in proportion to the weights.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|&(_, w)| u64::from(w)).sum();
        let mut x = self.below(total);
        for (item, w) in items {
            let w = u64::from(*w);
            if x < w {
                return *item;
            }
            x -= w;
        }
        items[items.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_and_items_differ_and_repeat() {
        let a = Rng::of(7, Stream::Member, 3).next_u64();
        assert_eq!(a, Rng::of(7, Stream::Member, 3).next_u64());
        assert_ne!(a, Rng::of(7, Stream::Member, 4).next_u64());
        assert_ne!(a, Rng::of(7, Stream::Household, 3).next_u64());
        assert_ne!(a, Rng::of(8, Stream::Member, 3).next_u64());
    }

    #[test]
    fn ranges_stay_inside_and_cover() {
        let mut rng = Rng::of(1, Stream::Plan, 0);
        let mut seen = [false; 5];
        for _ in 0..1000 {
            let v = rng.range(-2, 2);
            assert!((-2..=2).contains(&v));
            seen[(v + 2) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
        let picks = (0..1000)
            .filter(|_| rng.weighted(&[(true, 1), (false, 9)]))
            .count();
        assert!((40..200).contains(&picks), "{picks}");
    }
}
