//! A live blog below its summary: its status, key events, the pinned post (first page only), the stream of posts
//! newest first (each `<article id="post-{id}">`), the pager and the status region that announces new posts.
//! The server writes it from the first paint's data; the app renders the same markup over [`LiveState`], which its
//! polling keeps up to date (`src/live.rs`).

use broadsheet_content::live::{anchor, post_href, KeyEvent, Live, LivePost, LiveStatus};
use broadsheet_content::{dates, Page};
use leptos::prelude::*;

use crate::blocks::Body;

/// What changes while a live blog is open. On the server, the first values only.
#[derive(Clone, Copy)]
pub struct LiveState {
    /// This page's posts, newest first.
    pub posts: RwSignal<Vec<LivePost>>,
    pub pinned: RwSignal<Option<LivePost>>,
    pub status: RwSignal<LiveStatus>,
    pub key_events: RwSignal<Vec<KeyEvent>>,
    /// New posts held back while the reader is further down: the button's count.
    pub pending: RwSignal<usize>,
    /// The status region's words ("2 new updates"), set at most every few seconds.
    pub announce: RwSignal<String>,
    /// The app cannot reach the API while the browser is offline: updates are paused.
    pub paused: RwSignal<bool>,
}

impl LiveState {
    /// The state a page shows first.
    pub fn new(live: &Live) -> Self {
        LiveState {
            posts: RwSignal::new(live.posts.clone()),
            pinned: RwSignal::new(live.pinned.clone()),
            status: RwSignal::new(live.status),
            key_events: RwSignal::new(live.key_events.clone()),
            pending: RwSignal::new(0),
            announce: RwSignal::new(String::new()),
            paused: RwSignal::new(false),
        }
    }
}

/// The button's words for `n` held-back posts.
pub fn new_updates(n: usize) -> String {
    match n {
        1 => "1 new update".into(),
        n => format!("{n} new updates"),
    }
}

/// The live blog of the article at `path` (`/{section}/{slug}`). `reveal` is the app's "N new updates" button's
/// action; without it (on the server) there is no button.
#[component]
pub fn LiveBlog(
    live: Live,
    path: String,
    state: LiveState,
    reveal: Option<Callback<()>>,
) -> impl IntoView {
    let on_page: Vec<String> = live.posts.iter().map(|p| p.id.clone()).collect();
    let first = live.page == 1;
    let seq = live.seq.to_string();
    let key_path = path.clone();
    let key_events = move || {
        state
            .key_events
            .get()
            .into_iter()
            .map(|k| {
                // A post on this page is a fragment link, so the page does not reload.
                let href = if on_page.contains(&k.id) {
                    format!("#{}", anchor(&k.id))
                } else {
                    post_href(&key_path, &k.id)
                };
                view! {
                    <li><a href=href><time datetime=k.published.clone()>{dates::display(&k.published, true)}</time>" "<span dir="auto">{k.title}</span></a></li>
                }
            })
            .collect_view()
    };
    // Offline, the same line says updates are paused: nothing moves.
    let status = move || match (state.status.get(), state.paused.get()) {
        (LiveStatus::Ended, _) => "This live blog has ended.",
        (_, true) => "You are offline: updates are paused.",
        _ => "Updates appear as they are posted.",
    };
    let ended = move || state.status.get() == LiveStatus::Ended;
    // Fixed in place (style/main.css): it appears without moving the text being read.
    let button = reveal.map(|reveal| {
        view! {
            <button type="button" class="live-new button" hidden=move || state.pending.get() == 0
                on:click=move |_| reveal.run(())>{move || new_updates(state.pending.get())}</button>
        }
    });
    let pinned = move || {
        state.pinned.get().filter(|_| first).map(|p| {
            let href = format!("#{}", anchor(&p.id));
            view! {
                <section class="live-pinned" aria-labelledby="live-pinned-h">
                    <h2 id="live-pinned-h">"Pinned"</h2>
                    <PostBody post=p.clone()/>
                    <p><a href=href>"See it in the stream"</a></p>
                </section>
            }
        })
    };
    let post_path = path.clone();
    view! {
        // `data-seq`: the change this page shows (the first poll asks for what came after it).
        <section class="live" aria-labelledby="live-updates-h" data-seq=seq>
            <p class="live-status"><span class="live-badge" hidden=ended>"Live"</span>" "{status}</p>
            <nav class="live-key-events" aria-labelledby="live-key-h" hidden=move || state.key_events.with(Vec::is_empty)>
                <h2 id="live-key-h">"Key events"</h2>
                <ol>{key_events}</ol>
            </nav>
            {pinned}
            <h2 id="live-updates-h">"Updates"</h2>
            <p class="visually-hidden" role="status" aria-live="polite">{move || state.announce.get()}</p>
            {button}
            <ol class="live-stream">
                // Keyed by the change that last wrote each post, unique in the blog: an edit shows the post anew.
                <For each=move || state.posts.get() key=|p| p.seq let:post>
                    <LivePostView post=post path=post_path.clone()/>
                </For>
            </ol>
            <LivePager live=live path=path/>
        </section>
    }
}

/// One post in the stream: `<li><article id="post-{id}">`, its time and title as its heading.
#[component]
fn LivePostView(post: LivePost, path: String) -> impl IntoView {
    let id = anchor(&post.id);
    let permalink = post_href(&path, &post.id);
    let class = if post.key_event {
        "live-post is-key"
    } else {
        "live-post"
    };
    view! {
        <li>
            <article class=class id=id>
                <PostBody post=post/>
                <p class="live-permalink"><a href=permalink>"Link to this post"</a></p>
            </article>
        </li>
    }
}

/// A post's heading (its time, its title), body and update time.
#[component]
fn PostBody(post: LivePost) -> impl IntoView {
    let updated = post.updated.clone().map(|u| {
        view! { <p class="live-updated">"Updated " <time datetime=u.clone()>{dates::display(&u, true)}</time></p> }
    });
    view! {
        <h3 class="live-post-h" tabindex="-1">
            <time datetime=post.published.clone()>{dates::display(&post.published, true)}</time>
            {post.title.map(|t| view! { <span class="live-title" dir="auto">{t}</span> })}
        </h3>
        <Body blocks=post.body/>
        {updated}
    }
}

/// Newer and older pages of posts, anchored at the oldest (`broadsheet_content::live`).
#[component]
fn LivePager(live: Live, path: String) -> impl IntoView {
    if live.page_count < 2 {
        return None;
    }
    let at = |with: Option<String>| match with {
        Some(id) => format!("{path}?page={}", broadsheet_content::live::page_of(&id)),
        None => path.clone(),
    };
    let newer = (live.page > 1).then(|| at(live.newer.clone()));
    let older = live.older.clone().map(|id| at(Some(id)));
    Some(view! {
        <nav class="pager" aria-label="Pages of updates">
            {newer.map(|href| view! { <a class="button" href=href rel="prev">"‹ Newer updates"</a> })}
            <span class="pager-status">{format!("Page {} of {}", live.page, live.page_count)}</span>
            {older.map(|href| view! { <a class="button" href=href rel="next">"Older updates ›"</a> })}
        </nav>
    })
}

/// The path of the article a live blog is, for its links; `None` when the API's section or slug is not valid.
pub fn blog_path(section: &str, slug: &str) -> Option<String> {
    Page::article(section, slug).map(|p| p.href())
}
