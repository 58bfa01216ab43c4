//! Which snapshots to keep.

use super::Found;
use crate::day::Date;

/// Which snapshots to keep (`found` is oldest first):
/// - the newest; the newest of each of the 7 latest community days and of each of the 4
///   latest weeks (ISO weeks, Monday first);
/// - the base of every delta kept;
/// - the two newest full snapshots: should the newer be damaged, every delta over it goes
///   with it, and the older one, with the journal after it, still rebuilds the store.
pub fn keep(found: &[Found]) -> Vec<bool> {
    let mut keep = vec![false; found.len()];
    if let Some(last) = keep.last_mut() {
        *last = true;
    }
    let mut days: Vec<Date> = Vec::new();
    let mut weeks: Vec<(i32, u8)> = Vec::new();
    for (i, f) in found.iter().enumerate().rev() {
        let day = f.header.taken.date;
        if !days.contains(&day) && days.len() < 7 {
            days.push(day);
            keep[i] = true;
        }
        let week = day.iso_week();
        if !weeks.contains(&week) && weeks.len() < 4 {
            weeks.push(week);
            keep[i] = true;
        }
    }
    for (i, _) in found
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, f)| f.is_full())
        .take(2)
    {
        keep[i] = true;
    }
    for i in 0..found.len() {
        if keep[i]
            && let Some(base) = &found[i].header.base
            && let Some(j) = found.iter().position(|f| f.header.seq == base.seq)
        {
            keep[j] = true;
        }
    }
    keep
}
