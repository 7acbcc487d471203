//! An article in a listing: headline link, date, standfirst and thumbnail.

use broadsheet_content::{Kind, Teaser};
use leptos::prelude::*;

use crate::dates;

/// How much of a teaser to show.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TeaserSize {
    /// Image, kicker, headline, standfirst, date.
    Full,
    /// Date and headline only (rails).
    Compact,
}

/// One teaser as a list item.
#[component]
pub fn TeaserItem(
    teaser: Teaser,
    #[prop(default = TeaserSize::Full)] size: TeaserSize,
    /// The headline's level: 2 on a listing under its h1, 3 under a section heading.
    #[prop(default = 3)]
    level: u8,
) -> impl IntoView {
    let href = teaser.path();
    let date = dates::format(&teaser.published, false);
    let kind = (teaser.kind != Kind::News).then(|| teaser.kind.label());
    let full = size == TeaserSize::Full;
    view! {
        <li class=if full { "teaser" } else { "teaser teaser-compact" }>
            <article>
                {full.then(|| teaser.image.clone().map(|img| view! {
                    <img class="teaser-image" src=img.url alt="" width=img.width height=img.height loading="lazy" decoding="async"/>
                }))}
                <div class="teaser-text">
                    {kind.map(|k| view! { <p class="kicker">{k}</p> })}
                    {headline(level, href, teaser.headline.clone())}
                    {full.then(|| view! { <p class="standfirst">{teaser.standfirst.clone()}</p> })}
                    <p class="meta">
                        <time datetime=teaser.published.clone()>{date}</time>
                        {full.then(|| teaser.byline.clone().map(|b| view! { <span class="byline">" · " {b}</span> }))}
                    </p>
                </div>
            </article>
        </li>
    }
}

/// The headline link at the right heading level for where the teaser sits.
fn headline(level: u8, href: String, text: String) -> AnyView {
    let target = href.clone();
    let prefetch = move || crate::prefetch::article(&target);
    let (hover, focus) = (prefetch.clone(), prefetch);
    let link = view! { <a href=href on:pointerenter=move |_| hover() on:focus=move |_| focus()>{text}</a> };
    if level == 2 {
        view! { <h2 class="teaser-headline">{link}</h2> }.into_any()
    } else {
        view! { <h3 class="teaser-headline">{link}</h3> }.into_any()
    }
}

/// A list of teasers.
#[component]
pub fn TeaserList(
    teasers: Vec<Teaser>,
    #[prop(default = TeaserSize::Full)] size: TeaserSize,
    #[prop(default = 3)] level: u8,
) -> impl IntoView {
    view! {
        <ul class="teasers">
            {teasers.into_iter().map(|t| view! { <TeaserItem teaser=t size=size level=level/> }).collect_view()}
        </ul>
    }
}
