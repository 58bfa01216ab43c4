//! The one key table. The footer hints and the `?` help overlay are generated from it, so they
//! never drift from what the keys do. A test checks it has no clashes within a scope.

use qiaomen_core::model::Outcome;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::i18n::T;
use crate::panes::Pane;
use crate::panes::register::View as RegisterView;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    List,
    Pane(Pane),
    /// Keys that move through days: roll call and summary.
    Days,
    /// The resident card (a popup over any pane).
    Card,
    /// The resident card's edit form.
    CardEdit,
    /// Any other form (a case note, a household, the leave form over a card…).
    Form,
}

impl Scope {
    pub fn applies_to(self, pane: Pane) -> bool {
        match self {
            Scope::Global | Scope::List => true,
            Scope::Pane(p) => p == pane,
            Scope::Days => matches!(pane, Pane::RollCall | Pane::Summary),
            // Popup scopes: their keys are read by the popup, never by a pane.
            Scope::Card | Scope::CardEdit | Scope::Form => false,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in hints (`j/k`, `1-5`).
    pub label: &'static str,
    pub scope: Scope,
    pub action: Action,
    pub help: T,
    /// Shown in the footer (the rest only in `?`).
    pub footer: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    /// A key held with Ctrl or Alt (terminals send one or the other for Ctrl-↑).
    Ctrl(KeyCode),
    BackTab,
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        match self {
            Key::Char(c) => {
                ev.code == KeyCode::Char(c)
                    && !ev
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            }
            Key::Code(code) => {
                ev.code == code
                    && !ev
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            }
            Key::Ctrl(code) => {
                ev.code == code
                    && ev
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            }
            Key::BackTab => {
                ev.code == KeyCode::BackTab
                    || (ev.code == KeyCode::Tab && ev.modifiers.contains(KeyModifiers::SHIFT))
            }
        }
    }
}

use Key::{Char as C, Code};

macro_rules! b {
    ($keys:expr, $label:literal, $scope:expr, $action:expr, $help:ident, $footer:literal) => {
        Binding {
            keys: $keys,
            label: $label,
            scope: $scope,
            action: $action,
            help: T::$help,
            footer: $footer,
        }
    };
}

/// Pane keys first (they win), then days, lists and global keys. One line a binding.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b!(&[C('o')], "o", Scope::Pane(Pane::RollCall), Action::Mark(Outcome::Ok), KeyMarkOk, true),
    b!(&[C('u')], "u", Scope::Pane(Pane::RollCall), Action::Mark(Outcome::Unwell), KeyMarkUnwell, true),
    b!(&[C('n')], "n", Scope::Pane(Pane::RollCall), Action::Mark(Outcome::NoAnswer), KeyMarkNoAnswer, true),
    b!(&[C('h')], "h", Scope::Pane(Pane::RollCall), Action::Mark(Outcome::NeedsHelp), KeyMarkNeedsHelp, true),
    b!(&[C('a')], "a", Scope::Pane(Pane::RollCall), Action::Mark(Outcome::Away), KeyMarkAway, true),
    b!(&[C('r')], "r", Scope::Pane(Pane::RollCall), Action::OpenCard, KeyCard, false),
    b!(&[C('v')], "v", Scope::Pane(Pane::RollCall), Action::MarkVisit, KeyMarkVisit, false),
    b!(&[C('e')], "e", Scope::Pane(Pane::RollCall), Action::LadderStep, LadderKeyStep, true),
    b!(&[C('m')], "m", Scope::Pane(Pane::RollCall), Action::CycleMethod, KeyMethod, false),
    b!(&[Code(KeyCode::Enter)], "Enter", Scope::Pane(Pane::RollCall), Action::NoteCheckIn, KeyNote, false),
    b!(&[C('z')], "z", Scope::Pane(Pane::RollCall), Action::Undo, KeyUndo, true),
    b!(&[C('l')], "l", Scope::Pane(Pane::RollCall), Action::History, KeyHistory, false),
    b!(&[C('n')], "n", Scope::Pane(Pane::Cases), Action::NewCase, KeyNewCase, true),
    b!(&[Code(KeyCode::Enter)], "Enter", Scope::Pane(Pane::Cases), Action::OpenCase, KeyOpenCase, true),
    b!(&[C('a')], "a", Scope::Pane(Pane::Cases), Action::CaseNote, KeyCaseNote, true),
    b!(&[C('s')], "s", Scope::Pane(Pane::Cases), Action::CaseSession, KeyCaseSession, true),
    b!(&[C('c')], "c", Scope::Pane(Pane::Cases), Action::CaseStatus, KeyCaseStatus, true),
    b!(&[C('d')], "d", Scope::Pane(Pane::Cases), Action::CaseFollowUp, KeyCaseFollowUp, false),
    b!(&[C('e')], "e", Scope::Pane(Pane::Cases), Action::CaseHandOver, KeyHandOver, false),
    b!(&[C('f')], "f", Scope::Pane(Pane::Cases), Action::CycleKindFilter, KeyKindFilter, false),
    b!(&[C('x')], "x", Scope::Pane(Pane::Cases), Action::CycleStatusFilter, KeyStatusFilter, false),
    b!(&[C('v')], "v", Scope::Pane(Pane::Cases), Action::CycleLevelFilter, KeyLevelFilter, false),
    b!(&[C('l')], "l", Scope::Pane(Pane::Cases), Action::History, KeyHistory, false),
    b!(&[C('r')], "r", Scope::Pane(Pane::Cases), Action::OpenCard, KeyCardParty, true),
    b!(&[Code(KeyCode::Enter)], "Enter", Scope::Pane(Pane::Summary), Action::JumpToElder, KeyJumpElder, true),
    b!(&[C('y')], "y", Scope::Pane(Pane::Summary), Action::CopySummary, KeyCopySummary, true),
    b!(&[Code(KeyCode::PageDown)], "PgDn", Scope::Pane(Pane::Summary), Action::PageDown, KeyFiguresMore, true),
    b!(&[Code(KeyCode::PageUp)], "PgUp", Scope::Pane(Pane::Summary), Action::PageUp, KeyFiguresBack, false),
    b!(&[C('w')], "w", Scope::Pane(Pane::Summary), Action::WriteSummary, KeyWriteSummary, false),
    b!(&[C('p')], "p", Scope::Pane(Pane::Summary), Action::CycleSpan, KeySpan, true),
    b!(&[C('v')], "v", Scope::Pane(Pane::Summary), Action::SummaryText, KeySummaryText, true),
    b!(&[C('v')], "v", Scope::Pane(Pane::Register), Action::RegisterView, KeyRegView, true),
    // The households view's own keys before the others: the footer keeps `?` and what fits.
    b!(&[C('a')], "a", Scope::Pane(Pane::Register), Action::NewHousehold, HhKeyNew, true),
    b!(&[C('h')], "h", Scope::Pane(Pane::Register), Action::EditHousehold, HhKeyEdit, true),
    b!(&[C('s')], "s", Scope::Pane(Pane::Register), Action::FileStep, KeyRegStep, true),
    b!(&[C('c')], "c", Scope::Pane(Pane::Register), Action::Claim, KeyRegClaim, true),
    b!(&[C('d')], "d", Scope::Pane(Pane::Register), Action::Deliver, KeyRegDeliver, true),
    b!(&[C('w')], "w", Scope::Pane(Pane::Register), Action::AddVisit, KeyRegVisit, true),
    b!(&[C('b')], "b", Scope::Pane(Pane::Register), Action::AddService, KeyRegService, false),
    b!(&[C('f')], "f", Scope::Pane(Pane::Register), Action::AddFund, KeyRegFund, true),
    b!(&[Code(KeyCode::Enter)], "Enter", Scope::Pane(Pane::Register), Action::RegisterExpand, KeyRegDetail, false),
    b!(&[C('r')], "r", Scope::Pane(Pane::Register), Action::FileReopen, KeyRegReopen, false),
    b!(&[C('e')], "e", Scope::Pane(Pane::Register), Action::EndPledge, KeyRegEnd, false),
    b!(&[C('p')], "p", Scope::Pane(Pane::Register), Action::BatchNotice, KeyRegNotice, false),
    b!(&[C('n')], "n", Scope::Pane(Pane::Register), Action::NewPartner, KeyRegPartner, false),
    b!(&[C('o')], "o", Scope::Pane(Pane::Register), Action::AddActivity, KeyRegActivity, false),
    b!(&[C('x')], "x", Scope::Pane(Pane::Register), Action::CycleStatusFilter, KeyStatusFilter, false),
    b!(&[C('m')], "m", Scope::Pane(Pane::Grids), Action::NewMember, PplKeyNewMember, true),
    b!(&[C('n')], "n", Scope::Pane(Pane::Grids), Action::NewGrid, PplKeyNewGrid, true),
    b!(&[C('['), Code(KeyCode::Left)], "[ ]", Scope::Days, Action::PrevDay, KeyDays, true),
    b!(&[C(']'), Code(KeyCode::Right)], "]", Scope::Days, Action::NextDay, KeyDays, false),
    b!(&[C('t')], "t", Scope::Days, Action::Today, KeyToday, false),
    b!(&[C('j'), Code(KeyCode::Down)], "j/k", Scope::List, Action::Down, KeyMove, false),
    b!(&[C('k'), Code(KeyCode::Up)], "k", Scope::List, Action::Up, KeyMove, false),
    b!(&[Code(KeyCode::PageDown)], "PgDn/PgUp", Scope::List, Action::PageDown, KeyPage, false),
    b!(&[Code(KeyCode::PageUp)], "PgUp", Scope::List, Action::PageUp, KeyPage, false),
    b!(&[Code(KeyCode::Home)], "Home/End", Scope::List, Action::Home, KeyHomeEnd, false),
    b!(&[Code(KeyCode::End)], "End", Scope::List, Action::End, KeyHomeEnd, false),
    b!(&[Code(KeyCode::Esc)], "Esc", Scope::List, Action::Close, KeyBack, false),
    b!(&[C('e')], "e", Scope::Card, Action::EditCard, KeyCardEdit, true),
    b!(&[C('x')], "x", Scope::Card, Action::LeaveResident, HhKeyLeave, true),
    b!(&[C('j'), Code(KeyCode::Down)], "j/k", Scope::Card, Action::Down, KeyScroll, true),
    b!(&[C('k'), Code(KeyCode::Up)], "k", Scope::Card, Action::Up, KeyScroll, false),
    b!(&[Code(KeyCode::PageDown)], "PgDn/PgUp", Scope::Card, Action::PageDown, KeyPage, true),
    b!(&[Code(KeyCode::PageUp)], "PgUp", Scope::Card, Action::PageUp, KeyPage, false),
    b!(&[Code(KeyCode::Home)], "Home/End", Scope::Card, Action::Home, KeyHomeEnd, false),
    b!(&[Code(KeyCode::End)], "End", Scope::Card, Action::End, KeyHomeEnd, false),
    b!(&[Code(KeyCode::Esc)], "Esc", Scope::Card, Action::Close, KeyCardClose, true),
    b!(&[Code(KeyCode::Enter)], "Enter", Scope::CardEdit, Action::Save, KeySave, true),
    b!(&[Key::Ctrl(KeyCode::Char('n'))], "C-n", Scope::CardEdit, Action::ContactAdd, KeyContactAdd, true),
    b!(&[Key::Ctrl(KeyCode::Char('d'))], "C-d", Scope::CardEdit, Action::ContactRemove, KeyContactRemove, true),
    b!(&[Key::Ctrl(KeyCode::Up)], "C-↑/↓", Scope::CardEdit, Action::ContactUp, KeyContactMove, true),
    b!(&[Key::Ctrl(KeyCode::Down)], "C-↓", Scope::CardEdit, Action::ContactDown, KeyContactMove, false),
    b!(&[Code(KeyCode::Esc)], "Esc", Scope::CardEdit, Action::Close, KeyCardBack, true),
    b!(&[Code(KeyCode::Enter)], "Enter", Scope::Form, Action::Save, KeySave, true),
    b!(&[Code(KeyCode::Esc)], "Esc", Scope::Form, Action::Close, KeyCardBack, true),
    b!(&[Code(KeyCode::Tab), Code(KeyCode::Down)], "Tab/↑↓", Scope::Form, Action::NextField, KeyNextField, true),
    b!(&[Key::BackTab, Code(KeyCode::Up)], "S-Tab", Scope::Form, Action::PrevField, KeyNextField, false),
    b!(&[Code(KeyCode::Right), C(' ')], "←→", Scope::Form, Action::NextChoice, KeyChoose, true),
    b!(&[Code(KeyCode::Left)], "←", Scope::Form, Action::PrevChoice, KeyChoose, false),
    b!(&[C('/')], "/", Scope::Global, Action::Search, KeySearch, true),
    b!(&[C('g')], "g", Scope::Global, Action::CycleGrid, KeyGrid, true),
    b!(&[C('1')], "1-5", Scope::Global, Action::Focus(Pane::Grids), KeyPanes, false),
    b!(&[C('2')], "2", Scope::Global, Action::Focus(Pane::RollCall), KeyPanes, false),
    b!(&[C('3')], "3", Scope::Global, Action::Focus(Pane::Cases), KeyPanes, false),
    b!(&[C('4')], "4", Scope::Global, Action::Focus(Pane::Register), KeyPanes, false),
    b!(&[C('5')], "5", Scope::Global, Action::Focus(Pane::Summary), KeyPanes, false),
    b!(&[Code(KeyCode::Tab)], "Tab", Scope::Global, Action::NextPane, KeyNextPane, false),
    b!(&[Key::BackTab], "S-Tab", Scope::Global, Action::PrevPane, KeyPrevPane, false),
    b!(&[C('?')], "?", Scope::Global, Action::Help, KeyHelp, true),
    b!(&[C('q')], "q", Scope::Global, Action::Quit, KeyQuit, true),
];

