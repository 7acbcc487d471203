//! First visits: the front page, a section and an article are in the HTML before any script runs, escaped, and
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
async fn the_front_page_and_sections_arrive_as_html_with_their_data() {
    let s = start().await;
    let (status, headers, html) = get_page(&format!("{}/", s.base)).await;
    assert_eq!(status, 200);
    let (_, front) = get_json(&format!("{}/api/v1/front", s.base)).await;
    assert_eq!(data(&html, "/front"), front);
    assert!(html.contains("<title>Broadsheet</title>"));
    // Every top story and every section block's headline is readable before the app runs, linked to its article.
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let teasers = front["top_stories"].as_array().unwrap().iter().chain(
        front["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|b| b["articles"].as_array().unwrap()),
    );
    let mut count = 0;
    for t in teasers {
        let href = format!(
            "/{}/{}",
            t["section"]["slug"].as_str().unwrap(),
            t["slug"].as_str().unwrap()
        );
        assert!(main.contains(&format!("<a href=\"{href}\">")), "{href}");
        count += 1;
    }
    assert!(count > 10, "{count}");
    assert_eq!(main.matches("class=\"teaser\"").count(), count);
    assert!(main.contains("<h2 id=\"top-stories-heading\">Top stories</h2>"));
    assert!(html.contains("<a href=\"/\" aria-current=\"page\">Home</a>"));
    // The first images load at once, the very first ahead of others; those further down wait until needed.
    assert_eq!(main.matches("fetchpriority=\"high\"").count(), 1);
    assert_eq!(main.matches("loading=\"eager\"").count(), 4);
    assert!(main.contains("loading=\"lazy\""));
    // As for articles, the app starts once the page is painted, by a script the policy allows.
    assert!(!html.contains(common::INLINE_SCRIPT));
    assert!(html.contains("addEventListener('load'"));
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains(&inline_script_hashes(&html)[0]), "{csp}");

    let (_, _, html) = get_page(&format!("{}/housing", s.base)).await;
    let (_, listing) = get_json(&format!("{}/api/v1/sections/housing?page=1", s.base)).await;
    assert_eq!(data(&html, "/sections/housing?page=1"), listing);
    assert!(html.contains("<title>Housing | Broadsheet</title>"));
    assert!(html.contains("<h1 tabindex=\"-1\">Housing</h1>"));
    assert!(html.contains("href=\"/housing\" aria-current=\"page\""));
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let articles = listing["articles"].as_array().unwrap();
    assert!(!articles.is_empty());
    for t in articles {
        let headline = t["headline"].as_str().unwrap().replace('\'', "&#39;");
        assert!(main.contains(&format!("{headline}</a></h2>")), "{headline}");
    }
    let pages = listing["meta"]["pages"].as_u64().unwrap();
    assert!(main.contains(&format!(
        "<span class=\"pager-status\">Page 1 of {pages}</span>"
    )));
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
