//! The front page and a section's first page as HTML, element for element as the app renders them
//! (src/routes/front.rs, src/routes/listing.rs, src/components/teaser.rs and pagination.rs), so that the app takes
//! the page over without a layout shift. Text is escaped.

use std::fmt::Write;

use broadsheet_content::{page_href, FrontPage, Kind, Listing, Teaser};

use super::article::date;
use crate::html::escape;

/// How many teasers at the top of a page load their images at once: those a reader sees first on a phone or a
/// wide screen. (The app's copies of these images, lazy or not, show at once when it takes the page over: the
/// browser reuses an image the document has already loaded.)
pub const EAGER_TEASERS: usize = 4;

/// The front page's main column: its hidden h1, the top stories, then a block per section with articles.
pub fn front(f: &FrontPage) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str(
        "<h1 class=\"visually-hidden\" tabindex=\"-1\">Broadsheet: the front page</h1>\
         <section class=\"top-stories\" aria-labelledby=\"top-stories-heading\">\
         <h2 id=\"top-stories-heading\">Top stories</h2>",
    );
    teasers(&mut h, &f.top_stories, 3, EAGER_TEASERS);
    h.push_str("</section>");
    for b in f.sections.iter().filter(|b| !b.articles.is_empty()) {
        let slug = escape(&b.section.slug);
        let _ = write!(
            h,
            "<section class=\"front-section\" aria-labelledby=\"front-{slug}\">\
             <h2 id=\"front-{slug}\"><a href=\"/{slug}\">{}</a></h2>",
            escape(&b.section.name)
        );
        teasers(&mut h, &b.articles, 3, 0);
        h.push_str("</section>");
    }
    h
}

/// A listing's first page, shown at `base` (`/housing`): its heading, teasers and pager.
pub fn listing(l: &Listing, base: &str) -> String {
    let mut h = String::with_capacity(16 * 1024);
    let _ = write!(
        h,
        "<header class=\"listing-header\"><h1 tabindex=\"-1\">{}</h1><p class=\"standfirst\">{}</p></header>",
        escape(&l.title),
        escape(&l.description)
    );
    if l.articles.is_empty() {
        h.push_str("<p class=\"empty\">There are no articles on this page.</p>");
    } else {
        teasers(&mut h, &l.articles, 2, EAGER_TEASERS);
    }
    let m = &l.meta;
    h.push_str("<nav class=\"pager\" aria-label=\"Pages\">");
    if let Some(p) = m.prev {
        let _ = write!(
            h,
            "<a class=\"button\" href=\"{}\" rel=\"prev\">‹ Newer</a>",
            escape(&page_href(base, p))
        );
    }
    let _ = write!(
        h,
        "<span class=\"pager-status\">Page {} of {}</span>",
        m.page.min(m.pages),
        m.pages
    );
    if let Some(p) = m.next {
        let _ = write!(
            h,
            "<a class=\"button\" href=\"{}\" rel=\"next\">Older ›</a>",
            escape(&page_href(base, p))
        );
    }
    h.push_str("</nav>");
    h
}

/// A list of full teasers with headlines at `level`, the first `eager` with images loaded at once (the very first
/// at high priority: on a phone it is the largest thing on screen).
fn teasers(h: &mut String, list: &[Teaser], level: u8, eager: usize) {
    h.push_str("<ul class=\"teasers\">");
    for (i, t) in list.iter().enumerate() {
        teaser(h, t, level, i < eager, i == 0 && eager > 0);
    }
    h.push_str("</ul>");
}

fn teaser(h: &mut String, t: &Teaser, level: u8, eager: bool, first: bool) {
    h.push_str("<li class=\"teaser\"><article>");
    if let Some(img) = &t.image {
        let _ = write!(
            h,
            "<img class=\"teaser-image\" src=\"{}\" alt=\"\" width=\"{}\" height=\"{}\" loading=\"{}\" decoding=\"async\"{}>",
            escape(&img.url),
            img.width,
            img.height,
            if eager { "eager" } else { "lazy" },
            if first { " fetchpriority=\"high\"" } else { "" }
        );
    }
    h.push_str("<div class=\"teaser-text\">");
    if t.kind != Kind::News {
        let _ = write!(h, "<p class=\"kicker\">{}</p>", t.kind.label());
    }
    let tag = if level == 2 { "h2" } else { "h3" };
    let _ = write!(
        h,
        "<{tag} class=\"teaser-headline\"><a href=\"{}\">{}</a></{tag}><p class=\"standfirst\">{}</p>\
         <p class=\"meta\"><time datetime=\"{}\">{}</time>",
        escape(&t.path()),
        escape(&t.headline),
        escape(&t.standfirst),
        escape(&t.published),
        escape(&date(&t.published, false))
    );
    if let Some(b) = &t.byline {
        let _ = write!(h, "<span class=\"byline\"> · {}</span>", escape(b));
    }
    h.push_str("</p></div></article></li>");
}

#[cfg(test)]
mod tests {
    use broadsheet_content::{Pagination, SectionRef};

    use super::*;

    fn teaser(headline: &str) -> Teaser {
        Teaser {
            section: SectionRef {
                slug: "housing".into(),
                name: "Housing".into(),
            },
            slug: "a-story".into(),
            kind: Kind::Opinion,
            headline: headline.into(),
            standfirst: "Why <b>now</b>".into(),
            byline: Some("A Writer".into()),
            published: "2026-09-01T08:00:00Z".into(),
            image: None,
        }
    }

    #[test]
    fn a_listing_is_written_as_the_app_writes_it() {
        let l = Listing {
            title: "Housing".into(),
            description: "Homes & councils.".into(),
            section: None,
            articles: vec![teaser("Rents <rise>")],
            meta: Pagination::new(1, 12, 30),
        };
        assert_eq!(
            listing(&l, "/housing"),
            "<header class=\"listing-header\"><h1 tabindex=\"-1\">Housing</h1>\
             <p class=\"standfirst\">Homes &amp; councils.</p></header><ul class=\"teasers\">\
             <li class=\"teaser\"><article><div class=\"teaser-text\"><p class=\"kicker\">Comment</p>\
             <h2 class=\"teaser-headline\"><a href=\"/housing/a-story\">Rents &lt;rise&gt;</a></h2>\
             <p class=\"standfirst\">Why &lt;b&gt;now&lt;/b&gt;</p><p class=\"meta\">\
             <time datetime=\"2026-09-01T08:00:00Z\">1 Sep 2026</time><span class=\"byline\"> · A Writer</span>\
             </p></div></article></li></ul><nav class=\"pager\" aria-label=\"Pages\">\
             <span class=\"pager-status\">Page 1 of 3</span>\
             <a class=\"button\" href=\"/housing?page=2\" rel=\"next\">Older ›</a></nav>"
        );
    }
}
