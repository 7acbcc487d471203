use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Broadsheet's reference content server: the content API over SQLite, and the built app.
#[derive(Debug, Parser)]
#[command(name = "broadsheet-server", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the app (the default).
    Serve,
    /// Import the content folder into the database and exit; prints what was done and any problems.
    Import,
    /// Print the OpenAPI document of the content API.
    Openapi,
}

/// Settings, from flags or their environment variables.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(
        long,
        env = "BROADSHEET_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: SocketAddr,
    /// SQLite database file; created on first start.
    #[arg(
        long,
        env = "BROADSHEET_DB",
        default_value = "broadsheet.db",
        global = true
    )]
    pub db: PathBuf,
    /// Content folder (sections.toml, articles/, images/), imported at start.
    #[arg(
        long,
        env = "BROADSHEET_CONTENT",
        default_value = "content",
        global = true
    )]
    pub content: PathBuf,
    /// The built app (Trunk's dist folder).
    #[arg(long, env = "BROADSHEET_DIST", default_value = "dist", global = true)]
    pub dist: PathBuf,
    /// Origins allowed to call the API from a browser (CORS), comma separated; `*` for any. Default: none.
    #[arg(
        long,
        env = "BROADSHEET_CORS_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub cors_origins: Vec<String>,
    /// Skip the import at start (serve the database as it is).
    #[arg(long, env = "BROADSHEET_NO_IMPORT", global = true)]
    pub no_import: bool,
}
