//! The forms of the roll call and the cases pane: what each asks, prefilled, and the
//! command it makes when saved.

use qiaomen_core::cases::{closures_for, next_statuses};
use qiaomen_core::command::NewCase;
use qiaomen_core::model::{Case, CaseKind, CheckIn, Grid, Id, Method, Outcome, Session};
use qiaomen_core::{ClockTime, Command, Date};

use super::Popup;
use super::form::{Field, Form, Purpose};
use crate::chrome::clean;
use crate::effect::{Effect, Record, RollNote};
use crate::i18n::{self, Lang, T};
use crate::view::View;

impl Form {
    pub fn new_case(
        lang: Lang,
        grids: &[Grid],
        grid: Id,
        from_elder: Option<(Id, &str, &str)>,
    ) -> Form {
        let kinds = CaseKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), i18n::case_kind(lang, *k).to_owned()))
            .collect();
        let grid_choices: Vec<(String, String)> = grids
            .iter()
            .map(|g| (g.id.to_string(), format!("{} {}", g.code, g.name)))
            .collect();
        let grid_index = grids.iter().position(|g| g.id == grid).unwrap_or(0);
        let (kind_index, title, parties, note, residents) = match from_elder {
            Some((id, name, note)) => {
                let kind = CaseKind::ALL
                    .iter()
                    .position(|k| *k == CaseKind::Assistance)
                    .unwrap_or(0);
                (
                    kind,
                    lang.fill(T::NeedsHelpTitle, &[&name]),
                    name.to_owned(),
                    note.to_owned(),
                    vec![id],
                )
            }
            None => (0, String::new(), String::new(), String::new(), Vec::new()),
        };
        Form::new(
            lang.t(T::FormNewCase).to_owned(),
            Purpose::NewCase { residents },
            vec![
                Field::choice(lang.t(T::ColKind), kinds, kind_index),
                Field::text(lang.t(T::ColTitle), &title),
                Field::choice(lang.t(T::ColGrid), grid_choices, grid_index),
                Field::text(lang.t(T::PartiesHint), &parties),
                Field::text(lang.t(T::FollowUpHint), ""),
                Field::note(lang.t(T::NoteLabel), &note),
            ],
        )
    }

    pub fn case_note(lang: Lang, c: &Case) -> Form {
        Form::new(
            lang.fill(T::FormCaseNote, &[&c.number()]),
            Purpose::CaseNote(c.id),
            vec![Field::note(lang.t(T::NoteLabel), "")],
        )
    }

    pub fn case_session(lang: Lang, c: &Case, today: Date, operator: &str) -> Form {
        let n = c.sessions().count() + 1;
        let mut parties = c.parties.clone();
        parties.push(operator.to_owned());
        Form::new(
            lang.fill(T::FormSession, &[&c.number(), &n]),
            Purpose::CaseSession(c.id),
            vec![
                Field::text(lang.t(T::DateLabel), &today.to_string()),
                Field::text(lang.t(T::ParticipantsHint), &parties.join("、")),
                Field::note(lang.t(T::OutcomeLabel), ""),
            ],
        )
    }

    pub fn case_status(lang: Lang, c: &Case) -> Form {
        let statuses = next_statuses(c.status)
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    i18n::case_status(lang, *s).to_owned(),
                )
            })
            .collect();
        let mut closures = vec![(String::new(), lang.t(T::ClosureNone).to_owned())];
        closures.extend(
            closures_for(c.kind)
                .iter()
                .map(|x| (x.as_str().to_owned(), i18n::closure(lang, *x).to_owned())),
        );
        Form::new(
            lang.fill(
                T::FormStatus,
                &[&c.number(), &i18n::case_status(lang, c.status)],
            ),
            Purpose::CaseStatus(c.id),
            vec![
                Field::choice(lang.t(T::ColStatus), statuses, 0),
                Field::text(lang.t(T::ReasonLabel), ""),
                Field::choice(lang.t(T::ClosureLabel), closures, 0),
            ],
        )
    }

    /// Up to each level above the case's, or back to the one below (issue 16).
    pub fn case_hand_over(lang: Lang, c: &Case) -> Form {
        let mut to: Vec<(String, String)> = qiaomen_core::model::Level::ALL
            .iter()
            .filter(|l| **l > c.level)
            .map(|l| (l.as_str().to_owned(), i18n::case_level(lang, *l).to_owned()))
            .collect();
        if let Some(below) = c.level.below() {
            to.push((
                RETURN.to_owned(),
                lang.fill(T::HandBackTo, &[&i18n::case_level(lang, below)]),
            ));
        }
        Form::new(
            lang.fill(
                T::FormHandOver,
                &[&c.number(), &i18n::case_level(lang, c.level)],
            ),
            Purpose::CaseHandOver(c.id),
            vec![
                Field::choice(lang.t(T::HandOverLabel), to, 0),
                Field::text(lang.t(T::ReasonLabel), ""),
            ],
        )
    }

    pub fn case_follow_up(lang: Lang, c: &Case, today: Date) -> Form {
        let due = c.next_follow_up.unwrap_or(today.add_days(7));
        Form::new(
            lang.fill(T::FormFollowUp, &[&c.number()]),
            Purpose::CaseFollowUp(c.id),
            vec![Field::text(lang.t(T::DateLabel), &due.to_string())],
        )
    }

    pub fn checkin_note(lang: Lang, name: &str, c: &CheckIn) -> Form {
        Form::new(
            lang.fill(
                T::FormCheckInNote,
                &[&clean(name), &c.time, &i18n::outcome(lang, c.outcome)],
            ),
            Purpose::CheckInNote(c.key()),
            vec![Field::note(lang.t(T::NoteLabel), &c.note)],
        )
    }

    /// Away asks until when. `at`: the day and time of a back-filled mark (`backfill.rs`);
    /// `None` marks the roll call's day at the time it is saved.
    pub fn away(
        lang: Lang,
        elder: Id,
        name: &str,
        method: Method,
        at: Option<(Date, ClockTime)>,
    ) -> Form {
        let title = lang.fill(T::FormAway, &[&clean(name)]);
        let title = match at {
            Some((_, time)) => format!("{title} · {}", lang.fill(T::BackfillAwayTime, &[&time])),
            None => title,
        };
        Form::new(
            title,
            Purpose::Away(Box::new(super::form::Away {
                elder,
                name: name.to_owned(),
                method,
                at,
            })),
            vec![
                Field::text(lang.t(T::AwayUntilHint), ""),
                Field::note(lang.t(T::NoteLabel), ""),
            ],
        )
    }
}

