//! What a deploy changed, for the shared caches: a new build of the app (its `index.html`, inside every page
//! written as HTML, names the hashed assets of that build) purges [`keys::APP`]; new or changed content images
//! purge [`keys::MEDIA`]. Each is compared with the digest the last start recorded in the database.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::{keys, Keys};
use broadsheet_store::db::settings;
use broadsheet_store::db::{Db, DbResult};

/// Hex SHA-256 of `index.html` in `dist`; `None` without one.
fn build_digest(dist: &Path) -> Option<String> {
    let html = std::fs::read(dist.join("index.html")).ok()?;
    Some(hex(&Sha256::digest(&html)))
}

/// Hex SHA-256 of the names, sizes and modification times of the files in `images`.
fn images_digest(images: &Path) -> Option<String> {
    let mut entries: Vec<String> = std::fs::read_dir(images)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_nanos();
            Some(format!(
                "{}:{}:{modified}",
                e.file_name().to_string_lossy(),
                meta.len()
            ))
        })
        .collect();
    entries.sort();
    Some(hex(&Sha256::digest(entries.join("\n").as_bytes())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Records `digest` under `setting`; true when it differs from the one recorded before.
fn changed(db: &Db, setting: &'static str, digest: String) -> DbResult<bool> {
    db.with_conn(move |c| settings::replace(c, setting, &digest))
}

/// The keys a start with this `dist` and `images` should purge.
pub fn changes(db: &Db, dist: &Path, images: &Path) -> DbResult<Keys> {
    let mut out = Keys::new();
    if let Some(d) = build_digest(dist) {
        if changed(db, "app_build_digest", d)? {
            out.add(keys::APP);
        }
    }
    if let Some(d) = images_digest(images) {
        if changed(db, "media_digest", d)? {
            out.add(keys::MEDIA);
        }
    }
    Ok(out)
}
