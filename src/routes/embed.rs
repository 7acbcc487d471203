//! `/embed`: the page for partner sites. Pick a section, a count and a theme, see the widget, copy the snippet.

use broadsheet_content::{Sections, SECTIONS_API_PATH};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::states::{Failure, Placeholder};
use crate::load::{use_api, Load};
use crate::widget::{WidgetChoice, THEMES};
use broadsheet_content::widget::{DEFAULT_LIMIT, MAX_LIMIT, MIN_LIMIT};
use broadsheet_views::head::Head;

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Sets the preview frame's height to its document's (the preview is on this site, so it can be read).
fn fit_preview(ev: web_sys::Event) {
    let frame = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlIFrameElement>().ok());
    if let Some(frame) = frame {
        let height = frame
            .content_document()
            .and_then(|d| d.document_element())
            .map(|e| e.get_bounding_client_rect().height());
        if let Some(h) = height.filter(|h| h.is_finite() && *h > 0.0) {
            let _ = web_sys::HtmlElement::style(&frame)
                .set_property("height", &format!("{}px", h.ceil() as u32));
        }
    }
}

async fn copy(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[component]
pub fn EmbedPage() -> impl IntoView {
    let sections = use_api::<Sections>(|| Some(SECTIONS_API_PATH.to_string()));
    crate::navigation::ready_after(sections);
    crate::head::set(&Head::embed_builder(&crate::head::site()));
    view! {
        <div class="embed-builder">
            <h1 tabindex="-1">"Broadsheet headlines on your site"</h1>
            <p class="standfirst">"Councils, trade bodies and local papers can show a section's latest headlines in a
                small box that links readers to Broadsheet. Choose what it shows, then copy the snippet into your page."</p>
            {move || match sections.state.get() {
                Load::Loading => view! { <Placeholder lines=8/> }.into_any(),
                Load::Failed(e) => view! { <Failure error=e retry=Callback::new(move |_| sections.retry())/> }.into_any(),
                Load::Ready(s) => view! { <Builder sections=s/> }.into_any(),
            }}
            <p>"The widget sets no cookies and stores nothing. It cannot navigate or script your page; if you
                sandbox it, allow scripts, same-origin and popups (so headlines open in a new tab). Sites that
                take oEmbed can paste the widget's address instead."</p>
        </div>
    }
}

#[component]
fn Builder(sections: Sections) -> impl IntoView {
    let list = StoredValue::new(sections.sections);
    let first = list.with_value(|l| l.first().map(|s| s.slug.clone()).unwrap_or_default());
    let section = RwSignal::new(first);
    let limit = RwSignal::new(DEFAULT_LIMIT);
    let theme = RwSignal::new(THEMES[0].0.to_string());
    let images = RwSignal::new(false);
    let dates = RwSignal::new(true);
    let standfirst = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let choice = Memo::new(move |_| {
        let slug = section.get();
        let section_name = list.with_value(|l| {
            l.iter()
                .find(|s| s.slug == slug)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        });
        WidgetChoice {
            section: slug,
            section_name,
            limit: limit.get(),
            theme: theme.get(),
            images: images.get(),
            dates: dates.get(),
            standfirst: standfirst.get(),
        }
    });
    let snippet = Memo::new(move |_| choice.get().snippet(&origin()));
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let on_copy = move |_| {
        let text = snippet.get_untracked();
        spawn_local(async move {
            let message = if copy(text).await {
                "Snippet copied to the clipboard."
            } else {
                if let Some(t) = textarea.get_untracked() {
                    t.select();
                }
                "Could not copy automatically: the snippet is selected, press Ctrl+C (or ⌘C) to copy it."
            };
            status.set(String::new());
            status.set(message.to_string());
        });
    };
    let check = |label: &'static str, id: &'static str, value: RwSignal<bool>| {
        view! {
            <div class="check">
                <input type="checkbox" id=id prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev))/>
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <form class="embed-form" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="embed-section">"Section"</label>
                <select id="embed-section" on:change=move |ev| section.set(event_target_value(&ev))
                    prop:value=move || section.get()>
                    {list.get_value().into_iter().map(|s| view! { <option value=s.slug>{s.name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="embed-limit">"Headlines"</label>
                <p class="hint" id="embed-limit-hint">"From " {MIN_LIMIT} " to " {MAX_LIMIT} "."</p>
                <input id="embed-limit" type="number" min=MIN_LIMIT max=MAX_LIMIT inputmode="numeric"
                    aria-describedby="embed-limit-hint" prop:value=move || limit.get().to_string()
                    on:change=move |ev| {
                        let n = event_target_value(&ev).trim().parse::<i64>().unwrap_or(DEFAULT_LIMIT.into())
                            .clamp(MIN_LIMIT.into(), MAX_LIMIT.into());
                        limit.set(n as u32);
                    }/>
            </div>
            <div class="field">
                <label for="embed-theme">"Theme"</label>
                <select id="embed-theme" on:change=move |ev| theme.set(event_target_value(&ev)) prop:value=move || theme.get()>
                    {THEMES.iter().map(|(v, l)| view! { <option value=*v>{*l}</option> }).collect_view()}
                </select>
            </div>
            <fieldset class="field">
                <legend>"Show with each headline"</legend>
                {check("Date", "embed-dates", dates)}
                {check("Picture", "embed-images", images)}
                {check("Summary", "embed-standfirst", standfirst)}
            </fieldset>
        </form>
        <h2>"Preview"</h2>
        <iframe class="embed-preview" title="Preview of your widget" src=move || choice.get().src()
            on:load=fit_preview></iframe>
        <h2><label for="embed-snippet">"Your snippet"</label></h2>
        <textarea id="embed-snippet" class="embed-snippet" readonly rows="5" node_ref=textarea
            prop:value=move || snippet.get()></textarea>
        <p><button type="button" class="button" on:click=on_copy>"Copy snippet"</button></p>
        <p class="form-status" role="status">{move || status.get()}</p>
    }
}
