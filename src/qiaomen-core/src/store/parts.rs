//! A tree keyed by id read in several ranges at once: the elders index of a district holds
//! 20,000 records, which the roll call and the summary read and decode whole before anything
//! else can be worked out. One thread per range, each reading and decoding its own: at the
//! district, on two cores, 30–40 ms where one thread took 54 (benches/README.md, "one-shot
//! reads on two cores").

use super::{Store, Tree, id_key};
use crate::error::Result;

/// At most this many ranges (and threads) for one read.
const MAX_PARTS: u64 = 4;

/// Below this many ids between the first and the last key, one range: threads cost more than
/// they save on a small community's few records.
const MIN_SPAN: u64 = 4096;

impl Store {
    /// Every value of `tree`, whose keys are ids (`id_key`), decoded by `decode`, in key
    /// order: the same as decoding a scan of the whole tree, read in up to `MAX_PARTS` ranges
    /// of ids at once when the machine has the cores and the ids are spread wide enough.
    pub(crate) fn decode_in_parts<T: Send>(
        &self,
        tree: Tree,
        decode: impl Fn(&[u8]) -> Result<T> + Sync,
    ) -> Result<Vec<T>> {
        let cores = crate::beside::cores() as u64;
        self.decode_on_cores(tree, cores, decode)
    }

    /// `decode_in_parts` as on a machine of `cores` cores.
    fn decode_on_cores<T: Send>(
        &self,
        tree: Tree,
        cores: u64,
        decode: impl Fn(&[u8]) -> Result<T> + Sync,
    ) -> Result<Vec<T>> {
        let t = self.tree(tree);
        let bounds = match (t.first()?, t.last()?) {
            (Some((first, _)), Some((last, _))) => split(id_of(&first), id_of(&last), cores),
            _ => Vec::new(),
        };
        // Each part's share of the tree's kept count, room made at once: decoded records are
        // large (a resident and an address), and a vector grown by doubling copies them over
        // and over (a sixth of the district's roll call).
        let share = self.kept_counts()?.map_or(0, |counts| {
            let n = counts.get(tree as usize).copied().unwrap_or(0);
            usize::try_from(n / (bounds.len() as u64 + 1)).unwrap_or(0)
        });
        let read = |from: Option<u64>, to: Option<u64>| -> Result<Vec<T>> {
            let from = from.map_or(std::ops::Bound::Unbounded, |id| {
                std::ops::Bound::Included(id_key(id))
            });
            let to = to.map_or(std::ops::Bound::Unbounded, |id| {
                std::ops::Bound::Excluded(id_key(id))
            });
            // A little over the share: ids are not spread exactly evenly.
            let mut out = Vec::with_capacity(share + share / 8);
            for v in t.range::<[u8; 8], _>((from, to)).values() {
                out.push(decode(&v?)?);
            }
            Ok(out)
        };
        if bounds.is_empty() {
            return read(None, None);
        }
        // Ranges: ..b0, b0..b1, …, bn.. (every key falls in exactly one).
        let edges: Vec<(Option<u64>, Option<u64>)> = std::iter::once(None)
            .chain(bounds.iter().copied().map(Some))
            .zip(
                bounds
                    .iter()
                    .copied()
                    .map(Some)
                    .chain(std::iter::once(None)),
            )
            .collect();
        let parts: Vec<Result<Vec<T>>> = std::thread::scope(|s| {
            let read = &read;
            let others: Vec<_> = edges[1..]
                .iter()
                .map(|&(from, to)| crate::beside::beside(s, move || read(from, to)))
                .collect();
            let mut parts = vec![read(edges[0].0, edges[0].1)];
            parts.extend(others.into_iter().map(crate::beside::Beside::joined));
            parts
        });
        // The first part grows to hold the others, rather than all copied into a new vector
        // whose every page is fresh.
        Ok(crate::beside::concat(
            parts.into_iter().collect::<Result<Vec<_>>>()?,
        ))
    }
}

/// An id key's id; a key of another length (none of this program's id trees has one) reads
/// as its first eight bytes, zero-padded, which still orders it among the others.
fn id_of(key: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key[..n]);
    u64::from_be_bytes(bytes)
}

/// The ids at which to cut the ids from `first` to `last` into `cores` (at most `MAX_PARTS`)
/// equal ranges: none when one range will do.
fn split(first: u64, last: u64, cores: u64) -> Vec<u64> {
    let parts = cores.clamp(1, MAX_PARTS);
    let span = last.saturating_sub(first);
    if parts == 1 || span < MIN_SPAN {
        return Vec::new();
    }
    (1..parts)
        .map(|i| {
            first
                + u64::try_from(u128::from(span) * u128::from(i) / u128::from(parts))
                    .unwrap_or(span)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_span_is_cut_into_equal_ranges_by_core() {
        assert_eq!(split(0, 40_000, 2), vec![20_000]);
        assert_eq!(split(1_000, 41_000, 4), vec![11_000, 21_000, 31_000]);
        assert_eq!(split(0, 40_000, 64), vec![10_000, 20_000, 30_000]);
    }

    #[test]
    fn one_core_or_a_narrow_span_is_one_range() {
        assert!(split(0, 1_000_000, 1).is_empty());
        assert!(split(5, 5 + MIN_SPAN - 1, 4).is_empty());
        assert!(split(u64::MAX, 0, 4).is_empty());
    }

    fn store_of(ids: &[u64]) -> Store {
        let store = Store::temporary().unwrap();
        let t = store.tree(Tree::Elders);
        for id in ids {
            t.insert(id_key(*id), &id.to_le_bytes()).unwrap();
        }
        store
    }

    fn as_id(v: &[u8]) -> Result<u64> {
        <[u8; 8]>::try_from(v)
            .map(u64::from_le_bytes)
            .map_err(|_| crate::error::Error::Corrupt {
                kind: "test value",
                reason: format!("{} bytes", v.len()),
            })
    }

    #[test]
    fn the_parts_read_what_one_scan_reads_in_the_same_order() {
        // Spread ids, with the cuts of four parts (at 25,000, 50,000 and 75,000) among them.
        let mut ids: Vec<u64> = (0..5_000u64).map(|i| i * 20 + i % 3).collect();
        ids.extend([24_999, 25_000, 50_000, 75_000, 100_000]);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            split(ids[0], *ids.last().unwrap(), 4),
            vec![25_000, 50_000, 75_000]
        );
        let store = store_of(&ids);
        for cores in [1, 2, 3, 4, 8] {
            let read = store.decode_on_cores(Tree::Elders, cores, as_id).unwrap();
            assert_eq!(read, ids, "{cores} cores");
        }
        assert_eq!(store.decode_in_parts(Tree::Elders, as_id).unwrap(), ids);
    }

    #[test]
    fn an_empty_tree_reads_empty_and_a_bad_value_fails_the_read() {
        let store = store_of(&[]);
        assert!(
            store
                .decode_on_cores(Tree::Elders, 4, as_id)
                .unwrap()
                .is_empty()
        );
        let store = store_of(&[0, 60_000, 99_999]);
        store
            .tree(Tree::Elders)
            .insert(id_key(70_000), &[1u8][..])
            .unwrap();
        for cores in [1, 4] {
            assert!(store.decode_on_cores(Tree::Elders, cores, as_id).is_err());
        }
    }

    #[test]
    fn ids_from_keys() {
        assert_eq!(id_of(&id_key(77)), 77);
        assert_eq!(id_of(&[1]), 1 << 56);
    }
}
