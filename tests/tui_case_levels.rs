//! Issue 16 (helper `cases`) in the cases pane at 80×24, in Chinese and English on the demo:
//! `v` cycles the level filter (all, grid, community, subdistrict) and the detail shows the
//! level, the organisations that are parties (by name and kind) and a petition's years,
//! paired steward, contacts and statement.

mod common;

use common::app::{demo_app, press};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen_core::model::Level;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let buffer = terminal
        .draw(|f| app.render(f))
        .expect("a frame")
        .buffer
        .clone();
    // A row as a terminal shows it: the cell behind a wide character is not printed.
    (0..buffer.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut hidden = 0;
            for x in 0..buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                if hidden == 0 {
                    row.push_str(symbol);
                }
                hidden = hidden.max(symbol.width()).saturating_sub(1);
            }
            row
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The detail column (right of `││`) with its wrapping undone: its rows joined, blanks out.
fn detail(app: &App) -> String {
    screen(app)
        .lines()
        .filter_map(|l| {
            l.split_once("││")
                .map(|(_, d)| d.trim_end_matches('│').replace(' ', ""))
        })
        .collect()
}

#[test]
fn the_level_filter_cycles_and_shows_the_cases_held_there() {
    for (lang, all, grid, community, subdistrict) in [
        (
            Lang::Zh,
            "层级 全部层级",
            "层级 网格",
            "层级 社区",
            "层级 街道",
        ),
        (
            Lang::En,
            "level all levels",
            "level grid",
            "level community",
            "level subdistrict",
        ),
    ] {
        let mut app = demo_app(lang);
        press(&mut app, "3");
        assert_eq!(app.pane, Pane::Cases);
        let s = screen(&app);
        assert!(s.contains(all), "{s}");
        // The demo's active cases: #12 is held by the community, the others by their grids.
        let active = app.cases.visible.len();
        press(&mut app, "v");
        assert_eq!(app.cases.level, Some(Level::Grid));
        let s = screen(&app);
        assert!(s.contains(grid), "{s}");
        assert_eq!(app.cases.visible.len(), active - 1);
        press(&mut app, "v");
        assert_eq!(app.cases.level, Some(Level::Community));
        let s = screen(&app);
        assert!(s.contains(community), "{s}");
        assert_eq!(app.cases.visible.len(), 1);
        assert_eq!(app.cases.selected().map(|c| c.id), Some(12));
        assert!(s.contains("#12"), "{s}");
        // The detail's second line names the level.
        let level_word = if lang == Lang::Zh {
            "· 社区"
        } else {
            "· community"
        };
        assert!(s.contains(level_word), "{s}");
        press(&mut app, "v");
        assert!(screen(&app).contains(subdistrict));
        assert!(app.cases.visible.is_empty());
        press(&mut app, "v");
        assert_eq!(app.cases.level, None);
        assert_eq!(app.cases.visible.len(), active);
    }
}

#[test]
fn the_detail_names_organisations_and_a_petitions_story() {
    for (lang, orgs, kind, years, paired, statement) in [
        (
            Lang::Zh,
            "当事单位顺和物业服务中心",
            "（物业公司）",
            "信访已14年",
            "结对帮扶李志刚",
            "信访人表态2026-10-21",
        ),
        (
            Lang::En,
            "Organisations顺和物业服务中心",
            "(propertycompany)",
            "Petitionrunning14years",
            "Pairedsteward李志刚",
            "Petitioner'sstatement2026-10-21",
        ),
    ] {
        let mut app = demo_app(lang);
        press(&mut app, "3");
        app.cases.reveal(9);
        let d = detail(&app);
        assert!(d.contains(orgs) && d.contains(kind), "{d}");
        // The demolition petition, closed: revealed through the filters.
        app.cases.reveal(2);
        assert_eq!(app.cases.selected().map(|c| c.id), Some(2));
        let d = detail(&app);
        for want in [years, paired, statement] {
            assert!(d.contains(want), "{want} in {d}");
        }
    }
}
