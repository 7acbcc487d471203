//! A feed's XML, written by the `rss` and `atom_syndication` crates from one list of items. Every link is
//! absolute, from the site's public URL.

use atom_syndication as atom;
use broadsheet_content::{safe_href, Feed, FeedFormat};
use broadsheet_views::head::Site;
use chrono::{DateTime, FixedOffset};

use broadsheet_store::db::feeds::FeedItem;

/// What the feed is: its title and description, the page it belongs to, and its own address.
pub struct Channel<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The page the feed follows (`/housing`), absolute.
    pub page_url: String,
    pub feed: &'a Feed,
}

fn time(rfc3339: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(rfc3339).ok()
}

/// The media type of an image, from its file's extension; `None` for one a feed should not announce.
fn image_type(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    match path.rsplit_once('.')?.1.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        "webp" => Some("image/webp"),
        "gif" => Some("image/gif"),
        "svg" => Some("image/svg+xml"),
        "avif" => Some("image/avif"),
        _ => None,
    }
}

/// The lead image as an absolute URL with its media type.
fn enclosure(site: &Site, item: &FeedItem) -> Option<(String, &'static str)> {
    let image = item.image.as_ref()?;
    let url = site.absolute(safe_href(&image.url)?)?;
    Some((url.clone(), image_type(&url)?))
}

/// The feed in its format, as a UTF-8 XML document.
pub fn document(site: &Site, channel: &Channel, items: &[FeedItem]) -> String {
    match channel.feed.format {
        FeedFormat::Rss => rss_document(site, channel, items),
        FeedFormat::Atom => atom_document(site, channel, items),
    }
}

/// When the newest of `items` last changed.
pub fn last_modified(items: &[FeedItem]) -> Option<DateTime<FixedOffset>> {
    items.iter().filter_map(|i| time(i.modified())).max()
}

fn rss_document(site: &Site, channel: &Channel, source: &[FeedItem]) -> String {
    let self_url = site.absolute(&channel.feed.href()).unwrap_or_default();
    let items = source
        .iter()
        .filter_map(|i| {
            let link = site.absolute(&i.path)?;
            Some(rss::Item {
                title: Some(i.headline.clone()),
                link: Some(link.clone()),
                description: Some(i.standfirst.clone()),
                guid: Some(rss::Guid {
                    value: link,
                    permalink: true,
                }),
                pub_date: time(&i.published).map(|t| t.to_rfc2822()),
                categories: vec![rss::Category {
                    name: i.section.clone(),
                    domain: None,
                }],
                enclosure: enclosure(site, i).map(|(url, kind)| rss::Enclosure {
                    url,
                    // Not known without fetching the file; 0 is what RSS readers take for "unknown".
                    length: "0".into(),
                    mime_type: kind.into(),
                }),
                // RSS's own `author` must be an e-mail address; Dublin Core's `creator` is a name.
                dublin_core_ext: i.byline.clone().map(|name| {
                    rss::extension::dublincore::DublinCoreExtension {
                        creators: vec![name],
                        ..Default::default()
                    }
                }),
                ..Default::default()
            })
        })
        .collect();
    let last = last_modified(source).map(|t| t.to_rfc2822());
    let rss = rss::Channel {
        title: channel.title.to_string(),
        link: channel.page_url.clone(),
        description: channel.description.to_string(),
        language: Some("en-GB".into()),
        last_build_date: last,
        items,
        atom_ext: Some(rss::extension::atom::AtomExtension {
            links: vec![atom::Link {
                href: self_url,
                rel: "self".into(),
                mime_type: Some(FeedFormat::Rss.media_type().into()),
                ..Default::default()
            }],
        }),
        ..Default::default()
    };
    rss.to_string()
}

fn atom_document(site: &Site, channel: &Channel, items: &[FeedItem]) -> String {
    let self_url = site.absolute(&channel.feed.href()).unwrap_or_default();
    let entries: Vec<atom::Entry> = items
        .iter()
        .filter_map(|i| {
            let link = site.absolute(&i.path)?;
            let updated = time(i.modified())?;
            let mut links = vec![atom::Link {
                href: link.clone(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            }];
            if let Some((url, kind)) = enclosure(site, i) {
                links.push(atom::Link {
                    href: url,
                    rel: "enclosure".into(),
                    mime_type: Some(kind.into()),
                    ..Default::default()
                });
            }
            Some(atom::Entry {
                title: atom::Text::plain(i.headline.clone()),
                id: link,
                updated,
                published: time(&i.published),
                authors: i
                    .byline
                    .iter()
                    .map(|name| atom::Person {
                        name: name.clone(),
                        ..Default::default()
                    })
                    .collect(),
                categories: vec![atom::Category {
                    term: i.section.clone(),
                    ..Default::default()
                }],
                summary: Some(atom::Text::plain(i.standfirst.clone())),
                links,
                ..Default::default()
            })
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| DateTime::UNIX_EPOCH.fixed_offset());
    let feed = atom::Feed {
        title: atom::Text::plain(channel.title.to_string()),
        id: self_url.clone(),
        updated,
        subtitle: Some(atom::Text::plain(channel.description.to_string())),
        authors: vec![atom::Person {
            name: "Broadsheet".into(),
            uri: Some(format!("{}/", site.origin)),
            ..Default::default()
        }],
        links: vec![
            atom::Link {
                href: self_url,
                rel: "self".into(),
                mime_type: Some(FeedFormat::Atom.media_type().into()),
                ..Default::default()
            },
            atom::Link {
                href: channel.page_url.clone(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        lang: Some("en-GB".into()),
        entries,
        ..Default::default()
    };
    feed.to_string()
}
