//! First visits: an article is in the HTML before any script runs, escaped; the front page, sections and articles
//! bring their API answers as JSON the app can start from; other paths are left alone.

mod common;

use std::path::Path;

use broadsheet_server::http::security::inline_script_hashes;
use common::{get_json, get_page, start, start_with};

/// The JSON the page carries for one API path, parsed.
fn data(html: &str, path: &str) -> serde_json::Value {
    let open = format!("<script type=\"application/json\" data-broadsheet-path=\"{path}\">");
    let at = html
        .find(&open)
        .unwrap_or_else(|| panic!("no data for {path}"))
        + open.len();
    let end = at + html[at..].find("</script>").unwrap();
    serde_json::from_str(&html[at..end]).unwrap()
}

#[tokio::test]
async fn an_article_arrives_as_html_with_its_data() {
    let s = start().await;
    let path = "/health-and-social-care/carers-respite-scheme-reaches-four-thousand-families";
    let (status, headers, html) = get_page(&format!("{}{path}", s.base)).await;
    assert_eq!(status, 200);
    assert_eq!(headers["cache-control"], "no-cache");
    let (_, api) = get_json(&format!("{}/api/v1/articles{path}", s.base)).await;
    // Headline in the title and the h1, apostrophe escaped.
    assert!(html.contains(
        "<title>Carers&#39; breaks scheme reaches 4,000 families in its first year | Broadsheet</title>"
    ));
    assert!(html.contains(
        "<h1 tabindex=\"-1\">Carers&#39; breaks scheme reaches 4,000 families in its first year</h1>"
    ));
    // The first paragraph of the body is readable without the app.
    let first = api["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "paragraph")
        .unwrap();
    let words = first["content"][0]["text"].as_str().unwrap();
    let plain: String = words.chars().take_while(|c| *c != '\'').take(30).collect();
    let body_at = html.find("<div class=\"article-body\"><p>").unwrap();
    let json_at = html.find("data-broadsheet-path").unwrap();
    assert!(html[body_at..json_at].contains(&plain), "{plain}");
    // Landmarks the app also renders; the current section is marked in the nav.
    assert!(html.contains("<main id=\"main\" tabindex=\"-1\">"));
    assert!(html.contains("href=\"/health-and-social-care\" aria-current=\"page\""));
    // The data equals what the API answers, so the app can skip those requests.
    assert_eq!(data(&html, &format!("/articles{path}")), api);
    let (_, sections) = get_json(&format!("{}/api/v1/sections", s.base)).await;
    assert_eq!(data(&html, "/sections"), sections);
    let (_, rails) = get_json(&format!("{}/api/v1/rails", s.base)).await;
    assert_eq!(data(&html, "/rails"), rails);
    // The app starts once the page has loaded, by a script the page's policy allows, without preloads competing
    // with the article for the network.
    assert!(!html.contains(common::INLINE_SCRIPT));
    assert!(html.contains("import('/app-0123456789abcdef.js')"));
    assert!(html.contains("addEventListener('load'"));
    let csp = headers["content-security-policy"].to_str().unwrap();
    let hashes = inline_script_hashes(&html);
    assert_eq!(hashes.len(), 1);
    assert!(csp.contains(&hashes[0]), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
}

#[tokio::test]
async fn the_front_page_and_sections_bring_their_data_without_html() {
    let s = start().await;
    let (_, _, html) = get_page(&format!("{}/", s.base)).await;
    let (_, front) = get_json(&format!("{}/api/v1/front", s.base)).await;
    assert_eq!(data(&html, "/front"), front);
    assert!(html.contains("<title>Broadsheet</title>"));
    assert!(!html.contains("id=\"prerender\""));
    // Nothing to read before the app runs, so it starts at once.
    assert!(html.contains(common::INLINE_SCRIPT));
    let (_, _, html) = get_page(&format!("{}/housing", s.base)).await;
    let (_, listing) = get_json(&format!("{}/api/v1/sections/housing?page=1", s.base)).await;
    assert_eq!(data(&html, "/sections/housing?page=1"), listing);
    assert!(html.contains("<title>Housing | Broadsheet</title>"));
    assert!(!html.contains("id=\"prerender\""));
}

#[tokio::test]
async fn other_paths_and_unknown_pages_get_the_plain_page() {
    let s = start().await;
    for path in [
        "/housing?page=2",
        "/housing/no-such-story",
        "/no-such-section",
        "/latest",
        "/embed",
        "/saved",
    ] {
        let (status, _, html) = get_page(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains("<title>Broadsheet</title>"), "{path}");
        assert!(!html.contains("id=\"prerender\""), "{path}");
        assert!(!html.contains("data-broadsheet-path"), "{path}");
    }
    // A path under one of the app's own folders is never taken for an article.
    let (_, _, html) = get_page(&format!("{}/icons/no-such-icon.png", s.base)).await;
    assert!(!html.contains("data-broadsheet-path"));
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[tokio::test]
async fn hostile_text_cannot_break_out_of_the_page() {
    let content = tempfile::tempdir().unwrap();
    write(
        &content.path().join("sections.toml"),
        "[[section]]\nslug = \"housing\"\nname = \"Housing <b>\"\ndescription = \"Homes.\"\n",
    );
    let headline = "</script><script>alert(1)</script> & \\\"quotes\\\"";
    write(
        &content.path().join("articles/housing/hostile.md"),
        &format!(
            "+++\nheadline = \"{headline}\"\nstandfirst = \"<img src=x onerror=alert(2)>\"\nkind = \"news\"\npublished = 2026-09-01T08:00:00Z\nbyline = \"A Writer\"\n+++\n\nBody </script> text.\n"
        ),
    );
    let dir = content.path().to_path_buf();
    let s = start_with(move |mut c| {
        c.content = dir;
        c
    })
    .await;
    let (status, _, html) = get_page(&format!("{}/housing/hostile", s.base)).await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("Housing <b>"), "{html}");
    assert!(html
        .contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    // Inside the JSON no `<` survives to close the script element, and the data still parses to the text.
    let a = data(&html, "/articles/housing/hostile");
    assert_eq!(
        a["headline"],
        "</script><script>alert(1)</script> & \"quotes\""
    );
    // Only the page's own scripts close: the inline module and the three data scripts.
    assert_eq!(html.matches("</script>").count(), 4);
}
