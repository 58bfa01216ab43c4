//! The register pane's forms: a file step or reopen, a notice, a claim, a delivery, the end of
//! a pledge, a visit, a fund entry and a new partner. Saving them is in `register_submit`; a
//! refusal comes back into the form like any other.

use qiaomen_core::Date;
use qiaomen_core::model::{
    Direction, FileStatus, Household, Id, Partner, PartnerKind, Period, Pledge, PledgeStatus,
};
use qiaomen_core::register::add_months;

use super::form::{Field, Form, Purpose};
use crate::commands::register::describe;
use crate::i18n::{self, Lang, T};
use crate::width::truncate;

pub enum RegisterPurpose {
    Step {
        household: Id,
        from: Option<FileStatus>,
        to: FileStatus,
    },
    Reopen {
        household: Id,
        from: FileStatus,
    },
    Notice(Vec<Id>),
    Claim(Id),
    Deliver(Id),
    EndPledge(Id),
    Visit(Id),
    Fund,
    Partner,
    /// A partner's activity (`outreach_form.rs`).
    Activity,
}

fn form(title: String, purpose: RegisterPurpose, fields: Vec<Field>) -> Form {
    Form::new(title, Purpose::Register(purpose), fields)
}

fn codes<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: impl Fn(T) -> String,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&x| (code(x).to_owned(), label(x)))
        .collect()
}

fn pledge_choices(lang: Lang, pledges: &[Pledge], partners: &[Partner]) -> Vec<(String, String)> {
    pledges
        .iter()
        .map(|p| {
            let label = format!(
                "#{} {} {}",
                p.id,
                describe::partner_name(partners, p.partner),
                describe::pledge_what(lang, &p.what)
            );
            (p.id.to_string(), truncate(&label, 56))
        })
        .collect()
}

impl Form {
    pub fn file_step(lang: Lang, h: &Household, to: FileStatus) -> Form {
        let from = h.file_status();
        let title = lang.fill(
            T::FormStep,
            &[
                &h.id,
                &i18n::file_state(lang, from),
                &i18n::file_status(lang, to),
            ],
        );
        let purpose = RegisterPurpose::Step {
            household: h.id,
            from,
            to,
        };
        form(title, purpose, vec![Field::text(lang.t(T::NoteLabel), "")])
    }

    /// None when the file has no earlier status to go back to.
    pub fn file_reopen(lang: Lang, h: &Household) -> Option<Form> {
        let from = h.file_status()?;
        let earlier: Vec<FileStatus> = FileStatus::ALL
            .iter()
            .copied()
            .filter(|&s| s < from)
            .rev()
            .collect();
        if earlier.is_empty() {
            return None;
        }
        let choices = codes(&earlier, FileStatus::as_str, |s| {
            i18n::file_status(lang, s).to_owned()
        });
        let title = lang.fill(T::FormReopen, &[&h.id, &i18n::file_status(lang, from)]);
        let fields = vec![
            Field::choice(lang.t(T::ColStatus), choices, 0),
            Field::text(lang.t(T::ReasonLabel), ""),
        ];
        Some(form(
            title,
            RegisterPurpose::Reopen {
                household: h.id,
                from,
            },
            fields,
        ))
    }

    pub fn notice(lang: Lang, households: Vec<Id>, today: Date) -> Form {
        let ids: Vec<String> = households.iter().map(|id| format!("#{id}")).collect();
        let title = format!(
            "{} {}",
            lang.fill(T::FormNotice, &[&households.len()]),
            ids.join(" ")
        );
        let fields = vec![
            Field::text(lang.t(T::DateLabel), &today.to_string()),
            Field::text(lang.t(T::LabelDays), "7"),
        ];
        form(
            truncate(&title, 60),
            RegisterPurpose::Notice(households),
            fields,
        )
    }

    pub fn claim(lang: Lang, household: Id, partners: &[Partner], today: Date) -> Form {
        let partner_choices = partners
            .iter()
            .map(|p| (p.id.to_string(), p.name.clone()))
            .collect();
        let kinds = vec![
            ("item".to_owned(), lang.t(T::WhatItem).to_owned()),
            ("money".to_owned(), lang.t(T::WhatMoney).to_owned()),
        ];
        let periods = codes(Period::ALL, Period::as_str, |p| {
            i18n::period(lang, p).to_owned()
        });
        let fields = vec![
            Field::choice(lang.t(T::LabelPartner), partner_choices, 0),
            Field::choice(lang.t(T::LabelWhat), kinds, 0),
            Field::text(lang.t(T::LabelItem), ""),
            Field::text(lang.t(T::LabelAmount), ""),
            Field::choice(lang.t(T::LabelPeriod), periods, 0),
            Field::text(lang.t(T::LabelUntil), &add_months(today, 12).to_string()),
            Field::choice(lang.t(T::LabelNeed), need_choices(lang), 0),
        ];
        form(
            lang.fill(T::FormClaim, &[&household]),
            RegisterPurpose::Claim(household),
            fields,
        )
    }

