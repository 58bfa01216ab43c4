//! `--what`: the sheets the export writes, their codes and their tab names.

use crate::error::AppError;
use crate::i18n::{Lang, T};

/// What a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Residents,
    Households,
    Elders,
    Roll,
    Cases,
    Fund,
    Visits,
}

impl What {
    pub const ALL: [What; 7] = [
        What::Residents,
        What::Households,
        What::Elders,
        What::Roll,
        What::Cases,
        What::Fund,
        What::Visits,
    ];

    pub fn code(self) -> &'static str {
        match self {
            What::Residents => "residents",
            What::Households => "households",
            What::Elders => "elders",
            What::Roll => "roll",
            What::Cases => "cases",
            What::Fund => "fund",
            What::Visits => "visits",
        }
    }

    /// `--what`, or one sentence listing the choices.
    pub fn parse(s: &str, lang: Lang) -> Result<What, AppError> {
        What::ALL
            .into_iter()
            .find(|w| w.code() == s.trim())
            .ok_or_else(|| AppError::Usage(lang.fill(T::ExportBadWhat, &[&s, &What::choices()])))
    }

    pub fn choices() -> String {
        What::ALL.map(What::code).join(", ")
    }

    /// The sheet's tab name in XLSX.
    pub fn sheet_name(self, lang: Lang) -> &'static str {
        lang.t(match self {
            What::Residents => T::SheetResidents,
            What::Households => T::SheetHouseholds,
            What::Elders => T::SheetElders,
            What::Roll => T::SheetRoll,
            What::Cases => T::SheetCases,
            What::Fund => T::SheetFund,
            What::Visits => T::SheetVisits,
        })
    }
}
