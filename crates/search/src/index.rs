//! One instance's index: opened from a folder (kept across restarts) or in memory (built at start), changed only by
//! [`SearchIndex::apply`] and [`SearchIndex::rebuild`], each a commit that records how far into the store's
//! outbox it reaches. A kill between commits loses nothing: the next start applies the outbox again from the
//! last commit's position (applying an article twice leaves it indexed once).

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use tantivy::directory::MmapDirectory;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::schema::{Document, Fields, VERSION};
use crate::windows::WindowCache;
use crate::SearchError;

/// The most memory the writer takes, in bytes, across its threads (tantivy needs at least 15 MB a thread; it grows
/// to this only while rebuilding, a few documents at a time take little). A rebuild flushes a segment each time a
/// thread's share fills: at 100,000 articles 96 MB took 88 s and left a 448 MB index, 512 MB 55 s and 398 MB.
const WRITER_MEMORY: usize = 512_000_000;
/// Writer threads: both cores for a rebuild; catching up is a few documents at a time.
const WRITER_THREADS: usize = 2;

/// A change to the index: an article to (re)index, or one that is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Upsert(Document),
    Delete(i64),
}

/// The index, its reader and its one writer.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    writer: Mutex<IndexWriter>,
    /// [`SearchIndex::applied`], set only after the reader has reloaded the commit that reached it.
    applied: AtomicI64,
    /// Each segment's newest date by window, for the searches' bounds.
    pub(crate) windows: WindowCache,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

/// The commit payload: the outbox position reached.
fn payload(seq: i64) -> String {
    seq.to_string()
}

/// No position: an index never built.
const UNBUILT: i64 = i64::MIN;

impl SearchIndex {
    /// The index kept under `dir`, or one in memory when `dir` is `None`. Each schema version has a folder of its
    /// own, `dir/v{VERSION}` (created if missing, so a new version starts empty and is rebuilt from the store);
    /// folders of other versions are removed once this one's writer is held. Errors: the folder cannot be
    /// created or read, or another process holds its writer (one process writes an index folder at a time).
    pub fn open(dir: Option<&Path>) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = Fields::schema();
        let index = match dir {
            None => Index::create_in_ram(schema),
            Some(dir) => {
                let own = dir.join(format!("v{VERSION}"));
                std::fs::create_dir_all(&own).map_err(|e| {
                    SearchError::new(format!("cannot create {}: {e}", own.display()))
                })?;
                Index::open_or_create(MmapDirectory::open(&own)?, schema)?
            }
        };
        crate::text::register(&index);
        let writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY)?;
        if let Some(dir) = dir {
            remove_other_versions(dir);
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let applied = index
            .load_metas()
            .ok()
            .and_then(|m| m.payload?.trim().parse().ok())
            .unwrap_or(UNBUILT);
        Ok(SearchIndex {
            reader,
            fields,
            writer: Mutex::new(writer),
            applied: AtomicI64::new(applied),
            windows: WindowCache::default(),
        })
    }

    /// The outbox position the searches see (the last commit's, once the reader has reloaded it); `None` for an
    /// index never built (rebuild it).
    pub fn applied(&self) -> Option<i64> {
        Some(self.applied.load(Ordering::Acquire)).filter(|&a| a != UNBUILT)
    }

    /// Applies `changes` and commits them as reaching outbox position `seq`; searches see them on return. On an
    /// error nothing of them is kept.
    pub fn apply(&self, changes: &[Change], seq: i64) -> Result<(), SearchError> {
        let mut writer = self.writer()?;
        let written = (|| {
            for change in changes {
                match change {
                    Change::Upsert(d) => {
                        writer.delete_term(Term::from_field_i64(self.fields.id, d.id));
                        writer.add_document(self.fields.document(d))?;
                    }
                    Change::Delete(id) => {
                        writer.delete_term(Term::from_field_i64(self.fields.id, *id));
                    }
                }
            }
            Ok(())
        })();
        self.commit_or_roll_back(&mut writer, written, seq)
    }

    /// Replaces the whole index with `batches` (every article in the store) as reaching outbox position `seq`,
    /// reporting the count so far after each batch to `progress`. Searches see the old index until the end, and
    /// keep it if anything fails (a batch that cannot be read, a write, the commit).
    pub fn rebuild<I>(
        &self,
        batches: I,
        seq: i64,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, SearchError>
    where
        I: IntoIterator<Item = Result<Vec<Document>, SearchError>>,
    {
        let mut writer = self.writer()?;
        let mut done = 0u64;
        // No merges while rebuilding: the whole index is merged into one segment at the end. (The writer's policy
        // otherwise is tantivy's default.)
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let written = (|| {
            writer.delete_all_documents()?;
            for batch in batches {
                let batch = batch?;
                for d in &batch {
                    writer.add_document(self.fields.document(d))?;
                }
                done += batch.len() as u64;
                progress(done);
            }
            Ok(())
        })();
        let committed = self.commit_or_roll_back(&mut writer, written, seq);
        if committed.is_ok() {
            self.merge_all(&mut writer);
        }
        writer.set_merge_policy(Box::new(LogMergePolicy::default()));
        committed?;
        Ok(done)
    }

    /// Merges every segment into one, and shows it to searches. A rebuild flushes a segment each time the
    /// writer's memory fills (66 at 1,000,000 articles); left to the background merges, the first write of a
    /// serving instance merged them under load, and a broad search ran a third slower beside it. A failed merge
    /// is logged: the index is whole either way.
    fn merge_all(&self, writer: &mut IndexWriter) {
        let merged = writer
            .index()
            .searchable_segment_ids()
            .and_then(|ids| match ids.len() {
                0 | 1 => Ok(()),
                _ => writer.merge(&ids).wait().map(|_| ()),
            })
            .and_then(|()| self.reader.reload());
        if let Err(e) = merged {
            tracing::warn!("search index: merging the rebuilt index into one segment failed: {e}");
        }
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter>, SearchError> {
        self.writer.lock().map_err(|_| {
            SearchError::new("the search index's writer was poisoned by a panic".into())
        })
    }

    /// Commits what `written` wrote as reaching `seq`, or, if writing or committing failed, rolls it all back so
    /// that no later commit carries it.
    fn commit_or_roll_back(
        &self,
        writer: &mut IndexWriter,
        written: Result<(), SearchError>,
        seq: i64,
    ) -> Result<(), SearchError> {
        let committed = written.and_then(|()| {
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload(seq));
            prepared.commit()?;
            Ok(())
        });
        if let Err(e) = committed {
            if let Err(r) = writer.rollback() {
                tracing::error!("search index: rolling back after {e} failed too: {r}");
            }
            return Err(e);
        }
        self.reader.reload()?;
        self.applied.store(seq, Ordering::Release);
        Ok(())
    }

    /// How many articles the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Removes the folders other versions of the index left in `dir` (best effort: one that cannot be removed is
/// logged and left).
fn remove_other_versions(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = format!("v{VERSION}");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let versioned = name
            .strip_prefix('v')
            .is_some_and(|n| n.parse::<u32>().is_ok());
        if versioned && name != own {
            if let Err(e) = std::fs::remove_dir_all(entry.path()) {
                tracing::warn!(
                    "cannot remove the old search index {}: {e}",
                    entry.path().display()
                );
            }
        }
    }
}
