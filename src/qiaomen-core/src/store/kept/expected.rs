//! What a kept tree should hold, gathered from the records and packed: every key and value in
//! one buffer, with a small index sorted by key. `check` and the migrations compare it with
//! the tree in one ordered walk (`rebuild.rs`). A district's million memberships cost about
//! 32 bytes each here, against about 100 for a pair of vectors each (and a `Vec` per entry for
//! the allocator to keep).

use std::cmp::Ordering;

/// Where one entry lies in `Expected::bytes`: its key, then its value.
#[derive(Clone, Copy)]
struct Span {
    at: usize,
    key: u32,
    value: u32,
}

/// The entries a kept tree should hold.
#[derive(Default)]
pub(super) struct Expected {
    bytes: Vec<u8>,
    spans: Vec<Span>,
}

impl Expected {
    pub(super) fn push(&mut self, key: &[u8], value: &[u8]) {
        // Kept keys are a few ids long and values one record: far below 4 GiB.
        let len = |b: &[u8]| u32::try_from(b.len()).expect("a kept entry below 4 GiB");
        self.spans.push(Span {
            at: self.bytes.len(),
            key: len(key),
            value: len(value),
        });
        self.bytes.extend_from_slice(key);
        self.bytes.extend_from_slice(value);
    }

    fn key(&self, s: Span) -> &[u8] {
        &self.bytes[s.at..s.at + s.key as usize]
    }

    fn value(&self, s: Span) -> &[u8] {
        let start = s.at + s.key as usize;
        &self.bytes[start..start + s.value as usize]
    }

    /// Orders the entries by key (then value, so that the walk is the same every time).
    pub(super) fn sort(&mut self) {
        let mut spans = std::mem::take(&mut self.spans);
        let order = |a: &Span, b: &Span| -> Ordering {
            self.key(*a)
                .cmp(self.key(*b))
                .then_with(|| self.value(*a).cmp(self.value(*b)))
        };
        // Most trees come out of their records already in key order: check before sorting.
        if !spans.is_sorted_by(|a, b| order(a, b) != Ordering::Greater) {
            spans.sort_unstable_by(order);
        }
        self.spans = spans;
    }

    /// The entries (key, value), in the order `sort` left them.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.spans.iter().map(|s| (self.key(*s), self.value(*s)))
    }
}

#[cfg(test)]
mod tests {
    use super::Expected;

    #[test]
    fn entries_come_back_sorted_by_key_then_value() {
        let mut e = Expected::default();
        e.push(b"b", b"2");
        e.push(b"a", b"");
        e.push(b"b", b"1");
        e.push(b"ab", b"x");
        e.sort();
        let got: Vec<(&[u8], &[u8])> = e.iter().collect();
        assert_eq!(
            got,
            [
                (&b"a"[..], &b""[..]),
                (b"ab", b"x"),
                (b"b", b"1"),
                (b"b", b"2")
            ]
        );
    }
}
