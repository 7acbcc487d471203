//! JSON text into the contract's types. In the browser the text is parsed by the browser's own `JSON.parse` and
//! read into the type with serde-wasm-bindgen, so serde_json's parser is not in the wasm (7.5 KB brotli of the
//! first visit, docs/performance.md); natively (the app's unit tests) serde_json parses it. Either way the types'
//! serde rules (`Deserialize`) decide what is accepted.

use serde::de::DeserializeOwned;

/// Why a text was not a `T`: not JSON at all, or JSON of another shape. The message is for logs, not readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(pub String);

/// `text` as a `T`: an error, never a panic, for text that is not JSON or not the contract's shape.
#[cfg(target_arch = "wasm32")]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let value = js_sys::JSON::parse(text).map_err(|_| JsonError("not JSON".into()))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| JsonError(e.to_string()))
}

/// `text` as a `T`: an error, never a panic, for text that is not JSON or not the contract's shape.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|e| JsonError(e.to_string()))
}
