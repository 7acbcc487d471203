//! A live blog through the write path and read back, on SQLite in memory (the server's tests run the API over
//! HTTP on both stores): a source's posts and an editor's side by side, the change sequence, tombstones, and
//! pages anchored at the oldest post.

use broadsheet_content::live::{LivePost, LiveStatus, POSTS_PER_PAGE};
use broadsheet_content::{Article, Block, Inline, Kind, Section, SectionRef};

use super::{blog, changes, page};
use crate::db::pool::Db;
use crate::db::reads::article_id;
use crate::db::sql::Conn;
use crate::db::write::live::{edit, Change, Edited, LiveSource, EDITOR};
use crate::db::write::{apply, Batch, Entry};

fn post(id: &str, minute: u32) -> LivePost {
    LivePost {
        id: id.into(),
        title: None,
        body: vec![Block::Paragraph {
            content: vec![Inline::Text {
                text: format!("Post {id}."),
            }],
        }],
        published: format!("2026-12-03T18:{minute:02}:00Z"),
        updated: None,
        key_event: false,
        seq: 0,
    }
}

fn batch(posts: Vec<LivePost>, pinned: Option<&str>) -> Batch {
    let article = Article {
        section: SectionRef {
            slug: "news".into(),
            name: "News".into(),
        },
        slug: "budget-live".into(),
        kind: Kind::Live,
        headline: "Budget night – live".into(),
        standfirst: "As it happens.".into(),
        authors: vec![],
        published: "2026-12-03T18:00:00Z".into(),
        updated: None,
        image: None,
        topics: vec![],
        body: vec![],
        related: vec![],
        comments_open: false,
        comment_count: 0,
        live: None,
    };
    Batch {
        origin: "markdown".into(),
        sections: vec![Section {
            slug: "news".into(),
            name: "News".into(),
            description: String::new(),
        }],
        articles: vec![Entry {
            source_id: "news/budget-live.md".into(),
            article,
            featured: false,
            comments: vec![],
            live: Some(LiveSource {
                status: LiveStatus::Live,
                coverage_start: "2026-12-03T18:00:00Z".into(),
                coverage_end: None,
                pinned: pinned.map(str::to_string),
                posts,
            }),
        }],
        complete: true,
        ..Batch::default()
    }
}

fn ids(posts: &[LivePost]) -> Vec<&str> {
    posts.iter().map(|p| p.id.as_str()).collect()
}

fn blog_id(c: &Conn) -> i64 {
    article_id(c, "news", "budget-live").unwrap().unwrap()
}

#[test]
fn a_source_read_twice_changes_nothing_and_its_removals_become_tombstones() {
    let c = Db::memory().unwrap();
    apply(&c, &batch(vec![post("a", 1), post("b", 2)], Some("a"))).unwrap();
    let id = blog_id(&c);
    let first = blog(&c, id).unwrap().unwrap();
    let again = apply(&c, &batch(vec![post("a", 1), post("b", 2)], Some("a"))).unwrap();
    assert_eq!(again.changed, 0, "an unchanged blog is not written");
    assert_eq!(blog(&c, id).unwrap().unwrap().seq, first.seq);

    // b removed from the file, a edited: open pages learn both.
    let mut edited = post("a", 1);
    edited.title = Some("Corrected".into());
    let written = apply(&c, &batch(vec![edited], None)).unwrap();
    assert!(written.purge.contains("live:news/budget-live"));
    let after = changes(&c, id, &blog(&c, id).unwrap().unwrap(), first.seq).unwrap();
    assert_eq!(ids(&after.posts), ["a"]);
    assert_eq!(after.deleted, ["b"]);
    assert_eq!(after.pinned, None);
}

#[test]
fn an_editors_posts_survive_the_sources_next_read() {
    let c = Db::memory().unwrap();
    apply(&c, &batch(vec![post("a", 1)], None)).unwrap();
    let change = Change::Post {
        title: Some("Breaking".into()),
        body: vec![],
        key_event: true,
    };
    let Edited::Done { id: Some(new), .. } =
        edit(&c, "news", "budget-live", &change, "2026-12-03T18:30:00Z").unwrap()
    else {
        panic!("the post was not written");
    };
    // The editor's correction of the source's post is theirs from now on.
    let fix = Change::Edit {
        id: "a".into(),
        title: Some("Fixed".into()),
        body: vec![],
        key_event: false,
    };
    assert!(matches!(
        edit(&c, "news", "budget-live", &fix, "2026-12-03T18:31:00Z").unwrap(),
        Edited::Done { .. }
    ));
    apply(&c, &batch(vec![post("a", 1)], None)).unwrap();
    let id = blog_id(&c);
    let b = blog(&c, id).unwrap().unwrap();
    let shown = page(&c, id, &b, None).unwrap();
    assert_eq!(ids(&shown.posts), [new.as_str(), "a"]);
    assert_eq!(shown.posts[1].title.as_deref(), Some("Fixed"));
    assert_eq!(shown.key_events.len(), 1);
    let origin: String = c
        .query_row("SELECT origin FROM live_posts WHERE id = ?1", [&new], |r| {
            r.get("origin")
        })
        .unwrap();
    assert_eq!(origin, EDITOR);
}

