//! `broadsheet-server search reindex`: rebuilds `--search-index` from every article in the store, printing
//! progress on stderr and one line on stdout at the end (`indexed N articles in S s`).

use std::time::Instant;

use broadsheet_search::SearchIndex;
use broadsheet_server::config::SearchAction;
use broadsheet_server::Config;
use broadsheet_store::search::Search;

/// Progress is printed every this many articles.
const REPORT_EVERY: u64 = 50_000;

pub fn run(config: Config, action: SearchAction) -> Result<(), String> {
    match action {
        SearchAction::Reindex => reindex(config),
    }
}

fn reindex(config: Config) -> Result<(), String> {
    let config = super::without_import(config);
    let Some(dir) = config.search_index.clone() else {
        return Err("search reindex needs --search-index DIR (an instance without one builds its index in memory at start)".into());
    };
    let db = broadsheet_server::prepare(&config)?;
    let index = SearchIndex::open(Some(&dir)).map_err(|e| e.to_string())?;
    let search = Search::new(index);
    let started = Instant::now();
    let mut reported = 0;
    let n = db
        .with_conn(|c| {
            search.rebuild(c, |done| {
                if done >= reported + REPORT_EVERY {
                    reported = done;
                    eprintln!(
                        "indexed {done} articles ({:.0} s)",
                        started.elapsed().as_secs_f64()
                    );
                }
            })
        })
        .map_err(|e| e.to_string())?;
    println!(
        "indexed {n} articles in {:.1} s into {}",
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    Ok(())
}
