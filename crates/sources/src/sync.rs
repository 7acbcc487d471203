//! A CMS read into the store: what the read is given (the store's sections and the ids it holds of this source),
//! what it keeps between syncs (a cursor and a digest of the terms and authors), and the one function that runs a
//! read, writes it through the one write path, then keeps its state (a sync stopped between the two reads the
//! same changes again, and unchanged articles are not written twice).

use std::collections::{HashMap, HashSet};
use std::future::Future;

use broadsheet_store::db::write::{self, Batch, Entry, Written};
use broadsheet_store::db::{queries, settings, Db};
use serde::{Deserialize, Serialize};

use crate::media::{MediaStore, Sizes};
use crate::remote::SourceError;

/// What a read keeps between syncs: the newest change time seen (the CMS's own format), and a digest of what
/// posts are read against (terms, authors): when it changes, the next read is full.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub cursor: Option<String>,
    pub people: String,
}

/// What the store holds that a read needs.
#[derive(Debug, Default)]
pub struct Known {
    /// The store's sections, slug → name.
    pub sections: HashMap<String, String>,
    /// The source ids of this source's stored articles.
    pub stored: HashSet<String>,
    /// What else an incremental read looks at besides the changes since its cursor.
    pub sweep: Sweep,
}

/// How an incremental read finds what its cursor cannot (a scheduled post gone live: publishing does not change
/// its modified time; a post unpublished, trashed or deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sweep {
    /// List every published id and reconcile them with the store: what a read without webhooks needs.
    pub reconcile: bool,
    /// Post ids the CMS's webhooks named since the last sync: each one is read again, or confirmed gone.
    pub hinted: HashSet<String>,
}

impl Default for Sweep {
    /// The full reconciliation.
    fn default() -> Sweep {
        Sweep {
            reconcile: true,
            hinted: HashSet::new(),
        }
    }
}

impl Sweep {
    /// Of an incremental read's posts (`have`), what it treats as still listed: with reconciliation, `ids`, the
    /// source's whole listing; without, the stored ids but the hinted ones, which are asked for again. And the
    /// ids it reads though they did not change: listed or hinted, not stored and not already read.
    pub fn listed(
        &self,
        ids: Option<HashSet<String>>,
        stored: &HashSet<String>,
        have: &HashSet<String>,
    ) -> (HashSet<String>, Vec<String>) {
        let listed = match ids {
            Some(ids) => ids,
            None => stored
                .iter()
                .filter(|id| !self.hinted.contains(*id))
                .chain(have)
                .cloned()
                .collect(),
        };
        let mut missing: Vec<String> = listed
            .iter()
            .chain(&self.hinted)
            .filter(|id| !stored.contains(*id) && !have.contains(*id))
            .cloned()
            .collect();
        missing.sort();
        missing.dedup();
        (listed, missing)
    }
}

/// A read: the batch, the state to keep, and what was skipped or changed.
#[derive(Debug)]
pub struct Read {
    /// Every post was read, not only changes.
    pub full: bool,
    pub batch: Batch,
    pub state: State,
    /// Posts left out, and why (`post 12 (slug): …`).
    pub skipped: Vec<String>,
    /// What the conversion changed in posts it wrote.
    pub notes: Vec<String>,
    /// The CMS's own sized files of the posts' images (`media::Sizes`).
    pub sizes: Sizes,
}

/// A post mapped into the contract's types: its entry, the notes of what was changed, and the CMS's own sized
/// files of its images.
#[derive(Debug)]
pub struct Mapped {
    pub entry: Entry,
    pub notes: Vec<String>,
    pub sizes: Sizes,
}

/// Why a post is not published on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Readers may not have it in full (password-protected, members-only, paid): removed if the site has it.
    Closed(String),
    /// It cannot be placed (no section, no date): the site keeps what it has of it, and the note says why.
    Unplaceable(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Closed(why) | Skip::Unplaceable(why) => f.write_str(why),
        }
    }
}

/// Adds each post's entry to `read`, or its reason to `read.skipped`; a closed post the site has goes to
/// `read.batch.removed`. `posts` are (source id, name for notes, what mapping it gave); a post read twice (the
/// modified listing's overlap and the reconciled ids) counts once.
pub fn collect(
    read: &mut Read,
    known: &Known,
    posts: impl IntoIterator<Item = (String, String, Result<Mapped, Skip>)>,
) {
    let mut seen = HashSet::new();
    for (id, name, mapped) in posts {
        if !seen.insert(id.clone()) {
            continue;
        }
        match mapped {
            Ok(Mapped {
                entry,
                notes,
                sizes,
            }) => {
                read.notes
                    .extend(notes.into_iter().map(|n| format!("{name}: {n}")));
                read.batch.articles.push(entry);
                read.sizes.extend(sizes);
            }
            Err(skip) => {
                if matches!(skip, Skip::Closed(_)) && known.stored.contains(&id) {
                    read.batch.removed.push(id);
                }
                read.skipped.push(format!("{name}: {skip}"));
            }
        }
    }
}