    pub fn deliver(
        lang: Lang,
        household: Id,
        active: &[Pledge],
        partners: &[Partner],
        today: Date,
    ) -> Form {
        let fields = vec![
            Field::choice(
                lang.t(T::LabelPledge),
                pledge_choices(lang, active, partners),
                0,
            ),
            Field::text(lang.t(T::DateLabel), &today.to_string()),
            Field::text(lang.t(T::LabelAmount), ""),
            Field::text(lang.t(T::LabelReference), ""),
            Field::text(lang.t(T::NoteLabel), ""),
        ];
        form(
            lang.fill(T::FormDeliver, &[&household]),
            RegisterPurpose::Deliver(household),
            fields,
        )
    }

    pub fn end_pledge(lang: Lang, household: Id, active: &[Pledge], partners: &[Partner]) -> Form {
        let ends = [PledgeStatus::Fulfilled, PledgeStatus::Cancelled];
        let fields = vec![
            Field::choice(
                lang.t(T::LabelPledge),
                pledge_choices(lang, active, partners),
                0,
            ),
            Field::choice(
                lang.t(T::ColStatus),
                codes(&ends, PledgeStatus::as_str, |s| {
                    i18n::pledge_status(lang, s).to_owned()
                }),
                0,
            ),
            Field::text(lang.t(T::ReasonLabel), ""),
        ];
        form(
            lang.fill(T::FormEndPledge, &[&household]),
            RegisterPurpose::EndPledge(household),
            fields,
        )
    }

    pub fn visit(lang: Lang, household: Id, today: Date, operator: &str) -> Form {
        let fields = vec![
            Field::text(lang.t(T::DateLabel), &today.to_string()),
            Field::text(lang.t(T::LabelBy), operator),
            Field::text(lang.t(T::LabelFindings), ""),
        ];
        let mut f = form(
            lang.fill(T::FormVisit, &[&household]),
            RegisterPurpose::Visit(household),
            fields,
        );
        f.focus = 2;
        f
    }

    pub fn fund_entry(
        lang: Lang,
        partners: &[Partner],
        household: Option<Id>,
        today: Date,
    ) -> Form {
        let directions = codes(Direction::ALL, Direction::as_str, |d| {
            i18n::direction(lang, d).to_owned()
        });
        let mut partner_choices = vec![(String::new(), lang.t(T::ChoiceNone).to_owned())];
        partner_choices.extend(partners.iter().map(|p| (p.id.to_string(), p.name.clone())));
        let household = household.map(|h| format!("#{h}")).unwrap_or_default();
        let fields = vec![
            Field::choice(lang.t(T::LabelDirection), directions, 0),
            Field::text(lang.t(T::LabelAmount), ""),
            Field::choice(lang.t(T::LabelPartner), partner_choices, 0),
            Field::text(lang.t(T::LabelHousehold), &household),
            Field::choice(lang.t(T::LabelNeed), need_choices(lang), 0),
            Field::text(lang.t(T::NoteLabel), ""),
            Field::text(lang.t(T::DateLabel), &today.to_string()),
        ];
        let mut f = form(
            lang.t(T::FormFund).to_owned(),
            RegisterPurpose::Fund,
            fields,
        );
        f.focus = 1;
        f
    }

    pub fn new_partner(lang: Lang) -> Form {
        let kinds = codes(PartnerKind::ALL, PartnerKind::as_str, |k| {
            i18n::partner_kind(lang, k).to_owned()
        });
        let fields = vec![
            Field::text(lang.t(T::ColName), ""),
            Field::choice(lang.t(T::ColKind), kinds, 1),
            Field::text(lang.t(T::LabelSigned), ""),
            Field::text(lang.t(T::LabelContact), ""),
            Field::text(lang.t(T::ColPhone), ""),
            Field::text(lang.t(T::LabelScope), ""),
        ];
        form(
            lang.t(T::FormPartner).to_owned(),
            RegisterPurpose::Partner,
            fields,
        )
    }
}

/// The need tags to choose from, after "none" (a pledge or payment need not name one).
fn need_choices(lang: Lang) -> Vec<(String, String)> {
    let mut choices = vec![(String::new(), lang.t(T::ChoiceNone).to_owned())];
    choices.extend(
        qiaomen_core::model::Need::ALL
            .iter()
            .map(|&n| (n.as_str().to_owned(), i18n::need(lang, Some(n)).to_owned())),
    );
    choices
}
