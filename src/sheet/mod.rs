//! Spreadsheets in and out: the roster's columns (shared by the import's header mapping and the
//! export), reading CSV and Excel files, and writing CSV and XLSX.

pub mod columns;
