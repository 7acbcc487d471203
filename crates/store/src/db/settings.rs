//! The `settings` table: small named values the server keeps across restarts (the newsletter's signing secret,
//! the digests of the last build and images, which decide what a deploy purges).

use crate::db::sql::{params, Conn, OptionalExtension};
use crate::db::DbResult;

/// The value of `key`, made by `make` and stored the first time it is asked for (by whichever process asks
/// first: the others read what it stored).
pub fn get_or_make(c: &Conn, key: &str, make: impl FnOnce() -> String) -> DbResult<String> {
    c.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
        params![key, make()],
    )?;
    c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get("value")
    })
}

/// Stores `value` under `key`; true when it differs from the value stored before (or there was none).
pub fn replace(c: &Conn, key: &str, value: &str) -> DbResult<bool> {
    let old: Option<String> = c
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get("value")
        })
        .optional()?;
    if old.as_deref() == Some(value) {
        return Ok(false);
    }
    c.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(true)
}

/// The value stored under `key`, if any.
pub fn get(c: &Conn, key: &str) -> DbResult<Option<String>> {
    c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get("value")
    })
    .optional()
}
