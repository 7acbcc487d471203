//! The typed client of the content API (`docs/content-api.md`), on gloo-net.

use std::cell::Cell;
use std::rc::Rc;

use crate::json::FromJson;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

/// Why a request gave no content. Each has a message a reader can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The API says there is nothing here (404).
    NotFound,
    /// The network failed (offline, DNS, connection refused).
    Network,
    /// No answer within the timeout ([`crate::config::timeout_ms`]).
    Timeout,
    /// The API answered with an error status.
    Status(u16),
    /// The answer was not the JSON the contract describes.
    Malformed,
    /// A page where JSON was asked for: no content API at the configured address (a static host's 404 page,
    /// or a host that answers every path with index.html). The reader cannot fix it; the site's operator can
    /// (`<meta name="broadsheet-api">`, docs/deploying.md).
    NoApi,
    /// The request was cancelled because the reader moved on; nothing to show.
    Aborted,
}

impl FetchError {
    /// What the reader is told: our own words, never the server's.
    pub fn message(&self) -> &'static str {
        match self {
            FetchError::NotFound => "We couldn't find that page.",
            FetchError::Network => {
                "We couldn't reach Broadsheet. Check your connection and try again."
            }
            FetchError::Timeout => "Broadsheet is taking too long to answer. Please try again.",
            FetchError::Status(s) if *s >= 500 => {
                "Broadsheet had a problem answering. Please try again in a moment."
            }
            FetchError::Status(_) => "Broadsheet could not answer this request.",
            FetchError::Malformed => {
                "Broadsheet sent something we couldn't read. Please try again."
            }
            FetchError::NoApi => {
                "Broadsheet's news service isn't answering here. Please try again later."
            }
            FetchError::Aborted => "The request was cancelled.",
        }
    }
}

/// Classifies an HTTP answer: status and body text into a typed value or an error.
pub fn decode<T: FromJson>(status: u16, body: &str) -> Result<T, FetchError> {
    // The API answers in JSON whatever the status (docs/content-api.md, "Errors"); a found or missing page that
    // is not JSON did not come from it.
    let json = matches!(
        body.bytes().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    );
    match status {
        200..=299 | 404 if !json => Err(FetchError::NoApi),
        200..=299 => crate::json::from_str(body).map_err(|_| FetchError::Malformed),
        404 => Err(FetchError::NotFound),
        // The error's body is for logs; the reader gets our own words.
        s => Err(FetchError::Status(s)),
    }
}

/// The URL of an API path under the configured base.
pub fn url(path: &str) -> String {
    format!("{}{}", crate::config::api_base(), path)
}

/// Aborts the request after the timeout unless dropped first.
struct Deadline {
    handle: Option<i32>,
    _closure: Option<Closure<dyn FnMut()>>,
}

impl Deadline {
    fn start(controller: &web_sys::AbortController, fired: Rc<Cell<bool>>) -> Deadline {
        let controller = controller.clone();
        let closure = Closure::<dyn FnMut()>::new(move || {
            fired.set(true);
            controller.abort();
        });
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                crate::config::timeout_ms(),
            )
            .ok()
        });
        Deadline {
            handle,
            _closure: Some(closure),
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(h), Some(w)) = (self.handle, web_sys::window()) {
            w.clear_timeout_with_handle(h);
        }
    }
}

/// GETs `path` (relative to the API base) as `T`. `cancel` aborts it when the reader navigates away.
pub async fn get<T: FromJson>(path: &str, cancel: Option<&AbortSignal>) -> Result<T, FetchError> {
    get_url(&url(path), cancel).await
}

/// GETs the whole `url` as `T`, as [`get`] does.
pub async fn get_url<T: FromJson>(
    url: &str,
    cancel: Option<&AbortSignal>,
) -> Result<T, FetchError> {
    let (status, body) = get_text(url, cancel).await?;
    decode(status, &body)
}

/// GETs `url`: its status and body. Not generic, so the request's state machine is in the wasm once rather than
/// once per answer type (docs/performance.md).
pub async fn get_text(
    url: &str,
    cancel: Option<&AbortSignal>,
) -> Result<(u16, String), FetchError> {
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
    if let Some(outer) = cancel {
        if outer.aborted() {
            return Err(FetchError::Aborted);
        }
        let inner = controller.clone();
        let on_abort = Closure::once_into_js(move || inner.abort());
        outer.set_onabort(Some(on_abort.unchecked_ref()));
    }
    let timed_out = Rc::new(Cell::new(false));
    let _deadline = Deadline::start(&controller, timed_out.clone());
    let signal = controller.signal();
    let failed = |_| {
        if timed_out.get() {
            FetchError::Timeout
        } else if signal.aborted() {
            FetchError::Aborted
        } else {
            FetchError::Network
        }
    };
    let response = gloo_net::http::Request::get(url)
        .abort_signal(Some(&signal))
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(failed)?;
    let status = response.status();
    let body = response.text().await.map_err(failed)?;
    Ok((status, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::Sections;

    #[test]
    fn decoding_classifies_answers() {
        let ok: Result<Sections, _> = decode(200, r#"{"sections":[]}"#);
        assert_eq!(ok.map(|s| s.sections.len()), Ok(0));
        assert_eq!(
            decode::<Sections>(200, r#"{"sections":"#),
            Err(FetchError::Malformed)
        );
        // A static host's page where the API should be, found or not.
        assert_eq!(
            decode::<Sections>(200, "<!doctype html>"),
            Err(FetchError::NoApi)
        );
        assert_eq!(
            decode::<Sections>(404, "<h1>Not Found</h1>"),
            Err(FetchError::NoApi)
        );
        assert_eq!(decode::<Sections>(404, ""), Err(FetchError::NoApi));
        assert_eq!(
            decode::<Sections>(200, r#"{"sections":[{"slug":1}]}"#),
            Err(FetchError::Malformed)
        );
        assert_eq!(decode::<Sections>(404, "{}"), Err(FetchError::NotFound));
        assert_eq!(
            decode::<Sections>(503, "oops"),
            Err(FetchError::Status(503))
        );
    }
}
