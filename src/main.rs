use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    qiaomen::main_with(&qiaomen::cli::Cli::parse())
}
