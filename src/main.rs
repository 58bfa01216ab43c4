use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    qiaomen::harden();
    qiaomen::main_with(&qiaomen::cli::Cli::parse())
}
