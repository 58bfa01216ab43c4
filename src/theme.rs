//! Every colour and style of the UI, in one place. Meaning is never carried by colour alone:
//! each status also has its mark (✓ ! · ○).

use ratatui::style::{Color, Modifier, Style};

pub const BASE: Style = Style::new();
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const HEADER: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub const HEADER_DIM: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub const TAB: Style = Style::new().fg(Color::Gray);
pub const TAB_ACTIVE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub const TABLE_HEADER: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new()
    .bg(Color::Blue)
    .fg(Color::White)
    .add_modifier(Modifier::BOLD);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUS: Style = Style::new().fg(Color::Cyan);
pub const FOOTER: Style = Style::new().fg(Color::Gray);
pub const KEY: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const STATUS_MSG: Style = Style::new().fg(Color::Green);
pub const ERROR_MSG: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const LABEL: Style = Style::new().fg(Color::Cyan);

/// Reached and well.
pub const OK: Style = Style::new().fg(Color::Green);
/// Reached but unwell, or away: accounted for, worth a look.
pub const WARN: Style = Style::new().fg(Color::Yellow);
/// The roll call is not on today (back-filling a past day); the line says so in words too.
pub const BACKFILL: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
/// Needs attention now.
pub const ALERT: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
/// Not reached yet, nothing wrong so far.
pub const PENDING: Style = Style::new().fg(Color::Gray);
pub const AWAY: Style = Style::new().fg(Color::Magenta);

pub const POPUP: Style = Style::new().bg(Color::Black).fg(Color::White);
pub const INPUT: Style = Style::new().fg(Color::White).bg(Color::DarkGray);
pub const INPUT_FOCUS: Style = Style::new().fg(Color::Black).bg(Color::White);

/// Whether the UI and the command line may use colour: not when `NO_COLOR` is set to anything
/// but the empty string (https://no-color.org). Read once at start; drawing is given the
/// answer (`App::plain`), never the environment.
pub fn colour_allowed(no_color: Option<&std::ffi::OsStr>) -> bool {
    no_color.is_none_or(std::ffi::OsStr::is_empty)
}

/// `colour_allowed` for this process's environment.
pub fn colour_allowed_here() -> bool {
    colour_allowed(std::env::var_os("NO_COLOR").as_deref())
}

/// Turns a drawn frame colourless, keeping what the colours meant. The styles above are
/// consts used everywhere, so the frame is mended once after drawing rather than every style
/// being chosen twice: a cell painted with a background (the selection, the header bar, input
/// fields) is shown reversed, so that the selection still stands out; the active tab, drawn
/// inside the reversed header, is shown bold and underlined instead; bold stays bold. The
/// marks (✓ ! ? ·) carry each status without colour.
pub fn strip_colour(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        let bg = cell.bg;
        let mut modifier = cell.modifier;
        if bg == TAB_ACTIVE.bg.unwrap_or(Color::Reset) {
            modifier |= Modifier::BOLD | Modifier::UNDERLINED;
        } else if bg != Color::Reset && bg != POPUP.bg.unwrap_or(Color::Reset) {
            modifier |= Modifier::REVERSED;
        }
        cell.modifier = modifier;
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}
