//! Every user intent, as one enum. Keys map to actions through the key table (keymap.rs);
//! `App::update` is the only place that acts on them.

use qiaomen_core::model::Outcome;

use crate::panes::Pane;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Search,
    Focus(Pane),
    NextPane,
    PrevPane,
    CycleGrid,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    PrevDay,
    NextDay,
    Today,
    /// Roll call: record this outcome by the current method, then move on.
    Mark(Outcome),
    /// Roll call: ok by a home visit.
    MarkVisit,
    /// Roll call: record the outcome of the selected elder's ladder step.
    LadderStep,
    CycleMethod,
    /// Roll call: note on the selected elder's latest check-in.
    NoteCheckIn,
    Undo,
    /// Roll call and cases: the selected elder's or case's history, from the journal.
    History,
    NewCase,
    OpenCase,
    CaseNote,
    CaseSession,
    CaseStatus,
    CaseFollowUp,
    /// Hands the selected case up a level or back down one (issue 16).
    CaseHandOver,
    CycleKindFilter,
    CycleStatusFilter,
    /// The cases pane's level filter: all, grid, community, subdistrict (issue 16).
    CycleLevelFilter,
    /// Summary: go to the selected elder of the attention list in the roll call.
    JumpToElder,
    /// Summary: copy the text report to the clipboard through the terminal (OSC 52).
    CopySummary,
    /// Summary: write the text report to a file.
    WriteSummary,
    /// Summary: the running totals over the day, month, quarter or year (`Span`).
    CycleSpan,
    /// Register: households, partners, fund.
    RegisterView,
    /// Register: the whole household file fills the pane, or goes back beside the list.
    RegisterExpand,
    /// Register: the selected household's file one step forward (a notice or a claim where
    /// that is the next step).
    FileStep,
    FileReopen,
    Claim,
    Deliver,
    EndPledge,
    AddVisit,
    /// Records a service for the selected person or household (register pane, issue 16).
    AddService,
    AddFund,
    /// Register: a notice listing every reviewed household shown.
    BatchNotice,
    NewPartner,
    /// A partner's activity (issue 16 point 3).
    AddActivity,
    /// Roll call and cases: the resident card of the selected elder, or of a case's party.
    OpenCard,
    /// Resident card: edit the person, the care plan and the contacts.
    EditCard,
    /// Resident card: close it (or leave its form for the card).
    Close,
    /// Resident card's form: save.
    Save,
    /// A form: the next or the previous field; the next or the previous choice of a choice
    /// field (a text field takes the key as typing when it has no use for it).
    NextField,
    PrevField,
    NextChoice,
    PrevChoice,
    ContactAdd,
    ContactRemove,
    ContactUp,
    ContactDown,
    /// Grids: a new member (an admin's to do).
    NewMember,
    /// Grids: a new grid (an admin's to do).
    NewGrid,
    /// Register: a new household (grid, address, members, head).
    NewHousehold,
    /// Register: the selected household's grid, address, members and head.
    EditHousehold,
    /// Resident card: the person leaves (moved, died, other) from a day on.
    LeaveResident,
    /// Summary: the report's text as `y` copies and `w` writes it, or back to the figures.
    SummaryText,
}
