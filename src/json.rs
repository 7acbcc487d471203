//! JSON text into the contract's types: the one place the app parses the API's answers, with miniserde
//! (`broadsheet_content::json_reads`, which reads each type as serde reads it and is tested against it).
//!
//! Tried before (issue 25, docs/performance.md): serde_json, whose visitors are generated per type, was 34.7 KB of
//! the first visit (brotli); the browser's `JSON.parse` read into the types with serde-wasm-bindgen saved 7 KB of
//! it, but the article's Total Blocking Time went from 76 to 173 ms, as every field crossed from JS into the wasm.

use broadsheet_content::json_reads::miniserde;

/// The bound on what the app reads from JSON.
pub use miniserde::Deserialize as FromJson;

/// A text that was not a `T`: not JSON at all, or JSON of another shape. Nothing says which: every caller tells
/// the reader the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonError;

/// `text` as a `T`: an error, never a panic, for text that is not JSON or not the contract's shape.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    miniserde::json::from_str(text).map_err(|_| JsonError)
}
