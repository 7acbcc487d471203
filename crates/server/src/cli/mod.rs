//! The subcommands, one file each.

pub mod comments;
pub mod import;
pub mod live;
pub mod newsletter;
pub mod openapi;
pub mod search;
pub mod serve;
pub mod sync;

use broadsheet_server::Config;

/// The configuration for a command at the terminal: it works on the database as it is, importing nothing.
pub fn without_import(config: Config) -> Config {
    Config {
        no_import: true,
        ..config
    }
}