impl Form {
    /// `Enter` on an elder with no check-in yet: a new one by `method`, its outcome chosen
    /// (a digit picks it) and a note typed. Away has its own form (`a`), with the return day.
    pub fn new_mark(lang: Lang, elder: Id, name: &str, method: Method) -> Form {
        let outcomes = Outcome::ALL
            .iter()
            .filter(|o| **o != Outcome::Away)
            .map(|o| (o.as_str().to_owned(), i18n::outcome(lang, *o).to_owned()))
            .collect();
        Form::new(
            lang.fill(T::FormNewMark, &[&clean(name), &i18n::method(lang, method)]),
            Purpose::NewMark {
                elder,
                name: name.to_owned(),
                method,
            },
            vec![
                Field::choice(lang.t(T::MarkOutcomeLabel), outcomes, 0),
                Field::note(lang.t(T::NoteLabel), ""),
            ],
        )
    }
}

pub(super) fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A date typed in a form, empty for none: `2026-12-02`, or `12-02`, `12/2`, `12月2日` for a
/// day of `today`'s year (`qiaomen_core::dates::parse_typed`, the one parser).
pub(super) fn optional_date(text: &str, today: Date) -> qiaomen_core::Result<Option<Date>> {
    qiaomen_core::dates::parse_typed_opt(text, today)
}

/// A date a form requires (`optional_date`).
pub(super) fn typed_date(text: &str, today: Date) -> qiaomen_core::Result<Date> {
    qiaomen_core::dates::parse_typed(text, today)
}

/// Saves a form. On a refusal the form comes back with the reason, to be shown again.
pub fn submit(mut form: Form, view: &View) -> Vec<Effect> {
    match build(view, &form) {
        Ok((command, after)) => vec![Effect::Apply(
            command,
            Box::new(move |outcome, view| match outcome {
                Ok(applied) => after(applied, view),
                Err(e) => {
                    // Keep what was typed; the reason is in the form's own message line.
                    form.message = Some(i18n::error(view.lang, &e));
                    vec![Effect::Open(Popup::Form(form))]
                }
            }),
        )],
        Err(e) => {
            form.message = Some(i18n::error(view.lang, &e));
            vec![Effect::Open(Popup::Form(form))]
        }
    }
}

/// After a refusal, once what was typed changed: the reason goes when the form would now be
/// accepted as far as it can tell without saving, or says what is still wrong.
pub fn recheck(app: &View, form: &mut Form) {
    form.message = build(app, form).err().map(|e| i18n::error(app.lang, &e));
}

/// What follows a form's save, from what was saved.
pub(super) type After = Box<dyn FnOnce(qiaomen_core::Applied, &View) -> Vec<Effect>>;

/// The hand-over form's choice that hands a case back down.
const RETURN: &str = "return";

fn case_saved(id: Id) -> After {
    Box::new(move |_, view: &View| {
        let text = view.lang.fill(T::CaseSaved, &[&format!("#{id}")]);
        vec![
            Effect::Reload,
            Effect::Focus(Record::Case(id)),
            Effect::Say(text),
        ]
    })
}

