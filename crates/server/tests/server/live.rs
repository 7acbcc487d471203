//! Live blogs over HTTP, on either store: the demo's blog (content/articles/finance/budget-night-live.md) as pages
//! anchored at the oldest post, its first paint (key events, the pinned post once, JSON-LD), editors' changes
//! with the moderation token, and the changes answer every open page polls.

use crate::common;

use common::{client, get_json, get_page, start, EDITOR_TOKEN};
use scraper::{Html, Selector};
use serde_json::{json, Value};

const BLOG: &str = "/finance/budget-night-live";
const API: &str = "/api/v1/live/finance/budget-night-live";

fn ids(live: &Value) -> Vec<String> {
    live["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

fn count(html: &str, css: &str) -> usize {
    Html::parse_document(html)
        .select(&Selector::parse(css).unwrap())
        .count()
}

fn hrefs(html: &str, css: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&Selector::parse(css).unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

async fn editor(
    method: reqwest::Method,
    url: &str,
    body: Value,
    token: Option<&str>,
) -> (u16, Value) {
    let mut req = client().request(method, url).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_live_blog_reads_in_pages_anchored_at_its_oldest_post() {
    let s = start().await;
    let (status, first) = get_json(&format!("{}/api/v1/articles{BLOG}", s.base)).await;
    assert_eq!(status, 200);
    assert_eq!(first["kind"], "live");
    let live = &first["live"];
    assert_eq!(
        (live["page"].as_u64(), live["page_count"].as_u64()),
        (Some(1), Some(2))
    );
    let newest = ids(live);
    assert_eq!(
        (newest.len(), newest[0].as_str()),
        (26, "p46"),
        "46 posts: 26 on the first page"
    );
    assert_eq!(live["pinned"]["id"], "p03");

    let older = format!("{}/api/v1/articles{BLOG}?page=with:p05", s.base);
    let (_, page2) = get_json(&older).await;
    let oldest = ids(&page2["live"]);
    assert_eq!(
        (
            oldest.first().map(String::as_str),
            oldest.last().map(String::as_str)
        ),
        (Some("p20"), Some("p01"))
    );
    assert!(
        page2["live"]["pinned"].is_null(),
        "the pinned post is on the first page only"
    );

    // New posts do not move the older page: its permalinks stay good.
    for n in 0..3 {
        let body = json!({ "body": format!("Update {n} from the chamber.") });
        let (status, _) = editor(
            reqwest::Method::POST,
            &format!("{}{API}/posts", s.base),
            body,
            Some(EDITOR_TOKEN),
        )
        .await;
        assert_eq!(status, 201);
    }
    let (_, again) = get_json(&older).await;
    assert_eq!(ids(&again["live"]), oldest);

    // The first paint: the pinned post without the stream's id, key events as links, LiveBlogPosting.
    let (_, _, html) = get_page(&format!("{}{BLOG}", s.base)).await;
    assert_eq!(count(&html, ".live-pinned"), 1);
    assert_eq!(
        count(&html, "#post-p03"),
        0,
        "p03 is on the older page; the pinned copy has no id"
    );
    assert_eq!(count(&html, ".live-stream > li > article[id^=post-]"), 29);
    let key_links = hrefs(&html, ".live-key-events a");
    assert!(
        key_links.contains(&"#post-p43".to_string()),
        "{key_links:?}"
    );
    assert!(
        key_links.contains(&format!("{BLOG}?page=with:p04#post-p04")),
        "{key_links:?}"
    );
    assert_eq!(
        hrefs(&html, ".live .pager a[rel=next]"),
        [format!("{BLOG}?page=with:p20")]
    );
    let doc = Html::parse_document(&html);
    let ld: Vec<Value> = doc
        .select(&Selector::parse("script[type=\"application/ld+json\"]").unwrap())
        .map(|e| serde_json::from_str(&e.text().collect::<String>()).unwrap())
        .collect();
    let blog = ld
        .iter()
        .find(|v| v["@type"] == "LiveBlogPosting")
        .expect("LiveBlogPosting");
    assert_eq!(blog["coverageStartTime"], "2026-12-03T17:30:00Z");
    let updates = blog["liveBlogUpdate"].as_array().unwrap();
    assert_eq!(updates.len(), 29);
    let p46 = updates
        .iter()
        .find(|u| u["url"].as_str().is_some_and(|u| u.ends_with("#post-p46")))
        .unwrap();
    assert_eq!(p46["@type"], "BlogPosting");
    assert_ne!(
        p46["headline"], blog["headline"],
        "each update has its own headline"
    );
    assert!(p46["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("{BLOG}?page=with:p46#post-p46")));

    let (_, _, html2) = get_page(&format!("{}{BLOG}?page=with:p05", s.base)).await;
    assert_eq!(count(&html2, ".live-pinned"), 0);
    assert_eq!(count(&html2, "#post-p03"), 1);
    assert_eq!(
        hrefs(&html2, ".live .pager a[rel=prev]"),
        [BLOG.to_string()]
    );
}

#[tokio::test]
async fn editors_changes_reach_every_open_page_through_the_changes_answer() {
    let s = start().await;
    let (_, article) = get_json(&format!("{}/api/v1/articles{BLOG}", s.base)).await;
    let seq = article["live"]["seq"].as_u64().unwrap();
    let posts = format!("{}{API}/posts", s.base);
    let text = json!({ "title": "Vote called", "body": "The chair calls the **vote**.", "key_event": true });
    let (status, _) = editor(reqwest::Method::POST, &posts, text.clone(), None).await;
    assert_eq!(status, 401);
    let (status, _) = editor(reqwest::Method::POST, &posts, text.clone(), Some("wrong")).await;
    assert_eq!(status, 401);
    let (status, posted) = editor(reqwest::Method::POST, &posts, text, Some(EDITOR_TOKEN)).await;
    assert_eq!(status, 201);
    let new = posted["id"].as_str().unwrap().to_string();
    let edit = json!({ "body": "Correction: the vote is at 21:40." });
    let (status, _) = editor(
        reqwest::Method::PUT,
        &format!("{posts}/p46"),
        edit,
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = editor(
        reqwest::Method::DELETE,
        &format!("{posts}/p45"),
        Value::Null,
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = editor(
        reqwest::Method::DELETE,
        &format!("{posts}/nope"),
        Value::Null,
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 404);
    let pin = json!({ "id": new });
    let (status, _) = editor(
        reqwest::Method::PUT,
        &format!("{}{API}/pinned", s.base),
        pin,
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 200);
    let end = json!({ "status": "ended" });
    let (status, ended) = editor(
        reqwest::Method::PUT,
        &format!("{}{API}/status", s.base),
        end,
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!((status, ended["seq"].as_u64()), (200, Some(seq + 5)));

    let url = format!("{}{API}/changes?after={seq}", s.base);
    let res = client().get(&url).send().await.unwrap();
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=5, s-maxage=5"
    );
    assert!(res.headers()["surrogate-key"]
        .to_str()
        .unwrap()
        .contains("live:finance/budget-night-live"));
    let changes: Value = res.json().await.unwrap();
    let upserted: Vec<&str> = changes["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(upserted, [new.as_str(), "p46"], "oldest change first");
    assert!(
        changes["posts"][1]["updated"].is_string(),
        "an edit shows as updated"
    );
    assert_eq!(changes["deleted"], json!(["p45"]));
    assert_eq!(
        (changes["pinned"]["id"].as_str(), changes["status"].as_str()),
        (Some(new.as_str()), Some("ended"))
    );
    assert!(changes["coverage_end"].is_string());
    assert_eq!(changes["seq"].as_u64(), Some(seq + 5));

    // Nothing after the last change; a page that saw it all gets nothing again.
    let (_, none) = get_json(&format!("{}{API}/changes?after={}", s.base, seq + 5)).await;
    assert_eq!(
        (
            none["posts"].as_array().map(Vec::len),
            none["deleted"].as_array().map(Vec::len)
        ),
        (Some(0), Some(0))
    );
    let (status, _) = get_json(&format!("{}{API}/changes?after=soon", s.base)).await;
    assert_eq!(status, 400);
    let (status, _) = get_json(&format!(
        "{}/api/v1/live/finance/no-such-blog/changes",
        s.base
    ))
    .await;
    assert_eq!(status, 404);
    // A deleted post is gone from the page and its first paint.
    let (_, _, html) = get_page(&format!("{}{BLOG}", s.base)).await;
    assert_eq!(
        (
            count(&html, "#post-p45"),
            count(&html, &format!("#post-{new}"))
        ),
        (0, 1)
    );
    assert!(html.contains("This live blog has ended."));
}

#[tokio::test]
async fn a_live_blogs_feed_carries_its_posts_with_their_permalinks() {
    let s = start().await;
    let (status, headers, atom) = get_page(&format!("{}{BLOG}/feed.atom", s.base)).await;
    assert_eq!(status, 200);
    assert!(headers["surrogate-key"]
        .to_str()
        .unwrap()
        .contains("live:finance/budget-night-live"));
    let doc = Html::parse_document(&atom);
    let entry = Selector::parse("entry").unwrap();
    let entries: Vec<_> = doc.select(&entry).collect();
    assert_eq!(entries.len(), 46, "every post, newest first");
    let first = entries[0].html();
    assert!(
        first.contains(&format!("{BLOG}?page=with:p46#post-p46")),
        "{first}"
    );
    assert!(
        first.contains("That’s all from us tonight"),
        "the post's own title: {first}"
    );
    let (_, _, rss) = get_page(&format!("{}{BLOG}/feed.xml", s.base)).await;
    assert_eq!(rss.matches("<item>").count(), 46);
    // The page names its feed; an article that is not a live blog has none of its own.
    let (_, _, html) = get_page(&format!("{}{BLOG}", s.base)).await;
    assert!(html.contains(&format!("{BLOG}/feed.atom")));
    let (status, _, _) = get_page(&format!(
        "{}/transport/tyneford-bus-franchising-goes-live/feed.xml",
        s.base
    ))
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_partner_widget_shows_a_live_blogs_latest_posts() {
    let s = start().await;
    let (status, headers, html) =
        get_page(&format!("{}/embed/live{BLOG}?limit=3&theme=dark", s.base)).await;
    assert_eq!(status, 200);
    assert!(headers["surrogate-key"]
        .to_str()
        .unwrap()
        .contains("live:finance/budget-night-live"));
    assert_eq!(count(&html, "ol > li a"), 3);
    let links = hrefs(&html, "ol > li a");
    assert_eq!(links[0], format!("{BLOG}?page=with:p46#post-p46"));
    assert!(html.contains("data-theme=\"dark\"") && html.contains("Live from Broadsheet"));
    // A new post shows at the next load.
    let body = json!({ "title": "Late amendment", "body": "A late amendment is tabled." });
    let (status, posted) = editor(
        reqwest::Method::POST,
        &format!("{}{API}/posts", s.base),
        body,
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 201);
    let (_, _, html) = get_page(&format!("{}/embed/live{BLOG}?limit=3", s.base)).await;
    assert!(html.contains("Late amendment"));
    assert!(hrefs(&html, "ol > li a")[0]
        .ends_with(&format!("#post-{}", posted["id"].as_str().unwrap())));
    let (status, _, _) = get_page(&format!(
        "{}/embed/live/transport/tyneford-bus-franchising-goes-live",
        s.base
    ))
    .await;
    assert_eq!(status, 404);
}

/// `broadsheet-server live …` on the server's store with `stdin` as the post's text; its output.
fn cli(s: &common::TestServer, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet-server"))
        .arg("live")
        .args(args)
        .args(&s.store_args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn editors_write_to_a_live_blog_at_a_terminal() {
    let s = start().await;
    let blog = "finance/budget-night-live";
    let out = cli(
        &s,
        &["post", blog, "--title", "From the terminal", "--key-event"],
        "Posted with **the CLI**.",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let id = said
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches(':')
        .to_string();
    let (_, article) = get_json(&format!("{}/api/v1/articles{BLOG}", s.base)).await;
    let newest = &article["live"]["posts"][0];
    assert_eq!(
        (newest["id"].as_str(), newest["title"].as_str()),
        (Some(id.as_str()), Some("From the terminal"))
    );
    assert!(article["live"]["key_events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["id"] == id.as_str()));

    assert!(cli(&s, &["pin", blog, &id], "").status.success());
    assert!(cli(&s, &["end", blog], "").status.success());
    let (_, article) = get_json(&format!("{}/api/v1/articles{BLOG}", s.base)).await;
    assert_eq!(
        (
            article["live"]["pinned"]["id"].as_str(),
            article["live"]["status"].as_str()
        ),
        (Some(id.as_str()), Some("ended"))
    );

    // Mistakes are said, and nothing is written.
    let empty = cli(&s, &["post", blog], "  \n");
    assert!(!empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stderr).contains("empty"));
    let nowhere = cli(&s, &["delete", "finance/no-such-blog", "p01"], "");
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("no live blog"));
    let no_post = cli(&s, &["delete", blog, "p999"], "");
    assert!(String::from_utf8_lossy(&no_post.stderr).contains("no such post"));
}
