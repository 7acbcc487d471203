//! Loading API data into a page: cached answers at once, a fresh answer in the background, cancellation when
//! the page goes away, and retry.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use crate::api::{self, FetchError};
use crate::cache;

/// What a region of the page has to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(FetchError),
}

/// A region's data and the way to ask again.
pub struct Loader<T: Send + Sync + 'static> {
    pub state: RwSignal<Load<T>>,
    attempt: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Send + Sync + 'static> Loader<T> {
    /// Fetches again (the retry button).
    pub fn retry(&self) {
        self.attempt.update(|n| *n += 1);
    }
}

/// Loads `path()` (an API path, or `None` for nothing yet) whenever it changes.
pub fn use_api<T>(path: impl Fn() -> Option<String> + Send + Sync + 'static) -> Loader<T>
where
    T: DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    let state = RwSignal::new(Load::<T>::Loading);
    let attempt = RwSignal::new(0u32);
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);
    Effect::new(move |_| {
        attempt.track();
        let Some(path) = path() else { return };
        if let Some(previous) = controller.try_get_value().flatten() {
            previous.abort();
        }
        let url = api::url(&path);
        let cached = cache::get::<T>(&url);
        let had_cache = cached.is_some();
        state.set(match cached {
            Some(v) => Load::Ready(v),
            None => Load::Loading,
        });
        // An answer fetched moments ago, because the reader pointed at the link, needs no second check.
        if had_cache && crate::prefetch::fresh(&url) {
            return;
        }
        let c = web_sys::AbortController::new().ok();
        let signal = c.as_ref().map(|c| c.signal());
        controller.set_value(c);
        let waiting_for_prefetch = !had_cache && crate::prefetch::pending(&url);
        let (key, moved_on) = (url.clone(), signal.clone());
        let check = move || async move {
            match api::get::<T>(&path, signal.as_ref()).await {
                Ok(v) => {
                    cache::put(&url, v.clone());
                    // An unchanged answer leaves the page as it is (focus, selection, anything typed).
                    let same = state
                        .try_with_untracked(|s| matches!(s, Load::Ready(old) if *old == v))
                        .unwrap_or(true);
                    if !same {
                        state.try_set(Load::Ready(v));
                    }
                }
                Err(FetchError::Aborted) => {}
                // A revisit keeps what it showed if the background check fails.
                Err(_) if had_cache => {}
                Err(e) => {
                    state.try_set(Load::Failed(e));
                }
            }
        };
        if waiting_for_prefetch {
            // The answer is already on its way because the reader pointed at the link: wait for it rather than
            // ask a second time, and ask only if it failed.
            crate::prefetch::when_done(&key.clone(), move || {
                // The reader has moved on to another page meanwhile: this answer is not for it.
                if moved_on.as_ref().is_some_and(|s| s.aborted()) {
                    return;
                }
                match cache::get::<T>(&key) {
                    Some(v) => {
                        state.try_set(Load::Ready(v));
                    }
                    None => spawn_local(check()),
                }
            });
        } else {
            spawn_local(check());
        }
    });
    on_cleanup(move || {
        if let Some(c) = controller.try_get_value().flatten() {
            c.abort();
        }
    });
    Loader { state, attempt }
}
