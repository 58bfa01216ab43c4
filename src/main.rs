use std::process::ExitCode;

fn main() -> ExitCode {
    qiaomen::harden();
    let args: Vec<_> = std::env::args_os().collect();
    match qiaomen::cli::usage::parse(&args) {
        Ok(cli) => {
            qiaomen::malloc::restart_if_worth(
                &args,
                cli.no_server,
                &qiaomen::context::db_dir(&cli),
            );
            qiaomen::main_with(&cli)
        }
        Err(code) => code,
    }
}
