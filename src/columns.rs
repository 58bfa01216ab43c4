//! The one column-layout rule of every list (roll call, cases, register views, grids, search
//! results, timeline): each column has a kind and a priority. When the list is narrow,
//!
//! 1. low-priority columns drop whole, with their header (the highest `priority` number first,
//!    the rightmost of equals first), while the names of priority 0 are still shown whole
//!    (other names, such as a household's claimants, and texts are cut to their minimum);
//! 2. only when nothing droppable is left are those names cut, never below four characters
//!    (nine columns: four wide characters and `…`), and texts (titles, addresses) to their
//!    minimum;
//! 3. numbers (phones, amounts, ids, ages, counts), words (kinds, statuses) and marks are
//!    never cut: shown whole or dropped.
//!
//! Priorities: 0 for what identifies a row (number, name, status, what is due), 1 for what
//! the list is read for, 2 and above for what the detail beside the list repeats (an age, a
//! phone, a count). A pane asks `needs` whether its priority-0 and -1 columns fit beside its
//! detail; when they do not, the detail folds away (`beside_detail`) and the card or the
//! expanded view still shows it, before any of those columns drops or a name is cut.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Row, Table};
use std::ops::Range;

use crate::panes::list::{Cursor, frame_block, table_rows};
use crate::theme;
use crate::width::{truncate, width};

/// What a column holds, which decides how it may be narrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A one-cell sign (✓ ! · ○ ?).
    Mark,
    /// A word from the vocabulary (kind, status, outcome): whole or dropped.
    Word,
    /// A number, id, phone, amount, date or count: whole or dropped.
    Number,
    /// A person's or a partner's name: cut last, never below four characters.
    Name,
    /// Free text (a title, an address, a need): cut with `…` to its minimum; takes the room
    /// left over.
    Text,
}

/// Columns a cut name keeps at least: four wide characters and `…`.
pub const NAME_MIN: u16 = 9;
/// Columns a cut text keeps at least (a unit address such as `1-3-504` stays whole).
pub const TEXT_MIN: u16 = 8;
/// A name is given at most this many columns before the texts get theirs.
pub const NAME_CAP: u16 = 16;
/// Columns between two columns.
pub const SPACING: u16 = 1;

/// A column of a list: its header, kind and priority (0: kept as long as anything is).
#[derive(Clone, Debug)]
pub struct Column {
    pub header: String,
    pub kind: Kind,
    pub priority: u8,
    /// The column is at least this wide when shown (e.g. as wide as its longest word).
    pub at_least: u16,
    /// A name or text column is at most this wide (a case title beside a search hit's
    /// context).
    pub at_most: u16,
}

impl Column {
    pub fn new(header: impl Into<String>, kind: Kind, priority: u8) -> Column {
        Column {
            header: header.into(),
            kind,
            priority,
            at_least: 0,
            at_most: u16::MAX,
        }
    }

    #[must_use]
    pub fn at_most(mut self, cols: u16) -> Column {
        self.at_most = cols;
        self
    }

    /// As wide as the widest of `labels` at least (every word the column can hold).
    #[must_use]
    pub fn fitting<'a>(mut self, labels: impl IntoIterator<Item = &'a str>) -> Column {
        let w = labels.into_iter().map(width).max().unwrap_or(0);
        self.at_least = self.at_least.max(to_u16(w));
        self
    }

    #[must_use]
    pub fn at_least(mut self, cols: u16) -> Column {
        self.at_least = self.at_least.max(cols);
        self
    }
}

/// One cell: its text and style.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub text: String,
    pub style: Style,
    /// Drawn against the column's right edge (amounts).
    pub right: bool,
}

impl Cell {
    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
            right: false,
        }
    }

    /// A cell drawn against the column's right edge (amounts line up by their last digit).
    pub fn right(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            right: true,
            ..Cell::styled(text, style)
        }
    }
}

impl<S: Into<String>> From<S> for Cell {
    fn from(text: S) -> Cell {
        Cell::styled(text, Style::new())
    }
}

/// A row of cells, one per column, and whether it is the selected one.
pub struct ListRow {
    pub cells: Vec<Cell>,
    pub selected: bool,
}

/// The sizing of one column: its kind, priority and the width of its widest cell or header.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub kind: Kind,
    pub priority: u8,
    pub want: u16,
}

