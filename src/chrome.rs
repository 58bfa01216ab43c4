//! The frame around the panes: header, tab bar, key hints, status line and the "terminal too
//! small" notice.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, MIN_HEIGHT, MIN_WIDTH, Pane};
use crate::i18n::T;
use crate::keymap;
use crate::theme;

/// Text from the database, made safe for the screen (control and bidi characters replaced).
pub fn clean(text: &str) -> String {
    qiaomen_core::text::sanitize(text).into_owned()
}

pub fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    // The grid shown by its code and its name (the name last, so the narrow screen cuts it).
    let grid = match app
        .grid_filter
        .and_then(|g| app.grids.iter().find(|x| x.id == g))
    {
        Some(g) if g.name.is_empty() => clean(&g.code),
        Some(g) => format!("{} {}", clean(&g.code), clean(&g.name)),
        None => lang.t(T::AllGrids).to_owned(),
    };
    let text = format!(
        " {} · {} {} · {} {} · {} {}",
        if app.community.name.is_empty() {
            lang.t(T::NoCommunity).to_owned()
        } else {
            clean(&app.community.name)
        },
        app.now.date,
        lang.weekday(app.now.date.weekday()),
        lang.t(T::Operator),
        clean(&app.operator),
        lang.t(T::GridFilter),
        grid,
    );
    frame.render_widget(Paragraph::new(text).style(theme::HEADER), area);
}

/// The tabs as drawn: each pane's label, after one space, with one space between.
fn tabs(app: &App) -> impl Iterator<Item = (Pane, String)> + '_ {
    Pane::AVAILABLE
        .iter()
        .map(|&p| (p, format!(" {} {} ", p.number(), p.title(app.lang))))
}

pub fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    for (p, label) in tabs(app) {
        let style = if p == app.pane {
            theme::TAB_ACTIVE
        } else {
            theme::TAB
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The pane whose tab is drawn at `column` of the tab bar (a mouse click).
pub fn tab_at(app: &App, column: u16) -> Option<Pane> {
    let column = usize::from(column);
    let mut x = 1;
    for (p, label) in tabs(app) {
        let w = crate::width::width(&label);
        if (x..x + w).contains(&column) {
            return Some(p);
        }
        x += w + 1;
    }
    None
}

pub fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    // An open card or form shows its own keys (a form over the card too: the form reads
    // them); other popups say theirs inside them, and the pane's keys, which do not reach the
    // pane while a popup is open, are not offered.
    let bindings: Vec<&keymap::Binding> = match &app.popup {
        Some(crate::popups::Popup::Card(c)) => keymap::popup_footer(c.scope()).collect(),
        Some(crate::popups::Popup::Form(_)) => keymap::popup_footer(keymap::Scope::Form).collect(),
        Some(_) => Vec::new(),
        None => keymap::footer(app.pane, app.register.view).collect(),
    };
    let labels: Vec<(&str, &str)> = bindings
        .iter()
        .map(|b| (b.label, app.lang.t(b.help)))
        .collect();
    let ranks: Vec<u8> = bindings.iter().map(|b| hint_rank(b.action)).collect();
    let mut spans = Vec::new();
    for i in pick_hints(&labels, &ranks, usize::from(area.width)) {
        let (key, word) = labels[i];
        spans.push(Span::styled(format!(" {key}"), theme::KEY));
        spans.push(Span::styled(format!(" {word} "), theme::FOOTER));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// How much a key hint matters in the footer: `?` (it lists every key) always stays; then
/// the keys in the table's order (the pane's own first, then the global ones), each that
/// still fits whole.
fn hint_rank(action: crate::action::Action) -> u8 {
    u8::from(action != crate::action::Action::Help)
}

/// Which hints (`(key, word)`, in the footer's order) fit in `width` columns: by rank, then
/// in order, each whole or not at all (a key's word is never cut); returned in the footer's
/// order.
pub fn pick_hints(hints: &[(&str, &str)], ranks: &[u8], width: usize) -> Vec<usize> {
    let cost = |(key, word): (&str, &str)| crate::width::width(key) + crate::width::width(word) + 3;
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| (ranks.get(i).copied().unwrap_or(u8::MAX), i));
    let mut used = 0;
    let mut picked = Vec::new();
    for i in order {
        let c = cost(hints[i]);
        if used + c <= width {
            used += c;
            picked.push(i);
        }
    }
    picked.sort_unstable();
    picked
}

pub fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    if let Some((text, is_error)) = &app.status {
        let style = if *is_error {
            theme::ERROR_MSG
        } else {
            theme::STATUS_MSG
        };
        let text = crate::width::truncate(&clean(text), area.width.saturating_sub(1) as usize);
        frame.render_widget(Paragraph::new(format!(" {text}")).style(style), area);
    }
}

/// The first frame, drawn before the database is open: the header bar with the product's
/// name, and which database is being opened, in the middle.
pub fn render_opening(frame: &mut Frame, lang: crate::i18n::Lang, dir: &std::path::Path) {
    let area = frame.area();
    let header = Rect { height: 1, ..area };
    frame.render_widget(
        Paragraph::new(format!(" {}", lang.t(T::Product))).style(theme::HEADER),
        header,
    );
    let text = lang.fill(T::Opening, &[&clean(&dir.display().to_string())]);
    let line = Rect {
        y: area.y + (area.height / 2).saturating_sub(1),
        height: area.height.saturating_sub(area.height / 2).min(3),
        ..area
    };
    frame.render_widget(
        crate::wrap::paragraph(text, line.width)
            .alignment(Alignment::Center)
            .style(theme::DIM),
        line,
    );
    mend_wide_chars(frame.buffer_mut());
}

pub fn render_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = app.lang.fill(
        T::TooSmall,
        &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
    );
    let y = area.height / 2;
    let line = Rect {
        y: area.y + y.saturating_sub(1),
        height: area.height.min(3),
        ..area
    };
    frame.render_widget(
        crate::wrap::paragraph(text, line.width).alignment(Alignment::Center),
        line,
    );
}

