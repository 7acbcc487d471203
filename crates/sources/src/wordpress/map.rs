//! WordPress's answers into the contract's types (docs/sources.md has the table):
//!
//! - `title.rendered`, term and user names: entity-encoded HTML (`&#8217;`, `&#038;`, sometimes `<em>`), read as
//!   text by the HTML parser;
//! - `excerpt.rendered` → standfirst, as text, without WordPress's `[…]` continuation;
//! - `date_gmt`/`modified_gmt` carry no zone and are UTC: read with `Z`; `updated` only when it differs;
//! - categories → section: the first of the post's categories that names a section (by slug, else by the mapping
//!   file), else the mapping's fallback section; tags → topics; the user → the byline and an author page;
//! - the featured image → the lead image (alt, caption, the original's size); `sticky` → a top story.

use std::collections::HashMap;

use broadsheet_content::{
    topic_slug, Article, Author, AuthorRef, Image, Kind, SectionRef, TopicRef,
};
use broadsheet_store::db::write::{Entry, Topic};

use super::wire::{Media, Post, Term, User};
use crate::html::{html_to_blocks, text_of};
use crate::mapping::{slug_of, Mapping};
use crate::sync::{Mapped, Skip};

/// What a post is read against: the site's terms, users and media, and the store's sections.
pub struct Lookup<'a> {
    pub categories: &'a HashMap<u64, Term>,
    pub tags: &'a HashMap<u64, Term>,
    pub users: &'a HashMap<u64, User>,
    pub media: &'a HashMap<u64, Media>,
    /// The store's sections: slug → name.
    pub sections: &'a HashMap<String, String>,
    pub mapping: &'a Mapping,
}

/// The standfirst from an excerpt: its text without the `[…]` WordPress adds to an excerpt it cut.
fn standfirst(excerpt: &str) -> String {
    let text = text_of(excerpt);
    let trimmed = text
        .strip_suffix("[…]")
        .or_else(|| text.strip_suffix("[...]"))
        .unwrap_or(&text);
    trimmed.trim_end().to_string()
}