impl Spec {
    /// The fewest columns this column is shown in; names whole while `names_whole`.
    fn min(self, names_whole: bool) -> u16 {
        match self.kind {
            Kind::Mark | Kind::Word | Kind::Number => self.want,
            Kind::Name if names_whole && self.priority == 0 => self.want.min(NAME_CAP),
            Kind::Name => self.want.min(NAME_MIN),
            Kind::Text => self.want.min(TEXT_MIN),
        }
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn needed(specs: &[Spec], kept: &[bool], names_whole: bool) -> u32 {
    let shown = kept.iter().filter(|k| **k).count() as u32;
    let cells: u32 = specs
        .iter()
        .zip(kept)
        .filter(|(_, k)| **k)
        .map(|(s, _)| u32::from(s.min(names_whole)))
        .sum();
    cells + u32::from(SPACING) * shown.saturating_sub(1)
}

/// The least important column still kept (the highest priority number, the rightmost of
/// equals), among those with a priority above `floor`.
fn least_important(specs: &[Spec], kept: &[bool], floor: Option<u8>) -> Option<usize> {
    (0..specs.len())
        .filter(|&i| kept[i] && floor.is_none_or(|f| specs[i].priority > f))
        .max_by_key(|&i| (specs[i].priority, i))
}

/// How wide a column may grow in one round of sharing the room left (`None`: not this round).
type Limit = fn(&Spec) -> Option<u16>;

/// Each column's width in `total` columns, or `None` where it is dropped (see the module's
/// rule). The widths and the spacing between shown columns never exceed `total`.
pub fn widths(specs: &[Spec], total: u16) -> Vec<Option<u16>> {
    let total = u32::from(total);
    let mut kept = vec![true; specs.len()];
    // Low-priority columns go before a name is cut.
    while needed(specs, &kept, true) > total {
        match least_important(specs, &kept, Some(0)) {
            Some(i) => kept[i] = false,
            None => break,
        }
    }
    let names_whole = needed(specs, &kept, true) <= total;
    // Then names and texts are cut to their minimum; then, as a last resort, columns of
    // priority 0 go too.
    while needed(specs, &kept, names_whole) > total {
        match least_important(specs, &kept, None) {
            Some(i) => kept[i] = false,
            None => break,
        }
    }
    let mut out: Vec<Option<u16>> = specs
        .iter()
        .zip(&kept)
        .map(|(s, k)| k.then(|| s.min(names_whole)))
        .collect();
    let mut spare = total.saturating_sub(needed(specs, &kept, names_whole));
    // The room left: the main names up to their whole width first; then texts up to twice
    // their minimum, the other names up to a name's usual width, texts whole, the other
    // names whole.
    let main_name = |s: &Spec| (s.kind == Kind::Name && s.priority == 0).then_some(s.want);
    let some_text = |s: &Spec| (s.kind == Kind::Text).then_some(s.want.min(2 * TEXT_MIN));
    let other_name =
        |s: &Spec| (s.kind == Kind::Name && s.priority > 0).then_some(s.want.min(NAME_CAP));
    let text = |s: &Spec| (s.kind == Kind::Text).then_some(s.want);
    let other_whole = |s: &Spec| (s.kind == Kind::Name && s.priority > 0).then_some(s.want);
    let rounds: [Limit; 5] = [main_name, some_text, other_name, text, other_whole];
    for up_to in rounds {
        for (w, s) in out.iter_mut().zip(specs) {
            if let (Some(w), Some(limit)) = (w.as_mut(), up_to(s)) {
                let more = u32::from(limit.saturating_sub(*w)).min(spare);
                *w += more as u16;
                spare -= more;
            }
        }
    }
    out
}

/// The columns' specs for these rows: each as wide as its widest cell, header or `at_least`.
fn specs(columns: &[Column], rows: &[ListRow]) -> Vec<Spec> {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|c| width(&c.text))
                .max()
                .unwrap_or(0);
            let mut want = to_u16(cells).max(to_u16(width(&c.header))).max(c.at_least);
            if matches!(c.kind, Kind::Name | Kind::Text) {
                want = want.min(c.at_most.max(NAME_MIN));
            }
            Spec {
                kind: c.kind,
                priority: c.priority,
                want: if c.kind == Kind::Mark {
                    want.max(1)
                } else {
                    want
                },
            }
        })
        .collect()
}

/// The width a list needs to show every column of priority 0 and 1 with names whole, its
/// frame included: below it, the detail beside the list folds away.
pub fn needs(columns: &[Column], rows: &[ListRow]) -> u16 {
    let specs = specs(columns, rows);
    let kept: Vec<bool> = specs.iter().map(|s| s.priority <= 1).collect();
    to_u16(needed(&specs, &kept, true) as usize).saturating_add(2)
}

