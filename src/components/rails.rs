//! The sidebar rails: one request for all of them, shared by every page. A failing rail column never takes
//! down the page, and the reverse.

use broadsheet_content::{Rail, Rails};
use leptos::prelude::*;

use super::states::{Failure, Placeholder};
use super::teaser::{TeaserList, TeaserSize};
use crate::load::{use_api, Load};

/// The complementary region with every rail. Beside or below the page's main content, so the app fills it in the
/// task after that content is on screen (empty until then, as in the server's HTML).
#[component]
pub fn RailsColumn() -> impl IntoView {
    let shown = crate::startup::after_shown();
    view! {
        <aside class="rails" aria-label="More from Broadsheet">
            {move || shown.get().then(|| view! { <RailList/> })}
        </aside>
    }
}

#[component]
fn RailList() -> impl IntoView {
    let rails = use_api::<Rails>(|| Some("/rails".to_string()));
    let retry = Callback::new(move |_| rails.retry());
    move || match rails.state.get() {
        Load::Loading => view! { <Placeholder lines=24 class="rails-placeholder"/> }.into_any(),
        Load::Failed(e) => view! { <Failure error=e retry=retry/> }.into_any(),
        Load::Ready(r) => r
            .rails
            .into_iter()
            .map(|rail| view! { <RailBox rail=rail/> })
            .collect_view()
            .into_any(),
    }
}

#[component]
fn RailBox(rail: Rail) -> impl IntoView {
    let heading_id = format!("rail-{}", rail.id);
    let labelled_by = heading_id.clone();
    let size = if rail.items.len() == 1 {
        TeaserSize::Full
    } else {
        TeaserSize::Compact
    };
    view! {
        <section class=format!("rail rail-{}", rail.id) aria-labelledby=labelled_by>
            <h2 id=heading_id class="rail-heading">{rail.title}</h2>
            {if rail.items.is_empty() {
                view! { <p class="empty">"Nothing here yet."</p> }.into_any()
            } else {
                view! { <TeaserList teasers=rail.items size=size/> }.into_any()
            }}
            <p class="rail-more"><a href=rail.link>{rail.link_label} <span aria-hidden="true">" ›"</span></a></p>
        </section>
    }
}
