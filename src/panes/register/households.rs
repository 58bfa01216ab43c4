//! The households view: the list with file status, head, who claimed it and its needs; the
//! detail is the whole file (一户一档), expanded with Enter to every step, visit and notice text.

use qiaomen_core::model::FileStatus;
use qiaomen_core::register::{HouseholdFile, due_on};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::RegisterPane;
use super::render::list_view;
use crate::chrome::{clean, field};
use crate::columns::{Cell as ColCell, Column, Kind, ListRow};
use crate::commands::register::describe;
use crate::i18n::{self, Lang, T};
use crate::panes::list::frame_block;
use crate::theme;
use crate::view::Ctx;

/// Files waiting on someone stand out; closed ones step back.
fn status_style(s: Option<FileStatus>) -> Style {
    match s {
        Some(FileStatus::Published) => theme::WARN,
        Some(FileStatus::Claimed | FileStatus::Tracking) => theme::OK,
        Some(FileStatus::Closed) | None => theme::DIM,
        _ => theme::BASE,
    }
}

/// In the collapsed detail only the latest of a long history fits.
const COLLAPSED_STEPS: usize = 2;

impl RegisterPane {
    pub(super) fn render_households(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_file(app, frame, area, true);
            return;
        }
        let detail = list_view(
            frame,
            area,
            &self.cursor,
            self.visible.len(),
            app.lang.t(T::NoHouseholds),
            |window| self.household_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_file(app, frame, detail, false);
        }
    }

    fn household_rows(
        &self,
        app: &Ctx,
        window: std::ops::Range<usize>,
    ) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let statuses = FileStatus::ALL
            .iter()
            .map(|&s| i18n::file_state(lang, Some(s)))
            .chain([i18n::file_state(lang, None)]);
        let columns = vec![
            Column::new(lang.t(T::ColNumber), Kind::Number, 0),
            Column::new(lang.t(T::ColStatus), Kind::Word, 0).fitting(statuses),
            Column::new(lang.t(T::ColHead), Kind::Name, 0),
            Column::new(lang.t(T::ColClaimedBy), Kind::Name, 2),
            Column::new(lang.t(T::ColNeeds), Kind::Text, 1),
        ];
        let rows = window
            .map(|pos| {
                let r = &self.rows[self.visible[pos]];
                let h = &r.household;
                let status = h.file_status();
                ListRow {
                    cells: vec![
                        format!("#{}", h.id).into(),
                        ColCell::styled(i18n::file_state(lang, status), status_style(status)),
                        clean(&r.head).into(),
                        clean(&r.claimed_by.join(" ")).into(),
                        clean(&h.needs).into(),
                    ],
                    selected: pos == self.cursor.selected,
                }
            })
            .collect();
        (columns, rows)
    }

    fn render_file(&self, app: &Ctx, frame: &mut Frame, area: Rect, expanded: bool) {
        let inner = frame_block(frame, area, expanded, "");
        let Some(file) = &self.file else { return };
        self.draw_detail(
            frame,
            inner,
            file_lines(self, app, file, expanded),
            expanded,
        );
    }
}

fn heading(lang: Lang, title: T, count: usize) -> Line<'static> {
    Line::styled(format!("{} ({count})", lang.t(title)), theme::LABEL)
}

/// The file as lines: who and where, then each section that has something in it.
fn file_lines(
    pane: &RegisterPane,
    app: &Ctx,
    f: &HouseholdFile,
    expanded: bool,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let today = app.now.date;
    let h = &f.household;
    let mut status = format!(
        "{} · {}",
        i18n::file_state(lang, f.status),
        app.grid_code(h.grid)
    );
    if let Some(next) = f.next {
        status.push_str(" · ");
        status.push_str(&lang.fill(T::NextStep, &[&i18n::file_status(lang, next)]));
    }
    let mut lines = vec![
        Line::styled(clean(&format!("#{} {}", h.id, h.address)), theme::TITLE),
        Line::styled(status, status_style(f.status)),
        field(
            lang.t(T::Members),
            describe::members(lang, &f.members, today),
        ),
    ];
    if !h.categories.is_empty() {
        lines.push(field(
            lang.t(T::Categories),
            describe::categories(lang, &h.categories),
        ));
    }
    if !h.needs.is_empty() {
        lines.push(field(lang.t(T::Needs), h.needs.clone()));
    }
    if !f.pledges.is_empty() {
        lines.push(heading(lang, T::PledgesHead, f.pledges.len()));
        for p in &f.pledges {
            let due = matches!(due_on(p, today), Ok(Some(_)));
            let (mark, style) = if due {
                ("! ", theme::WARN)
            } else {
                ("  ", theme::BASE)
            };
            lines.push(Line::from(vec![
                Span::styled(mark, style),
                Span::raw(clean(&describe::pledge(lang, p, &pane.partners, today))),
            ]));
        }
    }
    let steps = h.file.len();
    if steps > 0 {
        lines.push(heading(lang, T::FileSteps, steps));
        let first = if expanded {
            0
        } else {
            steps.saturating_sub(COLLAPSED_STEPS)
        };
        for i in first..steps {
            lines.push(Line::raw(clean(&format!(
                "  {}",
                describe::step(lang, &h.file, i)
            ))));
        }
    }
    if !f.fund.is_empty() {
        lines.push(heading(lang, T::FundHead, f.fund.len()));
        for e in &f.fund {
            let text = describe::fund_entry(lang, e, &pane.partners);
            lines.push(Line::raw(clean(&format!("  {text}"))));
        }
    }
    if !f.goods.is_empty() {
        lines.push(heading(lang, T::GoodsHead, f.goods.len()));
        for g in &f.goods {
            let text = format!(
                "  {} · {}",
                describe::partner_name(&pane.partners, g.partner),
                crate::commands::register::goods::line(lang, g)
            );
            lines.push(Line::raw(clean(&text)));
        }
    }
    if !f.visits.is_empty() {
        lines.push(heading(lang, T::VisitsHead, f.visits.len()));
        let first = if expanded {
            0
        } else {
            f.visits.len().saturating_sub(1)
        };
        for v in f.visits.iter().skip(first) {
            lines.push(Line::raw(clean(&format!("  {}", describe::visit(v)))));
        }
    }
    lines.extend(super::care::household_services(pane, app, f, expanded));
    if !f.notices.is_empty() {
        lines.push(heading(lang, T::NoticesHead, f.notices.len()));
        for n in &f.notices {
            lines.push(Line::raw(format!("  {}", describe::notice(lang, n))));
            if expanded {
                // Shown exactly as published, line for line.
                lines.extend(n.text.lines().map(|l| Line::styled(clean(l), theme::DIM)));
            }
        }
    }
    lines
}
