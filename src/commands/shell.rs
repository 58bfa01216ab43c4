//! `qiaomen completions bash|zsh|fish` and `qiaomen man`: generated from the clap definitions
//! in `cli/`, so they never drift from the commands the program really takes.

use clap::CommandFactory;

use crate::cli::{Cli, ShellArg};
use crate::error::AppError;
use crate::i18n::{Lang, T};

/// The completion script for `shell`, to be sourced or saved where the shell looks for it.
pub fn completions(shell: ShellArg) -> String {
    use clap_complete::Shell;
    let shell = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "qiaomen", &mut out);
    // The generators write the names and help texts we gave clap, which are UTF-8.
    String::from_utf8_lossy(&out).into_owned()
}

/// The manual page (roff) of `qiaomen`, or of one of its commands (`path`: `["case",
/// "open"]`, the pages the SUBCOMMANDS section names as `qiaomen-case(1)`): options, the
/// commands under it, and for the main page the environment it reads.
pub fn man(lang: Lang, path: &[String]) -> Result<String, AppError> {
    let mut command = Cli::command();
    command.build();
    let mut name = String::from("qiaomen");
    for word in path {
        let Some(sub) = command.find_subcommand(word).cloned() else {
            return Err(AppError::Usage(
                lang.fill(T::ManNoCommand, &[&name.replace('-', " "), word]),
            ));
        };
        name = format!("{name}-{}", sub.get_name());
        command = sub;
    }
    let command = command.name(name.clone()).bin_name(name.replace('-', " "));
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    if path.is_empty() {
        environment(&command, &mut out);
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The ENVIRONMENT section: the variables behind the options (from their clap definitions),
/// and `NO_COLOR`, which no option stands for.
fn environment(command: &clap::Command, out: &mut Vec<u8>) {
    use std::fmt::Write as _;
    // The page is clap's, in English: so is this section.
    let lang = Lang::En;
    let mut text = String::from(".SH ENVIRONMENT\n");
    for arg in command.get_arguments() {
        if let Some(var) = arg.get_env() {
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let _ = write!(
                text,
                ".TP\n\\fB{}\\fR\n{} (\\fB\\-\\-{}\\fR)\n",
                roff(&var.to_string_lossy()),
                roff(&help),
                roff(arg.get_long().unwrap_or_default()),
            );
        }
    }
    let _ = write!(
        text,
        ".TP\n\\fBNO_COLOR\\fR\n{}\n",
        roff(lang.t(T::ManNoColor))
    );
    out.extend_from_slice(text.as_bytes());
}

/// Text as roff prints it: a backslash and a hyphen are escaped.
fn roff(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}
