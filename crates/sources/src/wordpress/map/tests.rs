use std::collections::HashMap;

use super::*;
use crate::wordpress::wire::{MediaDetails, Rendered, Size};

fn term(id: u64, slug: &str, name: &str) -> Term {
    Term {
        id,
        slug: slug.into(),
        name: name.into(),
        description: String::new(),
        link: format!("https://wp.example/category/{slug}/"),
    }
}

fn rendered(s: &str) -> Rendered {
    Rendered {
        rendered: s.into(),
        protected: false,
    }
}

struct Site {
    categories: HashMap<u64, Term>,
    tags: HashMap<u64, Term>,
    users: HashMap<u64, User>,
    media: HashMap<u64, Media>,
    sections: HashMap<String, String>,
}

fn site() -> Site {
    let user = User {
        id: 2,
        name: "Ruth O&#8217;Neill".into(),
        slug: "ruth".into(),
        description: "Covers buses &amp; trams.".into(),
        ..User::default()
    };
    let media = Media {
        id: 9,
        source_url: "https://wp.example/wp-content/uploads/2026/06/depot.jpg".into(),
        alt_text: "The bus depot at dawn".into(),
        caption: rendered("<p>The depot on Quay Road</p>\n"),
        media_details: MediaDetails {
            width: 1600,
            height: 1000,
            sizes: [
                ("thumbnail", 150, 150),
                ("medium", 300, 188),
                ("broadsheet-640w", 640, 400),
            ]
            .map(|(name, width, height)| {
                let url = format!(
                    "https://wp.example/wp-content/uploads/2026/06/depot-{width}x{height}.jpg"
                );
                let size = Size {
                    source_url: url,
                    width,
                    height,
                };
                (name.to_string(), size)
            })
            .into(),
        },
    };
    Site {
        categories: HashMap::from([
            (1, term(1, "uncategorized", "Uncategorized")),
            (3, term(3, "transport", "Transport")),
            (4, term(4, "arts-culture", "Arts &amp; Culture")),
        ]),
        tags: HashMap::from([(7, term(7, "mayors-office", "Mayor&#8217;s office"))]),
        users: HashMap::from([(2, user)]),
        media: HashMap::from([(9, media)]),
        sections: HashMap::from([
            ("transport".to_string(), "Transport".to_string()),
            ("culture".to_string(), "Culture".to_string()),
            ("housing".to_string(), "Housing".to_string()),
        ]),
    }
}

fn post() -> Post {
    Post {
        id: 12,
        date_gmt: Some("2026-06-01T07:30:00".into()),
        modified_gmt: Some("2026-06-02T10:00:00".into()),
        slug: "night-buses-return".into(),
        status: "publish".into(),
        title: rendered("Night buses return &#8211; and the tram&#8217;s next"),
        excerpt: rendered("<p>The 22 runs again from Friday &#038; all summer [&hellip;]</p>\n"),
        content: rendered("<p>From <strong>Friday</strong>.</p>"),
        author: 2,
        featured_media: 9,
        comment_status: "open".into(),
        sticky: true,
        categories: vec![1, 3],
        tags: vec![7],
        ..Post::default()
    }
}

fn read(p: &Post, mapping: &Mapping) -> Result<(Entry, Vec<String>), String> {
    read_skip(p, mapping)
        .map(|m| (m.entry, m.notes))
        .map_err(|s| s.to_string())
}

fn read_skip(p: &Post, mapping: &Mapping) -> Result<Mapped, Skip> {
    let s = site();
    let l = Lookup {
        categories: &s.categories,
        tags: &s.tags,
        users: &s.users,
        media: &s.media,
        sections: &s.sections,
        mapping,
    };
    entry(p, &l)
}

