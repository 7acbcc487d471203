//! Keeps an open live blog up to date (`broadsheet_content::live`): asks for its changes once right after the page
//! is taken over (a cached page may be behind), then every `POLL_SECS` plus up to `POLL_JITTER_SECS` seconds,
//! `HIDDEN_SLOWDOWN` times less often while the tab is hidden, doubling the wait after each failure up to
//! `MAX_BACKOFF_SECS`, and not at all once the blog has ended or the reader has left the page.
//!
//! Edits and deletions apply in place; a post is shown once, by id. On the first page, new posts go straight in
//! only while the top of the stream is in view; otherwise they wait behind the "N new updates" button (and `(N)`
//! in the title), so the text being read never moves. The status region announces a short count, at most every
//! [`ANNOUNCE_EVERY_MS`], never a post's text, and never moves focus.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use broadsheet_content::live::{
    anchor, changes_api_path, KeyEvent, Live, LivePost, LiveStatus, HIDDEN_SLOWDOWN,
    MAX_BACKOFF_SECS, POLL_JITTER_SECS, POLL_SECS,
};
use broadsheet_views::live::{new_updates, LiveState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The status region speaks at most this often.
pub const ANNOUNCE_EVERY_MS: f64 = 20_000.0;

/// What the poller keeps between polls.
struct Follow {
    section: String,
    slug: String,
    seq: u64,
    first_page: bool,
    /// New posts not shown yet, newest first, and the key events as they will be once they are.
    held: Vec<LivePost>,
    key_events: Option<Vec<KeyEvent>>,
    /// New posts not announced yet, and when the region last spoke.
    unannounced: usize,
    announced_at: f64,
    failures: u32,
    /// Moved on by each poll started out of turn: a poll of an older generation schedules no next one.
    generation: u32,
    ended: bool,
    /// Set when the page goes.
    stopped: Arc<AtomicBool>,
}

/// Follows the live blog at `/{section}/{slug}` whose page shows `live`, updating `state`; the returned
/// callback is the button's: it shows the held posts and moves focus to the newest one's heading.
pub fn follow(section: &str, slug: &str, live: &Live, state: LiveState) -> Callback<()> {
    let f = Rc::new(RefCell::new(Follow {
        section: section.to_string(),
        slug: slug.to_string(),
        seq: live.seq,
        first_page: live.page == 1,
        held: Vec::new(),
        key_events: None,
        unannounced: 0,
        announced_at: f64::NEG_INFINITY,
        failures: 0,
        generation: 0,
        ended: live.status == LiveStatus::Ended,
        stopped: Arc::new(AtomicBool::new(false)),
    }));
    // A reader back on the tab, or back online, sees what they missed at once.
    let again = |f: Rc<RefCell<Follow>>| {
        move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                poll_now(f.clone(), state);
            }
        }
    };
    let shown = window_event_listener_untyped("visibilitychange", again(f.clone()));
    let online = window_event_listener_untyped("online", again(f.clone()));
    let stop = f.borrow().stopped.clone();
    on_cleanup(move || {
        stop.store(true, Ordering::Relaxed);
        shown.remove();
        online.remove();
    });
    if live.status == LiveStatus::Live {
        schedule(f.clone(), state, Duration::ZERO);
    }
    let f = StoredValue::new_local(f);
    Callback::new(move |_| reveal(&f, state))
}

/// The next poll, in `wait`; a poll out of turn since (a new generation) cancels it.
fn schedule(f: Rc<RefCell<Follow>>, state: LiveState, wait: Duration) {
    let generation = f.borrow().generation;
    set_timeout(
        move || {
            if f.borrow().generation == generation {
                poll(f, state);
            }
        },
        wait,
    );
}

/// Polls now, out of turn; the poll already scheduled or on its way schedules no next one.
fn poll_now(f: Rc<RefCell<Follow>>, state: LiveState) {
    let ended = {
        let mut b = f.borrow_mut();
        b.generation = b.generation.wrapping_add(1);
        b.ended
    };
    if !ended {
        poll(f, state);
    }
}

/// The wait before the next poll, in ms: the interval with jitter, slower while hidden, doubled per failure.
fn next_wait(failures: u32) -> Duration {
    let jitter = js_sys::Math::random() * f64::from(POLL_JITTER_SECS);
    let mut secs = f64::from(POLL_SECS) + jitter;
    if failures > 0 {
        secs = (secs * f64::from(2u32.saturating_pow(failures))).min(f64::from(MAX_BACKOFF_SECS));
    }
    let hidden = document().visibility_state() != web_sys::VisibilityState::Visible;
    if hidden {
        secs *= f64::from(HIDDEN_SLOWDOWN);
    }
    Duration::from_millis((secs * 1000.0) as u64)
}

fn poll(f: Rc<RefCell<Follow>>, state: LiveState) {
    if stopped(&f) {
        return;
    }
    let (path, generation) = {
        let b = f.borrow();
        (changes_api_path(&b.section, &b.slug, b.seq), b.generation)
    };
    leptos::task::spawn_local(async move {
        let answer = crate::api::get::<Live>(&path, None).await;
        if stopped(&f) {
            return;
        }
        let ended = match answer {
            Ok(changes) => {
                f.borrow_mut().failures = 0;
                state.paused.set(false);
                apply(&f, state, changes)
            }
            Err(_) => {
                let mut b = f.borrow_mut();
                b.failures = b.failures.saturating_add(1);
                let offline = !window().navigator().on_line();
                state.paused.set(offline);
                false
            }
        };
        let turn = {
            let mut b = f.borrow_mut();
            b.ended |= ended;
            !b.ended && b.generation == generation
        };
        if turn {
            let wait = next_wait(f.borrow().failures);
            schedule(f, state, wait);
        }
    });
}

