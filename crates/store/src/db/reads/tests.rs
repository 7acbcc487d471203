//! Counting into the hourly rows and the list read from them, on SQLite in memory (the server's tests run the
//! same over HTTP on both stores).

use broadsheet_content::reads::{hour_of, MOST_READ_ITEMS};
use broadsheet_content::{Article, Kind, Section, SectionRef};

use super::{article_id, most_read, record, Tally};
use crate::db::pool::Db;
use crate::db::sql::Conn;
use crate::db::write::{apply, Batch, Entry};

/// 2026-12-07T12:00:00Z.
const NOW: i64 = 1_796_644_800;

fn entry(section: &str, slug: &str, published: &str) -> Entry {
    Entry {
        source_id: format!("{section}/{slug}"),
        article: Article {
            section: SectionRef {
                slug: section.into(),
                name: section.to_uppercase(),
            },
            slug: slug.into(),
            kind: Kind::News,
            headline: format!("Headline of {slug}"),
            standfirst: "A standfirst.".into(),
            authors: vec![],
            published: published.into(),
            updated: None,
            image: None,
            topics: vec![],
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

/// Four recent articles in two sections and one from a month ago.
fn site() -> Conn {
    let c = Db::memory().unwrap();
    let section = |slug: &str| Section {
        slug: slug.into(),
        name: slug.to_uppercase(),
        description: String::new(),
    };
    let batch = Batch {
        origin: "markdown".into(),
        sections: vec![section("news"), section("culture")],
        articles: vec![
            entry("news", "a", "2026-12-06T09:00:00Z"),
            entry("news", "b", "2026-12-05T09:00:00Z"),
            entry("news", "old", "2026-11-01T09:00:00Z"),
            entry("culture", "c", "2026-12-07T08:00:00Z"),
            entry("culture", "d", "2026-12-04T08:00:00Z"),
        ],
        complete: true,
        ..Batch::default()
    };
    apply(&c, &batch).unwrap();
    c
}

fn id(c: &Conn, section: &str, slug: &str) -> i64 {
    article_id(c, section, slug).unwrap().unwrap()
}

fn read(c: &Conn, section: &str, slug: &str, hours_ago: i64, reads: i64) {
    let tally = Tally {
        article_id: id(c, section, slug),
        hour: hour_of(NOW) - hours_ago,
        reads,
    };
    record(c, &[tally]).unwrap();
}

fn slugs(c: &Conn, section: Option<&str>) -> Vec<String> {
    most_read(c, NOW, section, MOST_READ_ITEMS)
        .unwrap()
        .into_iter()
        .map(|t| t.slug)
        .collect()
}

#[test]
fn the_list_orders_the_last_days_reads_and_batches_from_two_instances_add_up() {
    let c = site();
    read(&c, "news", "a", 0, 3);
    read(&c, "culture", "c", 1, 2);
    // A second instance's batch for the same article and hour adds to the first's row.
    read(&c, "culture", "c", 1, 2);
    read(&c, "news", "b", 5, 1);
    // Reads from before the window count for nothing.
    read(&c, "news", "b", 30, 100);
    // The hour 24 hours back still counts: b has 2.
    read(&c, "news", "b", 24, 1);
    assert_eq!(slugs(&c, None), ["c", "a", "b"]);
    let rows: i64 = c
        .query_row("SELECT COUNT(*) AS n FROM article_reads", (), |r| {
            r.get("n")
        })
        .unwrap();
    assert_eq!(rows, 5, "one row per article and hour");
}

#[test]
fn an_old_article_never_enters_however_much_it_is_read() {
    let c = site();
    read(&c, "news", "old", 0, 1_000);
    read(&c, "news", "a", 0, 1);
    assert_eq!(slugs(&c, None), ["a"]);
}

#[test]
fn a_sections_list_holds_only_its_articles_and_the_site_list_stops_at_its_length() {
    let c = site();
    for (i, (section, slug)) in [
        ("news", "a"),
        ("news", "b"),
        ("culture", "c"),
        ("culture", "d"),
    ]
    .into_iter()
    .enumerate()
    {
        read(&c, section, slug, 0, 10 - i as i64);
    }
    assert_eq!(slugs(&c, Some("culture")), ["c", "d"]);
    assert!(slugs(&c, None).len() <= MOST_READ_ITEMS as usize);
    assert_eq!(slugs(&c, None)[0], "a");
}

#[test]
fn the_list_is_hidden_when_counting_has_stopped() {
    let c = site();
    read(&c, "news", "a", 3, 50);
    assert!(slugs(&c, None).is_empty());
    read(&c, "news", "b", 1, 1);
    assert_eq!(slugs(&c, None), ["a", "b"]);
}

#[test]
fn a_read_of_an_article_removed_since_is_dropped_and_the_rest_are_kept() {
    let c = site();
    let a = id(&c, "news", "a");
    let gone = Tally {
        article_id: 999_999,
        hour: hour_of(NOW),
        reads: 4,
    };
    let kept = Tally {
        article_id: a,
        hour: hour_of(NOW),
        reads: 2,
    };
    record(&c, &[gone, kept]).unwrap();
    assert_eq!(slugs(&c, None), ["a"]);
}
