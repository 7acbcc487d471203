//! What the reader sees of offline reading: the connection notice, the update prompt, the save button, the list
//! of articles held on this device, and the page shown when a page is not among them.

use std::time::Duration;

use broadsheet_content::{Article, Page};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::FetchError;
use crate::components::states::Failure;
use crate::offline::{self, OfflineArticle, StorageBlocked};

/// A notice while the browser is offline; it goes away by itself when the connection comes back.
#[component]
pub fn ConnectionNotice() -> impl IntoView {
    let online = RwSignal::new(offline::online());
    // The shell lives as long as the app, so these listeners are never removed.
    std::mem::forget(window_event_listener(leptos::ev::online, move |_| {
        online.set(true)
    }));
    std::mem::forget(window_event_listener(leptos::ev::offline, move |_| {
        online.set(false)
    }));
    view! {
        <div class="connection-notice" role="status">
            <Show when=move || !online.get()>
                <p>"You are offline. Articles you have opened or "<a href=Page::Saved.href()>"saved"</a>
                    " on this device can still be read."</p>
            </Show>
        </div>
    }
}

/// Registers the service worker and offers a newly deployed build when it is ready.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let waiting = RwSignal::new(false);
    let dismissed = RwSignal::new(false);
    offline::register(move || waiting.set(true));
    view! {
        <div class="update-prompt-region" role="status">
            <Show when=move || waiting.get() && !dismissed.get()>
                <div class="update-prompt">
                    <p>"A new version of Broadsheet is available."</p>
                    <button type="button" class="button" on:click=move |_| offline::accept_update()>"Reload"</button>
                    <button type="button" class="button quiet" on:click=move |_| dismissed.set(true)>"Not now"</button>
                </div>
            </Show>
        </div>
    }
}

/// "Save for offline" on an article, with its status line; nothing where the browser cannot store it.
#[component]
pub fn SaveButton(article: Article, path: String) -> impl IntoView {
    // None: not known yet, or storage is blocked (no button).
    let saved = RwSignal::new(None::<bool>);
    let status = RwSignal::new(String::new());
    let images = StoredValue::new(offline::images(&article));
    let path = StoredValue::new(path);
    // The storage check in a task of its own, after the article's render.
    crate::startup::next_task(move || {
        spawn_local(async move {
            let Some(p) = path.try_get_value() else {
                return;
            };
            if let Ok(s) = offline::saved(&p).await {
                saved.try_set(Some(s));
            }
        })
    });
    let toggle = move |_| {
        let was = saved.get_untracked() == Some(true);
        spawn_local(async move {
            let p = path.get_value();
            let done = if was {
                offline::remove(&p)
                    .await
                    .map(|_| "Removed from your saved articles.")
            } else {
                offline::save(&p, images.get_value())
                    .await
                    .map(|_| "Saved: you can read this article offline.")
            };
            match done {
                Ok(message) => {
                    saved.try_set(Some(!was));
                    status.try_set(message.to_string());
                }
                Err(StorageBlocked) => {
                    status.try_set("This browser could not store the article.".to_string());
                }
            }
        });
    };
    // Inside the article view's paragraph, which is always there (it holds its height), so the button appearing
    // moves nothing.
    view! {
            <Show when=move || saved.get().is_some()>
                <button type="button" class="button" aria-pressed=move || if saved.get() == Some(true) { "true" } else { "false" }
                    on:click=toggle>
                    {move || if saved.get() == Some(true) { "Saved for offline" } else { "Save for offline" }}
                </button>
                <span role="status">{move || status.get()}</span>
            </Show>
    }
}

/// The articles this device holds: links, and with `saved_only` a remove button for each.
#[component]
pub fn OfflineList(#[prop(optional)] saved_only: bool) -> impl IntoView {
    let list = RwSignal::new(None::<Result<Vec<OfflineArticle>, StorageBlocked>>);
    let status = RwSignal::new(String::new());
    let reload = move || {
        spawn_local(async move {
            let found = offline::available()
                .await
                .map(|l| l.into_iter().filter(|a| a.saved || !saved_only).collect());
            list.try_set(Some(found));
        })
    };
    reload();
    let remove = move |path: String, headline: String| {
        spawn_local(async move {
            let message = match offline::remove(&path).await {
                Ok(()) => format!("Removed “{headline}”."),
                Err(StorageBlocked) => "This browser could not remove the article.".to_string(),
            };
            status.try_set(message);
            reload();
        })
    };
    let empty = if saved_only {
        "You have not saved any articles yet. Use “Save for offline” on an article to keep it here."
    } else {
        "No articles are stored on this device yet. Articles you open are kept for offline reading."
    };
    view! {
        {move || match list.get() {
            None => ().into_any(),
            Some(Err(StorageBlocked)) => view! {
                <p>"This browser does not let Broadsheet store articles, so none can be read offline."</p>
            }.into_any(),
            Some(Ok(items)) if items.is_empty() => view! { <p>{empty}</p> }.into_any(),
            Some(Ok(items)) => view! {
                <ul class="offline-list">
                    {items.into_iter().map(|a| {
                        let (path, headline) = (a.path.clone(), a.headline.clone());
                        view! {
                            <li>
                                <a href=a.path.clone()>{a.headline.clone()}</a>
                                <span class="offline-section" dir="auto">{a.section.clone()}</span>
                                {saved_only.then(|| view! {
                                    <button type="button" class="button quiet"
                                        on:click=move |_| remove(path.clone(), headline.clone())>
                                        "Remove"<span class="visually-hidden">{format!(" “{}”", a.headline)}</span>
                                    </button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <p class="form-status" role="status">{move || status.get()}</p>
    }
}

/// A page's own content that could not be fetched: the offline page when the browser is offline, otherwise the
/// failure with a retry.
#[component]
pub fn PageFailure(error: FetchError, retry: Callback<()>) -> impl IntoView {
    if matches!(error, FetchError::Network) && !offline::online() {
        view! { <OfflinePage retry=retry/> }.into_any()
    } else {
        view! { <Failure error=error retry=retry/> }.into_any()
    }
}

/// A page that could not be fetched while the browser is offline, and is not on this device.
#[component]
pub fn OfflinePage(retry: Callback<()>) -> impl IntoView {
    Effect::new(move |_| crate::navigation::page_ready());
    // Back online: fetch the page again by itself, a moment later (the `online` event can come before requests
    // get through, and a failed retry would leave the reader on an error instead of this page).
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let listener = window_event_listener(leptos::ev::online, move |_| {
        let handle = set_timeout_with_handle(move || retry.run(()), Duration::from_millis(800));
        timer.set_value(handle.ok());
    });
    on_cleanup(move || {
        listener.remove();
        if let Some(t) = timer.try_get_value().flatten() {
            t.clear();
        }
    });
    view! {
        <div class="offline-page">
            <h1 tabindex="-1">"You are offline"</h1>
            <p>"This page has not been stored on this device. It will open when you are back online."</p>
            <p><button type="button" class="button" on:click=move |_| retry.run(())>"Try again"</button></p>
            <h2>"Available offline"</h2>
            <OfflineList/>
        </div>
    }
}
