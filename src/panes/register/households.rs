//! The households view: the list with file status, head, who claimed it and its needs; the
//! detail is the whole file (一户一档), expanded with Enter to every step, visit and notice text.

use qiaomen_core::model::FileStatus;
use qiaomen_core::register::{HouseholdFile, due_on};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::RegisterPane;
use super::render::{split, status_width};
use crate::chrome::{clean, field};
use crate::commands::register::describe;
use crate::i18n::{self, Lang, T};
use crate::panes::list::{draw_table, frame_block, highlight};
use crate::theme;
use crate::view::Ctx;
use crate::width::{truncate, width};

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
        let (list, detail) = split(area);
        self.render_household_list(app, frame, list);
        self.render_file(app, frame, detail, false);
    }

    fn render_household_list(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, true, "");
        if self.visible.is_empty() {
            let empty = Paragraph::new(lang.t(T::NoHouseholds)).style(theme::DIM);
            frame.render_widget(empty, inner);
            return;
        }
        let claimed_width = width(lang.t(T::ColClaimedBy)).max(8);
        let window =
            self.cursor
                .window_in(self.visible.len(), crate::panes::list::table_rows(inner), 1);
        let rows: Vec<Row> = window
            .map(|pos| {
                let r = &self.rows[self.visible[pos]];
                let h = &r.household;
                let status = h.file_status();
                let row = Row::new(vec![
                    Cell::from(format!("#{}", h.id)),
                    Cell::from(i18n::file_state(lang, status)).style(status_style(status)),
                    Cell::from(clean(&r.head)),
                    Cell::from(truncate(&clean(&r.claimed_by.join(" ")), claimed_width)),
                    Cell::from(clean(&h.needs)),
                ]);
                highlight(row, pos == self.cursor.selected)
            })
            .collect();
        let widths = [
            Constraint::Length(4),
            Constraint::Length(status_width(lang)),
            Constraint::Length(6),
            Constraint::Length(claimed_width as u16),
            Constraint::Min(4),
        ];
        let header = vec![
            lang.t(T::ColNumber),
            lang.t(T::ColStatus),
            lang.t(T::ColHead),
            lang.t(T::ColClaimedBy),
            lang.t(T::ColNeeds),
        ];
        draw_table(frame, inner, header, rows, &widths);
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
