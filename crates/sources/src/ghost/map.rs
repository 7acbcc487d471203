//! Ghost's answers into the contract's types (docs/sources.md has the table):
//!
//! - `html` → the body as typed blocks (Koenig cards included); `custom_excerpt` → the standfirst;
//! - `published_at`/`updated_at` carry an offset: written as UTC with `Z`;
//! - the primary tag (the first tag, when public) → the section, through the mapping; public tags → topics (internal
//!   `#` tags never shown); authors → the byline and author pages;
//! - `feature_image` with its alt and caption → the lead image, when its size is known;
//! - members-only and paid posts are never passed: the Content API gives them empty or cut at the paywall.

use std::collections::HashMap;

use broadsheet_content::{topic_slug, Article, Author, AuthorRef, Image, Kind, TopicRef};
use broadsheet_store::db::write::{Entry, Topic};

use super::wire::{self, Post, Tag};
use crate::html::html_to_blocks;
use crate::html::text_of;
use crate::mapping::{slug_of, Mapping};
use crate::sync::{Mapped, Skip};

/// What a post is read against: the store's sections, the mapping, and the lead images' sizes.
pub struct Lookup<'a> {
    /// The store's sections: slug → name.
    pub sections: &'a HashMap<String, String>,
    pub mapping: &'a Mapping,
    /// Width and height of images, by URL (read from the files: the Content API does not give them).
    pub sizes: &'a HashMap<String, (u32, u32)>,
}

/// An ISO 8601 time with an offset (`2026-06-01T09:00:00.000+01:00`) as UTC RFC 3339: `2026-06-01T08:00:00Z`.
pub fn utc(t: Option<&str>) -> Option<String> {
    chrono::DateTime::parse_from_rfc3339(t?.trim())
        .ok()
        .map(|t| t.naive_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn public(tag: &&Tag) -> bool {
    tag.visibility != "internal" && !tag.name.starts_with('#')
}

/// A public tag as a topic: its slug by Broadsheet's rule (`topic_slug`).
pub fn topic(t: &Tag) -> Topic {
    Topic {
        slug: topic_slug(&t.name),
        name: t.name.trim().to_string(),
        description: t.description.clone().unwrap_or_default(),
    }
}

/// An author as an author page; their profile image is the photo when its size could be read (`sizes`, by URL).
/// The photo's text alternative is empty: it stands beside the author's name, which says who it is.
pub fn author(a: &wire::Author, sizes: &HashMap<String, (u32, u32)>) -> Author {
    let photo = a
        .profile_image
        .as_deref()
        .and_then(broadsheet_content::safe_href)
        .and_then(|url| {
            let &(width, height) = sizes.get(url)?;
            Some(Image {
                url: url.to_string(),
                width,
                height,
                alt: String::new(),
                caption: None,
                credit: None,
            })
        });
    Author {
        slug: a.slug.clone(),
        name: a.name.trim().to_string(),
        role: None,
        bio: a.bio.clone().unwrap_or_default(),
        photo,
        links: vec![],
    }
}

fn lead_image(post: &Post, l: &Lookup, notes: &mut Vec<String>) -> Option<Image> {
    let url = post.feature_image.as_deref().filter(|u| !u.is_empty())?;
    let Some(url) = broadsheet_content::safe_href(url) else {
        notes.push("its feature image's address is not a web address; published without it".into());
        return None;
    };
    let Some(&(width, height)) = l.sizes.get(url) else {
        notes.push(format!(
            "the size of its feature image {url} could not be read; published without it"
        ));
        return None;
    };
    let caption = post
        .feature_image_caption
        .as_deref()
        .map(text_of)
        .unwrap_or_default();
    Some(Image {
        url: url.to_string(),
        width,
        height,
        alt: post.feature_image_alt.clone().unwrap_or_default(),
        caption: (!caption.is_empty()).then_some(caption),
        credit: None,
    })
}

/// A published post as an entry of the batch, with notes and its body images' sizes (the `srcset`s of Ghost's
/// cards); `Err` says why it is skipped.
pub fn entry(post: &Post, l: &Lookup) -> Result<Mapped, Skip> {
    if post.visibility != "public" {
        return Err(Skip::Closed(format!(
            "it is for {} only: the Content API gives no full text, and none is published",
            if post.visibility == "members" {
                "members"
            } else {
                "paying members"
            }
        )));
    }
    let published = utc(post.published_at.as_deref())
        .ok_or_else(|| Skip::Unplaceable("it has no publication date".into()))?;
    let updated = utc(post.updated_at.as_deref()).filter(|u| *u != published);
    let tags: Vec<&Tag> = post.tags.iter().filter(public).collect();
    // Ghost's primary tag is the first tag when it is public; with an internal tag first there is none (its
    // `primary_tag`), and the post takes the fallback section as it has no kicker on Ghost's own site.
    let primary = post.tags.first().filter(public);
    let section = l
        .mapping
        .section_for(primary.map(|t| t.slug.as_str()), l.sections)
        .map_err(Skip::Unplaceable)?;
    let converted = html_to_blocks(post.html.as_deref().unwrap_or(""));
    let mut notes: Vec<String> = converted.notes.into_iter().map(|n| n.message).collect();
    let image = lead_image(post, l, &mut notes);
    let article = Article {
        section,
        slug: slug_of(&post.slug, || format!("post-{}", post.id)),
        kind: Kind::News,
        headline: post.title.trim().to_string(),
        standfirst: post
            .custom_excerpt
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
        authors: post
            .authors
            .iter()
            .map(|a| AuthorRef {
                name: a.name.trim().to_string(),
                slug: Some(a.slug.clone()),
                role: None,
            })
            .collect(),
        published,
        updated,
        image,
        topics: tags
            .iter()
            .map(|t| topic(t))
            .filter(|t| !t.slug.is_empty())
            .map(|t| TopicRef {
                slug: t.slug,
                name: t.name,
            })
            .collect(),
        body: converted.blocks,
        related: vec![],
        comments_open: true,
        comment_count: 0,
        live: None,
    };
    Ok(Mapped {
        entry: Entry {
            source_id: post.id.clone(),
            article,
            featured: post.featured,
            comments: vec![],
            live: None,
        },
        notes,
        sizes: converted.sizes,
    })
}

#[cfg(test)]
mod tests;