/// The list's area and, when the list still gets the `list_needs` columns beside it, the
/// detail's area (`detail` columns wide); otherwise the list takes the whole width.
pub fn beside_detail(area: Rect, list_needs: u16, detail: u16) -> (Rect, Option<Rect>) {
    if area.width >= list_needs.saturating_add(detail) {
        let [list, right] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(detail)]).areas(area);
        (list, Some(right))
    } else {
        (area, None)
    }
}

/// A framed list of `len` items laid out by the rule, with the detail beside it when the
/// list fits (`detail` columns wide): `rows` builds the columns and the rows in view. Returns
/// the detail's area, `None` when it folded away. An empty list says `empty`.
pub fn list_beside_detail(
    frame: &mut Frame,
    area: Rect,
    cursor: &Cursor,
    len: usize,
    detail: (u16, &str),
    rows: impl FnOnce(Range<usize>) -> (Vec<Column>, Vec<ListRow>),
) -> Option<Rect> {
    titled_list_beside_detail(frame, area, cursor, len, detail, "", rows)
}

/// `list_beside_detail` with a title on the list's border (the roll call's cutoff).
pub fn titled_list_beside_detail(
    frame: &mut Frame,
    area: Rect,
    cursor: &Cursor,
    len: usize,
    (detail, empty): (u16, &str),
    title: &str,
    rows: impl FnOnce(Range<usize>) -> (Vec<Column>, Vec<ListRow>),
) -> Option<Rect> {
    // The rows in view only depend on the height: the same with or without the detail.
    let window = cursor.window(len, usize::from(area.height.saturating_sub(3)));
    let (columns, rows) = rows(window);
    let (list, detail) = beside_detail(area, needs(&columns, &rows), detail);
    let inner = frame_block(frame, list, true, title);
    if len == 0 {
        frame.render_widget(Paragraph::new(empty.to_owned()).style(theme::DIM), inner);
    } else {
        // Remembers where the rows are drawn, for the mouse.
        cursor.window_in(len, table_rows(inner), 1);
        draw(frame, inner, &columns, &rows);
    }
    detail
}

/// A cell's text in `w` columns: names and texts cut with `…`; the others are whole (the rule
/// gives them their whole width or drops them).
fn fitted(kind: Kind, text: &str, w: u16) -> String {
    match kind {
        Kind::Name | Kind::Text => truncate(text, usize::from(w)),
        Kind::Mark | Kind::Word | Kind::Number => text.to_owned(),
    }
}

/// Draws the rows under a header row in `area`, laid out by the rule.
pub fn draw(frame: &mut Frame, area: Rect, columns: &[Column], rows: &[ListRow]) {
    draw_table(frame, area, columns, rows, true);
}

/// Draws the rows alone (search results: each row says what it is), laid out by the rule.
pub fn draw_rows(frame: &mut Frame, area: Rect, columns: &[Column], rows: &[ListRow]) {
    draw_table(frame, area, columns, rows, false);
}

