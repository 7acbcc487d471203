//! JSON text into the contract's types: the one place the app parses the API's answers, with serde_json.
//!
//! The browser's `JSON.parse` read into the types with serde-wasm-bindgen was tried (issue 25): 7 KB brotli
//! smaller, but the article's Total Blocking Time went from 76 to 173 ms (medians of 5, Lighthouse mobile), as
//! every field crosses from JS into the wasm; docs/performance.md has the figures. The types' serde rules
//! (`Deserialize`) decide what is accepted.

use serde::de::DeserializeOwned;

/// A text that was not a `T`: not JSON at all, or JSON of another shape. Nothing says which: every caller tells
/// the reader the same, and writing serde_json's message cost the wasm its formatting code for nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonError;

/// `text` as a `T`: an error, never a panic, for text that is not JSON or not the contract's shape.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|_| JsonError)
}
