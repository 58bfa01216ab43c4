//! The pieces the resident card's form is made of: a choice among options, a contact's three
//! inputs, and the rows in the order they are drawn and tabbed through.

use crate::popups::input::Input;

/// A field that cycles through options (code, label).
pub struct Choice {
    pub options: Vec<(String, String)>,
    pub index: usize,
}

impl Choice {
    pub(super) fn new(options: Vec<(String, String)>, code: &str) -> Choice {
        let index = options.iter().position(|(c, _)| c == code).unwrap_or(0);
        Choice { options, index }
    }

    pub(super) fn code(&self) -> &str {
        self.options.get(self.index).map_or("", |(c, _)| c.as_str())
    }

    pub fn label(&self) -> &str {
        self.options.get(self.index).map_or("", |(_, l)| l.as_str())
    }

    pub(super) fn step(&mut self, forward: bool) {
        let n = self.options.len().max(1);
        self.index = if forward {
            (self.index + 1) % n
        } else {
            (self.index + n - 1) % n
        };
    }
}

pub struct ContactInputs {
    pub name: Input,
    pub relation: Input,
    pub phone: Input,
}

/// One row of the form, in the order drawn and tabbed through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Name,
    Gender,
    Birth,
    Phone,
    IdNumber,
    Grid,
    Health,
    /// One of the five categories (`Category::ALL[i]`), yes or no.
    Category(usize),
    Level,
    Callers,
    Doorbell,
    Plan,
    ContactName(usize),
    ContactRelation(usize),
    ContactPhone(usize),
}
