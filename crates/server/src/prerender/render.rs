//! The first paint rendered with the app's views (Leptos `ssr`): the frame around the page's main column, and
//! the head. No markup is written here; this only chooses which views, with which data.

use broadsheet_content::{Article, FrontPage, Listing, Page, Rail, Section};
use broadsheet_views::article::ArticleView;
use broadsheet_views::frame::{Footer, Masthead, PageColumns, SkipLink};
use broadsheet_views::head::{Head, HeadTags};
use broadsheet_views::listing::{FrontHeading, FrontView, ListingView};
use broadsheet_views::not_found::NotFoundView;
use broadsheet_views::rails::RailList;
use leptos::prelude::*;

/// What the main column shows.
pub enum Main {
    Front(FrontPage),
    Listing(Listing, Page),
    Article(Article),
    NotFound,
}

impl Main {
    fn view(self) -> AnyView {
        match self {
            Main::Front(f) => view! { <FrontHeading/><FrontView front=f/> }.into_any(),
            Main::Listing(l, page) => view! { <ListingView listing=l page=page/> }.into_any(),
            Main::Article(a) => view! { <ArticleView article=a/> }.into_any(),
            Main::NotFound => view! { <NotFoundView/> }.into_any(),
        }
    }
}

/// The page below `<body>`: skip link, masthead, main column, rails and footer, inside `<div id="prerender">`
/// (which the app replaces with its own rendering of the same views). `current` is the masthead entry to mark
/// (`Page::nav_slug` of the address).
pub fn frame(
    main: Main,
    current: Option<String>,
    sections: &[Section],
    rails: Vec<Rail>,
) -> String {
    let sections = sections.to_vec();
    Owner::new().with(move || {
        view! {
            <div id="prerender">
                <SkipLink/>
                <Masthead sections=Signal::stored(sections) current=Signal::stored(current)/>
                <PageColumns rails=view! { <RailList rails=rails/> }.into_any()>{main.view()}</PageColumns>
                <Footer/>
            </div>
        }
        .to_html()
    })
}

/// The head's title and tags.
pub fn head(head: Head) -> String {
    Owner::new().with(move || view! { <HeadTags head=head/> }.to_html())
}

/// Where the body's content starts: just after `<body>` or `<body …>`.
pub fn body_start(html: &str) -> Option<usize> {
    let open = html.find("<body")?;
    Some(open + html[open..].find('>')? + 1)
}
