//! The search page: the query and its options as a GET form (it works before and without the app), the number of
//! results in a status region (announced when they change), the results with matched words marked, the pager,
//! and help when nothing matched. The masthead's box (`frame::SiteSearch`) leads here.

use broadsheet_content::{Page, Pagination, SearchFacts, SearchSort, Teaser};
use leptos::prelude::*;

use crate::pager::Pager;
use crate::teaser::{ImageLoading, TeaserItem, EAGER_TEASERS};

/// "1 result", "12 results".
pub fn count_label(n: u32) -> String {
    if n == 1 {
        "1 result".to_string()
    } else {
        format!("{n} results")
    }
}

/// The search page's main column: `facts` of the search, its `articles` and their pagination `meta`. `page` is
/// its own address (the pager's links are built from it).
#[component]
pub fn SearchView(
    facts: SearchFacts,
    articles: Vec<Teaser>,
    meta: Pagination,
    page: Page,
) -> impl IntoView {
    let SearchFacts {
        query,
        section,
        sort,
        marks,
        sections,
    } = facts;
    let all: u32 = sections.iter().map(|s| s.count).sum();
    let asked = !query.trim().is_empty();
    let status = if !asked {
        "Type what you are looking for.".to_string()
    } else {
        // The counts are exact; the pages reach only the first `limits::MAX_SEARCH_RESULTS` (`meta.total`).
        let chosen = section
            .as_ref()
            .and_then(|s| sections.iter().find(|c| &c.section.slug == s));
        let within = chosen
            .map(|c| format!(" in {}", c.section.name))
            .unwrap_or_default();
        let matched = match section {
            Some(_) => chosen.map_or(0, |c| c.count),
            None => all,
        }
        .max(meta.total);
        format!("{} for “{}”{within}", count_label(matched), query.trim())
    };
    let options = sections
        .into_iter()
        .map(|c| {
            let selected = section.as_deref() == Some(c.section.slug.as_str());
            view! { <option value=c.section.slug selected=selected>{format!("{} ({})", c.section.name, c.count)}</option> }
        })
        .collect_view();
    let empty = articles.is_empty();
    let mut marks = marks.into_iter();
    let list = articles
        .into_iter()
        .enumerate()
        .map(|(i, teaser)| {
            let loading = if i < EAGER_TEASERS { ImageLoading::Eager } else { ImageLoading::Lazy };
            let m = marks.next().unwrap_or_default();
            view! { <TeaserItem teaser=teaser level=2 loading=loading marks=(m.headline, m.standfirst)/> }
        })
        .collect_view();
    view! {
        <header class="listing-header">
            // Focus comes to the h1 after a search in the app: its description, the count, is read with it (a live
            // region inserted with its text already in it is not announced by every screen reader).
            <h1 tabindex="-1" aria-describedby="search-count">{if asked { "Search results" } else { "Search" }}</h1>
        </header>
        <form class="search-form" role="search" aria-label="Search options" action=Page::Search {
            query: String::new(), section: None, sort: SearchSort::Relevance, page: 1,
        }.href() method="get">
            <div class="field">
                <label for="search-q">"Search for"</label>
                <input id="search-q" type="search" name="q" value=query.clone() maxlength="500"
                    aria-describedby="search-help"/>
                <p class="hint" id="search-help">
                    "Use quotes for a phrase (\"council tax\"), a minus to leave a word out (-parking), OR for either."
                </p>
            </div>
            <div class="field">
                <label for="search-section">"Section"</label>
                <select id="search-section" name="section">
                    <option value="" selected=section.is_none()>{format!("All sections ({all})")}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="search-sort">"Order"</label>
                <select id="search-sort" name="sort">
                    <option value="relevance" selected=sort == SearchSort::Relevance>"Best match"</option>
                    <option value="date" selected=sort == SearchSort::Date>"Newest first"</option>
                </select>
            </div>
            <button type="submit" class="button">"Search"</button>
        </form>
        <p class="search-count" id="search-count" role="status">{status}</p>
        {if empty {
            (asked).then(|| view! {
                <div class="search-empty">
                    <h2>"No articles matched"</h2>
                    <ul>
                        <li>"Check the spelling, or try fewer or more general words."</li>
                        <li>"Leave out a section or a minus word if you chose one."</li>
                        <li><a href=Page::Latest { page: 1 }.href()>"Read the latest news"</a>" or pick a section above."</li>
                    </ul>
                </div>
            }).into_any()
        } else {
            view! {
                <ul class="teasers">{list}</ul>
                <Pager meta=meta page=page/>
            }.into_any()
        }}
    }
}
