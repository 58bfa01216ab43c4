//! Giving back what sled's writes replaced. Every write into a page makes a new copy of it and
//! hands the old one to an epoch-based collector (crossbeam's), which frees a few hundred
//! objects per 128 pins. A transaction or a batch of a thousand writes makes thousands of
//! such copies under one pin, so bulk work (an import, a migration, a snapshot loaded for
//! `check`) piled them up far faster than they were freed: memory grew with the data written,
//! whatever sled's cache size (2,000,000 small inserts in batches of 1,000: 1.65 GB peak
//! without this, 155 MB with it). After each write, pin and flush until what it replaced
//! can be collected.

/// Pins per write: each pin's flush collects up to 8 bags of 64 objects, and a write replaces
/// a few objects (the page, its node, a split's halves).
const WRITES_PER_PIN: usize = 64;

/// Lets sled's collector free what `writes` writes replaced (see the module's note).
pub(crate) fn after_writes(writes: usize) {
    for _ in 0..2 + writes / WRITES_PER_PIN {
        // `sled::pin` is sled's own guard on the collector its pages use.
        sled::pin().flush();
    }
}

/// Records a long scan reads between two reclaims (`after_read`): a district's million
/// residents read in one pass otherwise leave hundreds of megabytes of pages to the collector.
pub(crate) const RECLAIM_EVERY: usize = 1024;

/// `after_reads` once every `RECLAIM_EVERY` records of a scan; `n` counts the records read.
pub(crate) fn after_read(n: usize) {
    if n % RECLAIM_EVERY == RECLAIM_EVERY - 1 {
        after_reads(RECLAIM_EVERY);
    }
}

/// Lets sled's collector free the pages a scan of `records` records paged out of its cache.
/// A long scan (a snapshot's copy of the whole store, the search index's build) pulls every
/// page in and pages others out, and the pages paged out go to the same collector as the
/// pages writes replace: heaptrack of a district import's closing snapshot showed about
/// 360 MB of sled's decoded pages live with a 64 MB cache.
pub(crate) fn after_reads(records: usize) {
    after_writes(records);
}
