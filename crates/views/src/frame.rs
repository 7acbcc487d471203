//! The page frame's fixed parts: skip link, masthead with the section navigation, footer.

use broadsheet_content::limits::MAX_QUERY_CHARS;
use broadsheet_content::widget::BUILDER_PATH;
use broadsheet_content::{dates, Page, SearchSort, Section};
use leptos::prelude::*;

/// "Skip to content": a link to the main column, first in the page.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = crate::browser().map(|b| b.skip_to_main);
    view! {
        <a class="skip-link" href="#main" on:click=move |ev| {
            if let Some(skip) = skip {
                skip(ev);
            }
        }>"Skip to content"</a>
    }
}

/// The masthead: the site's name and the section navigation, with the current page's entry marked
/// (`aria-current="page"`). `current` is the [`Page::nav_slug`] of the page shown, `None` where no entry is.
#[component]
pub fn Masthead(
    #[prop(into)] sections: Signal<Vec<Section>>,
    #[prop(into)] current: Signal<Option<String>>,
    /// The query in the search box: the search page's own, else empty.
    #[prop(into, default = Signal::stored(String::new()))]
    query: Signal<String>,
) -> impl IntoView {
    let mark = move |slug: &str| (current.get().as_deref() == Some(slug)).then_some("page");
    let (home, latest) = (Page::Front.href(), Page::Latest { page: 1 }.href());
    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <a class="site-name" href=home.clone()>"Broadsheet"</a>
                <p class="tagline">"For people who run public services"</p>
                <SiteSearch query=query/>
            </div>
            <nav class="section-nav" aria-label="Sections">
                <ul>
                    <li><a href=home aria-current=move || mark("")>"Home"</a></li>
                    {move || sections.get().into_iter().filter_map(|s| {
                        let href = Page::section(&s.slug)?.href();
                        let slug = s.slug;
                        Some(view! { <li><a href=href aria-current=move || mark(&slug) dir="auto">{s.name}</a></li> })
                    }).collect_view()}
                    <li><a href=latest aria-current=move || mark("latest")>"Latest"</a></li>
                </ul>
            </nav>
        </header>
    }
}

/// The masthead's search box: a GET form to the search page, so it works before and without the app (which
/// takes its submission over, `src/search_forms.rs`).
#[component]
pub fn SiteSearch(query: Signal<String>) -> impl IntoView {
    let action = Page::Search {
        query: String::new(),
        section: None,
        sort: SearchSort::Relevance,
        page: 1,
    }
    .href();
    view! {
        <form class="site-search" role="search" aria-label="Site" action=action method="get">
            <label for="site-search-q" class="visually-hidden">"Search Broadsheet"</label>
            <input id="site-search-q" type="search" name="q" maxlength=MAX_QUERY_CHARS placeholder="Search"
                value=move || query.get() prop:value=move || query.get()/>
            <button type="submit" class="button">"Search"</button>
        </form>
    }
}

/// The label of the rails' column.
pub const RAILS_LABEL: &str = "More from Broadsheet";

/// Below the masthead: the main column (`children`, the page) and the rails' column beside or below it.
#[component]
pub fn PageColumns(children: Children, rails: AnyView) -> impl IntoView {
    view! {
        <div class="page">
            <main id="main" tabindex="-1">{children()}</main>
            <aside class="rails" aria-label=RAILS_LABEL>{rails}</aside>
        </div>
    }
}

/// The footer: what the site is, its own pages, and the zone its times are in.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Broadsheet — news and analysis for people who run public services."</p>
            <p><a href=Page::Saved.href()>"Saved articles"</a>" · "
                <a href=BUILDER_PATH rel="external">"Our headlines on your site"</a>" · "
                {crate::newsletter::footer_links()}</p>
            <p>{format!("Times are {} time.", dates::TIME_ZONE_NAME)}</p>
            <p>"Demo content: every person, place and quote on this site is invented."</p>
        </footer>
    }
}
