//! One file per non-interactive command; each returns its output as a `String`.

pub mod backup;
pub mod care;
pub mod case;
pub mod casework;
pub mod check;
pub mod checkin;
pub mod doorbell;
pub mod export;
pub mod find;
pub mod generate;
pub mod import;
pub mod import_sheet;
pub mod init;
pub mod ladder;
pub mod log;
pub mod people;
pub mod register;
pub mod restore;
pub mod roll;
pub mod serve;
pub mod shell;
pub mod summary;