#[test]
fn a_post_reads_as_the_reader_sees_it_on_wordpress() {
    let (e, notes) = read(&post(), &Mapping::default()).unwrap();
    let a = &e.article;
    assert_eq!(e.source_id, "12");
    assert!(e.featured);
    assert_eq!(a.headline, "Night buses return – and the tram’s next");
    assert_eq!(a.standfirst, "The 22 runs again from Friday & all summer");
    assert_eq!(a.published, "2026-06-01T07:30:00Z");
    assert_eq!(a.updated.as_deref(), Some("2026-06-02T10:00:00Z"));
    assert_eq!(a.section.slug, "transport");
    assert_eq!(a.authors[0].name, "Ruth O’Neill");
    assert_eq!(a.authors[0].slug.as_deref(), Some("ruth"));
    assert_eq!(a.topics[0].name, "Mayor’s office");
    assert_eq!(a.topics[0].slug, "mayor-s-office");
    let image = a.image.as_ref().unwrap();
    assert_eq!((image.width, image.height), (1600, 1000));
    assert_eq!(image.alt, "The bus depot at dawn");
    assert_eq!(image.caption.as_deref(), Some("The depot on Quay Road"));
    assert!(a.comments_open);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn the_sizes_wordpress_made_go_with_the_post_for_the_media_store() {
    let mut p = post();
    let u = "https://wp.example/wp-content/uploads/2026/06";
    p.content = rendered(&format!(
        "<figure class=\"wp-block-image\"><img src=\"{u}/quay.jpg\" width=\"1200\" height=\"800\" \
         alt=\"The quay\" srcset=\"{u}/quay.jpg 1200w, {u}/quay-300x200.jpg 300w, {u}/quay-640x427.jpg 640w\" \
         sizes=\"(max-width: 1200px) 100vw, 1200px\"></figure>"
    ));
    let mapped = read_skip(&p, &Mapping::default()).unwrap();
    // The featured image's sizes of its proportions: not the 150×150 crop.
    let lead = &mapped.sizes[&format!("{u}/depot.jpg")];
    let mut lead: Vec<(&str, u32)> = lead.iter().map(|(u, w)| (u.as_str(), *w)).collect();
    lead.sort_by_key(|s| s.1);
    assert_eq!(
        lead,
        [
            (format!("{u}/depot-300x188.jpg").as_str(), 300),
            (format!("{u}/depot-640x400.jpg").as_str(), 640)
        ]
    );
    // The body's picture: its srcset's other files, not the original again.
    assert_eq!(
        mapped.sizes[&format!("{u}/quay.jpg")],
        [
            (format!("{u}/quay-300x200.jpg"), 300),
            (format!("{u}/quay-640x427.jpg"), 640)
        ]
    );
}

#[test]
fn a_category_that_names_no_section_goes_through_the_mapping_then_the_fallback() {
    let mut p = post();
    p.categories = vec![4];
    let mapping = Mapping {
        fallback: Some("housing".into()),
        sections: [("arts-culture".to_string(), "culture".to_string())].into(),
    };
    assert_eq!(
        read(&p, &mapping).unwrap().0.article.section.slug,
        "culture"
    );
    p.categories = vec![1];
    assert_eq!(
        read(&p, &mapping).unwrap().0.article.section.slug,
        "housing"
    );
    let err = read(&p, &Mapping::default()).unwrap_err();
    assert!(err.contains("no fallback section"), "{err}");
    let missing = Mapping {
        fallback: Some("sport".into()),
        ..Mapping::default()
    };
    assert!(read(&p, &missing)
        .unwrap_err()
        .contains("“sport” does not exist"));
}

#[test]
fn password_protected_and_undated_posts_are_skipped_with_the_reason() {
    let mut p = post();
    p.content.protected = true;
    assert!(
        matches!(read_skip(&p, &Mapping::default()), Err(Skip::Closed(_))),
        "removed if stored"
    );
    assert!(read(&p, &Mapping::default())
        .unwrap_err()
        .contains("password"));
    let mut p = post();
    p.date_gmt = Some("0000-00-00T00:00:00".into());
    assert!(read(&p, &Mapping::default())
        .unwrap_err()
        .contains("publication date"));
}

#[test]
fn an_unchanged_post_has_no_update_time_and_a_missing_image_is_noted() {
    let mut p = post();
    p.modified_gmt = p.date_gmt.clone();
    p.featured_media = 77;
    let (e, notes) = read(&p, &Mapping::default()).unwrap();
    assert_eq!(e.article.updated, None);
    assert_eq!(e.article.image, None);
    assert!(notes[0].contains("media 77"), "{notes:?}");
}

#[test]
fn a_mapping_file_is_read_and_a_wrong_one_named() {
    let m = Mapping::parse(
        "fallback = \"housing\"\n[sections]\npolitics = \"finance\"\n",
        "map.toml",
    )
    .unwrap();
    assert_eq!(m.sections["politics"], "finance");
    let err = Mapping::parse("fallbak = \"x\"", "map.toml").unwrap_err();
    assert!(err.starts_with("map.toml"), "{err}");
}

#[test]
fn a_users_largest_avatar_is_their_photo() {
    let user = User {
        id: 7,
        name: "Ruth O&#8217;Neill".into(),
        slug: "ruth".into(),
        avatar_urls: [
            ("24", "https://cms.example/a-24.jpg"),
            ("96", "https://cms.example/a-96.jpg"),
            ("48", "https://cms.example/a-48.jpg"),
            ("big", "https://cms.example/a-x.jpg"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
        ..User::default()
    };
    let a = author(&user);
    assert_eq!(a.name, "Ruth O’Neill");
    let photo = a.photo.unwrap();
    assert_eq!(
        (photo.url.as_str(), photo.width, photo.height),
        ("https://cms.example/a-96.jpg", 96, 96)
    );
}
