//! A page's `<head>` for link previews and crawlers: title, description, canonical URL, Open Graph, Twitter card,
//! robots and JSON-LD. [`Head`] computes the values once from the page's data; the server writes them into the
//! first paint ([`HeadTags`]) and the app sets the same tags after each client-side navigation (`src/head.rs`).
//!
//! Sources: Open Graph protocol (ogp.me: `og:*`, `article:*`), X/Twitter cards (`summary_large_image`),
//! schema.org with Google's article and breadcrumb guidelines for the JSON-LD fields.

mod json_ld;
mod pages;

use broadsheet_content::{safe_href, Feed, FeedFormat, Image, Page};
use leptos::prelude::*;

pub use json_ld::ld;

/// The site's name: `og:site_name`, the publisher, and the end of every title.
pub const SITE_NAME: &str = "Broadsheet";
/// What the site is, for the front page's description.
pub const SITE_DESCRIPTION: &str = "News, comment and analysis for people who run public services.";
/// The language and region of the content (`og:locale`).
pub const LOCALE: &str = "en_GB";
/// The publisher's logo, a square PNG of [`LOGO_SIZE`] pixels (`public/icons`), and the preview image of pages
/// that have none of their own.
pub const LOGO_PATH: &str = "/icons/icon-512.png";
/// The logo's width and height in pixels.
pub const LOGO_SIZE: u32 = 512;

/// Where the site is published: the public URL's origin, without a trailing slash (`https://news.example`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub origin: String,
}

impl Site {
    /// The site at `url` (a trailing slash is dropped).
    pub fn new(url: &str) -> Site {
        Site {
            origin: url.trim().trim_end_matches('/').to_string(),
        }
    }

    /// `url` as an absolute `http(s)` URL: a site path gets the origin, an absolute `http(s)` URL stays as it is,
    /// anything unsafe or of another kind (`javascript:`, `mailto:`, a fragment) is `None`.
    pub fn absolute(&self, url: &str) -> Option<String> {
        let url = safe_href(url)?;
        if url.starts_with('/') {
            Some(format!("{}{url}", self.origin))
        } else if broadsheet_content::is_external(url) {
            Some(url.to_string())
        } else {
            None
        }
    }
}

/// The preview image: absolute URL, size in pixels, and text alternative.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// An article's `article:*` Open Graph facts: RFC 3339 times, section name, tags.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFacts {
    pub published: String,
    pub modified: String,
    pub section: String,
    pub tags: Vec<String>,
}

/// Everything a page's head says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    /// The document's whole title ("Rents rise | Broadsheet").
    pub title: String,
    /// The page's own title, for previews (`og:title`): "Rents rise"; the site's name on the front page.
    pub page_title: String,
    pub description: String,
    /// The page's absolute canonical URL, also `og:url`.
    pub canonical: String,
    /// `website` or `article`.
    pub og_type: &'static str,
    pub image: HeadImage,
    pub article: Option<ArticleFacts>,
    /// `noindex` for pages search engines must not keep (not found).
    pub noindex: bool,
    /// JSON-LD documents, each already safe to place inside a `<script>` element; empty strings in the browser
    /// (`json_ld::ld`: only the server writes JSON-LD).
    pub json_ld: Vec<String>,
    /// The page's feeds (`Feed::of_page`): media type, title and absolute URL of each.
    pub feeds: Vec<(&'static str, String, String)>,
}

