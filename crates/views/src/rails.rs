//! The sidebar rails' boxes: a heading, teasers, and a link to more.

use broadsheet_content::{safe_href, Rail};
use leptos::prelude::*;

use crate::teaser::{TeaserList, TeaserSize};

/// Every rail, in order.
#[component]
pub fn RailList(rails: Vec<Rail>) -> impl IntoView {
    rails
        .into_iter()
        .map(|rail| view! { <RailBox rail=rail/> })
        .collect_view()
}

/// One rail: a box with one full teaser, or a compact list.
#[component]
pub fn RailBox(rail: Rail) -> impl IntoView {
    // The rail's id names its class and its heading's id: only its letters, digits and hyphens are used.
    let key: String = rail
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let heading_id = format!("rail-{key}");
    let labelled_by = heading_id.clone();
    let size = if rail.items.len() == 1 {
        TeaserSize::Full
    } else {
        TeaserSize::Compact
    };
    let more = safe_href(&rail.link).map(str::to_string);
    view! {
        <section class=format!("rail rail-{key}") aria-labelledby=labelled_by>
            <h2 id=heading_id class="rail-heading">{rail.title}</h2>
            {if rail.items.is_empty() {
                view! { <p class="empty">"Nothing here yet."</p> }.into_any()
            } else {
                view! { <TeaserList teasers=rail.items size=size/> }.into_any()
            }}
            {more.map(|href| view! {
                <p class="rail-more"><a href=href><bdi>{rail.link_label}</bdi> <span aria-hidden="true">" ›"</span></a></p>
            })}
        </section>
    }
}
