//! Listings: the front page, and a paginated list of articles (a section, a kind, the latest news).

use broadsheet_content::{FrontPage, Listing, Page, SectionBlock};
use leptos::prelude::*;

use crate::author::AuthorHeader;
use crate::pager::Pager;
use crate::search::SearchView;
use crate::teaser::{TeaserList, EAGER_TEASERS};

/// A listing's main column: its heading and description, the teasers (or a line saying there are none) and
/// the pager. `page` is the listing's own page (its links to other pages are built from it).
/// Search results (`listing.search`) have their own form and marks (`search::SearchView`); an author's page
/// (`listing.author`) their own header (`author::AuthorHeader`).
#[component]
pub fn ListingView(listing: Listing, page: Page) -> impl IntoView {
    let Listing {
        title,
        description,
        articles,
        meta,
        author,
        search,
        ..
    } = listing;
    if let Some(facts) = search {
        return view! { <SearchView facts=facts articles=articles meta=meta page=page/> }
            .into_any();
    }
    let (header, level) = match author {
        Some(a) => (view! { <AuthorHeader author=a/> }.into_any(), 3),
        None => (
            view! {
                <header class="listing-header">
                    <h1 tabindex="-1">{title}</h1>
                    <p class="standfirst">{description}</p>
                </header>
            }
            .into_any(),
            2,
        ),
    };
    view! {
        {header}
        {if articles.is_empty() {
            view! { <p class="empty">"There are no articles on this page."</p> }.into_any()
        } else {
            view! { <TeaserList teasers=articles level=level eager=EAGER_TEASERS/> }.into_any()
        }}
        <Pager meta=meta page=page/>
    }
    .into_any()
}

/// The front page's h1, for screen readers (the masthead is its visible title); there while the page loads too.
#[component]
pub fn FrontHeading() -> impl IntoView {
    view! { <h1 class="visually-hidden" tabindex="-1">"Broadsheet: the front page"</h1> }
}

/// The front page's main column below its h1: the top stories, then a block per section with articles. In the
/// browser each section block may be built in a task of its own ([`crate::build_region`]).
#[component]
pub fn FrontView(front: FrontPage) -> impl IntoView {
    view! {
        <section class="top-stories" aria-labelledby="top-stories-heading">
            <h2 id="top-stories-heading">"Top stories"</h2>
            <TeaserList teasers=front.top_stories eager=EAGER_TEASERS/>
        </section>
        {front.sections.into_iter().filter(|b| !b.articles.is_empty()).enumerate().map(|(i, b)| {
            let built = crate::build_region();
            move || built.get().then(|| section_block(i, b.clone()))
        }).collect_view()}
    }
}

/// One section's block, the `index`th: its heading, linked to the section, and its latest teasers. Its id comes
/// from the index, not from the API's slug, which has no place in an attribute unchecked.
fn section_block(index: usize, b: SectionBlock) -> AnyView {
    let id = format!("front-section-{index}");
    let labelled_by = id.clone();
    // Without a valid section address, no `href`: the heading is text, not a link.
    let href = Page::section(&b.section.slug).map(|p| p.href());
    view! {
        <section class="front-section" aria-labelledby=labelled_by>
            <h2 id=id><a href=href>{b.section.name}</a></h2>
            <TeaserList teasers=b.articles/>
        </section>
    }
    .into_any()
}
