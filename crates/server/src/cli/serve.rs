//! `broadsheet-server serve` (the default): opens and imports, purges what the import and the new build changed,
//! and serves until SIGINT or SIGTERM. Prints one line on stdout, `Broadsheet is ready at http://…/`, which
//! scripts and tests wait for.

use std::sync::Arc;

use broadsheet_server::cache::Purger;
use broadsheet_server::{newsletter, Config};

pub async fn run(config: Config) -> Result<(), String> {
    let purger = Purger::new(&config.purge_url)?;
    broadsheet_server::sources::configure(&config.sources, &config.media_store)?;
    let (db, mut changed) = broadsheet_server::open_and_import(&config)?;
    db.open_connections();
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
    let newsletter = Arc::new(newsletter::open(&config, &db)?);
    let mail_to = newsletter.deliverer.transport.describe();
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let app = broadsheet_server::app(&config, db, newsletter);
    let shutdown = broadsheet_server::shutdown_signal();
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("Broadsheet is ready at http://{addr}/");
    // On stderr with the other logs: stdout's one line is the ready line scripts wait for.
    tracing::info!("newsletter mail goes to {mail_to}");
    broadsheet_server::serve(listener, app, shutdown)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}
