//! The head of an author's page: name, role, photo, biography and links. Their articles follow as in any listing
//! (`listing::ListingView`).

use broadsheet_content::{safe_href, Author};
use leptos::prelude::*;

use crate::picture::{picture, ImageLoading, Shown, AUTHOR_SIZES};

/// Who the author is, with the page's h1.
#[component]
pub fn AuthorHeader(author: Author) -> impl IntoView {
    let photo = author.photo.as_ref().and_then(|p| {
        let shown = Shown {
            alt: p.alt.clone(),
            class: "author-photo",
            sizes: AUTHOR_SIZES,
            loading: ImageLoading::Eager,
        };
        picture(p, shown, None)
    });
    // Only links that pass the safe-URL rule are shown.
    let links: Vec<_> = author
        .links
        .into_iter()
        .filter_map(|l| Some((safe_href(&l.url)?.to_string(), l.label)))
        .collect();
    view! {
        <header class="listing-header author-header">
            {photo}
            <h1 tabindex="-1">{author.name}</h1>
            {author.role.map(|r| view! { <p class="kicker">{r}</p> })}
            {(!author.bio.is_empty()).then(|| view! { <p class="standfirst">{author.bio}</p> })}
            {(!links.is_empty()).then(|| view! {
                <ul class="author-links" aria-label="Elsewhere">
                    {links.into_iter().map(|(href, label)| view! {
                        <li><a href=href rel="me noopener noreferrer">{label}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <h2 class="author-articles">"Articles"</h2>
        </header>
    }
}
