//! The zinepress binary: parse the command line, run it, report errors.

mod cli;
mod cmd;

use clap::Parser;
use zinepress::Error;

fn main() {
    let cli = cli::Cli::parse();
    let code = match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            err.downcast_ref::<Error>()
                .map(Error::exit_code)
                .unwrap_or(1)
        }
    };
    std::process::exit(code);
}
