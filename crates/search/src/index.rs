//! One instance's index: opened from a folder (kept across restarts) or in memory (built at start), changed only by
//! [`SearchIndex::apply`] and [`SearchIndex::rebuild`], each a commit that records how far into the store's
//! outbox it reaches. A kill between commits loses nothing: the next start applies the outbox again from the
//! last commit's position (applying an article twice leaves it indexed once).

use std::path::Path;
use std::sync::Mutex;

use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::schema::{Document, Fields, VERSION};
use crate::SearchError;

/// The writer's memory, in bytes, across its threads (tantivy needs at least 15 MB a thread).
const WRITER_MEMORY: usize = 96_000_000;
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
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    writer: Mutex<IndexWriter>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

/// The commit payload: the schema's version and the outbox position reached.
fn payload(seq: i64) -> String {
    format!("v{VERSION} {seq}")
}

impl SearchIndex {
    /// The index in `dir` (created if empty; emptied and so rebuilt if an older version wrote it), or in memory
    /// when `dir` is `None`. Errors: the folder cannot be read or written, or another process holds its writer.
    pub fn open(dir: Option<&Path>) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = Fields::schema();
        let index = match dir {
            None => Index::create_in_ram(schema),
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    SearchError::new(format!("cannot create {}: {e}", dir.display()))
                })?;
                let directory = MmapDirectory::open(dir)?;
                let index = Index::open_or_create(directory, schema.clone())?;
                if Self::version_of(&index) == Some(VERSION) || Self::is_new(&index) {
                    index
                } else {
                    tracing::warn!(dir = %dir.display(), "the search index is of another version: rebuilding it");
                    drop(index);
                    std::fs::remove_dir_all(dir)
                        .and_then(|()| std::fs::create_dir_all(dir))
                        .map_err(|e| {
                            SearchError::new(format!("cannot empty {}: {e}", dir.display()))
                        })?;
                    Index::create(MmapDirectory::open(dir)?, schema, Default::default())?
                }
            }
        };
        crate::text::register(&index);
        let writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            writer: Mutex::new(writer),
        })
    }

    fn is_new(index: &Index) -> bool {
        index
            .load_metas()
            .map(|m| m.payload.is_none() && m.segments.is_empty())
            .unwrap_or(false)
    }

    fn version_of(index: &Index) -> Option<u32> {
        let metas = index.load_metas().ok()?;
        let v = metas
            .payload?
            .split_whitespace()
            .next()?
            .strip_prefix('v')?
            .parse()
            .ok()?;
        Some(v)
    }

    /// The outbox position the last commit reached; `None` for an index never built (rebuild it).
    pub fn applied(&self) -> Option<i64> {
        let metas = self.index.load_metas().ok()?;
        metas.payload?.split_whitespace().nth(1)?.parse().ok()
    }

    /// Applies `changes` and commits them as reaching outbox position `seq`; searches see them on return.
    pub fn apply(&self, changes: &[Change], seq: i64) -> Result<(), SearchError> {
        let mut writer = self.writer()?;
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
        self.commit(&mut writer, seq)
    }

    /// Replaces the whole index with `batches` (every article in the store) as reaching outbox position `seq`,
    /// reporting the count so far after each batch to `progress`. Searches see the old index until the end.
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
        writer.delete_all_documents()?;
        let mut done = 0u64;
        for batch in batches {
            let batch = match batch {
                Ok(b) => b,
                Err(e) => {
                    // Nothing half-built is committed: the old index stays.
                    writer.rollback()?;
                    return Err(e);
                }
            };
            for d in &batch {
                writer.add_document(self.fields.document(d))?;
            }
            done += batch.len() as u64;
            progress(done);
        }
        self.commit(&mut writer, seq)?;
        Ok(done)
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter>, SearchError> {
        self.writer.lock().map_err(|_| {
            SearchError::new("the search index's writer was poisoned by a panic".into())
        })
    }

    fn commit(&self, writer: &mut IndexWriter, seq: i64) -> Result<(), SearchError> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload(seq));
        prepared.commit()?;
        self.reader.reload()?;
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
