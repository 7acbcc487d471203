//! The write path with two sources sharing the store: what each may remove, and articles a source moved.

use broadsheet_content::{Article, Author, AuthorRef, Kind, Section, SectionRef, TopicRef};

use super::{apply, Batch, Entry, Topic};
use crate::db::pool::Db;
use crate::db::sql::Conn;

fn section(slug: &str) -> Section {
    Section {
        slug: slug.into(),
        name: slug.to_uppercase(),
        description: String::new(),
    }
}

fn entry(id: &str, section: &str, slug: &str, author: &str, topic: &str) -> Entry {
    Entry {
        source_id: id.into(),
        article: Article {
            section: SectionRef {
                slug: section.into(),
                name: section.to_uppercase(),
            },
            slug: slug.into(),
            kind: Kind::News,
            headline: format!("Headline of {slug}"),
            standfirst: "A standfirst.".into(),
            authors: vec![AuthorRef {
                name: author.to_uppercase(),
                slug: Some(author.into()),
                role: None,
            }],
            published: "2026-11-30T09:00:00Z".into(),
            updated: None,
            image: None,
            topics: vec![TopicRef {
                slug: topic.into(),
                name: topic.to_uppercase(),
            }],
            body: vec![],
            related: vec![],
            comments_open: true,
            comment_count: 0,
            live: None,
        },
        featured: false,
        comments: vec![],
        live: None,
    }
}

fn author(slug: &str) -> Author {
    Author {
        slug: slug.into(),
        name: slug.to_uppercase(),
        role: None,
        bio: String::new(),
        photo: None,
        links: vec![],
    }
}

fn strings(c: &Conn, sql: &str) -> Vec<String> {
    c.query_map(sql, (), |r| r.get(0)).unwrap()
}

fn addresses(c: &Conn) -> Vec<String> {
    strings(
        c,
        "SELECT s.slug || '/' || a.slug || ' ' || a.source FROM articles a JOIN sections s ON s.id = a.section_id
         ORDER BY 1",
    )
}

/// The Markdown folder (complete) and a CMS (incremental) in one store.
fn two_sources() -> Conn {
    let c = Db::memory().unwrap();
    let markdown = Batch {
        origin: "markdown".into(),
        sections: vec![section("news"), section("culture")],
        authors: vec![author("ann")],
        topics: vec![Topic {
            slug: "budget".into(),
            name: "Budget".into(),
            description: "Money.".into(),
        }],
        articles: vec![entry("news/a.md", "news", "a", "ann", "budget")],
        complete: true,
        ..Batch::default()
    };
    apply(&c, &markdown).unwrap();
    let cms = Batch {
        origin: "wordpress".into(),
        authors: vec![author("bob")],
        articles: vec![
            entry("12", "news", "b", "bob", "trams"),
            entry("13", "culture", "c", "bob", "trams"),
        ],
        ..Batch::default()
    };
    apply(&c, &cms).unwrap();
    c
}

#[test]
fn a_full_read_of_a_cms_removes_its_topics_and_authors_that_nothing_names_any_more() {
    let c = two_sources();
    // WordPress renamed the tag "trams" (its topic is now "light-rail"), deleted the user bob and post 14 (the
    // only one with the tag "ferries"); post 13 was not in the read (it cannot be placed), so the site keeps it,
    // with its topic and its author's page.
    apply(
        &c,
        &Batch {
            origin: "wordpress".into(),
            authors: vec![author("bob")],
            topics: vec![Topic {
                slug: "ferries".into(),
                name: "Ferries".into(),
                description: String::new(),
            }],
            articles: vec![entry("14", "news", "d", "cy", "ferries")],
            ..Batch::default()
        },
    )
    .unwrap();
    let full = Batch {
        origin: "wordpress".into(),
        authors: vec![author("cy")],
        articles: vec![entry("12", "news", "b", "cy", "light-rail")],
        removed: vec!["14".into()],
        people_complete: true,
        ..Batch::default()
    };
    let written = apply(&c, &full).unwrap();
    assert_eq!(
        strings(&c, "SELECT slug FROM topics ORDER BY slug"),
        ["budget", "light-rail", "trams"],
        "trams is still post 13's; ferries (curated, unnamed) is gone"
    );
    assert_eq!(
        strings(&c, "SELECT slug FROM authors ORDER BY slug"),
        ["ann", "bob", "cy"],
        "bob still signs post 13; the Markdown folder's ann is not WordPress's to remove"
    );
    assert!(written.purge.header_value().contains("topic:ferries"));
}

#[test]
fn a_complete_read_of_one_source_keeps_another_sources_articles_authors_and_topics() {
    let c = two_sources();
    let again = Batch {
        origin: "markdown".into(),
        authors: vec![author("ann")],
        articles: vec![entry("news/a.md", "news", "a", "ann", "budget")],
        complete: true,
        ..Batch::default()
    };
    let written = apply(&c, &again).unwrap();
    assert_eq!(written.removed, 0);
    assert_eq!(
        addresses(&c),
        [
            "culture/c wordpress:13",
            "news/a markdown:news/a.md",
            "news/b wordpress:12"
        ]
    );
    assert_eq!(
        strings(&c, "SELECT slug FROM authors ORDER BY slug"),
        ["ann", "bob"]
    );
    assert_eq!(
        strings(&c, "SELECT slug FROM topics ORDER BY slug"),
        ["budget", "trams"]
    );
}

