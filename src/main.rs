use std::process::ExitCode;

fn main() -> ExitCode {
    qiaomen::harden();
    match qiaomen::cli::usage::parse(&std::env::args_os().collect::<Vec<_>>()) {
        Ok(cli) => qiaomen::main_with(&cli),
        Err(code) => code,
    }
}
