//! Spreadsheets in and out: the roster's columns (shared by the import's header mapping and the
//! export), reading CSV and Excel files, and writing CSV and XLSX.
//!
//! The import reads a file in steps, one file each: `read` (cells, with `encoding` for CSV),
//! `mapping` (which column is which field), `values` and `roster` (a row into a person),
//! `households` and `plan` (people grouped into households and matched with the register),
//! `words`. The export writes typed cells (`table`) through `write_csv` or `write_xlsx`, one
//! sheet per kind (`export`).

pub mod columns;
pub mod encoding;
pub mod export;
pub mod households;
pub mod mapping;
pub mod plan;
pub mod read;
pub mod roster;
pub mod table;
pub mod values;
pub mod words;
pub mod write_csv;
pub mod write_xlsx;