/// What a sync did.
#[derive(Debug, Default)]
pub struct Synced {
    /// Every post was read, not only changes.
    pub full: bool,
    pub written: Written,
    pub skipped: Vec<String>,
    pub notes: Vec<String>,
    /// Requests sent to the CMS.
    pub requests: usize,
}

/// A CMS that can be read into a batch.
pub trait Cms {
    /// The origin of its articles in the store (`wordpress`, `ghost`).
    fn origin(&self) -> &'static str;
    /// Where its state is kept (`settings`): one key per site.
    fn state_key(&self) -> String;
    /// The site's address (`https://news.example`): images on its host are copied into the media store.
    fn base(&self) -> &str;
    /// How many requests its client has sent so far (`sync` reports those of one sync).
    fn requests(&self) -> usize;
    /// Reads the site into a batch against what the store holds; writes nothing.
    fn read(
        &self,
        known: &Known,
        state: Option<&State>,
    ) -> impl Future<Output = Result<Read, SourceError>> + Send;
}

/// Reads what changed since the last sync and writes it, with the new state, through the one write path; with a
/// media store, the articles' images are copied into it first. A failed read writes nothing. Reconciles every
/// published id (`Sweep::default`); [`sync_with`] can skip that.
pub async fn sync<C: Cms + Sync>(
    db: &Db,
    cms: &C,
    media: Option<&MediaStore>,
) -> Result<Synced, SourceError> {
    sync_with(db, cms, media, Sweep::default()).await
}

/// [`sync`], with what an incremental read sweeps besides its changes.
pub async fn sync_with<C: Cms + Sync>(
    db: &Db,
    cms: &C,
    media: Option<&MediaStore>,
    sweep: Sweep,
) -> Result<Synced, SourceError> {
    let key = cms.state_key();
    let origin = cms.origin();
    let (known, state) = db
        .run(move |c| {
            let sections = queries::sections(c)?
                .into_iter()
                .map(|s| (s.slug, s.name))
                .collect();
            let state =
                settings::get(c, &key)?.and_then(|s| serde_json::from_str::<State>(&s).ok());
            let stored = write::source_ids(c, origin)?;
            Ok((
                Known {
                    sections,
                    stored,
                    sweep,
                },
                state,
            ))
        })
        .await
        .map_err(|e| SourceError::Store(e.to_string()))?;
    let before = cms.requests();
    let Read {
        full,
        mut batch,
        state,
        skipped,
        mut notes,
        sizes,
    } = cms.read(&known, state.as_ref()).await?;
    let requests = cms.requests() - before;
    crate::media::drop_foreign_photos(&mut batch.authors, cms.base(), media.is_some());
    if let Some(media) = media {
        media.localise_photos(&mut batch.authors, &mut notes).await;
    }
    for entry in &mut batch.articles {
        crate::media::absolutise(&mut entry.article, cms.base());
        if let Some(media) = media {
            let mut said = Vec::new();
            media
                .localise(&mut entry.article, cms.base(), &sizes, &mut said)
                .await;
            let name = format!("post {} ({})", entry.source_id, entry.article.slug);
            notes.extend(said.into_iter().map(|n| format!("{name}: {n}")));
        }
    }
    let key = cms.state_key();
    let written = db
        .write(move |c| {
            let written = write::apply(c, &batch)?;
            settings::replace(c, &key, &serde_json::to_string(&state).unwrap_or_default())?;
            Ok(written)
        })
        .await
        .map_err(|e| SourceError::Store(e.to_string()))?;
    let mut skipped = skipped;
    skipped.extend(written.taken.iter().cloned());
    Ok(Synced {
        full,
        written,
        skipped,
        notes,
        requests,
    })
}

/// A digest of lines (terms, authors), in any order: hex SHA-256 of the sorted lines.
pub fn digest(mut lines: Vec<String>) -> String {
    use sha2::{Digest, Sha256};
    lines.sort();
    Sha256::digest(lines.join("\n").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> HashSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reconciling_takes_the_whole_listing_and_reads_what_the_store_lacks() {
        let sweep = Sweep::default();
        let (listed, missing) = sweep.listed(
            Some(set(&["1", "2", "4"])),
            &set(&["1", "2", "3"]),
            &set(&["2"]),
        );
        assert_eq!(listed, set(&["1", "2", "4"]));
        assert_eq!(
            missing,
            ["4"],
            "4 went live (a scheduled post); 3 is a removal candidate"
        );
    }

    #[test]
    fn without_reconciling_only_the_hinted_posts_are_looked_at_again() {
        let sweep = Sweep {
            reconcile: false,
            hinted: set(&["2", "9"]),
        };
        let (listed, missing) = sweep.listed(None, &set(&["1", "2", "3"]), &set(&["5"]));
        // 2 (stored, hinted) is no longer taken as listed, so it is confirmed with the CMS before removal; 9
        // (hinted, not stored) is read; nothing else is asked for.
        assert_eq!(listed, set(&["1", "3", "5"]));
        assert_eq!(missing, ["9"]);
        let (listed, _) = sweep.listed(None, &set(&["1", "2"]), &set(&["2"]));
        assert!(listed.contains("2"), "a hinted post read again stays");
    }
}
