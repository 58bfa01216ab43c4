//! clap's own usage errors (an unknown option or command, a missing or bad value) as one
//! sentence in the user's language, with a pointer to `--help`; exit 2. `--help` and
//! `--version` are printed as clap prints them.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Cli;
use crate::i18n::{Lang, T};

/// The command line parsed, or the exit after clap's help/version or a worded usage error.
pub fn parse(args: &[OsString]) -> Result<Cli, std::process::ExitCode> {
    use clap::Parser;
    match Cli::try_parse_from(args) {
        Ok(cli) => Ok(cli),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            let _ = e.print();
            Err(std::process::ExitCode::from(
                u8::try_from(e.exit_code()).unwrap_or(2),
            ))
        }
        Err(e) => {
            use std::io::Write as _;
            let lang = lang_of(args);
            let _ = writeln!(std::io::stderr(), "qiaomen: {}", word(lang, &e, args));
            Err(std::process::ExitCode::from(2))
        }
    }
}

/// `--lang` as typed (even on a line clap refused), else `QIAOMEN_LANG`, else the locale.
pub fn lang_of(args: &[OsString]) -> Lang {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let typed = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_owned)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    let known = |v: &str| match v.trim() {
        v if v.eq_ignore_ascii_case("zh") => Some(Lang::Zh),
        v if v.eq_ignore_ascii_case("en") => Some(Lang::En),
        _ => None,
    };
    typed
        .as_deref()
        .and_then(known)
        .or_else(|| {
            std::env::var("QIAOMEN_LANG")
                .ok()
                .as_deref()
                .and_then(known)
        })
        .unwrap_or_else(Lang::from_env)
}

fn one(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn all(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// The command the line names, as deep as its words go (`qiaomen case status`), for the
/// `--help` pointer.
fn command_of(args: &[OsString]) -> String {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut path = vec!["qiaomen".to_owned()];
    for a in args.iter().skip(1) {
        let a = a.to_string_lossy();
        if a.starts_with('-') {
            continue;
        }
        let Some(sub) = cmd.find_subcommand(&*a).cloned() else {
            continue;
        };
        path.push(sub.get_name().to_owned());
        cmd = sub;
    }
    path.join(" ")
}

/// A missing argument as clap names it (`<ELDER>`, `--date <DATE>`), in Chinese by its field's
/// name where the forms have one (老人), else as typed on the command line (`--date`).
fn missing_arg(lang: Lang, arg: &str) -> String {
    if lang == Lang::En {
        return arg.to_owned();
    }
    if let Some(flag) = arg.strip_prefix("--") {
        return format!("--{}", flag.split(' ').next().unwrap_or(flag));
    }
    let inner = arg
        .trim_matches(|c| c == '<' || c == '>')
        .to_ascii_lowercase();
    let name = match inner.as_str() {
        "outcome" => lang.t(T::SheetOutcome).to_owned(),
        other => crate::error_words::field_name(lang, other),
    };
    if name == lang.t(T::FdChoice) || name == inner {
        arg.to_owned()
    } else {
        name
    }
}

/// A usage error as one sentence and the pointer to `--help`.
pub fn word(lang: Lang, e: &clap::Error, args: &[OsString]) -> String {
    let command = command_of(args);
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    let arg = one(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = one(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => lang.fill(T::UsUnknownArg, &[&arg]),
        ErrorKind::InvalidSubcommand => lang.fill(
            T::UsUnknownCommand,
            &[&one(e, ContextKind::InvalidSubcommand).unwrap_or(arg)],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            lang.fill(T::UsNoValue, &[&arg])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            lang.fill(T::UsBadValue, &[&arg, &value])
        }
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            lang.fill(T::UsNoValue, &[&arg])
        }
        ErrorKind::TooManyValues => lang.fill(T::UsTooMany, &[&arg, &value]),
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = all(e, ContextKind::InvalidArg)
                .iter()
                .map(|a| missing_arg(lang, a))
                .collect();
            lang.fill(T::UsMissing, &[&missing.join(sep)])
        }
        ErrorKind::MissingSubcommand => lang.fill(T::UsMissingCommand, &[&command]),
        ErrorKind::ArgumentConflict => {
            let prior = one(e, ContextKind::PriorArg).unwrap_or_default();
            if prior == arg {
                lang.fill(T::UsTwice, &[&arg])
            } else {
                lang.fill(T::UsConflict, &[&arg, &prior])
            }
        }
        _ => lang.t(T::UsOther).to_owned(),
    };
    let valid = all(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        text.push_str(&lang.fill(T::UsOneOf, &[&valid.join(sep)]));
    }
    text.push_str(lang.t(T::UsStop));
    if let Some(s) =
        one(e, ContextKind::SuggestedArg).or_else(|| one(e, ContextKind::SuggestedSubcommand))
    {
        text.push_str(&lang.fill(T::UsDidYouMean, &[&s]));
    }
    text.push_str(&lang.fill(T::UsSeeHelp, &[&command]));
    text
}
