//! This instance's search index: opened at start (from `--search-index`, or in memory), brought up to the store
//! before the first request, then kept up by a background catch-up (a search also catches up before it runs, so
//! it sees every write before it); and the turns searches take on the cores.

use std::sync::Arc;
use std::time::Duration;

use broadsheet_search::SearchIndex;
use broadsheet_store::answer::Ask;
use broadsheet_store::search::Search;
use broadsheet_store::Db;
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::Config;

/// How often the index looks for changes other processes wrote (an import, a sync, another instance's webhook).
pub const CATCH_UP_EVERY: Duration = Duration::from_secs(2);

/// The index and the turns of the searches that use it.
pub struct Searches {
    pub index: Arc<Search>,
    /// Turns (`--search-turns`, twice the cores by default). A broad search is CPU-bound for milliseconds: a burst
    /// of them waiting their turn in order (tokio's semaphore is fair) finishes each sooner than all of them
    /// sharing the cores at once, and the slowest wait (p99) is shorter. Other questions never wait here.
    turns: Semaphore,
}

impl Searches {
    /// A turn when `ask` is a search, waited for in order of arrival; `None` (go at once) for any other question.
    pub async fn turn(&self, ask: &Ask) -> Option<SemaphorePermit<'_>> {
        match ask {
            Ask::Search(_) => self.turns.acquire().await.ok(),
            _ => None,
        }
    }
}

/// The index `config` names, caught up with `db`. An index folder that cannot be opened (unwritable, or another
/// process writing it) is logged and replaced by one in memory: search keeps working.
pub fn open(config: &Config, db: &Db) -> Arc<Searches> {
    let index = match SearchIndex::open(config.search_index.as_deref()) {
        Ok(i) => i,
        Err(e) => {
            tracing::error!("{e}: searching an index in memory instead");
            match SearchIndex::open(None) {
                Ok(i) => i,
                // Only a memory allocation can fail here; nothing to fall back to.
                Err(e) => panic!("cannot create a search index in memory: {e}"),
            }
        }
    };
    let search = Arc::new(Search::new(index));
    let started = std::time::Instant::now();
    match db.with_conn(|c| search.catch_up(c)) {
        Ok(n) if n > 0 => tracing::info!(
            changes = n,
            articles = search.index.len(),
            ms = started.elapsed().as_millis() as u64,
            "search index caught up"
        ),
        Ok(_) => {}
        Err(e) => tracing::error!("the search index could not catch up: {e}"),
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Arc::new(Searches {
        index: search,
        turns: Semaphore::new(config.search_turns.unwrap_or(2 * cores).max(1)),
    })
}

/// Catches `search` up with `db` every [`CATCH_UP_EVERY`], logging failures (the next round tries again).
pub fn spawn_catch_up(db: Db, search: Arc<Search>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CATCH_UP_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let s = search.clone();
            if let Err(e) = db.run(move |c| s.catch_up(c)).await {
                tracing::warn!("search index catch-up: {e}");
            }
        }
    });
}
