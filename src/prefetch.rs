//! Fetching an article before the reader clicks: when a pointer rests on a teaser's headline, or it gets keyboard
//! focus, the article's JSON is fetched into the app's cache, so the click renders it at once. Once per article,
//! and the page does not ask again for an answer that fresh; a click while the answer is still on its way waits
//! for it instead of asking a second time.

use std::cell::RefCell;

use broadsheet_content::{Article, Page};
use leptos::task::spawn_local;
use rustc_hash::FxHashMap;

use crate::{api, cache};

/// How long a prefetched answer counts as fresh (milliseconds): the page shows it without checking it again.
const FRESH_MS: f64 = 30_000.0;
/// How many prefetch times are remembered before the list starts over.
const REMEMBERED: usize = 200;

/// Something to run once a prefetch has settled.
type Waiter = Box<dyn FnOnce()>;

thread_local! {
    /// When each article's URL was last prefetched (started or done).
    static FETCHED: RefCell<FxHashMap<String, f64>> = RefCell::new(FxHashMap::default());
    /// Prefetches on their way, with what waits for each.
    static IN_FLIGHT: RefCell<FxHashMap<String, Vec<Waiter>>> = RefCell::new(FxHashMap::default());
}

/// Fetches the article `page` into the cache, unless it is there or on its way (other pages: nothing).
pub fn article(page: &Page) {
    let Some(path) = page
        .api_path()
        .filter(|_| matches!(page, Page::Article { .. }))
    else {
        return;
    };
    let url = api::url(&path);
    if cache::contains::<Article>(&url) {
        return;
    }
    let now = js_sys::Date::now();
    let start = FETCHED.with(|f| {
        let mut f = f.borrow_mut();
        if f.get(&url).is_some_and(|at| now - at < FRESH_MS) {
            return false;
        }
        if f.len() >= REMEMBERED {
            f.clear();
        }
        f.insert(url.clone(), now);
        true
    });
    if start {
        IN_FLIGHT.with(|w| w.borrow_mut().insert(url.clone(), Vec::new()));
        spawn_local(async move {
            let answer = api::get_text(&url, None).await;
            let hash = answer
                .as_ref()
                .map_or(0, |(_, body)| cache::body_hash(body));
            match answer.and_then(|(status, body)| api::decode::<Article>(status, &body)) {
                Ok(a) => {
                    cache::put(&url, a, hash);
                }
                // A failed prefetch is forgotten: the click will fetch and show what went wrong.
                Err(_) => FETCHED.with(|f| {
                    f.borrow_mut().remove(&url);
                }),
            }
            let waiting = IN_FLIGHT.with(|w| w.borrow_mut().remove(&url));
            for then in waiting.into_iter().flatten() {
                then();
            }
        });
    }
}

/// Whether a prefetch of `url` is on its way.
pub fn pending(url: &str) -> bool {
    IN_FLIGHT.with(|w| w.borrow().contains_key(url))
}

/// Runs `then` once the prefetch of `url` has settled (its answer is then in the cache, or it failed); at once if
/// there is none on its way.
pub fn when_done(url: &str, then: impl FnOnce() + 'static) {
    let then: Waiter = Box::new(then);
    let left = IN_FLIGHT.with(|w| match w.borrow_mut().get_mut(url) {
        Some(waiting) => {
            waiting.push(then);
            None
        }
        None => Some(then),
    });
    if let Some(then) = left {
        then();
    }
}

/// Whether `url` was prefetched less than `FRESH_MS` ago.
pub fn fresh(url: &str) -> bool {
    let now = js_sys::Date::now();
    FETCHED.with(|f| f.borrow().get(url).is_some_and(|at| now - at < FRESH_MS))
}
