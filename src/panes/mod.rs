//! One file per pane. Each pane owns its state, an `update` that turns an action into effects
//! (`crate::effect::Effect`, carried out by the app alone) and a `render` that draws that state.

pub mod cases;
pub mod grids;
pub mod list;
pub mod register;
pub mod roll_call;
pub mod summary;

use crate::i18n::{Lang, T};

/// The panes, numbered as their keys. Register (4) and Summary (5) keep their numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    Grids,
    RollCall,
    Cases,
    Register,
    Summary,
}

impl Pane {
    /// The panes that exist in this build, in tab order.
    pub const AVAILABLE: &'static [Pane] = &[
        Pane::Grids,
        Pane::RollCall,
        Pane::Cases,
        Pane::Register,
        Pane::Summary,
    ];

    pub fn number(self) -> u8 {
        match self {
            Pane::Grids => 1,
            Pane::RollCall => 2,
            Pane::Cases => 3,
            Pane::Register => 4,
            Pane::Summary => 5,
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Pane::Grids => T::PaneGrids,
            Pane::RollCall => T::PaneRollCall,
            Pane::Cases => T::PaneCases,
            Pane::Register => T::PaneRegister,
            Pane::Summary => T::PaneSummary,
        })
    }
}
