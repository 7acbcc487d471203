//! The first paint rendered with the app's views (Leptos `ssr`): the frame around the page's main column, and
//! the head. No markup is written here; this only chooses which views, with which data.

use broadsheet_content::{Article, FrontPage, Image, Listing, Page, Rail, Section};
use broadsheet_views::article::ArticleView;
use broadsheet_views::comment_form::{CommentMain, CommentView};
use broadsheet_views::embed_builder::{EmbedBuilderMain, EmbedBuilderView};
use broadsheet_views::frame::{Footer, Masthead, PageColumns, SkipLink};
use broadsheet_views::head::{Head, HeadTags};
use broadsheet_views::listing::{FrontHeading, FrontView, ListingView};
use broadsheet_views::newsletter::{NewsletterMain, NewsletterView};
use broadsheet_views::not_found::NotFoundView;
use broadsheet_views::picture::{ImagePreload, LEAD_SIZES, TEASER_SIZES};
use broadsheet_views::preview::PreviewBanner;
use broadsheet_views::rails::RailList;
use broadsheet_views::subscribe::PlainSubscribeBox;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;

/// What the main column shows.
pub enum Main {
    Front(FrontPage),
    Listing(Listing, Page),
    Article(Article),
    NotFound,
    /// A newsletter page or the privacy notice (served without the app).
    Newsletter(NewsletterMain),
    /// The page for partners (served without the app).
    EmbedBuilder(EmbedBuilderMain),
    /// A reader's comment form (served without the app).
    Comment(CommentMain),
}

impl Main {
    /// The page's largest image on a phone (its LCP element) and where it is shown: an article's lead image, or
    /// the first teaser's image on the front page and a listing.
    pub fn lcp_image(&self) -> Option<(Image, &'static str)> {
        let first = |teasers: &[broadsheet_content::Teaser]| teasers.first()?.image.clone();
        match self {
            Main::Article(a) => a.image.clone().map(|i| (i, LEAD_SIZES)),
            Main::Front(f) => first(&f.top_stories).map(|i| (i, TEASER_SIZES)),
            Main::Listing(l, _) => first(&l.articles).map(|i| (i, TEASER_SIZES)),
            _ => None,
        }
    }

    fn view(self) -> AnyView {
        match self {
            Main::Front(f) => view! { <FrontHeading/><FrontView front=f/> }.into_any(),
            Main::Listing(l, page) => view! { <ListingView listing=l page=page/> }.into_any(),
            Main::Article(a) => view! { <ArticleView article=a/><PlainSubscribeBox/> }.into_any(),
            Main::NotFound => view! { <NotFoundView/> }.into_any(),
            Main::Newsletter(main) => view! { <NewsletterView main=main/> }.into_any(),
            Main::Comment(main) => view! { <CommentView main=main/> }.into_any(),
            Main::EmbedBuilder(main) => view! { <EmbedBuilderView main=main/> }.into_any(),
        }
    }
}

/// The rails' HTML, rendered once for each rails answer and kept: they change only when content does, and are
/// the largest part of every page's frame.
pub struct RailsCache {
    /// Stands in the frame for the rails until they are put in: unguessable, so no text can contain it.
    slot: String,
    /// The rails answer's JSON and its HTML.
    last: Mutex<Option<(String, Arc<str>)>>,
}

impl RailsCache {
    pub fn new() -> RailsCache {
        use std::hash::{BuildHasher, Hasher};
        let random = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        RailsCache {
            slot: format!("broadsheet-rails-{random:016x}"),
            last: Mutex::new(None),
        }
    }

    /// The HTML of `rails`, whose JSON is `json`.
    fn html(&self, json: &str, rails: Vec<Rail>) -> Arc<str> {
        if let Ok(last) = self.last.lock() {
            if let Some((_, html)) = last.as_ref().filter(|(kept, _)| kept == json) {
                return html.clone();
            }
        }
        let html: Arc<str> = Owner::new()
            .with(move || view! { <RailList rails=rails/> }.to_html())
            .into();
        if let Ok(mut last) = self.last.lock() {
            *last = Some((json.to_string(), html.clone()));
        }
        html
    }
}

impl Default for RailsCache {
    fn default() -> Self {
        RailsCache::new()
    }
}

/// The page below `<body>`: skip link, masthead, main column, rails and footer, inside `<div id="prerender">`
/// (which the app replaces with its own rendering of the same views). `page` is the address asked for, found or
/// not: the masthead marks its entry (`Page::nav_slug`) and its search box shows its query (`Page::search_text`),
/// as the app's does; `rails` are the rails with their answer's JSON.
pub fn frame(
    main: Main,
    page: Option<&Page>,
    sections: &[Section],
    (rails, rails_json): (Vec<Rail>, &str),
    cache: &RailsCache,
) -> String {
    let sections = sections.to_vec();
    let current = page.and_then(|p| p.nav_slug().map(str::to_string));
    let query = page
        .map(|p| p.search_text().to_string())
        .unwrap_or_default();
    let slot = cache.slot.clone();
    let html = Owner::new().with(move || {
        view! {
            <div id="prerender">
                <SkipLink/>
                <Masthead sections=Signal::stored(sections) current=Signal::stored(current)
                    query=Signal::stored(query)/>
                <PageColumns rails=slot.into_any()>{main.view()}</PageColumns>
                <Footer/>
            </div>
        }
        .to_html()
    });
    html.replacen(&cache.slot, &cache.html(rails_json, rails), 1)
}

/// The head's title and tags.
pub fn head(head: Head) -> String {
    Owner::new().with(move || view! { <HeadTags head=head/> }.to_html())
}

/// The preload of the page's largest image (`Main::lcp_image`); empty when the site has no copies of it.
pub fn preload((image, sizes): (Image, &'static str)) -> String {
    Owner::new().with(move || view! { <ImagePreload image=image sizes=sizes/> }.to_html())
}

/// The banner over an editor's preview of a draft, rendered by the views.
pub fn preview_banner() -> String {
    Owner::new().with(|| view! { <PreviewBanner/> }.to_html())
}

/// Where the body's content starts: just after `<body>` or `<body …>`.
pub fn body_start(html: &str) -> Option<usize> {
    let open = html.find("<body")?;
    Some(open + html[open..].find('>')? + 1)
}
