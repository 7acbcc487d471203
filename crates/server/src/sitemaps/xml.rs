//! Sitemap XML (sitemaps.org 0.9, and Google's news extension), written with `quick-xml`: text is escaped by the
//! writer, never by hand.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// One URL of a sitemap: absolute location, and its last change (W3C datetime) if known.
pub struct Url {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// One article of the news sitemap.
pub struct NewsUrl {
    pub loc: String,
    /// RFC 3339.
    pub published: String,
    pub title: String,
}

fn document(write: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>) -> String {
    let mut w = Writer::new(Vec::new());
    let result = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| write(&mut w));
    match result {
        // Writing to memory does not fail; an empty document if it ever did.
        Ok(()) => String::from_utf8(w.into_inner()).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))
        .map(|_| ())
}

/// `<{root}>` of `<{child}>` elements, each with `loc` and `lastmod`.
fn list(root: &str, child: &str, urls: &[Url]) -> String {
    document(|w| {
        w.create_element(root)
            .with_attribute(("xmlns", SITEMAP_NS))
            .write_inner_content(|w| {
                for u in urls {
                    w.create_element(child).write_inner_content(|w| {
                        text(w, "loc", &u.loc)?;
                        if let Some(m) = &u.lastmod {
                            text(w, "lastmod", m)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })
            .map(|_| ())
    })
}

/// `<sitemapindex>` of `sitemaps`.
pub fn index(sitemaps: &[Url]) -> String {
    list("sitemapindex", "sitemap", sitemaps)
}

/// `<urlset>` of `urls`.
pub fn urlset(urls: &[Url]) -> String {
    list("urlset", "url", urls)
}

/// A Google News `<urlset>`: each URL with `news:publication` (name, language), `news:publication_date` and
/// `news:title`.
pub fn news(publication: &str, language: &str, urls: &[NewsUrl]) -> String {
    document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", SITEMAP_NS))
            .with_attribute(("xmlns:news", NEWS_NS))
            .write_inner_content(|w| {
                for u in urls {
                    w.create_element("url").write_inner_content(|w| {
                        text(w, "loc", &u.loc)?;
                        w.create_element("news:news").write_inner_content(|w| {
                            w.create_element("news:publication")
                                .write_inner_content(|w| {
                                    text(w, "news:name", publication)?;
                                    text(w, "news:language", language)
                                })?;
                            text(w, "news:publication_date", &u.published)?;
                            text(w, "news:title", &u.title)
                        })?;
                        Ok(())
                    })?;
                }
                Ok(())
            })
            .map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        let xml = urlset(&[Url {
            loc: "https://news.example/a?x=1&y=<2>".into(),
            lastmod: None,
        }]);
        assert!(
            xml.contains("<loc>https://news.example/a?x=1&amp;y=&lt;2&gt;</loc>"),
            "{xml}"
        );
        let xml = news(
            "Broadsheet",
            "en",
            &[NewsUrl {
                loc: "https://news.example/a".into(),
                published: "2026-11-30T10:00:00Z".into(),
                title: "Tom & Jerry's <council>".into(),
            }],
        );
        assert!(
            xml.contains("<news:title>Tom &amp; Jerry&apos;s &lt;council&gt;</news:title>"),
            "{xml}"
        );
    }
}
