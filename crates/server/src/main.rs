use std::process::ExitCode;

use broadsheet_content::CommentStatus;
use broadsheet_server::cache::{keys, Keys, Purger};
use broadsheet_server::config::{
    Cli, Command, CommentsAction, NewsletterAction, SubscribersAction,
};
use broadsheet_server::db::comments;
use broadsheet_server::newsletter::{self, commands, Newsletter};
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
    match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => {
            println!("{}", broadsheet_server::api::openapi_json());
            ExitCode::SUCCESS
        }
        Command::Comments { action } => {
            let config = without_import(config);
            let purger = match Purger::new(&config.purge_url) {
                Ok(p) => p,
                Err(e) => return fail(&e),
            };
            match broadsheet_server::prepare(&config) {
                Ok(db) => moderate(&db, &purger, action).await,
                Err(e) => fail(&e),
            }
        }
        Command::Import => {
            let config = without_import(config);
            let purger = match Purger::new(&config.purge_url) {
                Ok(p) => p,
                Err(e) => return fail(&e),
            };
            let db = match broadsheet_server::prepare(&config) {
                Ok(db) => db,
                Err(e) => return fail(&e),
            };
            match db.with_conn(|c| Ok(broadsheet_server::import::import_dir(c, &config.content))) {
                Ok(Ok(report)) => {
                    for p in &report.problems {
                        eprintln!("skipped {p}");
                    }
                    for n in &report.notes {
                        eprintln!("note {n}");
                    }
                    println!(
                        "imported {} sections and {} articles ({} removed, {} files skipped, {} notes)",
                        report.sections,
                        report.articles,
                        report.removed,
                        report.problems.len(),
                        report.notes.len()
                    );
                    if purger.is_active() {
                        match purger.purge(&report.purge).await {
                            Ok(()) => println!("purged {} keys", report.purge.len()),
                            Err(e) => return fail(&format!("purge failed: {}", e.join("; "))),
                        }
                        if !report.purge.is_empty() {
                            purger.settle().await;
                        }
                    }
                    ExitCode::SUCCESS
                }
                Ok(Err(e)) => fail(&e.to_string()),
                Err(e) => fail(&e.to_string()),
            }
        }
        Command::Newsletter { action } => {
            let config = without_import(config);
            let (db, n) = match broadsheet_server::prepare(&config)
                .and_then(|db| Newsletter::new(&config, &db).map(|n| (db, n)))
            {
                Ok(v) => v,
                Err(e) => return fail(&e),
            };
            let NewsletterAction::Send {
                edition,
                date,
                dry_run,
            } = action;
            let site = newsletter::mail_site(&config);
            report(commands::send(
                &db,
                &n,
                &site,
                &edition,
                date.as_deref(),
                dry_run,
            ))
        }
        Command::Subscribers { action } => {
            let config = without_import(config);
            let db = match broadsheet_server::prepare(&config) {
                Ok(db) => db,
                Err(e) => return fail(&e),
            };
            report(match action {
                SubscribersAction::Export { email } => commands::export(&db, &email),
                SubscribersAction::Delete { email } => commands::delete(&db, &email),
                SubscribersAction::Counts => commands::counts(&db),
            })
        }
        Command::Serve => {
            let purger = match Purger::new(&config.purge_url) {
                Ok(p) => p,
                Err(e) => return fail(&e),
            };
            let db = match broadsheet_server::open_and_import(&config) {
                Ok((db, mut changed)) => {
                    match broadsheet_server::cache::deploy::changes(
                        &db,
                        &config.dist,
                        &config.content.join("images"),
                    ) {
                        Ok(deployed) => changed.extend(deployed),
                        Err(e) => tracing::warn!("could not tell what the deploy changed: {e}"),
                    }
                    // Failures are logged; the answers expire after s-maxage as without purging.
                    let _ = purger.purge(&changed).await;
                    db
                }
                Err(e) => return fail(&e),
            };
            let newsletter = match Newsletter::new(&config, &db) {
                Ok(n) => std::sync::Arc::new(n),
                Err(e) => return fail(&e),
            };
            let mail_to = newsletter.deliverer.transport.describe();
            let listener = match tokio::net::TcpListener::bind(config.addr).await {
                Ok(l) => l,
                Err(e) => return fail(&format!("cannot listen on {}: {e}", config.addr)),
            };
            let app = broadsheet_server::app(&config, db, newsletter);
            let shutdown = broadsheet_server::shutdown_signal();
            let addr = listener
                .local_addr()
                .map(|a| a.to_string())
                .unwrap_or_default();
            println!("Broadsheet is ready at http://{addr}/");
            // On stderr with the other logs: stdout's one line is the ready line scripts wait for.
            tracing::info!("newsletter mail goes to {mail_to}");
            match broadsheet_server::serve(listener, app, shutdown).await {
                Ok(()) => {
                    tracing::info!("stopped");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e.to_string()),
            }
        }
    }
}

/// The `comments` subcommand: editors at a terminal. A change purges the article's key at `--purge-url`.
async fn moderate(db: &broadsheet_server::Db, purger: &Purger, action: CommentsAction) -> ExitCode {
    let now = comments::now();
    let (id, status) = match action {
        CommentsAction::List { status } => {
            let Some(status) = CommentStatus::parse(&status) else {
                return fail("--status must be pending, published or rejected");
            };
            return match db.with_conn(|c| comments::list(c, status)) {
                Ok(list) => {
                    for c in &list {
                        println!(
                            "#{} {} on {} ({})\n  {}\n",
                            c.id,
                            c.author,
                            c.article,
                            c.posted,
                            c.body.replace('\n', "\n  ")
                        );
                    }
                    println!("{} {} comment(s)", list.len(), status.as_str());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e.to_string()),
            };
        }
        CommentsAction::Delete { id } => (id, None),
        CommentsAction::Approve { id } => (id, Some(CommentStatus::Published)),
        CommentsAction::Reject { id } => (id, Some(CommentStatus::Rejected)),
    };
    let done = db.with_conn(|c| {
        let Some(article) = comments::article_of(c, id)? else {
            return Ok(None);
        };
        match status {
            Some(status) => comments::set_status(c, id, status, &now)?,
            None => comments::delete(c, id)?,
        };
        Ok(Some(article))
    });
    match done {
        Ok(Some((section, slug))) => {
            match status {
                Some(status) => println!("comment #{id} is now {}", status.as_str()),
                None => println!("comment #{id} deleted"),
            }
            let keys = Keys::of([keys::article(&section, &slug)]);
            let purged = purger.purge(&keys).await;
            purger.settle().await;
            match purged {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("purge failed: {}", e.join("; "))),
            }
        }
        Ok(None) => fail(&format!("there is no comment #{id}")),
        Err(e) => fail(&e.to_string()),
    }
}

/// The configuration for a command at the terminal: it works on the database as it is.
fn without_import(config: broadsheet_server::Config) -> broadsheet_server::Config {
    broadsheet_server::Config {
        no_import: true,
        ..config
    }
}

/// Prints a command's answer, or its error as a failure.
fn report(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(out) => {
            println!("{}", out.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("broadsheet-server: {message}");
    ExitCode::FAILURE
}