/// Blanks a wide character whose second cell something drawn later covers (a popup's border
/// over a name) or that sticks out of its area (ratatui's word wrap can overflow by one cell
/// with wide characters, ratatui#2679). The terminal would show the wide character and drop
/// what covers it, so a border or a column would vanish.
pub fn mend_wide_chars(buf: &mut ratatui::buffer::Buffer) {
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if buf[(x, y)].symbol().width() < 2 {
                continue;
            }
            let covered = x + 1 >= area.right() || {
                let next = buf[(x + 1, y)].symbol();
                !(next == " " || next.is_empty())
            };
            if covered {
                buf[(x, y)].set_symbol(" ");
            }
        }
    }
}

/// A label: value line for detail panels.
pub fn field<'a>(label: &str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label} "), theme::LABEL),
        Span::raw(clean(&value.into())),
    ])
}

/// One mark a day for the `days` days up to `last`, oldest first: the latest outcome of each
/// day in `history` (✓ ok, ! unwell or needs help, ○ away, ? no answer, · none). The roll
/// call's detail and the resident card draw the same strip.
pub fn day_marks(
    history: &[qiaomen_core::model::CheckIn],
    last: qiaomen_core::Date,
    days: i64,
) -> Vec<Span<'static>> {
    use qiaomen_core::model::Outcome;
    (0..days)
        .rev()
        .map(|back| {
            let day = last.add_days(-back);
            let latest = history.iter().rfind(|c| c.date == day);
            let (mark, style) = match latest.map(|c| c.outcome) {
                Some(Outcome::Ok) => ("✓", theme::OK),
                Some(Outcome::Unwell | Outcome::NeedsHelp) => ("!", theme::WARN),
                Some(Outcome::Away) => ("○", theme::AWAY),
                Some(Outcome::NoAnswer) => ("?", theme::ALERT),
                None => ("·", theme::DIM),
            };
            Span::styled(mark, style)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::pick_hints;

    #[test]
    fn hints_are_whole_by_rank_and_help_always_stays() {
        let hints = [
            ("Enter", "到问候名单"),
            ("y", "复制日报"),
            ("[ ]", "前一天/后一天"),
            ("/", "搜索"),
            ("?", "帮助"),
        ];
        let ranks = [1, 1, 1, 1, 0];
        // Everything fits.
        assert_eq!(pick_hints(&hints, &ranks, 80), vec![0, 1, 2, 3, 4]);
        // `?` first, then the keys in order, skipping what does not fit whole.
        assert_eq!(pick_hints(&hints, &ranks, 50), vec![0, 1, 3, 4]);
        assert_eq!(pick_hints(&hints, &ranks, 45), vec![0, 1, 4]);
        assert_eq!(pick_hints(&hints, &ranks, 20), vec![1, 4]);
        assert_eq!(pick_hints(&hints, &ranks, 8), vec![4]);
    }

    /// The opening frame names the database in both languages, in the middle of an 80×24
    /// screen and wrapped whole on a narrow one, under the product's name.
    #[test]
    fn the_opening_frame_names_the_database() {
        use ratatui::{Terminal, backend::TestBackend};
        let text = |lang, width, height| {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|f| super::render_opening(f, lang, std::path::Path::new("/srv/qiaomen/db")))
                .unwrap();
            let buf = terminal.backend().buffer().clone();
            (0..height)
                .map(|y| {
                    // A wide character's second cell is not text.
                    let mut line = String::new();
                    let mut x = 0;
                    while x < width {
                        let symbol = buf[(x, y)].symbol();
                        line.push_str(symbol);
                        x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
                    }
                    line.trim().to_owned()
                })
                .collect::<Vec<_>>()
        };
        let zh = text(crate::i18n::Lang::Zh, 80, 24);
        assert_eq!(zh[0], "敲门 qiaomen");
        assert_eq!(zh[11], "正在打开数据库 /srv/qiaomen/db…");
        let en = text(crate::i18n::Lang::En, 80, 24);
        assert_eq!(en[0], "qiaomen 敲门");
        assert_eq!(en[11], "Opening the database at /srv/qiaomen/db…");
        let narrow = text(crate::i18n::Lang::En, 20, 10).join(" ");
        assert!(narrow.contains("/srv/qiaomen/db…"), "{narrow}");
    }
}
