//! Posting and moderating comments over real HTTP: every rule, the honeypot, the rate limit, the token, the
//! moderation flow, concurrent posts, and a kill -9 right after an accepted post.

use crate::common;

use common::{client, get_json, start, start_with, EDITOR_TOKEN};
use serde_json::{json, Value};

const ARTICLE: &str = "/api/v1/articles/transport/tyneford-bus-franchising-goes-live";

async fn post(base: &str, body: Value) -> (u16, Value, reqwest::header::HeaderMap) {
    let res = client()
        .post(format!("{base}{ARTICLE}/comments"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        headers,
    )
}

async fn moderate(
    base: &str,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
) -> (u16, Value) {
    let mut req = client().request(method, format!("{base}/api/v1/moderation/comments{path}"));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn pending(base: &str) -> Vec<Value> {
    let (status, list) = moderate(base, reqwest::Method::GET, "", Some(EDITOR_TOKEN)).await;
    assert_eq!(status, 200);
    list["comments"].as_array().unwrap().clone()
}

fn fields(body: &Value) -> Vec<String> {
    body["error"]["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_rule_is_checked_with_a_message_per_field() {
    let s = start().await;
    let long = "x".repeat(3001);
    let links = "https://a.example https://b.example https://c.example https://d.example";
    let cases = [
        (json!({"name": "", "body": ""}), vec!["name", "body"]),
        (
            json!({"name": "  ", "body": " \n\t "}),
            vec!["name", "body"],
        ),
        (json!({"name": "\u{200B}", "body": "fine"}), vec!["name"]),
        // Blank without being white space: Braille blanks, a Hangul filler, marks with no base, tags.
        (
            json!({"name": "\u{2800}\u{2800}\u{2800}", "body": "\u{3164}"}),
            vec!["name", "body"],
        ),
        (
            json!({"name": "\u{0301}\u{20DD}", "body": "\u{E0041}\u{FE0F}"}),
            vec!["name", "body"],
        ),
        (
            json!({"name": "n".repeat(61), "body": "fine"}),
            vec!["name"],
        ),
        (json!({"name": "Two\nlines", "body": "fine"}), vec!["name"]),
        (json!({"name": "Ann", "body": long}), vec!["body"]),
        (json!({"name": "Ann", "body": links}), vec!["body"]),
    ];
    for (body, expected) in cases {
        let (status, answer, _) = post(&s.base, body.clone()).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(answer["error"]["code"], "invalid");
        assert_eq!(fields(&answer), expected, "{body}");
        for f in answer["error"]["fields"].as_array().unwrap() {
            assert!(!f["message"].as_str().unwrap().is_empty());
        }
    }
    for bad in ["not json", "{\"name\": 3}", ""] {
        let res = client()
            .post(format!("{}{ARTICLE}/comments", s.base))
            .header("content-type", "application/json")
            .body(bad)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 400, "{bad:?}");
    }
    assert!(
        pending(&s.base).await.is_empty(),
        "nothing invalid was stored"
    );
}

#[tokio::test]
async fn a_post_waits_for_moderation_then_shows_once_approved() {
    let s = start().await;
    let (status, answer, _) = post(
        &s.base,
        json!({"name": "  Ann Reader ", "body": "Line one\r\nLine two", "key": "draft-0001"}),
    )
    .await;
    assert_eq!(status, 202);
    assert_eq!(answer["status"], "pending");
    assert!(answer["message"].as_str().unwrap().contains("approved"));
    let id = answer["id"].as_i64().unwrap();

    let (_, shown) = get_json(&format!("{}{ARTICLE}/comments", s.base)).await;
    assert_eq!(shown["total"], 2, "readers count only published comments");

    let list = pending(&s.base).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["author"], "Ann Reader");
    assert_eq!(list[0]["body"], "Line one\nLine two");
    assert_eq!(
        list[0]["article"],
        "/transport/tyneford-bus-franchising-goes-live"
    );

    let (status, _) = moderate(
        &s.base,
        reqwest::Method::POST,
        &format!("/{id}/approve"),
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 204);
    let (_, shown) = get_json(&format!("{}{ARTICLE}/comments", s.base)).await;
    assert_eq!(shown["total"], 3);
    assert_eq!(shown["comments"][2]["body"], "Line one\nLine two");

    let (status, _) = moderate(
        &s.base,
        reqwest::Method::POST,
        &format!("/{id}/reject"),
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 204);
    let (_, shown) = get_json(&format!("{}{ARTICLE}/comments", s.base)).await;
    assert_eq!(shown["total"], 2);

    let (status, _) = moderate(
        &s.base,
        reqwest::Method::DELETE,
        &format!("/{id}"),
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = moderate(
        &s.base,
        reqwest::Method::DELETE,
        &format!("/{id}"),
        Some(EDITOR_TOKEN),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_same_draft_posted_twice_is_stored_once() {
    let s = start().await;
    let body = json!({"name": "Ann", "body": "Retry me", "key": "draft-twice-01"});
    let (_, first, _) = post(&s.base, body.clone()).await;
    let (_, second, _) = post(&s.base, body).await;
    assert_eq!(first["id"], second["id"]);
    assert_eq!(pending(&s.base).await.len(), 1);
    let (status, _, _) = post(
        &s.base,
        json!({"name": "Ann", "body": "x", "key": "bad key!"}),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn unpaired_bidi_controls_do_not_survive_posting_and_right_to_left_text_does() {
    let s = start_with(|c| broadsheet_server::Config {
        comment_policy: broadsheet_server::config::CommentPolicy::Publish,
        ..c
    })
    .await;
    for (name, body) in [
        ("Ann\u{202E}", "Hello\u{2067} there"),
        ("سارة أحمد", "\u{2067}שלום\u{2069} and thanks"),
    ] {
        let (status, _, _) = post(&s.base, json!({"name": name, "body": body})).await;
        assert_eq!(status, 201);
    }
    let (_, shown) = get_json(&format!("{}{ARTICLE}/comments", s.base)).await;
    let shown: Vec<(&str, &str)> = shown["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["author"].as_str().unwrap(), c["body"].as_str().unwrap()))
        .collect();
    assert!(shown.contains(&("Ann", "Hello there")), "{shown:?}");
    assert!(
        shown.contains(&("سارة أحمد", "\u{2067}שלום\u{2069} and thanks")),
        "{shown:?}"
    );
}

#[tokio::test]
async fn the_publish_policy_shows_comments_at_once() {
    let s = start_with(|c| broadsheet_server::Config {
        comment_policy: broadsheet_server::config::CommentPolicy::Publish,
        ..c
    })
    .await;
    let (status, answer, _) = post(&s.base, json!({"name": "Ann", "body": "Straight up"})).await;
    assert_eq!(
        (status, answer["status"].as_str()),
        (201, Some("published"))
    );
    let (_, shown) = get_json(&format!("{}{ARTICLE}/comments", s.base)).await;
    assert_eq!(shown["total"], 3);
}

#[tokio::test]
async fn the_honeypot_looks_accepted_and_stores_nothing() {
    let s = start().await;
    let (status, answer, _) = post(
        &s.base,
        json!({"name": "Bot", "body": "Buy now", "website": "http://spam.example"}),
    )
    .await;
    assert_eq!(status, 202);
    assert_eq!(answer["status"], "pending");
    assert!(pending(&s.base).await.is_empty());
}

#[tokio::test]
async fn a_client_posting_too_often_gets_429_with_retry_after() {
    let s = start_with(|c| broadsheet_server::Config {
        comment_limit: 2,
        comment_window: 600,
        ..c
    })
    .await;
    for i in 0..2 {
        let (status, _, _) =
            post(&s.base, json!({"name": "Ann", "body": format!("Post {i}")})).await;
        assert_eq!(status, 202);
    }
    let (status, answer, headers) = post(&s.base, json!({"name": "Ann", "body": "Post 3"})).await;
    assert_eq!(status, 429);
    assert_eq!(answer["error"]["code"], "rate_limited");
    let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((590..=600).contains(&wait), "{wait}");
    assert_eq!(pending(&s.base).await.len(), 2);
}

#[tokio::test]
async fn closed_and_unknown_articles_refuse_posts() {
    let s = start().await;
    s.store
        .with_conn(|db| {
            db.execute(
                "UPDATE articles SET comments_open = 0 WHERE slug = 'tyneford-bus-franchising-goes-live'",
                (),
            )
        })
        .unwrap();
    let (status, answer, _) = post(&s.base, json!({"name": "Ann", "body": "Hello"})).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (403, Some("comments_closed"))
    );
    let res = client()
        .post(format!(
            "{}/api/v1/articles/transport/no-such-story/comments",
            s.base
        ))
        .json(&json!({"name": "Ann", "body": "Hello"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

#[tokio::test]
async fn moderation_without_the_right_token_is_401_and_changes_nothing() {
    let s = start().await;
    let (_, answer, _) = post(&s.base, json!({"name": "Ann", "body": "Keep me pending"})).await;
    let id = answer["id"].as_i64().unwrap();
    for token in [None, Some("wrong"), Some("")] {
        let (status, body) = moderate(&s.base, reqwest::Method::GET, "", token).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (401, Some("unauthorized"))
        );
        let (status, _) = moderate(
            &s.base,
            reqwest::Method::POST,
            &format!("/{id}/approve"),
            token,
        )
        .await;
        assert_eq!(status, 401);
        let (status, _) =
            moderate(&s.base, reqwest::Method::DELETE, &format!("/{id}"), token).await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        pending(&s.base).await.len(),
        1,
        "still there, still pending"
    );

    // A server without a token turns HTTP moderation off altogether.
    let off = start_with(|c| broadsheet_server::Config {
        moderation_token: None,
        ..c
    })
    .await;
    let (status, _) = moderate(&off.base, reqwest::Method::GET, "", Some(EDITOR_TOKEN)).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn fifty_concurrent_posts_are_all_stored_exactly_once() {
    let s = start().await;
    let posts = (0..50).map(|i| {
        let base = s.base.clone();
        tokio::spawn(async move {
            post(&base, json!({"name": "Crowd", "body": format!("Comment {i}"), "key": format!("crowd-key-{i:04}")})).await.0
        })
    });
    for p in posts.collect::<Vec<_>>() {
        assert_eq!(p.await.unwrap(), 202);
    }
    let list = pending(&s.base).await;
    let mut bodies: Vec<String> = list
        .iter()
        .map(|c| c["body"].as_str().unwrap().to_string())
        .collect();
    bodies.sort();
    bodies.dedup();
    assert_eq!((list.len(), bodies.len()), (50, 50));
}

#[tokio::test]
async fn comment_lists_are_revalidated_by_browsers_and_keyed_by_their_article_for_shared_caches() {
    let s = start().await;
    let res = client()
        .get(format!("{}{ARTICLE}/comments", s.base))
        .send()
        .await
        .unwrap();
    let cache_control = res.headers()["cache-control"].to_str().unwrap();
    // Browsers ask each time and never show a stale list first: a reader sees an approved comment on reload.
    assert!(
        cache_control.contains("max-age=0, must-revalidate,"),
        "{cache_control}"
    );
    assert!(
        !cache_control.contains("stale-while-revalidate"),
        "{cache_control}"
    );
    assert!(cache_control.contains("s-maxage="), "{cache_control}");
    assert!(res.headers().contains_key("etag"));
    // Approving a comment purges this key tests/server/varnish.rs sees it through a real cache).
    let key = ARTICLE.trim_start_matches("/api/v1/articles/");
    assert_eq!(
        res.headers()["surrogate-key"],
        format!("article:{key}").as_str()
    );
}
