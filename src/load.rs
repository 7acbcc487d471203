//! Loading API data into a page: cached answers at once, a fresh answer in the background, cancellation when
//! the page goes away, and retry.

use std::any::Any;
use std::marker::PhantomData;
use std::rc::Rc;

use crate::json::FromJson;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, FetchError};
use crate::cache;

/// What a region of the page has to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(FetchError),
}

/// A decoded answer as the loader's signal and the cache hold it: the signal's code is in the wasm once, not once
/// per answer type (7 types: 9.6 KB of raw wasm before; docs/performance.md).
type Answer = Rc<dyn Any>;

/// A region's state, whatever its answer's type: what a page's arrival waits on (`ready_after` in `navigation.rs`).
#[derive(Clone, Copy)]
pub struct LoadState {
    state: RwSignal<Load<Answer>, LocalStorage>,
    attempt: RwSignal<u32>,
}

impl LoadState {
    /// Whether an answer or a failure has come (tracked).
    pub fn settled(&self) -> bool {
        !matches!(*self.state.read(), Load::Loading)
    }
}

/// A region's data, of type `T`, and the way to ask again.
pub struct Loader<T> {
    inner: LoadState,
    answer: PhantomData<fn() -> T>,
}

impl<T> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loader<T> {}

impl<T: Clone + 'static> Loader<T> {
    /// What the region has to show (tracked), the answer cloned.
    pub fn get(&self) -> Load<T> {
        match self.inner.state.get() {
            // The signal holds only `T`s (`use_api`): a mismatch cannot happen, and would show as loading.
            Load::Ready(a) => a
                .downcast_ref::<T>()
                .cloned()
                .map_or(Load::Loading, Load::Ready),
            Load::Loading => Load::Loading,
            Load::Failed(e) => Load::Failed(e),
        }
    }

    /// `f` of the answer, once there is one (tracked), without cloning it.
    pub fn with_ready<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.inner.state.with(|l| match l {
            Load::Ready(a) => a.downcast_ref::<T>().map(f),
            _ => None,
        })
    }

    /// Whether an answer or a failure has come (tracked).
    pub fn settled(&self) -> bool {
        self.inner.settled()
    }

    /// The untyped state, for what only asks whether it has settled.
    pub fn erased(&self) -> LoadState {
        self.inner
    }

    /// Fetches again (the retry button).
    pub fn retry(&self) {
        self.inner.attempt.update(|n| *n += 1);
    }
}

/// Loads `path()` (an API path, or `None` for nothing yet) whenever it changes.
pub fn use_api<T>(path: impl Fn() -> Option<String> + Send + Sync + 'static) -> Loader<T>
where
    T: FromJson + Clone + 'static,
{
    let state = RwSignal::new_local(Load::<Answer>::Loading);
    let attempt = RwSignal::new(0u32);
    // The typed part: the cached answer shown, a fetched one decoded and shown. The rest is `fetch_into`, once.
    let show_cached = move |url: &str| {
        let cached = cache::get_answer::<T>(url);
        let had = cached.is_some();
        state.try_set(cached.map_or(Load::Loading, Load::Ready));
        had
    };
    let take = move |url: &str, answer: Result<(u16, String), FetchError>, had_cache: bool| {
        let hash = answer
            .as_ref()
            .map_or(0, |(_, body)| cache::body_hash(body));
        match answer.and_then(|(status, body)| api::decode::<T>(status, &body)) {
            Ok(v) => {
                state.try_set(Load::Ready(cache::put(url, v, hash)));
            }
            Err(FetchError::Aborted) => {}
            // A revisit keeps what it showed if the background check fails.
            Err(_) if had_cache => {}
            Err(e) => {
                state.try_set(Load::Failed(e));
            }
        }
    };
    fetch_into(attempt, Box::new(path), Rc::new(show_cached), Rc::new(take));
    Loader {
        inner: LoadState { state, attempt },
        answer: PhantomData,
    }
}

/// Shows the cached answer for a URL, if there is one; whether there was.
type ShowCached = Rc<dyn Fn(&str) -> bool>;
/// Takes the answer fetched for a URL (status and body, or why not), and whether a cached one was shown.
type Take = Rc<dyn Fn(&str, Result<(u16, String), FetchError>, bool)>;

/// The untyped part of [`use_api`], in the wasm once rather than once per answer type (docs/performance.md): on
/// each change of `path()` or `attempt`, the cached answer at once, then the network's (unless a prefetch
/// fetched it moments ago, or is fetching it now); the previous request aborted.
fn fetch_into(
    attempt: RwSignal<u32>,
    path: Box<dyn Fn() -> Option<String> + Send + Sync>,
    show_cached: ShowCached,
    take: Take,
) {
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);
    Effect::new(move |_| {
        attempt.track();
        let Some(path) = path() else { return };
        if let Some(previous) = controller.try_get_value().flatten() {
            previous.abort();
        }
        let url = api::url(&path);
        let had_cache = show_cached(&url);
        // An answer fetched moments ago, because the reader pointed at the link, needs no second check.
        if had_cache && crate::prefetch::fresh(&url) {
            return;
        }
        let c = web_sys::AbortController::new().ok();
        let signal = c.as_ref().map(|c| c.signal());
        controller.set_value(c);
        let waiting_for_prefetch = !had_cache && crate::prefetch::pending(&url);
        let moved_on = signal.clone();
        let take = take.clone();
        let check = move || async move {
            let answer = api::get_text(&url, signal.as_ref()).await;
            // An unchanged answer leaves the page as it is (focus, selection, anything typed): its body is the
            // one the shown answer was decoded from.
            let unchanged = matches!(&answer, Ok((200, body)) if cache::same_body(&url, cache::body_hash(body)));
            if !(had_cache && unchanged) {
                take(&url, answer, had_cache);
            }
        };
        if waiting_for_prefetch {
            // The answer is already on its way because the reader pointed at the link: wait for it rather than
            // ask a second time, and ask only if it failed.
            let (key, show_cached) = (api::url(&path), show_cached.clone());
            crate::prefetch::when_done(&key.clone(), move || {
                // The reader has moved on to another page meanwhile: this answer is not for it.
                if moved_on.as_ref().is_some_and(|s| s.aborted()) {
                    return;
                }
                if !show_cached(&key) {
                    spawn_local(check());
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
}