#[test]
fn an_incremental_read_removes_the_articles_it_names_as_gone_and_purges_them() {
    let c = two_sources();
    let gone = Batch {
        origin: "wordpress".into(),
        removed: vec!["13".into(), "99".into()],
        ..Batch::default()
    };
    let written = apply(&c, &gone).unwrap();
    assert_eq!(written.removed, 1);
    assert_eq!(
        addresses(&c),
        ["news/a markdown:news/a.md", "news/b wordpress:12"]
    );
    assert!(written.purge.header_value().contains("article:culture/c"));
}

#[test]
fn an_article_the_source_moved_leaves_its_old_address() {
    let c = two_sources();
    let moved = Batch {
        origin: "wordpress".into(),
        articles: vec![entry("13", "news", "c-renamed", "bob", "trams")],
        ..Batch::default()
    };
    let written = apply(&c, &moved).unwrap();
    assert_eq!(
        addresses(&c),
        [
            "news/a markdown:news/a.md",
            "news/b wordpress:12",
            "news/c-renamed wordpress:13"
        ]
    );
    let keys = written.purge.header_value();
    assert!(keys.contains("article:culture/c"), "{keys}");
    assert_eq!(
        crate::db::redirects::find(&c, "/culture/c")
            .unwrap()
            .as_deref(),
        Some("/news/c-renamed")
    );
    assert!(keys.contains("article:news/c-renamed"), "{keys}");
}

#[test]
fn a_complete_read_of_a_source_removes_only_its_own_stale_articles() {
    let c = two_sources();
    let all = Batch {
        origin: "wordpress".into(),
        articles: vec![entry("12", "news", "b", "bob", "trams")],
        complete: true,
        ..Batch::default()
    };
    assert_eq!(apply(&c, &all).unwrap().removed, 1);
    assert_eq!(
        addresses(&c),
        ["news/a markdown:news/a.md", "news/b wordpress:12"]
    );
    assert_eq!(
        strings(&c, "SELECT slug FROM authors ORDER BY slug"),
        ["ann"]
    );
}

#[test]
fn an_article_keeps_its_readers_comments_when_the_source_moves_it() {
    let c = two_sources();
    let id_before: i64 = c
        .query_row(
            "SELECT id FROM articles WHERE source = 'wordpress:13'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    c.execute(
        "INSERT INTO comments (article_id, author, body, status, created, updated)
         VALUES (?1, 'Reader', 'First!', 'published', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z')",
        [id_before],
    )
    .unwrap();
    let moved = Batch {
        origin: "wordpress".into(),
        articles: vec![entry("13", "news", "c-moved", "bob", "trams")],
        ..Batch::default()
    };
    apply(&c, &moved).unwrap();
    let (id_after, comments): (i64, i64) = c
        .query_row(
            "SELECT a.id, (SELECT COUNT(*) FROM comments WHERE article_id = a.id) FROM articles a
             WHERE a.source = 'wordpress:13'",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((id_after, comments), (id_before, 1));
}

#[test]
fn a_source_never_overwrites_another_sources_article_at_the_same_address() {
    let c = two_sources();
    let squatter = Batch {
        origin: "wordpress".into(),
        articles: vec![entry("99", "news", "a", "bob", "trams")],
        ..Batch::default()
    };
    let written = apply(&c, &squatter).unwrap();
    assert_eq!(written.changed, 0);
    assert_eq!(
        written.taken,
        ["news/a is markdown:news/a.md's: not written"]
    );
    assert_eq!(
        addresses(&c),
        [
            "culture/c wordpress:13",
            "news/a markdown:news/a.md",
            "news/b wordpress:12"
        ]
    );
}

/// A write of one article, and a source's complete read, look articles up by source id: through the index, never
/// by reading every article (at 100,000 articles an import of one changed file read the whole table).
#[test]
fn articles_are_found_by_source_through_the_index() {
    let c = Db::memory().unwrap();
    let plan = |sql: &str| -> String {
        let explain = format!("EXPLAIN QUERY PLAN {sql}");
        let details: Vec<String> = if sql.contains("?2") {
            c.query_map(&explain, ["markdown:", "markdown;"], |r| r.get("detail"))
        } else {
            c.query_map(&explain, ["markdown:a"], |r| r.get("detail"))
        }
        .unwrap();
        details.join("; ")
    };
    for sql in [super::sources_sql(c.dialect()), super::BY_SOURCE] {
        let p = plan(sql);
        assert!(
            p.contains("COVERING INDEX articles_by_source"),
            "{sql}: {p}"
        );
    }
}