/// The action of a key in a pane: the pane's own bindings first, then lists, then global.
pub fn action_for(ev: &KeyEvent, pane: Pane) -> Option<Action> {
    if ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL) {
        return Some(Action::Quit);
    }
    let order = [Scope::Pane(pane), Scope::Days, Scope::List, Scope::Global];
    order.iter().find_map(|scope| {
        BINDINGS
            .iter()
            .filter(|b| b.scope == *scope && scope.applies_to(pane))
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    })
}

/// The action of a key in a popup's own scope (the resident card and its form).
pub fn popup_action(ev: &KeyEvent, scope: Scope) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

/// The bindings shown in the footer while a popup with its own scope is open.
pub fn popup_footer(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.footer && b.scope == scope)
}

/// Where the register's keys work, view by view (pane 4's ten views each have their own
/// keys): each action with whether the view's footer shows it (the rest only in `?`).
pub fn register_keys(view: RegisterView) -> &'static [(Action, bool)] {
    use Action as A;
    match view {
        RegisterView::Households => &[
            (A::RegisterView, true),
            (A::NewHousehold, true),
            (A::EditHousehold, true),
            (A::FileStep, true),
            (A::Claim, true),
            (A::Deliver, true),
            (A::AddVisit, true),
            (A::AddFund, true),
            (A::AddService, false),
            (A::RegisterExpand, false),
            (A::FileReopen, false),
            (A::EndPledge, false),
            (A::BatchNotice, false),
            (A::CycleStatusFilter, false),
        ],
        RegisterView::Partners => &[
            (A::RegisterView, true),
            (A::NewPartner, true),
            (A::AddActivity, true),
            (A::RegisterExpand, true),
            (A::AddFund, false),
        ],
        RegisterView::Fund => &[
            (A::RegisterView, true),
            (A::AddFund, true),
            (A::RegisterExpand, true),
        ],
        RegisterView::VisitsDue => &[
            (A::RegisterView, true),
            (A::AddVisit, true),
            (A::RegisterExpand, true),
        ],
        RegisterView::Teams | RegisterView::Meetings | RegisterView::Visits => {
            &[(A::RegisterView, true), (A::RegisterExpand, true)]
        }
        RegisterView::Services | RegisterView::CareDue => &[
            (A::RegisterView, true),
            (A::AddService, true),
            (A::RegisterExpand, true),
        ],
        RegisterView::Activities => &[
            (A::RegisterView, true),
            (A::AddActivity, true),
            (A::RegisterExpand, true),
            (A::NewPartner, false),
        ],
    }
}

