//! The visits-due view: households overdue or due this week by the visit cadence and the
//! campaigns, by steward (`qiaomen visit due` on screen). `Enter` opens the household in the
//! households view; `w` records a visit to it.
//!
//! ```text
//! ┌──────────────────────────────────────┐┌───────────────────────────┐
//! │ 网格管家 户         等级   应走访    ││ #7 沈丽娟 桂园小区 3-1-502│
//! │ 吴丽     #7 沈丽娟  高风险 逾期 11-21││ 高风险 · G2 · 网格管家 吴丽│
//! │ 吴丽     #10 杜桂英 一般   逾期 11-26││ 上次走访 2026-11-14       │
//! └──────────────────────────────────────┘└───────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::RegisterPane;
use super::render::list_view;
use crate::chrome::{clean, field};
use crate::columns::{Cell as ColCell, Column, Kind, ListRow};
use crate::commands::register::cadence::{campaigns_of, due_label, stewards_label, tier};
use crate::commands::register::due::{DueList, DueRow, StewardRef};
use crate::i18n::T;
use crate::panes::list::frame_block;
use crate::theme;
use crate::view::Ctx;

/// One line of the list: the steward group it belongs to and the household.
pub struct DueLine {
    pub stewards: Vec<StewardRef>,
    pub row: DueRow,
}

/// The list's lines, group after group (the order of `qiaomen visit due`).
pub fn lines(list: DueList) -> Vec<DueLine> {
    let mut out = Vec::with_capacity(list.total);
    for g in list.groups {
        let stewards = g.stewards;
        for row in g.households {
            out.push(DueLine {
                stewards: stewards.clone(),
                row,
            });
        }
    }
    out
}

/// The stewards' names alone, for the list's column (`无网格管家` when the grid has none).
fn steward_names(lang: crate::i18n::Lang, stewards: &[StewardRef]) -> String {
    if stewards.is_empty() {
        return lang.t(T::DueNoSteward).to_owned();
    }
    let names: Vec<&str> = stewards.iter().map(|s| s.name.as_str()).collect();
    names.join(if lang == crate::i18n::Lang::Zh {
        "、"
    } else {
        ", "
    })
}

/// `逾期 11-21` / `overdue 11-21`: the list's column has no room for the year (the detail
/// has the whole date).
fn short_due(lang: crate::i18n::Lang, r: &DueRow) -> String {
    let md = |d: qiaomen_core::Date| format!("{:02}-{:02}", d.month(), d.day());
    match r.item.due {
        None => lang.t(T::DueNever).to_owned(),
        Some(d) if r.item.overdue => lang.fill(T::DueOverdue, &[&md(d)]),
        Some(d) => lang.fill(T::DueThisWeek, &[&md(d)]),
    }
}

impl RegisterPane {
    pub fn selected_due(&self) -> Option<&DueLine> {
        self.visits_due.get(self.due_cursor.selected)
    }

    pub(super) fn render_visits_due(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_due_detail(app, frame, area, true);
            return;
        }
        let detail = list_view(
            frame,
            area,
            &self.due_cursor,
            self.visits_due.len(),
            app.lang.t(T::DueNone),
            |window| self.due_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_due_detail(app, frame, detail, false);
        }
    }

    fn due_rows(&self, app: &Ctx, window: std::ops::Range<usize>) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let columns = vec![
            Column::new(lang.t(T::DueStewardCol), Kind::Name, 1),
            Column::new(lang.t(T::ColHousehold), Kind::Name, 0),
            Column::new(lang.t(T::ColTier), Kind::Word, 2),
            Column::new(lang.t(T::ColVisitDue), Kind::Word, 0),
        ];
        let rows = window
            .map(|i| {
                let l = &self.visits_due[i];
                let due_style = if l.row.item.overdue {
                    theme::ALERT
                } else {
                    theme::WARN
                };
                ListRow {
                    cells: vec![
                        clean(&steward_names(lang, &l.stewards)).into(),
                        // The head's name (the detail has the number and the address).
                        if l.row.head.is_empty() {
                            format!("#{}", l.row.item.household)
                        } else {
                            clean(&l.row.head)
                        }
                        .into(),
                        tier(lang, l.row.item.tier).into(),
                        ColCell::styled(short_due(lang, &l.row), due_style),
                    ],
                    selected: i == self.due_cursor.selected,
                }
            })
            .collect();
        (columns, rows)
    }

    fn render_due_detail(&self, app: &Ctx, frame: &mut Frame, area: Rect, expanded: bool) {
        let lang = app.lang;
        let inner = frame_block(frame, area, expanded, "");
        let Some(l) = self.selected_due() else {
            return;
        };
        let r = &l.row;
        let mut lines = vec![
            Line::styled(
                clean(&format!("#{} {} {}", r.item.household, r.head, r.address)),
                theme::TITLE,
            ),
            Line::raw(clean(&format!(
                "{} · {} · {}",
                tier(lang, r.item.tier),
                r.grid_code,
                stewards_label(lang, &l.stewards)
            ))),
            field(
                lang.t(T::ColLastVisit),
                r.item
                    .last_visit
                    .map_or_else(|| lang.t(T::DueNever).to_owned(), |d| d.to_string()),
            ),
            field(lang.t(T::ColVisitDue), due_label(lang, r)),
        ];
        let campaigns = campaigns_of(r);
        if !campaigns.is_empty() {
            lines.push(field(lang.t(T::ColCampaign), campaigns));
        }
        lines.push(Line::styled(lang.t(T::DueHint), theme::DIM));
        self.draw_detail(frame, inner, lines, expanded);
    }
}