fn build(app: &View, form: &Form) -> qiaomen_core::Result<(Command, After)> {
    let v = |i: usize| form.fields[i].value().to_owned();
    Ok(match &form.purpose {
        Purpose::NewCase { residents } => {
            let new = NewCase {
                kind: v(0).parse()?,
                title: v(1),
                grid: v(2).parse().unwrap_or(0),
                parties: split_names(&v(3)),
                residents: residents.clone(),
                opened: app.now.date,
                follow_up: optional_date(&v(4), app.now.date)?,
                note: v(5),
            };
            let title = clean(&new.title);
            let after: After = Box::new(move |applied, view: &View| {
                let text = view
                    .lang
                    .fill(T::CaseOpened, &[&format!("#{}", applied.id), &title]);
                vec![
                    Effect::Reload,
                    Effect::Focus(Record::Case(applied.id)),
                    Effect::Say(text),
                ]
            });
            (Command::OpenCase(new), after)
        }
        Purpose::CaseNote(id) => (
            Command::CaseNote {
                case: *id,
                text: v(0),
            },
            case_saved(*id),
        ),
        Purpose::CaseSession(id) => {
            let session = Session {
                date: typed_date(&v(0), app.now.date)?,
                participants: split_names(&v(1)),
                outcome: v(2),
            };
            (Command::CaseSession { case: *id, session }, case_saved(*id))
        }
        Purpose::CaseStatus(id) => {
            let closure = if v(2).is_empty() {
                None
            } else {
                Some(v(2).parse()?)
            };
            (
                Command::CaseStatus {
                    case: *id,
                    to: v(0).parse()?,
                    reason: v(1),
                    closure,
                },
                case_saved(*id),
            )
        }
        Purpose::CaseHandOver(id) => {
            use qiaomen_core::casework::CaseWorkCommand as W;
            let work = if v(0) == RETURN {
                W::Return {
                    case: *id,
                    reason: v(1),
                }
            } else {
                W::Escalate {
                    case: *id,
                    to: v(0).parse()?,
                    reason: v(1),
                }
            };
            (Command::CaseWork(work), case_saved(*id))
        }
        Purpose::CaseFollowUp(id) => (
            Command::SetFollowUp {
                case: *id,
                due: typed_date(&v(0), app.now.date)?,
            },
            case_saved(*id),
        ),
        Purpose::CheckInNote(key) => {
            let after: After = Box::new(|_, view: &View| {
                vec![
                    Effect::Reload,
                    Effect::Say(view.lang.t(T::NoteSaved).to_owned()),
                ]
            });
            (
                Command::AnnotateCheckIn {
                    key: *key,
                    note: v(0),
                },
                after,
            )
        }
        Purpose::LadderStep {
            elder,
            name,
            contact,
        } => super::ladder_form::build(app, form, *elder, name, *contact)?,
        Purpose::NewMark {
            elder,
            name,
            method,
        } => {
            let outcome: Outcome = v(0).parse()?;
            let checkin = CheckIn {
                elder: *elder,
                date: app.roll_date,
                seq: 0,
                time: app.now.time,
                by: app.operator.to_owned(),
                method: *method,
                outcome,
                note: v(1),
                away_until: None,
                contact: None,
                case: None,
            };
            let (elder, name, method) = (*elder, name.clone(), *method);
            let after: After = Box::new(move |applied, view: &View| {
                let mut effects = vec![Effect::Roll(RollNote::Marked {
                    checkin: applied.checkin,
                    name: name.clone(),
                    outcome,
                    method,
                })];
                if outcome == Outcome::NeedsHelp {
                    effects.push(Effect::Open(Popup::follow_up_case(view.lang, elder, &name)));
                }
                effects
            });
            (Command::CheckIn(checkin), after)
        }
        Purpose::Register(p) => super::register_submit::build(app, form, p)?,
        Purpose::People(p) => super::people_forms::build(app, form, p)?,
        Purpose::Care(p) => super::care_form::build(app, form, p)?,
        Purpose::Away(away) => {
            let super::form::Away {
                elder,
                name,
                method,
                at,
            } = &**away;
            let (date, time) = at.unwrap_or((app.roll_date, app.now.time));
            let checkin = CheckIn {
                elder: *elder,
                date,
                seq: 0,
                time,
                by: app.operator.to_owned(),
                method: *method,
                outcome: Outcome::Away,
                note: v(1),
                away_until: optional_date(&v(0), app.now.date)?,
                contact: None,
                case: None,
            };
            let (name, method) = (name.clone(), *method);
            let after: After = Box::new(move |applied, _: &View| {
                vec![Effect::Roll(RollNote::Marked {
                    checkin: applied.checkin,
                    name,
                    outcome: Outcome::Away,
                    method,
                })]
            });
            (Command::CheckIn(checkin), after)
        }
    })
}
