//! The search index of the UI: built in a background thread at start so the first frame is not
//! kept waiting, then kept in step with every change the UI makes.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use qiaomen_core::model::Id;
use qiaomen_core::search::{Hit, SearchIndex};
use qiaomen_core::{Date, Engine, Store};

#[derive(Default)]
pub struct SearchState {
    index: Option<SearchIndex>,
    pending: Option<Receiver<qiaomen_core::Result<SearchIndex>>>,
}

impl SearchState {
    /// Starts building the index in the background.
    pub fn start(store: Arc<Engine>, today: Date) -> SearchState {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                let _ = tx.send(SearchIndex::build(&store, today));
            })
            .map_or_else(
                |_| SearchState::default(),
                |_| SearchState {
                    index: None,
                    pending: Some(rx),
                },
            )
    }

    /// Builds the index now (tests, small databases).
    pub fn build_now(store: &Store, today: Date) -> qiaomen_core::Result<SearchState> {
        Ok(SearchState {
            index: Some(SearchIndex::build(store, today)?),
            pending: None,
        })
    }

    /// Takes the background index when it is ready; true when it just arrived.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.pending else {
            return false;
        };
        match rx.try_recv() {
            Ok(Ok(index)) => {
                self.index = Some(index);
                self.pending = None;
                true
            }
            Ok(Err(_)) | Err(mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                false
            }
            Err(mpsc::TryRecvError::Empty) => false,
        }
    }

    /// Waits for the background index (a search typed before it was ready).
    pub fn wait(&mut self) {
        if let Some(rx) = self.pending.take()
            && let Ok(Ok(index)) = rx.recv()
        {
            self.index = Some(index);
        }
    }

    pub fn is_ready(&self) -> bool {
        self.index.is_some()
    }

    pub fn query(&self, text: &str, limit: usize) -> Vec<Hit> {
        match &self.index {
            Some(i) if !text.trim().is_empty() => i.query(text, limit),
            _ => Vec::new(),
        }
    }

    /// Re-reads one changed record into the index.
    pub fn refresh(&mut self, store: &Store, kind: &str, id: Id) {
        self.wait();
        if let Some(i) = &mut self.index {
            let _ = i.refresh(store, kind, id);
        }
    }
}
