//! The content import: broken files are reported and skipped, reserved slugs refused, re-imports idempotent.

use std::path::Path;

use broadsheet_sources::markdown::import_dir;
use broadsheet_store::db::queries;
use broadsheet_store::Db;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const SECTIONS: &str =
    "[[section]]\nslug = \"housing\"\nname = \"Housing\"\ndescription = \"Homes.\"\n";

fn article(headline: &str, body: &str) -> String {
    format!(
        "+++\nheadline = \"{headline}\"\nstandfirst = \"A standfirst.\"\nkind = \"news\"\npublished = 2026-09-01T08:00:00Z\nbyline = \"A Writer\"\ntags = [\"homes\"]\n+++\n\n{body}\n"
    )
}

fn setup() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("content/sections.toml"), SECTIONS);
    write(
        &dir.path().join("content/authors.toml"),
        "[[author]]\nslug = \"a-writer\"\nname = \"A Writer\"\nrole = \"Reporter\"\n",
    );
    let db = Db::open(&dir.path().join("t.db")).unwrap();
    (dir, db)
}

#[test]
fn broken_front_matter_is_reported_with_path_and_line_and_others_load() {
    let (dir, db) = setup();
    let content = dir.path().join("content");
    write(
        &content.join("articles/housing/good-one.md"),
        &article("Good", "Fine."),
    );
    write(
        &content.join("articles/housing/broken-one.md"),
        "+++\nheadline = \"Broken\"\nstandfirst = \"x\"\nkind = news\n+++\nBody\n",
    );
    write(
        &content.join("articles/housing/never-closed.md"),
        "+++\nheadline = \"x\"\n",
    );
    write(
        &content.join("articles/housing/bad-kind.md"),
        &article("K", "B").replace("\"news\"", "\"gossip\""),
    );
    let report = db
        .with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    assert_eq!(report.articles, 1);
    assert_eq!(report.problems.len(), 3, "{:?}", report.problems);
    let broken = report
        .problems
        .iter()
        .find(|p| p.path.ends_with("broken-one.md"))
        .unwrap();
    assert_eq!(broken.line, 4, "the line of `kind = news`: {broken}");
    assert!(broken.to_string().contains("broken-one.md:4:"));
    let unclosed = report
        .problems
        .iter()
        .find(|p| p.path.ends_with("never-closed.md"))
        .unwrap();
    assert!(unclosed.message.contains("never closed"));
    let kind = report
        .problems
        .iter()
        .find(|p| p.path.ends_with("bad-kind.md"))
        .unwrap();
    assert!(kind.message.contains("gossip"));
}

#[test]
fn reserved_and_invalid_section_slugs_are_refused_with_a_message() {
    let (dir, db) = setup();
    let content = dir.path().join("content");
    write(
        &content.join("sections.toml"),
        &format!("{SECTIONS}\n[[section]]\nslug = \"embed\"\nname = \"E\"\ndescription = \"d\"\n\n[[section]]\nslug = \"Bad Slug\"\nname = \"B\"\ndescription = \"d\"\n"),
    );
    let report = db
        .with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    assert_eq!(report.sections, 1);
    let messages: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`embed` is one of the app's own paths")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("Bad Slug")),
        "{messages:?}"
    );
    let sections = db.with_conn(queries::sections).unwrap();
    assert_eq!(sections.len(), 1);
}

#[test]
fn reimport_is_idempotent_updates_and_removes() {
    let (dir, db) = setup();
    let content = dir.path().join("content");
    write(
        &content.join("articles/housing/first-story.md"),
        &article("First", "One."),
    );
    write(
        &content.join("articles/housing/second-story.md"),
        &article("Second", "Two."),
    );
    let count = |db: &Db| {
        db.with_conn(|c| c.query_row("SELECT COUNT(*) FROM articles", (), |r| r.get::<_, i64>(0)))
            .unwrap()
    };
    db.with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    db.with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    assert_eq!(count(&db), 2);
    assert_eq!(
        found(&db, "standfirst"),
        2,
        "the search index has no duplicates"
    );

    write(
        &content.join("articles/housing/first-story.md"),
        &article("First, revised", "One."),
    );
    std::fs::remove_file(content.join("articles/housing/second-story.md")).unwrap();
    let report = db
        .with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    assert_eq!((report.articles, report.removed), (1, 1));
    let (_, a) = db
        .with_conn(|c| queries::article(c, "housing", "first-story"))
        .unwrap()
        .unwrap();
    assert_eq!(a.headline, "First, revised");
    assert_eq!(count(&db), 1);
    // Search follows the store: the edit is found, the removed article is not.
    assert_eq!(found(&db, "revised"), 1);
    assert_eq!(found(&db, "second"), 0);
    assert_eq!(found(&db, "standfirst"), 1);
}