fn stopped(f: &Rc<RefCell<Follow>>) -> bool {
    f.borrow().stopped.load(Ordering::Relaxed)
}

/// Applies `changes` (a changes answer); true once the blog has ended. Edits, deletions, the pin and the status
/// apply at once, in place; new posts and the key events' list wait unless the top of the stream is in view.
fn apply(f: &Rc<RefCell<Follow>>, state: LiveState, changes: Live) -> bool {
    let mut b = f.borrow_mut();
    let ended = changes.status == LiveStatus::Ended;
    // A lower sequence means the blog was written anew (a store restored): follow it from there.
    if changes.seq == b.seq {
        announce(&mut b, state);
        return ended;
    }
    b.seq = changes.seq;
    // The oldest post this page shows: an edit to an older post (on another page) is not news here.
    let oldest = state
        .posts
        .with_untracked(|p| p.last().map(|p| (p.published.clone(), p.id.clone())));
    let deleted = &changes.deleted;
    b.held.retain(|p| !deleted.contains(&p.id));
    let at_top = b.first_page && stream_top_in_view();
    let mut fresh = Vec::new();
    state.posts.update(|posts| {
        posts.retain(|p| !deleted.contains(&p.id));
        for post in changes.posts {
            if let Some(old) = posts.iter_mut().find(|p| p.id == post.id) {
                *old = post;
            } else if let Some(old) = b.held.iter_mut().find(|p| p.id == post.id) {
                *old = post;
            } else if b.first_page
                && oldest
                    .as_ref()
                    .is_none_or(|o| (&post.published, &post.id) > (&o.0, &o.1))
            {
                fresh.push(post);
            }
        }
        b.unannounced += fresh.len();
        if at_top && b.held.is_empty() {
            posts.append(&mut fresh);
            newest_first(posts);
        }
    });
    b.held.append(&mut fresh);
    newest_first(&mut b.held);
    if at_top && b.held.is_empty() {
        state.key_events.set(changes.key_events);
    } else {
        // Deletions apply now; new key events join with their posts.
        state
            .key_events
            .update(|shown| shown.retain(|k| changes.key_events.iter().any(|n| n.id == k.id)));
        b.key_events = Some(changes.key_events);
    }
    if state.pinned.with_untracked(|p| p != &changes.pinned) {
        state.pinned.set(changes.pinned);
    }
    state.status.set(changes.status);
    state.pending.set(b.held.len());
    title(b.held.len());
    announce(&mut b, state);
    ended
}

/// Says how many posts came since the region last spoke, if it has been quiet for [`ANNOUNCE_EVERY_MS`]; a count
/// held back is said at a later poll.
fn announce(b: &mut Follow, state: LiveState) {
    let now = js_sys::Date::now();
    if b.unannounced > 0 && now - b.announced_at >= ANNOUNCE_EVERY_MS {
        state.announce.set(new_updates(b.unannounced));
        b.unannounced = 0;
        b.announced_at = now;
    }
}

fn newest_first(posts: &mut [LivePost]) {
    posts.sort_unstable_by(|a, b| (&b.published, &b.id).cmp(&(&a.published, &a.id)));
}

/// True while the top of the stream is within the viewport.
fn stream_top_in_view() -> bool {
    let Some(stream) = document().query_selector(".live-stream").ok().flatten() else {
        return false;
    };
    let top = stream.get_bounding_client_rect().top();
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    top >= 0.0 && top < height
}

/// The button: the held posts join the stream and focus moves to the newest one's heading.
fn reveal(f: &StoredValue<Rc<RefCell<Follow>>, LocalStorage>, state: LiveState) {
    let (held, key_events) = f.with_value(|f| {
        let mut f = f.borrow_mut();
        (std::mem::take(&mut f.held), f.key_events.take())
    });
    if let Some(k) = key_events {
        state.key_events.set(k);
    }
    let Some(newest) = held.first().map(|p| p.id.clone()) else {
        return;
    };
    let n = held.len();
    state.posts.update(|posts| {
        posts.extend(held);
        newest_first(posts);
    });
    state.pending.set(0);
    title(0);
    state.announce.set(format!("{} shown", new_updates(n)));
    request_animation_frame(move || {
        let heading = document()
            .get_element_by_id(&anchor(&newest))
            .and_then(|a| a.query_selector("h3").ok().flatten())
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(h) = heading {
            let _ = h.focus();
        }
    });
}

/// `(N) ` before the page's title while `n` posts wait; the plain title when none do.
fn title(n: usize) {
    let doc = document();
    let current = doc.title();
    let plain = match current.strip_prefix('(').and_then(|t| t.split_once(") ")) {
        Some((count, rest)) if count.bytes().all(|b| b.is_ascii_digit()) => rest.to_string(),
        _ => current,
    };
    doc.set_title(&if n > 0 {
        format!("({n}) {plain}")
    } else {
        plain
    });
}
