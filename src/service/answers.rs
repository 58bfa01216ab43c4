//! Encoded answers kept until the next change. A district's summary and printed roll call are
//! megabytes worked out from 20,000 elders; asked again with nothing changed (the secretary's
//! refresh, a steward's second look, the same minute's `qiaomen roll`), the server sends the
//! frame it sent before instead of working it out and encoding it again.
//!
//! Kept per request and per narrowing (what the asker may see), valid for one generation of
//! the engine (`Engine::generation`, bumped by every change): the first request after a change
//! finds the kept frames gone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use qiaomen_core::access::{Rank, Who};
use qiaomen_core::{Engine, Result};

use super::protocol::{self, Response};

/// The most bytes of frames kept (a district's roll call as printed is about 2.5 MB a language,
/// its summary about the same).
const MAX_BYTES: usize = 32 << 20;

#[derive(Default)]
pub struct Answers {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    generation: u64,
    frames: HashMap<Vec<u8>, Arc<Vec<u8>>>,
    bytes: usize,
}

/// The key of an answer: the request's bytes, then what narrows it (nothing for those who see
/// everything; a steward's grids; a volunteer's member).
pub fn key(request: &impl serde::Serialize, who: &Who) -> Option<Vec<u8>> {
    let mut key = protocol::encode(request).ok()?;
    if !matches!(who.rank, Rank::Admin | Rank::Secretary | Rank::Worker) {
        key.extend(protocol::encode(&(who.rank, &who.grids, who.member)).ok()?);
    }
    Some(key)
}

impl Answers {
    /// The frame kept for `key`, or the one `make` answers (kept when the engine did not change
    /// meanwhile). An error is answered and not kept.
    pub fn frame(
        &self,
        engine: &Engine,
        key: Vec<u8>,
        make: impl FnOnce() -> Result<Response>,
    ) -> std::result::Result<Arc<Vec<u8>>, qiaomen_core::Error> {
        let generation = engine.generation();
        {
            let mut kept = self.lock();
            if kept.generation != generation {
                kept.renew(generation);
            }
            if let Some(f) = kept.frames.get(&key) {
                return Ok(Arc::clone(f));
            }
        }
        let frame = Arc::new(protocol::response_frame(&make()?));
        let mut kept = self.lock();
        if kept.generation == generation && engine.generation() == generation {
            if kept.bytes + frame.len() > MAX_BYTES {
                kept.renew(generation);
            }
            if frame.len() <= MAX_BYTES {
                kept.bytes += frame.len();
                kept.frames.insert(key, Arc::clone(&frame));
            }
        }
        Ok(frame)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Kept {
    fn renew(&mut self, generation: u64) {
        *self = Kept {
            generation,
            ..Kept::default()
        };
    }
}
