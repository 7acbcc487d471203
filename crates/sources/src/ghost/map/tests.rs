use std::collections::HashMap;

use super::*;
use crate::ghost::wire::{Author as GhostAuthor, Tag};

fn tag(slug: &str, name: &str, visibility: &str) -> Tag {
    Tag {
        id: slug.into(),
        name: name.into(),
        slug: slug.into(),
        visibility: visibility.into(),
        ..Tag::default()
    }
}

fn post() -> Post {
    Post {
        id: "6751a0c2e4b0".into(),
        title: "Harbour wall repairs begin".into(),
        slug: "harbour-wall-repairs-begin".into(),
        html: Some("<p>Work starts on <em>Monday</em>.</p>".into()),
        feature_image: Some("https://ghost.example/content/images/2026/06/wall.jpg".into()),
        feature_image_alt: Some("The harbour wall at low tide".into()),
        feature_image_caption: Some("<span>The wall, as it is</span>".into()),
        featured: true,
        visibility: "public".into(),
        custom_excerpt: Some("Six months of work on the north wall.".into()),
        published_at: Some("2026-06-01T09:30:00.000+01:00".into()),
        updated_at: Some("2026-06-02T10:00:00.000+00:00".into()),
        tags: vec![
            tag("arts-culture", "Arts & Culture", "public"),
            tag("hash-desk", "#desk", "internal"),
            tag("harbour", "Harbour", "public"),
        ],
        authors: vec![GhostAuthor {
            name: "Ruth O’Neill".into(),
            slug: "ruth".into(),
            ..GhostAuthor::default()
        }],
        ..Post::default()
    }
}

fn read(p: &Post) -> Result<(Entry, Vec<String>), String> {
    read_skip(p)
        .map(|m| (m.entry, m.notes))
        .map_err(|s| s.to_string())
}

fn read_skip(p: &Post) -> Result<Mapped, Skip> {
    let sections = HashMap::from([
        ("culture".to_string(), "Culture".to_string()),
        ("harbour".to_string(), "Harbour".to_string()),
    ]);
    let mapping = Mapping {
        fallback: None,
        sections: [("arts-culture".to_string(), "culture".to_string())].into(),
    };
    let sizes = HashMap::from([(
        "https://ghost.example/content/images/2026/06/wall.jpg".to_string(),
        (1200, 750),
    )]);
    entry(
        p,
        &Lookup {
            sections: &sections,
            mapping: &mapping,
            sizes: &sizes,
        },
    )
}

#[test]
fn with_an_internal_tag_first_there_is_no_primary_tag_and_the_fallback_section_is_taken() {
    // Ghost's `primary_tag` is the first tag when it is public, else none (core/server/models/post.js): a
    // later public tag that names a section does not place the post.
    let mut p = post();
    p.tags.swap(0, 1);
    assert_eq!(
        read(&p).unwrap_err(),
        "none of its categories or tags names a section, and there is no fallback section"
    );
    let sections = HashMap::from([("culture".to_string(), "Culture".to_string())]);
    let mapping = Mapping {
        fallback: Some("culture".into()),
        sections: Default::default(),
    };
    let Mapped { entry: e, .. } = entry(
        &p,
        &Lookup {
            sections: &sections,
            mapping: &mapping,
            sizes: &HashMap::new(),
        },
    )
    .map_err(|s| s.to_string())
    .unwrap();
    assert_eq!(e.article.section.slug, "culture");
    let topics: Vec<&str> = e.article.topics.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(topics, ["arts-culture", "harbour"]);
}

#[test]
fn a_ghost_post_reads_with_its_primary_public_tag_as_section_and_utc_times() {
    let (e, notes) = read(&post()).unwrap();
    let a = &e.article;
    assert_eq!(a.section.slug, "culture", "the primary public tag, mapped");
    assert_eq!(a.published, "2026-06-01T08:30:00Z");
    assert_eq!(a.updated.as_deref(), Some("2026-06-02T10:00:00Z"));
    assert_eq!(a.standfirst, "Six months of work on the north wall.");
    let topics: Vec<&str> = a.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        topics,
        ["Arts & Culture", "Harbour"],
        "internal tags never shown"
    );
    let image = a.image.as_ref().unwrap();
    assert_eq!((image.width, image.height), (1200, 750));
    assert_eq!(image.caption.as_deref(), Some("The wall, as it is"));
    assert_eq!(a.authors[0].slug.as_deref(), Some("ruth"));
    assert!(e.featured);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn members_only_and_paid_posts_are_never_published() {
    for visibility in ["members", "paid", "tiers"] {
        let mut p = post();
        p.visibility = visibility.into();
        assert!(
            matches!(read_skip(&p), Err(Skip::Closed(_))),
            "removed if stored"
        );
        let why = read(&p).unwrap_err();
        assert!(why.contains("only"), "{visibility}: {why}");
    }
}

#[test]
fn a_feature_image_of_unknown_size_is_left_out_and_noted() {
    let mut p = post();
    p.feature_image = Some("https://ghost.example/content/images/other.jpg".into());
    let (e, notes) = read(&p).unwrap();
    assert_eq!(e.article.image, None);
    assert!(notes[0].contains("could not be read"), "{notes:?}");
}
