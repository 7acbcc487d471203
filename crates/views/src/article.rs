//! An article's `<article>` element: kicker, headline, standfirst, lead image, byline, dates, body and tags.

use broadsheet_content::{dates, Article, AuthorRef, Kind, Page};
use leptos::prelude::*;

use crate::blocks::{Body, Figure};
use crate::live::{blog_path, LiveBlog, LiveState};

/// The article itself. `save` fills the "save for offline" paragraph (the app's button; empty on the server,
/// where the paragraph holds its place).
#[component]
pub fn ArticleView(
    article: Article,
    #[prop(optional)] save: Option<AnyView>,
    /// A live blog's state, which the app's polling changes; the first values when absent.
    #[prop(optional)]
    live_state: Option<LiveState>,
    /// The app's "N new updates" action.
    #[prop(optional)]
    reveal: Option<Callback<()>>,
) -> impl IntoView {
    let a = article;
    let live = a
        .live
        .clone()
        .zip(blog_path(&a.section.slug, &a.slug))
        .map(|(live, path)| {
            let state = live_state.unwrap_or_else(|| LiveState::new(&live));
            view! { <LiveBlog live=*live path=path state=state reveal=reveal/> }
        });
    let kind_class = format!("article kind-{}", a.kind.slug().replace('_', "-"));
    // The section's name isolated, so its direction cannot reorder the kind after it.
    let kind_label = (a.kind != Kind::News).then(|| format!(" · {}", a.kind.label()));
    let section_href = Page::section(&a.section.slug).map(|p| p.href());
    let published = dates::display(&a.published, true);
    let updated = a.updated.clone().map(|u| (dates::display(&u, true), u));
    view! {
        <article class=kind_class>
            <header class="article-header">
                // Without a valid section address, no `href`: the kicker is text, not a link.
                <p class="kicker"><a href=section_href><bdi>{a.section.name.clone()}</bdi>{kind_label}</a></p>
                <h1 tabindex="-1">{a.headline.clone()}</h1>
                <p class="standfirst">{a.standfirst.clone()}</p>
                {a.image.clone().map(|img| view! { <Figure image=img lead=true/> })}
                <p class="meta">
                    {(!a.authors.is_empty()).then(|| view! { <Byline authors=a.authors.clone()/> })}
                    <span class="dates">
                        <time datetime=a.published.clone()>{published}</time>
                        {updated.map(|(text, iso)| view! { <span class="updated">"Updated " <time datetime=iso>{text}</time></span> })}
                    </span>
                </p>
                <p class="save-offline">{save}</p>
            </header>
            <Body blocks=a.body.clone()/>
            {live}
            {(!a.topics.is_empty()).then(|| view! {
                <ul class="tags" aria-label="Topics">
                    {a.topics.iter().map(|t| {
                        // Without a valid topic address, no `href`: the name is text.
                        let href = Page::topic(&t.slug).map(|p| p.href());
                        view! { <li><a href=href dir="auto">{t.name.clone()}</a></li> }
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}

/// "By A, B and C", each name linked to their page when they have one, with the role of a single author.
#[component]
pub fn Byline(authors: Vec<AuthorRef>) -> impl IntoView {
    let n = authors.len();
    let role = if n == 1 {
        authors[0].role.clone()
    } else {
        None
    };
    let names = authors
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            // No empty text before the first name: an empty text node renders differently on each side.
            let sep = match (i, n - i) {
                (0, _) => None,
                (_, 1) => Some(" and "),
                _ => Some(", "),
            };
            let href = a.slug.as_deref().and_then(Page::author).map(|p| p.href());
            view! { {sep} <strong><a href=href rel="author" dir="auto">{a.name}</a></strong> }
        })
        .collect_view();
    view! {
        <span class="byline">"By " {names}
            {role.map(|r| view! { <span class="byline-role">", " <bdi>{r}</bdi></span> })}
        </span>
    }
}