/// The register's bindings of one view, in the order of `register_keys`, with whether the
/// footer shows each.
pub fn register_bindings(view: RegisterView) -> impl Iterator<Item = (&'static Binding, bool)> {
    register_keys(view).iter().filter_map(|&(action, shown)| {
        BINDINGS
            .iter()
            .find(|b| b.scope == Scope::Pane(Pane::Register) && b.action == action)
            .map(|b| (b, shown))
    })
}

/// The bindings shown in the footer of a pane, pane keys first; the register's are those of
/// the view shown.
pub fn footer(pane: Pane, view: RegisterView) -> impl Iterator<Item = &'static Binding> {
    let register: Vec<&'static Binding> = if pane == Pane::Register {
        register_bindings(view)
            .filter(|&(_, shown)| shown)
            .map(|(b, _)| b)
            .collect()
    } else {
        Vec::new()
    };
    let own = BINDINGS.iter().filter(move |b| {
        b.footer && pane != Pane::Register && matches!(b.scope, Scope::Pane(p) if p == pane)
    });
    let rest = BINDINGS.iter().filter(move |b| {
        b.footer && !matches!(b.scope, Scope::Pane(_)) && b.scope.applies_to(pane)
    });
    register.into_iter().chain(own).chain(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_where_both_apply() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let overlap = [
                    Pane::Grids,
                    Pane::RollCall,
                    Pane::Cases,
                    Pane::Register,
                    Pane::Summary,
                ]
                .iter()
                .any(|&p| a.scope.applies_to(p) && b.scope.applies_to(p) && a.scope == b.scope);
                let shared = a.keys.iter().any(|k| b.keys.contains(k));
                assert!(
                    !(overlap && shared),
                    "{:?} and {:?} share a key",
                    a.action,
                    b.action
                );
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_popup_scope() {
        for scope in [Scope::Card, Scope::CardEdit, Scope::Form] {
            let own: Vec<&Binding> = BINDINGS.iter().filter(|b| b.scope == scope).collect();
            for (i, a) in own.iter().enumerate() {
                for b in &own[i + 1..] {
                    assert!(
                        !a.keys.iter().any(|k| b.keys.contains(k)),
                        "{:?} and {:?} share a key in {scope:?}",
                        a.action,
                        b.action
                    );
                }
            }
        }
    }

    #[test]
    fn the_card_opens_with_r_where_enter_does_something_else() {
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(action_for(&r, Pane::RollCall), Some(Action::OpenCard));
        assert_eq!(action_for(&r, Pane::Cases), Some(Action::OpenCard));
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::CONTROL);
        assert_eq!(popup_action(&up, Scope::CardEdit), Some(Action::ContactUp));
        let plain_up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(popup_action(&plain_up, Scope::CardEdit), None);
        assert_eq!(popup_action(&plain_up, Scope::Card), Some(Action::Up));
    }

    #[test]
    fn households_and_leaving_have_their_keys() {
        let ev = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            action_for(&ev('a'), Pane::Register),
            Some(Action::NewHousehold)
        );
        assert_eq!(
            action_for(&ev('h'), Pane::Register),
            Some(Action::EditHousehold)
        );
        assert_eq!(
            popup_action(&ev('x'), Scope::Card),
            Some(Action::LeaveResident)
        );
        // In the roll call, `a` and `h` still mark away and needs help.
        assert_eq!(
            action_for(&ev('a'), Pane::RollCall),
            Some(Action::Mark(Outcome::Away))
        );
    }

    #[test]
    fn every_register_key_works_in_some_view_and_each_view_lists_its_own() {
        for b in BINDINGS
            .iter()
            .filter(|b| b.scope == Scope::Pane(Pane::Register))
        {
            assert!(
                RegisterView::ALL
                    .iter()
                    .any(|&v| register_keys(v).iter().any(|&(a, _)| a == b.action)),
                "{:?} is in no view",
                b.action
            );
        }
        let shown = |v| -> Vec<&str> {
            footer(Pane::Register, v)
                .filter(|b| b.scope == Scope::Pane(Pane::Register))
                .map(|b| b.label)
                .collect()
        };
        assert_eq!(shown(RegisterView::Services), ["v", "b", "Enter"]);
        assert_eq!(shown(RegisterView::Activities), ["v", "o", "Enter"]);
        assert_eq!(shown(RegisterView::Teams), ["v", "Enter"]);
        assert!(!shown(RegisterView::Teams).contains(&"s"));
        assert_eq!(shown(RegisterView::Households)[..4], ["v", "a", "h", "s"]);
    }

    #[test]
    fn pane_keys_win_over_global_ones() {
        let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&n, Pane::RollCall),
            Some(Action::Mark(Outcome::NoAnswer))
        );
        assert_eq!(action_for(&n, Pane::Cases), Some(Action::NewCase));
        assert_eq!(action_for(&n, Pane::Grids), Some(Action::NewGrid));
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&q, Pane::Cases), Some(Action::Quit));
    }
}
