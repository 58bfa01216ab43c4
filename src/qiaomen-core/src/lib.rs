//! qiaomen-core: the domain of qiaomen (敲门) — the model of a community's grid-governance
//! work, its rules, and the sled store that keeps it. No terminal or command-line code here.

pub mod access;
pub mod cadence;
pub mod care;
pub mod cases;
pub mod casework;
pub mod command;
pub mod damage;
pub mod dates;
pub mod day;
pub mod doorbell;
pub mod engine;
pub mod error;
mod fsutil;
pub mod generate;
pub mod journal;
pub mod ladder;
mod ladder_step;
pub mod lookup;
pub mod model;
pub mod outreach;
pub mod people;
pub mod query;
pub mod reads;
pub mod reason;
pub mod record;
pub mod register;
pub mod roll_head;
pub mod roll_sheet;
pub mod rollcall;
pub mod search;
pub mod store;
pub mod stored_text;
pub mod summary;
pub mod text;
pub mod validate;
pub mod visible;
pub mod wire;
pub mod words;

pub use command::{Actor, Applied, Command, NewCase};
pub use day::{ClockTime, Date, Now};
pub use engine::Engine;
pub use error::{Error, Result};
pub use reads::Reads;
pub use record::Record;
pub use store::Store;