/// How many articles a search for `q` finds, in one index kept across the test's imports (caught up from the
/// outbox each time).
fn found(db: &Db, q: &str) -> u32 {
    thread_local! {
        static INDEX: broadsheet_store::search::Search = broadsheet_store::search::Search::new(
            broadsheet_search::SearchIndex::open(None).unwrap(),
        );
    }
    let request = broadsheet_store::search::SearchRequest {
        query: q.to_string(),
        section: None,
        sort: broadsheet_content::SearchSort::Relevance,
        page: 1,
        limit: 12,
    };
    INDEX
        .with(|index| {
            db.with_conn(|c| {
                // As a server does at start and in the background: the index brought up to the store.
                index.catch_up(c)?;
                broadsheet_store::search::search(c, index, &request)
            })
        })
        .unwrap()
        .0
        .meta
        .total
}

#[test]
fn html_in_a_body_is_dropped_and_unsafe_links_lose_their_link() {
    let (dir, db) = setup();
    let content = dir.path().join("content");
    write(
        &content.join("articles/housing/hostile-story.md"),
        &article("H", "Hello <script>alert(1)</script> [x](javascript:alert(2)) [ok](https://example.org)\n\n<iframe src=\"https://evil.example\"></iframe>"),
    );
    let report = db
        .with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let (_, a) = db
        .with_conn(|c| queries::article(c, "housing", "hostile-story"))
        .unwrap()
        .unwrap();
    let json = serde_json::to_string(&a.body).unwrap();
    assert!(
        !json.contains("<script>") && !json.contains("iframe") && !json.contains("javascript:"),
        "{json}"
    );
    assert!(json.contains("https://example.org"));
    // Each left-out part is in the report, with the file and its line in the file (the body starts on line 10).
    let notes: Vec<String> = report.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(notes.len(), 4, "{notes:?}");
    assert!(
        notes
            .iter()
            .all(|n| n.contains("hostile-story.md:10: ") || n.contains("hostile-story.md:12: ")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("javascript:alert(2)")));
}

#[test]
fn words_in_angle_brackets_are_imported_not_deleted() {
    let (dir, db) = setup();
    let content = dir.path().join("content");
    write(
        &content.join("articles/housing/planning-reference.md"),
        &article(
            "P",
            "Quote reference <PLN-2026-0042> when you call.\n\nPress the <Report It> button.",
        ),
    );
    let report = db
        .with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    assert!(
        report.problems.is_empty() && report.notes.is_empty(),
        "{report:?}"
    );
    let (_, a) = db
        .with_conn(|c| queries::article(c, "housing", "planning-reference"))
        .unwrap()
        .unwrap();
    let text: Vec<String> = a
        .body
        .iter()
        .map(|b| match b {
            broadsheet_content::Block::Paragraph { content } => {
                broadsheet_content::Inline::plain_text(content)
            }
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        text,
        [
            "Quote reference <PLN-2026-0042> when you call.",
            "Press the <Report It> button."
        ]
    );
}

#[test]
fn demo_content_imports_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("t.db")).unwrap();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let report = db
        .with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    assert!(report.sections >= 8);
    assert!(report.articles >= 60);
    for kind in broadsheet_content::Kind::ALL {
        let n: i64 = db
            .with_conn(|c| {
                c.query_row(
                    "SELECT COUNT(*) FROM articles WHERE kind = ?1",
                    [kind.slug()],
                    |r| r.get(0),
                )
            })
            .unwrap();
        assert!(n > 0, "no {} articles", kind.slug());
    }
    // Every image an article points at exists.
    let images: Vec<String> = db
        .with_conn(|c| {
            let s = c.prepare("SELECT image_json FROM articles WHERE image_json IS NOT NULL")?;
            let rows = s.query_map((), |r| r.get::<_, String>(0))?;
            rows.collect()
        })
        .unwrap();
    for json in images {
        let img: broadsheet_content::Image = serde_json::from_str(&json).unwrap();
        let file = img.url.strip_prefix("/media/").unwrap();
        assert!(
            content.join("images").join(file).is_file(),
            "{file} is missing"
        );
    }
}

