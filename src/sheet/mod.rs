//! Spreadsheets in and out: the roster's columns (shared by the import's header mapping and the
//! export), reading CSV and Excel files, and writing CSV and XLSX.

pub mod columns;
pub mod export;
pub mod table;
pub mod write_csv;
pub mod write_xlsx;