/// One tag of the head: `<meta name>`, `<meta property>`, `<link rel>` or a JSON-LD `<script>`.
#[derive(Clone, Debug, PartialEq)]
pub enum HeadTag {
    /// `<meta name="{0}" content="{1}">`
    Name(&'static str, String),
    /// `<meta property="{0}" content="{1}">`
    Property(&'static str, String),
    /// `<link rel="{0}" href="{1}">`
    Link(&'static str, String),
    /// `<script type="application/ld+json">{0}</script>`
    JsonLd(String),
    /// `<link rel="alternate" type="{0}" title="{1}" href="{2}">`: a feed of the page.
    Alternate(&'static str, String, String),
}

fn title(page_title: &str) -> String {
    if page_title.is_empty() {
        SITE_NAME.to_string()
    } else {
        format!("{page_title} | {SITE_NAME}")
    }
}

impl Head {
    fn new(site: &Site, page_title: &str, description: &str, path: &str) -> Head {
        Head {
            title: title(page_title),
            page_title: if page_title.is_empty() {
                SITE_NAME.to_string()
            } else {
                page_title.to_string()
            },
            description: description.to_string(),
            canonical: site
                .absolute(path)
                .unwrap_or_else(|| site.origin.clone() + "/"),
            og_type: "website",
            image: HeadImage {
                url: format!("{}{LOGO_PATH}", site.origin),
                width: LOGO_SIZE,
                height: LOGO_SIZE,
                alt: SITE_NAME.to_string(),
            },
            article: None,
            noindex: false,
            json_ld: Vec::new(),
            feeds: Vec::new(),
        }
        .with_feeds(site, None, SITE_NAME)
    }

    /// The feeds of `page` (`None`: the site's), titled after `name`.
    fn with_feeds(mut self, site: &Site, page: Option<&Page>, name: &str) -> Head {
        self.feeds = Vec::new();
        self.add_feeds(site, Feed::of_page(page), name);
        self
    }

    /// Adds `feeds`, titled after `name`.
    fn add_feeds(&mut self, site: &Site, feeds: Vec<Feed>, name: &str) {
        let more: Vec<_> = feeds
            .into_iter()
            .filter_map(|f| {
                let kind = match f.format {
                    FeedFormat::Rss => "RSS",
                    FeedFormat::Atom => "Atom",
                };
                Some((
                    f.format.media_type(),
                    format!("{name} ({kind})"),
                    site.absolute(&f.href())?,
                ))
            })
            .collect();
        self.feeds.extend(more);
    }

    /// A page drawn from this device alone (saved articles), or any page with no data.
    pub fn plain(site: &Site, page: &Page, page_title: &str, description: &str) -> Head {
        Head::new(site, page_title, description, &page.href())
    }

    /// The not-found page: not to be indexed, and no canonical URL (it is no page's).
    pub fn not_found(site: &Site) -> Head {
        let mut h = Head::new(
            site,
            crate::not_found::NOT_FOUND_TITLE,
            "There is no page at this address.",
            "/",
        );
        h.noindex = true;
        h.feeds.clear();
        h
    }

    /// A page the server alone serves (the newsletter's, the privacy notice) at `path` (no query: token pages
    /// canonicalise to their bare path); `noindex` for pages that answer one reader's link.
    pub fn server_page(
        site: &Site,
        path: &str,
        page_title: &str,
        description: &str,
        noindex: bool,
    ) -> Head {
        let mut h = Head::new(site, page_title, description, path);
        h.noindex = noindex;
        h
    }

    /// The saved-articles page (drawn by the app from this device's storage).
    pub fn saved(site: &Site) -> Head {
        Head::plain(
            site,
            &Page::Saved,
            "Saved articles",
            "Articles you saved on this device to read offline.",
        )
    }

    /// The partner-snippet builder (a server page; its canonical is the bare `/embed`).
    pub fn embed_builder(site: &Site) -> Head {
        Head::server_page(
            site,
            broadsheet_content::widget::BUILDER_PATH,
            crate::embed_builder::EMBED_BUILDER_TITLE,
            "Put a box of a Broadsheet section's latest headlines on your own site with one snippet.",
            false,
        )
    }

    /// The tags, in the order they are written.
    pub fn tags(&self) -> Vec<HeadTag> {
        let mut t = vec![HeadTag::Name("description", self.description.clone())];
        if !self.noindex {
            t.push(HeadTag::Link("canonical", self.canonical.clone()));
            t.push(HeadTag::Property("og:url", self.canonical.clone()));
        }
        t.extend([
            HeadTag::Property("og:site_name", SITE_NAME.to_string()),
            HeadTag::Property("og:locale", LOCALE.to_string()),
            HeadTag::Property("og:type", self.og_type.to_string()),
            HeadTag::Property("og:title", self.page_title.clone()),
            HeadTag::Property("og:description", self.description.clone()),
            HeadTag::Property("og:image", self.image.url.clone()),
            HeadTag::Property("og:image:width", self.image.width.to_string()),
            HeadTag::Property("og:image:height", self.image.height.to_string()),
            HeadTag::Property("og:image:alt", self.image.alt.clone()),
            HeadTag::Name("twitter:card", "summary_large_image".to_string()),
        ]);
        if let Some(a) = &self.article {
            t.push(HeadTag::Property(
                "article:published_time",
                a.published.clone(),
            ));
            t.push(HeadTag::Property(
                "article:modified_time",
                a.modified.clone(),
            ));
            t.push(HeadTag::Property("article:section", a.section.clone()));
            for tag in &a.tags {
                t.push(HeadTag::Property("article:tag", tag.clone()));
            }
        }
        if self.noindex {
            t.push(HeadTag::Name("robots", "noindex".to_string()));
        }
        t.extend(
            self.json_ld
                .iter()
                .filter(|ld| !ld.is_empty())
                .cloned()
                .map(HeadTag::JsonLd),
        );
        t.extend(
            self.feeds
                .iter()
                .map(|(kind, title, href)| HeadTag::Alternate(kind, title.clone(), href.clone())),
        );
        t
    }
}

/// An image as a link preview shows it: absolute, and in a format preview services read (JPEG, PNG, WebP or
/// GIF; not SVG); `None` otherwise, and the logo is shown instead.
fn preview_image(site: &Site, i: &Image) -> Option<HeadImage> {
    let url = site.absolute(&i.url)?;
    let path = url.split('?').next().unwrap_or_default();
    let ext = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    ["jpg", "jpeg", "png", "webp", "gif"]
        .iter()
        .any(|known| known.eq_ignore_ascii_case(ext))
        .then(|| HeadImage {
            url,
            width: i.width,
            height: i.height,
            alt: i.alt.clone(),
        })
}

/// The head's title and tags as elements, each marked `data-head` (the app replaces exactly these).
#[component]
pub fn HeadTags(head: Head) -> impl IntoView {
    let tags = head.tags();
    view! {
        <title>{head.title}</title>
        {tags.into_iter().map(|t| match t {
            HeadTag::Name(name, content) => view! { <meta data-head="" name=name content=content/> }.into_any(),
            HeadTag::Property(property, content) => {
                leptos::html::meta()
                    .attr("data-head", "")
                    .attr("property", property)
                    .attr("content", content)
                    .into_any()
            }
            HeadTag::Link(rel, href) => view! { <link data-head="" rel=rel href=href/> }.into_any(),
            HeadTag::Alternate(kind, title, href) => view! {
                <link data-head="" rel="alternate" type=kind title=title href=href/>
            }.into_any(),
            HeadTag::JsonLd(json) => {
                view! { <script data-head="" type="application/ld+json" inner_html=json></script> }.into_any()
            }
        }).collect_view()}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::Article;

    #[test]
    fn absolute_urls_only_for_safe_ones() {
        let site = Site::new("https://news.example/");
        assert_eq!(
            site.absolute("/housing").as_deref(),
            Some("https://news.example/housing")
        );
        assert_eq!(
            site.absolute("https://cdn.example/a.png").as_deref(),
            Some("https://cdn.example/a.png")
        );
        assert_eq!(site.absolute("javascript:alert(1)"), None);
        assert_eq!(site.absolute("//evil.example/x"), None);
        assert_eq!(site.absolute("#top"), None);
    }

    #[test]
    fn a_raster_image_is_the_preview_image() {
        let site = Site::new("https://news.example");
        let image = |url: &str| Image {
            url: url.into(),
            width: 1200,
            height: 675,
            alt: "A street".into(),
            caption: None,
            credit: None,
        };
        let shown = preview_image(&site, &image("/media/a.JPG?v=2")).map(|i| i.url);
        assert_eq!(
            shown.as_deref(),
            Some("https://news.example/media/a.JPG?v=2")
        );
        assert_eq!(preview_image(&site, &image("/media/a.svg")), None);
        assert_eq!(
            preview_image(&site, &image("javascript:alert(1)//a.png")),
            None
        );
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let text = ld(&"</script><!--&");
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert_eq!(
            serde_json::from_str::<String>(&text).ok().as_deref(),
            Some("</script><!--&")
        );
    }

    #[test]
    fn an_article_head_has_what_previews_and_crawlers_read() -> Result<(), serde_json::Error> {
        let a: Article = serde_json::from_str(
            r#"{"section": {"slug": "housing", "name": "Housing"}, "slug": "a-story", "kind": "news",
                "headline": "Councils \"build\" </script> homes", "standfirst": "Why", "published": "2026-05-04T08:20:00Z",
                "authors": [{"name": "Ada Byline", "slug": "ada-byline", "role": "Housing editor"}],
                "image": {"url": "/media/a.svg", "width": 4, "height": 3, "alt": "A street"},
                "topics": [{"slug": "homes", "name": "Homes"}, {"slug": "rents", "name": "Rents"}], "body": [], "comments_open": true, "comment_count": 0}"#,
        )?;
        let h = Head::article(&Site::new("https://news.example"), &a);
        let tags = h.tags();
        let has = |t: HeadTag| tags.contains(&t);
        assert!(has(HeadTag::Link(
            "canonical",
            "https://news.example/housing/a-story".into()
        )));
        assert!(has(HeadTag::Property("og:type", "article".into())));
        // An SVG is no preview image: the logo stands in; the JSON-LD keeps the article's own.
        assert!(has(HeadTag::Property(
            "og:image",
            "https://news.example/icons/icon-512.png".into()
        )));
        assert!(has(HeadTag::Property("og:image:alt", "Broadsheet".into())));
        assert!(has(HeadTag::Property("article:tag", "Rents".into())));
        assert!(has(HeadTag::Property(
            "article:modified_time",
            "2026-05-04T08:20:00Z".into()
        )));
        let ld: serde_json::Value = serde_json::from_str(&h.json_ld[0])?;
        assert_eq!(ld["image"][0], "https://news.example/media/a.svg");
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], a.headline.as_str());
        assert_eq!(ld["author"][0]["jobTitle"], "Housing editor");
        assert_eq!(
            ld["author"][0]["url"],
            "https://news.example/authors/ada-byline"
        );
        assert_eq!(ld["keywords"], serde_json::json!(["Homes", "Rents"]));
        assert_eq!(
            ld["publisher"]["logo"]["url"],
            "https://news.example/icons/icon-512.png"
        );
        let crumbs: serde_json::Value = serde_json::from_str(&h.json_ld[1])?;
        assert_eq!(
            crumbs["itemListElement"][1]["item"],
            "https://news.example/housing"
        );
        Ok(())
    }
}
