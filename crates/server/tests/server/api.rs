//! The content API over real HTTP: every endpoint, pagination edges, errors, validators, CORS.

use crate::common;

use common::{client, demo_article_count, get_json, start, start_with};

#[tokio::test]
async fn sections_are_listed_in_navigation_order() {
    let s = start().await;
    let (status, body) = get_json(&format!("{}/api/v1/sections", s.base)).await;
    assert_eq!(status, 200);
    let slugs: Vec<&str> = body["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs.len(), 8);
    assert_eq!(slugs[0], "crime-reduction");
    assert_eq!(slugs[7], "workforce");
    assert!(body["sections"][3]["description"].as_str().unwrap().len() > 20);
}

#[tokio::test]
async fn front_page_has_top_stories_and_a_block_per_section() {
    let s = start().await;
    let (status, body) = get_json(&format!("{}/api/v1/front", s.base)).await;
    assert_eq!(status, 200);
    let top = body["top_stories"].as_array().unwrap();
    assert_eq!(top.len(), 5);
    let dates: Vec<&str> = top
        .iter()
        .map(|t| t["published"].as_str().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "top stories newest first: {dates:?}"
    );
    let blocks = body["sections"].as_array().unwrap();
    assert_eq!(blocks.len(), 8);
    for b in blocks {
        let n = b["articles"].as_array().unwrap().len();
        assert!((1..=4).contains(&n), "section block with {n} articles");
    }
}

#[tokio::test]
async fn section_pagination_meta_and_edges() {
    let s = start().await;
    let url = |q: &str| format!("{}/api/v1/sections/housing{q}", s.base);
    let (status, p1) = get_json(&url("?limit=4")).await;
    assert_eq!(status, 200);
    assert_eq!(p1["title"], "Housing");
    assert_eq!(p1["section"]["slug"], "housing");
    let meta = &p1["meta"];
    assert_eq!(
        (
            meta["page"].as_u64(),
            meta["limit"].as_u64(),
            meta["total"].as_u64()
        ),
        (Some(1), Some(4), Some(demo_article_count(Some("housing"))))
    );
    assert_eq!(
        (
            meta["pages"].as_u64(),
            meta["next"].as_u64(),
            meta["prev"].as_u64()
        ),
        (
            Some(demo_article_count(Some("housing")).div_ceil(4)),
            Some(2),
            None
        )
    );
    let dates: Vec<&str> = p1["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["published"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    let total = demo_article_count(Some("housing"));
    let pages = total.div_ceil(4);
    let (_, last) = get_json(&url(&format!("?limit=4&page={pages}"))).await;
    assert_eq!(
        last["articles"].as_array().unwrap().len() as u64,
        total - 4 * (pages - 1)
    );
    assert_eq!(
        (last["meta"]["next"].as_u64(), last["meta"]["prev"].as_u64()),
        (None, Some(pages - 1))
    );

    let (status, p9) = get_json(&url("?limit=4&page=9")).await;
    assert_eq!(status, 200);
    assert!(p9["articles"].as_array().unwrap().is_empty());

    let (_, all) = get_json(&url("?limit=100000")).await;
    assert_eq!(all["meta"]["limit"], 50, "limit is clamped");
    assert_eq!(all["articles"].as_array().unwrap().len() as u64, total);

    let (_, default) = get_json(&url("")).await;
    assert_eq!(default["meta"]["limit"], 12);
}

#[tokio::test]
async fn article_has_every_field_and_typed_body() {
    let s = start().await;
    let (status, a) = get_json(&format!(
        "{}/api/v1/articles/transport/tyneford-bus-franchising-goes-live",
        s.base
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(a["section"]["slug"], "transport");
    assert_eq!(a["kind"], "news");
    assert!(a["headline"].as_str().unwrap().contains("Tyneford"));
    assert_eq!(a["published"], "2026-05-04T08:20:00Z");
    assert_eq!(a["updated"], "2026-05-04T12:05:00Z");
    assert_eq!(a["image"]["width"], 1200);
    assert!(!a["image"]["alt"].as_str().unwrap().is_empty());
    // The byline's writer, with their page; the topics, each with its page.
    assert_eq!(a["authors"][0]["name"], "Gareth Llewellyn");
    assert_eq!(a["authors"][0]["slug"], "gareth-llewellyn");
    assert_eq!(a["authors"][0]["role"], "Transport correspondent");
    let topics = a["topics"].as_array().unwrap();
    assert!(!topics.is_empty());
    for t in topics {
        assert!(
            broadsheet_content::is_valid_slug(t["slug"].as_str().unwrap()),
            "{t}"
        );
        assert!(!t["name"].as_str().unwrap().is_empty());
    }
    assert!(!a["related"].as_array().unwrap().is_empty());
    let types: Vec<&str> = a["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"paragraph"));
    assert_eq!(a["comment_count"], 2);
    // No HTML anywhere in a body: text only inside typed blocks.
    assert!(!a["body"].to_string().contains("<p>"));
}

#[tokio::test]
async fn the_demo_content_uses_every_block_type() {
    let s = start().await;
    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=2 {
        let (_, list) = get_json(&format!("{}/api/v1/articles?limit=50&page={page}", s.base)).await;
        for t in list["articles"].as_array().unwrap() {
            let url = format!(
                "{}/api/v1/articles/{}/{}",
                s.base,
                t["section"]["slug"].as_str().unwrap(),
                t["slug"].as_str().unwrap()
            );
            let (status, a) = get_json(&url).await;
            assert_eq!(status, 200, "{url}");
            for b in a["body"].as_array().unwrap() {
                seen.insert(b["type"].as_str().unwrap().to_string());
            }
        }
    }
    for t in [
        "paragraph",
        "heading",
        "quote",
        "pull_quote",
        "list",
        "image",
        "video",
    ] {
        assert!(seen.contains(t), "no {t} block in the demo content");
    }
}

#[tokio::test]
async fn kinds_tags_and_rails() {
    let s = start().await;
    let (_, interviews) = get_json(&format!(
        "{}/api/v1/articles?kind=interview&limit=50",
        s.base
    ))
    .await;
    let items = interviews["articles"].as_array().unwrap();
    assert_eq!(items.len(), 8);
    assert!(items.iter().all(|i| i["kind"] == "interview"));
    assert_eq!(interviews["title"], "Interviews");
    // A filter naming nothing that exists is not found, and the message names it, rather than a listing of
    // everything under another heading.
    for (query, named) in [
        ("articles?kind=gossip", "gossip"),
        ("articles?tag=%CE%A9%CE%BC%CE%AD%CE%B3%CE%B1", "Ωμέγα"),
        ("articles?tag=no-such-topic", "no-such-topic"),
        (
            "search?q=council&section=no-such-section",
            "no-such-section",
        ),
    ] {
        let (status, bad) = get_json(&format!("{}/api/v1/{query}", s.base)).await;
        assert_eq!(
            (status, bad["error"]["code"].as_str()),
            (404, Some("not_found")),
            "{query}"
        );
        let message = bad["error"]["message"].as_str().unwrap();
        assert!(message.contains(named), "{query}: {message}");
    }
    let (status, tagged) =
        get_json(&format!("{}/api/v1/articles?tag=Council+housing", s.base)).await;
    assert_eq!(status, 200);
    assert_eq!(tagged["title"], "Filed under Council housing");

    let (_, rails) = get_json(&format!("{}/api/v1/rails", s.base)).await;
    let ids: Vec<&str> = rails["rails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "latest",
            "editors_comment",
            "last_word",
            "blog",
            "opinion",
            "interviews",
            "videos",
            "focus"
        ]
    );
    for r in rails["rails"].as_array().unwrap() {
        // One name for each kind: the rail's heading is the title of the listing it links to.
        let link = r["link"].as_str().unwrap();
        let kind = link.strip_prefix("/kinds/").unwrap_or("news");
        let (_, listing) =
            get_json(&format!("{}/api/v1/articles?kind={kind}&limit=1", s.base)).await;
        assert_eq!(r["title"], listing["title"], "{link}");
        assert!(
            !r["items"].as_array().unwrap().is_empty(),
            "rail {} is empty",
            r["id"]
        );
        assert!(r["link"].as_str().unwrap().starts_with('/'));
    }
}

#[tokio::test]
async fn comments_are_published_ones_oldest_first() {
    let s = start().await;
    let (status, c) = get_json(&format!(
        "{}/api/v1/articles/transport/tyneford-bus-franchising-goes-live/comments",
        s.base
    ))
    .await;
    assert_eq!(status, 200);
    let list = c["comments"].as_array().unwrap();
    assert_eq!((list.len(), c["total"].as_u64()), (2, Some(2)));
    assert!(list[0]["posted"].as_str().unwrap() <= list[1]["posted"].as_str().unwrap());
    let (status, _) = get_json(&format!(
        "{}/api/v1/articles/transport/nope/comments",
        s.base
    ))
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn search_is_ranked_full_text() {
    let s = start().await;
    let (status, r) = get_json(&format!("{}/api/v1/search?q=bus%20franchising", s.base)).await;
    assert_eq!(status, 200);
    assert_eq!(
        r["articles"][0]["slug"],
        "tyneford-bus-franchising-goes-live"
    );
    assert!(r["meta"]["total"].as_u64().unwrap() >= 1);
    let (status, r) = get_json(&format!("{}/api/v1/search?q=%22%20OR%20*%20NEAR(", s.base)).await;
    assert_eq!(status, 200, "FTS syntax in a query is treated as words");
    let _ = r;
    let (_, empty) = get_json(&format!("{}/api/v1/search?q=", s.base)).await;
    assert_eq!(empty["meta"]["total"], 0);
}

#[tokio::test]
async fn unknown_things_are_json_404s() {
    let s = start().await;
    for path in [
        "/api/v1/sections/no-such-section",
        "/api/v1/articles/housing/no-such-article",
        "/api/v1/articles/no-such-section/anything",
        "/api/v1/nothing-here",
    ] {
        let (status, body) = get_json(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["error"]["code"], "not_found", "{path}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn bad_input_gets_a_json_error_or_a_clamp_never_a_500() {
    let s = start().await;
    let long = "a".repeat(10_000);
    let cases: Vec<(String, u16)> = vec![
        ("/api/v1/sections/housing?page=-1".into(), 400),
        ("/api/v1/sections/housing?page=abc".into(), 400),
        ("/api/v1/sections/housing?page=0".into(), 400),
        (
            "/api/v1/sections/housing?page=99999999999999999999".into(),
            400,
        ),
        ("/api/v1/sections/housing?limit=-3".into(), 400),
        ("/api/v1/sections/housing?limit=100000".into(), 200),
        ("/api/v1/sections/housing?page=%FF%FE".into(), 400),
        (format!("/api/v1/sections/{long}"), 404),
        (format!("/api/v1/articles/housing/{long}"), 404),
        ("/api/v1/sections/caf%C3%A9-%F0%9F%8F%A0".into(), 404),
        ("/api/v1/sections/%E2%80%AEevil".into(), 404),
        ("/api/v1/sections/housing%00".into(), 404),
        ("/api/v1/articles/housing/%00".into(), 404),
        ("/api/v1/sections/%FF".into(), 404),
        ("/api/v1/articles/..%2F..%2Fetc/passwd".into(), 404),
        ("/api/v1/articles/%2e%2e/%2e%2e".into(), 404),
        ("/api/v1/search?q=%00%00".into(), 200),
        // Over 500 characters: refused, not cut (results for words the reader did not send would mislead).
        (format!("/api/v1/search?q={long}"), 400),
    ];
    for (path, want) in cases {
        // Raw bytes on the wire: an HTTP client library would normalise `%2e%2e` before sending it.
        let res = common::raw_request(&s.base, &path).await;
        let status: u16 = res
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let text = res.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
        assert_eq!(status, want, "{path}: {text}");
        let json: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|_| panic!("{path}: not JSON"));
        if want >= 400 {
            assert!(json["error"]["code"].is_string(), "{path}: {text}");
        }
    }
}

#[tokio::test]
async fn etag_and_if_none_match_give_304() {
    let s = start().await;
    for path in [
        "/api/v1/articles/housing/long-road-out-of-temporary-accommodation",
        "/api/v1/sections",
        "/api/v1/rails",
    ] {
        let url = format!("{}{path}", s.base);
        let res = client().get(&url).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let etag = res.headers()["etag"].to_str().unwrap().to_string();
        let cc = res.headers()["cache-control"].to_str().unwrap().to_string();
        assert!(cc.contains("max-age"), "{path}: {cc}");
        let again = client()
            .get(&url)
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert!(again.bytes().await.unwrap().is_empty());
        let other = client()
            .get(&url)
            .header("If-None-Match", "W/\"0000\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), 200);
    }
    let err = client()
        .get(format!("{}/api/v1/sections/nope", s.base))
        .send()
        .await
        .unwrap();
    assert!(
        err.headers().get("etag").is_none(),
        "errors carry no validator"
    );
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let s = start().await;
    let res = client()
        .get(format!("{}/api/v1/front", s.base))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
    let res = client()
        .get(format!("{}/api/v1/front", s.base))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn cors_is_off_by_default_and_configurable() {
    let s = start().await;
    let res = client()
        .get(format!("{}/api/v1/sections", s.base))
        .header("Origin", "https://partner.example")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("access-control-allow-origin").is_none());

    let s = start_with(|c| broadsheet_server::Config {
        cors_origins: vec!["https://partner.example".into()],
        ..c
    })
    .await;
    let res = client()
        .get(format!("{}/api/v1/sections", s.base))
        .header("Origin", "https://partner.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://partner.example"
    );
    let res = client()
        .get(format!("{}/api/v1/sections", s.base))
        .header("Origin", "https://other.example")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn openapi_document_is_generated_and_committed() {
    let s = start().await;
    let (status, doc) = get_json(&format!("{}/api/v1/openapi.json", s.base)).await;
    assert_eq!(status, 200);
    for path in [
        "/api/v1/front",
        "/api/v1/sections/{section}",
        "/api/v1/articles/{section}/{slug}",
        "/api/v1/rails",
        "/api/v1/search",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from OpenAPI"
        );
    }
    assert!(doc["components"]["schemas"]["Block"].is_object());
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/openapi.json"
    ))
    .unwrap();
    let committed: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert!(
        committed == doc,
        "docs/openapi.json is stale: run `broadsheet-server openapi > docs/openapi.json`"
    );
}

#[tokio::test]
async fn listing_totals_follow_writes_by_any_process() {
    let s = start().await;
    // Another process (an editor's script, the import subcommand) changes the database directly.
    s.store
        .with_conn(|db| {
            db.execute_batch(
        "DELETE FROM articles WHERE id = (SELECT a.id FROM articles a JOIN sections s ON s.id = a.section_id
             WHERE s.slug = 'transport' AND a.kind = 'news' LIMIT 1);
         UPDATE articles SET kind = 'opinion' WHERE id = (SELECT a.id FROM articles a JOIN sections s
             ON s.id = a.section_id WHERE s.slug = 'housing' AND a.kind = 'news' LIMIT 1);",
            )
        })
        .unwrap();
    let count = |sql: &str| {
        s.store
            .with_conn(|db| db.query_row(sql, (), |r| r.get::<_, u64>(0)))
            .unwrap()
    };
    let transport = count("SELECT COUNT(*) FROM articles a JOIN sections s ON s.id = a.section_id WHERE s.slug = 'transport'");
    let opinion = count("SELECT COUNT(*) FROM articles WHERE kind = 'opinion'");
    let all = count("SELECT COUNT(*) FROM articles");
    let (_, t) = get_json(&format!("{}/api/v1/sections/transport", s.base)).await;
    assert_eq!(t["meta"]["total"].as_u64(), Some(transport));
    assert_eq!(transport, 9, "one of ten deleted");
    let (_, o) = get_json(&format!("{}/api/v1/articles?kind=opinion", s.base)).await;
    assert_eq!(o["meta"]["total"].as_u64(), Some(opinion));
    let (_, a) = get_json(&format!("{}/api/v1/articles", s.base)).await;
    assert_eq!(a["meta"]["total"].as_u64(), Some(all));
    assert_eq!(all, demo_article_count(None) - 1, "one deleted");
}

/// The schema of query or path parameter `name` of `GET path` in the document.
fn parameter<'a>(doc: &'a serde_json::Value, path: &str, name: &str) -> &'a serde_json::Value {
    doc["paths"][path]["get"]["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .map(|p| &p["schema"])
        .unwrap_or_else(|| panic!("{path} has no parameter {name}"))
}

#[test]
fn the_document_states_the_limits_the_server_enforces() {
    use broadsheet_content::limits::{MAX_PAGE, MAX_QUERY_CHARS};
    let doc: serde_json::Value =
        serde_json::from_str(&broadsheet_server::openapi::openapi_json()).unwrap();
    for path in [
        "/api/v1/sections/{section}",
        "/api/v1/articles",
        "/api/v1/topics/{topic}",
        "/api/v1/authors/{author}",
        "/api/v1/search",
    ] {
        let page = parameter(&doc, path, "page");
        assert_eq!(
            (page["minimum"].as_u64(), page["maximum"].as_u64()),
            (Some(1), Some(u64::from(MAX_PAGE))),
            "{path}"
        );
        assert_eq!(parameter(&doc, path, "limit")["minimum"], 0, "{path}");
    }
    let q = parameter(&doc, "/api/v1/search", "q");
    assert_eq!(q["maxLength"].as_u64(), Some(MAX_QUERY_CHARS as u64));
    let comment = &doc["components"]["schemas"]["NewComment"]["properties"];
    assert_eq!(
        comment["name"]["maxLength"].as_u64(),
        Some(broadsheet_content::NAME_MAX as u64)
    );
    assert_eq!(
        comment["body"]["maxLength"].as_u64(),
        Some(broadsheet_content::BODY_MAX as u64)
    );
    // The slug rule, as a pattern, against the rule itself.
    let pattern = parameter(&doc, "/api/v1/sections/{section}", "section")["pattern"]
        .as_str()
        .unwrap()
        .to_string();
    let re = regex::Regex::new(&pattern).unwrap();
    for slug in ["housing", "a-1", "-a", "a-", "a--b", "A", "a_b", "", "x"] {
        assert_eq!(
            re.is_match(slug),
            broadsheet_content::is_valid_slug(slug),
            "{slug}"
        );
    }
}
