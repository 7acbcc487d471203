//! `broadsheet-server import`: reads the content folder and writes it through the one write path, prints what
//! was done and any problems, and purges what changed at `--purge-url`.

use broadsheet_server::cache::Purger;
use broadsheet_server::Config;
use broadsheet_sources::markdown;

pub async fn run(config: Config) -> Result<(), String> {
    let config = super::without_import(config);
    let purger = Purger::new(&config.purge_url)?;
    let db = broadsheet_server::prepare(&config)?;
    let report = db
        .with_conn(|c| Ok(markdown::import_dir(c, &config.content)))
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
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
        purger
            .purge(&report.purge)
            .await
            .map_err(|e| format!("purge failed: {}", e.join("; ")))?;
        println!("purged {} keys", report.purge.len());
        if !report.purge.is_empty() {
            purger.settle().await;
        }
    }
    Ok(())
}