#[test]
fn bylines_name_authors_and_tags_become_topics() {
    let (dir, db) = setup();
    let content = dir.path().join("content");
    write(
        &content.join("topics.toml"),
        "[[topic]]\nslug = \"homes\"\nname = \"Homes\"\ndescription = \"Where people live.\"\n",
    );
    write(
        &content.join("articles/housing/two-writers.md"),
        &article("Two", "Text.")
            .replace(
                "byline = \"A Writer\"",
                "byline = [\"A Writer\", \"Someone Else\"]",
            )
            .replace(
                "tags = [\"homes\"]",
                "tags = [\"homes\", \"Council Housing\"]",
            ),
    );
    let report = db
        .with_conn(|c| Ok(import_dir(c, &content)))
        .unwrap()
        .unwrap();
    assert_eq!(report.articles, 1, "{:?}", report.problems);
    // A byline naming nobody in authors.toml still imports, with a note.
    let notes: Vec<String> = report.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("two-writers.md:1: byline `Someone Else` names nobody in authors.toml")
    );
    let (_, a) = db
        .with_conn(|c| queries::article(c, "housing", "two-writers"))
        .unwrap()
        .unwrap();
    let authors: Vec<(String, Option<String>)> = a
        .authors
        .iter()
        .map(|a| (a.name.clone(), a.slug.clone()))
        .collect();
    assert_eq!(
        authors,
        [
            ("A Writer".to_string(), Some("a-writer".to_string())),
            ("Someone Else".to_string(), None)
        ]
    );
    let topics: Vec<(String, String)> = a
        .topics
        .iter()
        .map(|t| (t.slug.clone(), t.name.clone()))
        .collect();
    assert_eq!(
        topics,
        [
            ("homes".to_string(), "Homes".to_string()),
            ("council-housing".to_string(), "Council Housing".to_string())
        ]
    );
    let listing = db
        .with_conn(|c| broadsheet_store::db::people::topic_listing(c, "homes", 1, 10))
        .unwrap()
        .unwrap();
    assert_eq!(listing.description, "Where people live.");
    assert_eq!(listing.articles.len(), 1);
    let page = db
        .with_conn(|c| broadsheet_store::db::people::author_page(c, "a-writer", 1, 10))
        .unwrap()
        .unwrap();
    assert_eq!(
        page.author.as_ref().unwrap().role.as_deref(),
        Some("Reporter")
    );
    assert_eq!(
        page.articles[0].byline.as_deref(),
        Some("A Writer and Someone Else")
    );
}

/// What an import reports to purge from shared caches: nothing when nothing changed, an edited article's own
/// key when only its text changed, and the listings it leaves and joins when its topics change.
#[test]
fn an_import_names_exactly_what_it_changed_for_shared_caches() {
    let (dir, db) = setup();
    let content = dir.path().join("content");
    write(
        &content.join("articles/housing/first.md"),
        &article("First", "One."),
    );
    write(
        &content.join("articles/housing/second.md"),
        &article("Second", "Two."),
    );
    let import = || {
        db.with_conn(|c| Ok(import_dir(c, &content)))
            .unwrap()
            .unwrap()
            .purge
    };
    let first = import();
    for key in [
        "article:housing/first",
        "article:housing/second",
        "section:housing",
        "topic:homes",
        "front",
        "rails",
        "sections",
    ] {
        assert!(first.contains(key), "{key}: {}", first.header_value());
    }
    let again = import();
    assert!(
        again.is_empty(),
        "nothing changed, nothing to purge: {}",
        again.header_value()
    );

    write(
        &content.join("articles/housing/first.md"),
        &article("First, corrected", "One."),
    );
    let edited = import();
    assert!(edited.contains("article:housing/first"));
    assert!(!edited.contains("article:housing/second"));
    assert!(
        !edited.contains("section:housing") && !edited.contains("topic:homes"),
        "an edit in place leaves its listings' membership alone: {}",
        edited.header_value()
    );

    write(
        &content.join("articles/housing/first.md"),
        &article("First, corrected", "One.").replace("[\"homes\"]", "[\"rents\"]"),
    );
    let moved = import();
    for key in ["topic:homes", "topic:rents", "section:housing"] {
        assert!(moved.contains(key), "{key}: {}", moved.header_value());
    }

    std::fs::remove_file(content.join("articles/housing/second.md")).unwrap();
    let removed = import();
    assert!(removed.contains("article:housing/second"));
    assert!(removed.contains("section:housing"));
}
