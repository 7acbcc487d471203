//! The comment page (`/comment/{section}/{slug}`), the plain form the app links to: served by the server alone,
//! it takes a comment as a form post and answers a page; a mistake comes back as the form with what was written.

use crate::common;

use common::{client, get_page, start, EDITOR_TOKEN};
use scraper::{Html, Selector};

const PAGE: &str = "/comment/transport/tyneford-bus-franchising-goes-live";

fn value(html: &str, css: &str) -> String {
    let doc = Html::parse_document(html);
    let e = doc
        .select(&Selector::parse(css).unwrap())
        .next()
        .unwrap_or_else(|| panic!("no {css}"));
    match e.value().name() {
        "textarea" => e.text().collect(),
        _ => e.value().attr("value").unwrap_or_default().to_string(),
    }
}

async fn send(base: &str, path: &str, form: &[(&str, &str)]) -> (u16, String) {
    let res = client()
        .post(format!("{base}{path}"))
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn the_comment_page_takes_a_form_and_keeps_what_was_written_on_a_mistake() {
    let s = start().await;
    let (status, headers, html) = get_page(&format!("{}{PAGE}", s.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Add your comment") && html.contains("Tyneford"));
    assert!(
        !html.contains("<script type=\"module\""),
        "a server page, without the app"
    );
    assert_eq!(
        headers["cache-control"], "no-store",
        "a form is nobody's to cache"
    );
    let key = value(&html, "input[name=key]");
    assert!(key.len() >= 8);

    // Breaks the rules: the form again, 422, with the text and the messages.
    let text = "Four links: https://a.example https://b.example https://c.example www.d.example";
    let (status, html) = send(
        &s.base,
        PAGE,
        &[("name", ""), ("body", text), ("key", &key)],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("<title>Error: Add your comment"));
    assert_eq!(value(&html, "textarea[name=body]"), text);
    assert_eq!(
        value(&html, "input[name=key]"),
        key,
        "the same draft keeps its key"
    );
    assert!(html.contains("aria-invalid=\"true\""));

    // A key that is not one (a tampered form): refused, and the form comes back with a good one.
    let (status, html) = send(
        &s.base,
        PAGE,
        &[("name", "Pat"), ("body", "Hello"), ("key", "bad key")],
    )
    .await;
    assert_eq!(status, 400);
    let fresh = value(&html, "input[name=key]");
    assert!(fresh.len() >= 8 && fresh != "bad key");
    assert_eq!(value(&html, "textarea[name=body]"), "Hello");

    // Taken, twice with the same key: stored once.
    let body = format!("A fair point {}", s.base);
    for _ in 0..2 {
        let (status, html) = send(
            &s.base,
            PAGE,
            &[("name", "Pat"), ("body", &body), ("key", &key)],
        )
        .await;
        assert_eq!(status, 200);
        assert!(html.contains("once an editor has approved it"), "{html}");
    }
    let pending: serde_json::Value = client()
        .get(format!("{}/api/v1/moderation/comments", s.base))
        .bearer_auth(EDITOR_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mine = pending["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["body"] == body.as_str())
        .count();
    assert_eq!(mine, 1);

    // No such article, and an article closed to comments.
    let (status, _, _) = get_page(&format!("{}/comment/transport/no-such-article", s.base)).await;
    assert_eq!(status, 404);
    s.store
        .with_conn(|db| {
            db.execute_batch(
                "UPDATE articles SET comments_open = 0 WHERE slug = 'tyneford-bus-franchising-goes-live'",
            )
        })
        .unwrap();
    let (status, _, html) = get_page(&format!("{}{PAGE}", s.base)).await;
    assert_eq!(status, 403);
    assert!(html.contains("Comments are closed on this article."));
    let (status, html) = send(&s.base, PAGE, &[("name", "Pat"), ("body", "Too late")]).await;
    assert_eq!(status, 403);
    assert_eq!(value(&html, "textarea[name=body]"), "Too late");
}
