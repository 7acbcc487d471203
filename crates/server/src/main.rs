//! `broadsheet-server`: parses the command line, sets up logging, and runs one subcommand (`cli/`, a file each).
//! Each returns `Result<(), String>`; an error is printed as `broadsheet-server: …` and the exit status is 1.

mod cli;

use std::process::ExitCode;

use broadsheet_server::config::{Cli, Command};
use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let config = cli.config;
    let done = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => cli::serve::run(config).await,
        Command::Import => cli::import::run(config).await,
        Command::Openapi => cli::openapi::run(),
        Command::Comments { action } => cli::comments::run(config, action).await,
        Command::Live { action } => cli::live::run(config, action).await,
        Command::Newsletter { action } => cli::newsletter::send(config, action),
        Command::Subscribers { action } => cli::newsletter::subscribers(config, action),
        Command::Sync { source } => cli::sync::run(config, source).await,
        Command::Search { action } => cli::search::run(config, action),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("broadsheet-server: {message}");
            ExitCode::FAILURE
        }
    }
}
