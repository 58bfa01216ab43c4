//! How a checked import is cut into journal entries (each applied as one transaction).

use std::io::BufRead;

use super::import::{BATCH_RECORDS, lines};
use crate::error::Result;

/// The lines of a checked source worth journalling (blank lines dropped), in chunks of
/// `BATCH_RECORDS`, except that the check-ins of one day are not cut: a day is one packed
/// value, and a day cut into chunks of 1,000 is read, decoded and written again for each of
/// them (26 times a day at the district, whose days hold 26,000 check-ins). A chunk is still
/// cut at `CHUNK_BYTES`, well below a journal entry's limit.
pub(crate) fn chunks<R: BufRead>(source: R) -> impl Iterator<Item = Result<Vec<String>>> {
    let mut lines = lines(source)
        .filter(|(_, l)| l.as_ref().map_or(true, |t| !t.trim().is_empty()))
        .peekable();
    std::iter::from_fn(move || {
        let mut chunk = Vec::with_capacity(BATCH_RECORDS);
        let mut bytes = 0;
        // The day of the line just pushed, once looked at (as the next line of the one before).
        let mut day: Option<Option<String>> = None;
        while let Some((_, line)) = lines.next() {
            let line = match line {
                Ok(l) => l.trim().to_owned(),
                Err(e) => return Some(Err(e)),
            };
            bytes += line.len();
            if chunk.len() + 1 >= BATCH_RECORDS {
                let this = day.take().unwrap_or_else(|| checkin_day(&line));
                let next = lines
                    .peek()
                    .and_then(|(_, l)| l.as_ref().ok().map(|t| checkin_day(t)));
                chunk.push(line);
                if this.is_none() || next.as_ref() != Some(&this) || bytes >= CHUNK_BYTES {
                    break;
                }
                day = next;
            } else {
                chunk.push(line);
            }
        }
        (!chunk.is_empty()).then_some(Ok(chunk))
    })
}

/// The most text one chunk holds when it keeps a day's check-ins together (a journal entry
/// may hold 64 MiB).
const CHUNK_BYTES: usize = 16 * 1024 * 1024;

/// The day of a check-in line; `None` for any other line. Only how lines are grouped depends
/// on it: the lines were checked before.
fn checkin_day(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head<'a> {
        #[serde(rename = "type")]
        kind: &'a str,
        date: Option<&'a str>,
    }
    let head: Head = serde_json::from_str(line).ok()?;
    (head.kind == "checkin").then_some(head.date?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{BATCH_RECORDS, chunks};

    fn checkin(date: &str, elder: usize) -> String {
        format!(r#"{{"type":"checkin","elder":{elder},"date":"{date}","seq":0}}"#)
    }

    #[test]
    fn a_days_check_ins_stay_in_one_chunk_and_other_lines_are_cut_at_the_batch_size() {
        let mut text: Vec<String> = (0..BATCH_RECORDS + 10)
            .map(|i| format!(r#"{{"type":"visit","id":{}}}"#, i + 1))
            .collect();
        text.extend((0..BATCH_RECORDS + 500).map(|e| checkin("2026-03-04", e)));
        text.push(String::new());
        text.extend((0..20).map(|e| checkin("2026-03-05", e)));
        let source = text.join("\n");
        let sizes: Vec<usize> = chunks(source.as_bytes())
            .map(|c| c.expect("chunk").len())
            .collect();
        // 1,000 visits; 10 visits and all 1,500 check-ins of the 4th, past the batch size;
        // the 5th (the blank line dropped).
        assert_eq!(sizes, [BATCH_RECORDS, 10 + BATCH_RECORDS + 500, 20]);
    }
}
