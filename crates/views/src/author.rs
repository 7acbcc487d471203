//! An author's page: who they are (name, role, photo, biography, links), then their articles with a pager.

use broadsheet_content::{safe_href, AuthorPage, Page};
use leptos::prelude::*;

use crate::pager::Pager;
use crate::teaser::{TeaserList, EAGER_TEASERS};

/// The author's main column. `page` is the page's own address (the pager's links are built from it).
#[component]
pub fn AuthorView(author_page: AuthorPage, page: Page) -> impl IntoView {
    let AuthorPage {
        author,
        articles,
        meta,
    } = author_page;
    let photo = author
        .photo
        .and_then(|p| Some((safe_href(&p.url)?.to_string(), p)));
    // Only links that pass the safe-URL rule are shown.
    let links: Vec<_> = author
        .links
        .into_iter()
        .filter_map(|l| Some((safe_href(&l.url)?.to_string(), l.label)))
        .collect();
    view! {
        <header class="listing-header author-header">
            {photo.map(|(src, p)| view! {
                <img class="author-photo" src=src alt=p.alt width=p.width height=p.height/>
            })}
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
        </header>
        <h2 class="author-articles">"Articles"</h2>
        {if articles.is_empty() {
            view! { <p class="empty">"There are no articles on this page."</p> }.into_any()
        } else {
            view! { <TeaserList teasers=articles level=3 eager=EAGER_TEASERS/> }.into_any()
        }}
        <Pager meta=meta page=page/>
    }
}
