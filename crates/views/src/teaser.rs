//! An article in a listing: headline link, date, standfirst and thumbnail.

use broadsheet_content::{dates, marked_runs, Kind, MatchRange, Page, Teaser};
use leptos::prelude::*;

/// How many teasers at the top of a listing load their images at once: those a reader sees first on a phone or
/// a wide screen. The very first also loads at high priority (on a phone it is the largest thing on screen).
pub const EAGER_TEASERS: usize = 4;

/// How much of a teaser to show.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TeaserSize {
    /// Image, kicker, headline, standfirst, date.
    Full,
    /// Date and headline only (rails).
    Compact,
}

pub use crate::picture::ImageLoading;
use crate::picture::{picture, Shown, TEASER_SIZES};

/// One teaser as a list item.
#[component]
pub fn TeaserItem(
    teaser: Teaser,
    #[prop(default = TeaserSize::Full)] size: TeaserSize,
    /// The headline's level: 2 on a listing under its h1, 3 under a section heading.
    #[prop(default = 3)]
    level: u8,
    #[prop(default = ImageLoading::Lazy)] loading: ImageLoading,
    /// Where a search matched the headline and the standfirst: those words are marked (`<mark>`).
    #[prop(optional)]
    marks: Option<(Vec<MatchRange>, Vec<MatchRange>)>,
) -> impl IntoView {
    let (headline_marks, standfirst_marks) = marks.unwrap_or_default();
    let page = Page::article(&teaser.section.slug, &teaser.slug);
    let date = dates::display(&teaser.published, false);
    let kind = (teaser.kind != Kind::News).then(|| teaser.kind.label());
    let full = size == TeaserSize::Full;
    let image = teaser.image.as_ref().filter(|_| full).and_then(|img| {
        let shown = Shown {
            alt: String::new(),
            class: "teaser-image",
            sizes: TEASER_SIZES,
            loading,
        };
        picture(img, shown, None)
    });
    view! {
        <li class=if full { "teaser" } else { "teaser teaser-compact" }>
            <article>
                {image}
                <div class="teaser-text">
                    {kind.map(|k| view! { <p class="kicker">{k}</p> })}
                    {headline(level, page, marked(&teaser.headline, &headline_marks))}
                    {full.then(|| view! { <p class="standfirst">{marked(&teaser.standfirst, &standfirst_marks)}</p> })}
                    <p class="meta">
                        <time datetime=teaser.published.clone()>{date}</time>
                        {full.then(|| teaser.byline.clone().map(|b| view! { <span class="byline">" · " <bdi>{b}</bdi></span> }))}
                    </p>
                </div>
            </article>
        </li>
    }
}

/// `text` with the `marks` ranges in `<mark>`; plain text when there are none. Never HTML: each run is text.
fn marked(text: &str, marks: &[MatchRange]) -> Vec<AnyView> {
    if marks.is_empty() {
        return vec![text.to_string().into_any()];
    }
    marked_runs(text, marks)
        .into_iter()
        .map(|(run, mark)| {
            let run = run.to_string();
            if mark {
                view! { <mark>{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect()
}

/// The headline link at the right heading level for where the teaser sits; in the browser, a pointer over it or
/// focus on it tells the app (which prefetches the article).
fn headline(level: u8, page: Option<Page>, text: Vec<AnyView>) -> AnyView {
    // An article whose address is not valid is shown, but not linked: an `a` without `href` is no link.
    let href = page.as_ref().map(Page::href);
    let intent = crate::browser().map(|b| b.article_intent);
    let tell = move || {
        if let (Some(intent), Some(page)) = (intent, &page) {
            intent(page);
        }
    };
    let (hover, focus) = (tell.clone(), tell);
    let link = view! { <a href=href on:pointerenter=move |_| hover() on:focus=move |_| focus()>{text}</a> };
    if level == 2 {
        view! { <h2 class="teaser-headline">{link}</h2> }.into_any()
    } else {
        view! { <h3 class="teaser-headline">{link}</h3> }.into_any()
    }
}

/// A list of teasers; the first `eager` load their images at once.
#[component]
pub fn TeaserList(
    teasers: Vec<Teaser>,
    #[prop(default = TeaserSize::Full)] size: TeaserSize,
    #[prop(default = 3)] level: u8,
    #[prop(default = 0)] eager: usize,
) -> impl IntoView {
    view! {
        <ul class="teasers">
            {teasers.into_iter().enumerate().map(|(i, t)| {
                let loading = match i {
                    0 if eager > 0 => ImageLoading::First,
                    i if i < eager => ImageLoading::Eager,
                    _ => ImageLoading::Lazy,
                };
                view! { <TeaserItem teaser=t size=size level=level loading=loading/> }
            }).collect_view()}
        </ul>
    }
}