fn draw_table(frame: &mut Frame, area: Rect, columns: &[Column], rows: &[ListRow], header: bool) {
    let specs = specs(columns, rows);
    let widths = widths(&specs, area.width);
    let shown: Vec<(usize, u16)> = widths
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.map(|w| (i, w)))
        .collect();
    let head = Row::new(
        shown
            .iter()
            .map(|&(i, w)| fitted(columns[i].kind, &columns[i].header, w))
            .collect::<Vec<_>>(),
    )
    .style(theme::TABLE_HEADER);
    let body: Vec<Row> = rows
        .iter()
        .map(|r| {
            let cells = shown.iter().map(|&(i, w)| {
                let cell = r.cells.get(i).cloned().unwrap_or_default();
                let mut text = fitted(columns[i].kind, &cell.text, w);
                if cell.right {
                    let pad = usize::from(w).saturating_sub(width(&text));
                    text.insert_str(0, &" ".repeat(pad));
                }
                ratatui::widgets::Cell::from(text).style(cell.style)
            });
            crate::panes::list::highlight(Row::new(cells.collect::<Vec<_>>()), r.selected)
        })
        .collect();
    let constraints: Vec<Constraint> = shown.iter().map(|&(_, w)| Constraint::Length(w)).collect();
    let mut table = Table::new(body, constraints).column_spacing(SPACING);
    if header {
        table = table.header(head);
    }
    frame.render_widget(table, area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spec(kind: Kind, priority: u8, want: u16) -> Spec {
        Spec {
            kind,
            priority,
            want,
        }
    }

    /// The roll call's columns as the demo fills them: mark, name, age, address, phone,
    /// last, attempts.
    fn roll() -> Vec<Spec> {
        vec![
            spec(Kind::Mark, 0, 1),
            spec(Kind::Name, 0, 6),
            spec(Kind::Number, 2, 3),
            spec(Kind::Text, 1, 7),
            spec(Kind::Number, 3, 12),
            spec(Kind::Word, 0, 11),
            spec(Kind::Number, 2, 4),
        ]
    }

    #[test]
    fn low_priority_columns_go_first_and_names_stay_whole() {
        // Everything but the phone: it goes first, whole.
        let w = widths(&roll(), 48);
        assert_eq!(
            w,
            vec![Some(1), Some(6), Some(3), Some(7), None, Some(11), Some(4)]
        );
        let w = widths(&roll(), 30);
        assert_eq!(w[1], Some(6), "the name whole: {w:?}");
        assert_eq!(w[4], None);
        assert_eq!(w[5], Some(11), "the last outcome whole");
        // Everything fits: all columns, the address takes the rest.
        let w = widths(&roll(), 80);
        assert!(w.iter().all(Option::is_some), "{w:?}");
    }

    #[test]
    fn a_long_name_is_cut_to_four_characters_only_when_nothing_else_can_go() {
        let specs = [spec(Kind::Name, 0, 20), spec(Kind::Word, 0, 6)];
        assert_eq!(widths(&specs, 27), vec![Some(20), Some(6)]);
        assert_eq!(widths(&specs, 16), vec![Some(9), Some(6)]);
        assert_eq!(truncate("欧阳娜仁其其格", 9), "欧阳娜仁…");
        // Too narrow even for that: the word goes, the name takes the room.
        assert_eq!(widths(&specs, 12), vec![Some(12), None]);
    }

    #[test]
    fn ties_drop_the_rightmost_first() {
        let specs = [
            spec(Kind::Name, 0, 4),
            spec(Kind::Number, 1, 5),
            spec(Kind::Number, 1, 5),
        ];
        assert_eq!(widths(&specs, 10), vec![Some(4), Some(5), None]);
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop_oneof![
            Just(Kind::Mark),
            Just(Kind::Word),
            Just(Kind::Number),
            Just(Kind::Name),
            Just(Kind::Text),
        ]
    }

    proptest! {
        /// For any width at least what the kept-always columns need, no name under four
        /// characters, no number or word cut, and the width never exceeded.
        #[test]
        fn the_rule_keeps_names_and_numbers_and_the_width(
            cols in prop::collection::vec((kind(), 0u8..4, 1u16..30), 1..9),
            extra in 0u16..60,
        ) {
            let specs: Vec<Spec> = cols.iter().map(|&(k, p, w)| spec(k, p, w)).collect();
            let essential: Vec<bool> = specs.iter().map(|s| s.priority == 0).collect();
            let minimum = needed(&specs, &essential, false) as u16;
            let total = minimum + extra;
            let w = widths(&specs, total);
            let shown: Vec<(Spec, u16)> =
                specs.iter().zip(&w).filter_map(|(s, w)| w.map(|w| (*s, w))).collect();
            let used: u32 = shown.iter().map(|(_, w)| u32::from(*w)).sum::<u32>()
                + u32::from(SPACING) * (shown.len() as u32).saturating_sub(1);
            prop_assert!(used <= u32::from(total), "{used} > {total}: {w:?}");
            for (s, w) in &shown {
                match s.kind {
                    Kind::Name => prop_assert!(*w >= s.want.min(NAME_MIN)),
                    Kind::Text => prop_assert!(*w >= s.want.min(TEXT_MIN)),
                    _ => prop_assert_eq!(*w, s.want),
                }
            }
            // Every priority-0 column fits in that width, so none is dropped.
            for (s, w) in specs.iter().zip(&w) {
                if s.priority == 0 {
                    prop_assert!(w.is_some(), "{specs:?} in {total}: {w:?}");
                }
            }
            // A main name is cut only when no lower-priority column is left to drop.
            let names_cut = shown
                .iter()
                .any(|(s, w)| s.kind == Kind::Name && s.priority == 0 && *w < s.want.min(NAME_CAP));
            if names_cut {
                prop_assert!(shown.iter().all(|(s, _)| s.priority == 0), "{w:?}");
            }
        }

        /// A cut name keeps four characters, whatever they are, and ends in `…`.
        #[test]
        fn a_cut_name_keeps_four_characters(name in "[a-z王秀英欧阳ｶ]{5,20}") {
            let cut = truncate(&name, usize::from(NAME_MIN));
            prop_assert!(width(&cut) <= usize::from(NAME_MIN));
            if cut != name {
                prop_assert!(cut.ends_with('…'));
                prop_assert!(cut.chars().count() > 4, "{cut}");
            }
        }
    }
}
