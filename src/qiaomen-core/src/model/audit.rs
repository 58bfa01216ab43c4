use serde::{Deserialize, Serialize};

use super::Id;

/// A record touched by a command: its kind (`resident`, `case`, `checkin`…) and id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRef {
    pub kind: String,
    pub id: Id,
}

/// Every change leaves one: when, who, what command, which records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    #[serde(default)]
    pub id: Id,
    /// Unix seconds.
    pub at: i64,
    pub operator: String,
    /// The command's name (`checkin`, `case.status`…) and its main arguments.
    pub command: String,
    #[serde(default)]
    pub records: Vec<RecordRef>,
}