#[test]
fn every_change_moves_the_sequence_and_changes_after_it_say_what_moved() {
    let c = Db::memory().unwrap();
    apply(&c, &batch(vec![post("a", 1), post("b", 2)], None)).unwrap();
    let id = blog_id(&c);
    let start = blog(&c, id).unwrap().unwrap().seq;
    let now = "2026-12-03T19:00:00Z";
    let steps = [
        Change::Pin {
            id: Some("a".into()),
        },
        Change::Delete { id: "b".into() },
        Change::Status {
            status: LiveStatus::Ended,
        },
    ];
    for (n, step) in steps.iter().enumerate() {
        let Edited::Done { seq, .. } = edit(&c, "news", "budget-live", step, now).unwrap() else {
            panic!("{step:?} not written");
        };
        assert_eq!(seq, start + n as u64 + 1);
    }
    let b = blog(&c, id).unwrap().unwrap();
    let all = changes(&c, id, &b, start).unwrap();
    assert_eq!(
        (
            all.deleted.as_slice(),
            all.pinned.as_ref().map(|p| p.id.as_str())
        ),
        (&["b".to_string()][..], Some("a"))
    );
    assert_eq!(all.status, LiveStatus::Ended);
    assert_eq!(all.coverage_end.as_deref(), Some(now));
    let none = changes(&c, id, &b, b.seq).unwrap();
    assert!(none.posts.is_empty() && none.deleted.is_empty());
    let missing = Change::Delete { id: "zz".into() };
    assert!(matches!(
        edit(&c, "news", "budget-live", &missing, now).unwrap(),
        Edited::NoPost
    ));
    assert!(matches!(
        edit(&c, "news", "nothing", &missing, now).unwrap(),
        Edited::NoBlog
    ));
}

#[test]
fn older_pages_keep_their_posts_as_new_ones_arrive() {
    let c = Db::memory().unwrap();
    let posts: Vec<LivePost> = (0..45).map(|i| post(&format!("p{i:02}"), i)).collect();
    apply(&c, &batch(posts.clone(), Some("p00"))).unwrap();
    let id = blog_id(&c);
    let b = blog(&c, id).unwrap().unwrap();
    let oldest = page(&c, id, &b, Some("p03")).unwrap();
    assert_eq!((oldest.page, oldest.page_count), (2, 2));
    assert_eq!(oldest.posts.len(), POSTS_PER_PAGE);
    assert_eq!(oldest.posts.last().map(|p| p.id.as_str()), Some("p00"));
    assert!(
        oldest.pinned.is_none(),
        "the pinned post is on the first page only"
    );
    let first = page(&c, id, &b, None).unwrap();
    assert_eq!(first.posts.len(), 25);
    assert_eq!(first.pinned.as_ref().map(|p| p.id.as_str()), Some("p00"));
    assert_eq!(first.older, Some("p19".into()));

    let mut more = posts;
    more.extend((45..59).map(|i| post(&format!("p{i:02}"), i)));
    apply(&c, &batch(more, Some("p00"))).unwrap();
    let b = blog(&c, id).unwrap().unwrap();
    let again = page(&c, id, &b, Some("p03")).unwrap();
    assert_eq!(
        ids(&again.posts),
        ids(&oldest.posts),
        "the permalink's page did not move"
    );
    assert_eq!((again.page, again.page_count), (2, 2));
    // A permalink to a post that is gone shows the first page.
    assert_eq!(page(&c, id, &b, Some("zz")).unwrap().page, 1);
}

#[test]
fn an_editors_deletion_pin_and_ending_survive_reads_of_an_unchanged_file() {
    let c = Db::memory().unwrap();
    let file = || batch(vec![post("a", 1), post("b", 2)], Some("a"));
    apply(&c, &file()).unwrap();
    let now = "2026-12-03T20:00:00Z";
    for change in [
        Change::Delete { id: "b".into() },
        Change::Pin { id: None },
        Change::Status {
            status: LiveStatus::Ended,
        },
    ] {
        assert!(matches!(
            edit(&c, "news", "budget-live", &change, now).unwrap(),
            Edited::Done { .. }
        ));
    }
    let written = apply(&c, &file()).unwrap();
    assert_eq!(
        written.changed, 0,
        "the file did not change: nothing is written"
    );
    let id = blog_id(&c);
    let b = blog(&c, id).unwrap().unwrap();
    assert_eq!((b.status, b.pinned.as_deref()), (LiveStatus::Ended, None));
    assert_eq!(ids(&page(&c, id, &b, None).unwrap().posts), ["a"]);

    // The file's own state changes: the blog follows it.
    apply(&c, &batch(vec![post("a", 1), post("b", 2)], None)).unwrap();
    let b = blog(&c, id).unwrap().unwrap();
    assert_eq!(b.status, LiveStatus::Live);
    assert_eq!(
        ids(&page(&c, id, &b, None).unwrap().posts),
        ["a"],
        "b stays deleted"
    );
}

#[test]
fn an_article_that_is_a_live_blog_no_more_loses_its_blog_not_its_posts() {
    let c = Db::memory().unwrap();
    apply(&c, &batch(vec![post("a", 1)], None)).unwrap();
    let id = blog_id(&c);
    let mut plain = batch(vec![], None);
    plain.articles[0].live = None;
    plain.articles[0].article.kind = Kind::News;
    let written = apply(&c, &plain).unwrap();
    assert!(written.purge.contains("live:news/budget-live"));
    assert!(blog(&c, id).unwrap().is_none());
    apply(&c, &batch(vec![post("a", 1)], None)).unwrap();
    let b = blog(&c, id).unwrap().unwrap();
    assert_eq!(ids(&page(&c, id, &b, None).unwrap().posts), ["a"]);
}