/// `2026-06-01T08:00:00` (UTC, no zone) as RFC 3339 `2026-06-01T08:00:00Z`; `None` for anything else.
pub fn utc(gmt: Option<&str>) -> Option<String> {
    let g = gmt?.trim();
    chrono::NaiveDateTime::parse_from_str(g, "%Y-%m-%dT%H:%M:%S")
        .ok()
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// The section a category names: the one with its slug, else the one the mapping gives it.
pub fn category_section(cat: &Term, l: &Lookup) -> Option<SectionRef> {
    let named = |slug: &str| {
        l.sections.get(slug).map(|name| SectionRef {
            slug: slug.to_string(),
            name: name.clone(),
        })
    };
    let mapped = l.mapping.sections.get(&cat.slug).map(String::as_str);
    named(&cat.slug).or_else(|| mapped.and_then(named))
}

/// The section of a post: its first category that names one, by slug or through the mapping, else the fallback.
fn section(post: &Post, l: &Lookup) -> Result<SectionRef, String> {
    let named = |slug: &str| {
        l.sections.get(slug).map(|name| SectionRef {
            slug: slug.to_string(),
            name: name.clone(),
        })
    };
    for id in &post.categories {
        if let Some(s) = l.categories.get(id).and_then(|c| category_section(c, l)) {
            return Ok(s);
        }
    }
    match l.mapping.fallback.as_deref() {
        Some(f) => named(f).ok_or_else(|| format!("the fallback section “{f}” does not exist")),
        None => {
            Err("none of its categories names a section, and there is no fallback section".into())
        }
    }
}

/// The lead image from the featured media, at its original size (its sizes go to the media store).
fn lead_image(post: &Post, l: &Lookup, notes: &mut Vec<String>) -> Option<Image> {
    if post.featured_media == 0 {
        return None;
    }
    let Some(m) = l.media.get(&post.featured_media) else {
        notes.push(format!(
            "its featured image (media {}) could not be read; published without it",
            post.featured_media
        ));
        return None;
    };
    let url = broadsheet_content::safe_href(&m.source_url)?.to_string();
    let caption = text_of(&m.caption.rendered);
    Some(Image {
        url,
        width: m.media_details.width,
        height: m.media_details.height,
        alt: m.alt_text.trim().to_string(),
        caption: (!caption.is_empty()).then_some(caption),
        credit: None,
    })
}

/// A user's author page slug.
pub fn author_slug(u: &User) -> String {
    slug_of(&u.slug, || format!("author-{}", u.id))
}

/// A user as an author page, with the largest of their avatars as the photo (square, its key's size in pixels).
/// An avatar from another host (Gravatar, WordPress's default) is dropped when the photos are copied to the site
/// (`media::MediaStore::localise_photos`).
pub fn author(u: &User) -> Author {
    let photo = u
        .avatar_urls
        .iter()
        .filter_map(|(size, url)| {
            Some((
                size.parse::<u32>().ok()?,
                broadsheet_content::safe_href(url)?,
            ))
        })
        .max_by_key(|(size, _)| *size)
        .map(|(size, url)| Image {
            url: url.to_string(),
            width: size,
            height: size,
            alt: String::new(),
            caption: None,
            credit: None,
        });
    Author {
        slug: author_slug(u),
        name: text_of(&u.name),
        role: None,
        bio: text_of(&u.description),
        photo,
        links: vec![],
    }
}

/// A tag as a topic: its slug by Broadsheet's rule (`topic_slug`), so the API's `tag` filter finds it.
pub fn topic(t: &Term) -> Topic {
    let name = text_of(&t.name);
    Topic {
        slug: topic_slug(&name),
        description: text_of(&t.description),
        name,
    }
}

/// A published post as an entry of the batch, with notes of what was changed and its images' sizes (the featured
/// image's `media_details.sizes`, the body's `srcset`s); `Err` says why it is not published.
pub fn entry(post: &Post, l: &Lookup) -> Result<Mapped, Skip> {
    if post.content.protected {
        return Err(Skip::Closed("it is password-protected".into()));
    }
    let published = utc(post.date_gmt.as_deref())
        .ok_or_else(|| Skip::Unplaceable("it has no publication date".into()))?;
    let modified = utc(post.modified_gmt.as_deref());
    let section = section(post, l).map_err(Skip::Unplaceable)?;
    let converted = html_to_blocks(&post.content.rendered);
    let mut notes: Vec<String> = converted.notes.into_iter().map(|n| n.message).collect();
    let mut sizes = converted.sizes;
    let image = lead_image(post, l, &mut notes);
    if let (Some(image), Some(m)) = (&image, l.media.get(&post.featured_media)) {
        // Crops (the 150×150 `thumbnail`) are left out before anything is downloaded.
        let original = (m.media_details.width, m.media_details.height);
        let sized = m.media_details.sizes.values();
        let sized = sized.filter(|s| crate::media::same_proportions((s.width, s.height), original));
        let sized = sized.map(|s| (s.source_url.clone(), s.width));
        sizes.insert(image.url.clone(), sized.collect());
    }
    let authors = l
        .users
        .get(&post.author)
        .map(|u| AuthorRef {
            name: text_of(&u.name),
            slug: Some(author_slug(u)),
            role: None,
        })
        .into_iter()
        .collect();
    let topics = post
        .tags
        .iter()
        .filter_map(|id| l.tags.get(id))
        .map(topic)
        .filter(|t| !t.slug.is_empty())
        .map(|t| TopicRef {
            slug: t.slug,
            name: t.name,
        })
        .collect();
    let article = Article {
        section,
        slug: slug_of(&post.slug, || format!("post-{}", post.id)),
        kind: Kind::News,
        headline: text_of(&post.title.rendered),
        standfirst: standfirst(&post.excerpt.rendered),
        authors,
        updated: modified.filter(|m| *m != published),
        published,
        image,
        topics,
        body: converted.blocks,
        related: vec![],
        comments_open: post.comment_status == "open",
        comment_count: 0,
        live: None,
    };
    Ok(Mapped {
        entry: Entry {
            source_id: post.id.to_string(),
            article,
            featured: post.sticky,
            comments: vec![],
            live: None,
        },
        notes,
        sizes,
    })
}

#[cfg(test)]
mod tests;
