//! `broadsheet-server sync wordpress URL`, `sync ghost URL --content-key K`: reads a CMS through the one write path, prints what was done, what
//! was skipped and what the conversion changed, and purges what changed at `--purge-url`. A failed read writes
//! nothing and exits with the source's error.

use broadsheet_server::cache::Purger;
use broadsheet_server::config::SyncSource;
use broadsheet_server::Config;
use broadsheet_sources::ghost::Ghost;
use broadsheet_sources::mapping::Mapping;
use broadsheet_sources::media::MediaStore;
use broadsheet_sources::sync::sync;
use broadsheet_sources::wordpress::WordPress;

pub async fn run(config: Config, source: SyncSource) -> Result<(), String> {
    let config = super::without_import(config);
    let purger = Purger::new(&config.purge_url)?;
    let db = broadsheet_server::prepare(&config)?;
    let media = MediaStore::open(&config.media_store)?;
    let (url, synced) = match source {
        SyncSource::Wordpress {
            url,
            user,
            app_password,
            mapping,
        } => {
            let site = WordPress::new(&url, user.zip(app_password), read_mapping(mapping)?)
                .map_err(|e| e.to_string())?;
            let synced = sync(&db, &site, Some(&media)).await;
            (url, synced)
        }
        SyncSource::Ghost {
            url,
            content_key,
            mapping,
        } => {
            let site = Ghost::new(&url, &content_key, read_mapping(mapping)?)
                .map_err(|e| e.to_string())?;
            let synced = sync(&db, &site, Some(&media)).await;
            (url, synced)
        }
    };
    let synced = synced.map_err(|e| {
        tracing::error!(source = %url, error = %e, "sync failed; nothing was written");
        format!("sync of {url} failed, nothing was written: {e}")
    })?;
    for s in &synced.skipped {
        eprintln!("skipped {s}");
    }
    for n in &synced.notes {
        eprintln!("note {n}");
    }
    let w = &synced.written;
    println!(
        "synced {url} ({}): {} posts read, {} written, {} removed, {} skipped, {} notes, {} requests",
        if synced.full { "full" } else { "changes" },
        w.articles,
        w.changed,
        w.removed,
        synced.skipped.len(),
        synced.notes.len(),
        synced.requests
    );
    if purger.is_active() && !w.purge.is_empty() {
        purger
            .purge(&w.purge)
            .await
            .map_err(|e| format!("purge failed: {}", e.join("; ")))?;
        println!("purged {}", w.purge.header_value());
        purger.settle().await;
    }
    Ok(())
}

/// The mapping file, or none.
fn read_mapping(path: Option<std::path::PathBuf>) -> Result<Mapping, String> {
    let Some(path) = path else {
        return Ok(Mapping::default());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Mapping::parse(&text, &path.display().to_string())
}
