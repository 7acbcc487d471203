//! Partner widgets over real HTTP: the widget page, its headers, its failures, and oEmbed.

use crate::common;

use common::{get_json, get_page, start, start_with};

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[tokio::test]
async fn widget_shows_the_requested_headlines_newest_first() {
    let s = start().await;
    let (_, listing) = get_json(&format!("{}/api/v1/sections/housing?limit=3", s.base)).await;
    let (status, headers, html) =
        get_page(&format!("{}/embed/housing?limit=3&dates=1", s.base)).await;
    assert_eq!(status, 200);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(count(&html, "<li>"), 3);
    for (i, a) in listing["articles"].as_array().unwrap().iter().enumerate() {
        let href = format!(
            "href=\"/housing/{}\" target=\"_blank\" rel=\"noopener\"",
            a["slug"].as_str().unwrap()
        );
        let at = html
            .find(&href)
            .unwrap_or_else(|| panic!("headline {i} missing"));
        assert!(html[at..].contains(a["headline"].as_str().unwrap().split('\'').next().unwrap()));
    }
    assert!(html.contains(
        "<h1 id=\"w\"><a href=\"/housing\" target=\"_blank\" rel=\"noopener\">Housing</a></h1>"
    ));
    assert_eq!(count(&html, "<time "), 3);
    assert!(!html.contains(".wasm"), "the widget needs no wasm");
    assert!(html.contains("rel=\"alternate\" type=\"application/json+oembed\""));
    // Limit is clamped, options can be switched off.
    let (_, _, ten) = get_page(&format!("{}/embed/housing?limit=50&dates=0", s.base)).await;
    let (_, full) = get_json(&format!("{}/api/v1/sections/housing?limit=10", s.base)).await;
    assert_eq!(
        count(&ten, "<li>"),
        full["articles"].as_array().unwrap().len().min(10)
    );
    assert_eq!(count(&ten, "<time "), 0);
}

#[tokio::test]
async fn widget_headers_allow_framing_only_there_and_set_no_cookies() {
    let s = start().await;
    let (_, headers, _) = get_page(&format!("{}/embed/finance", s.base)).await;
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(csp.contains("script-src 'sha256-") && !csp.contains("unsafe-inline"));
    assert!(headers.get("set-cookie").is_none());
    let (_, front, _) = get_page(&format!("{}/", s.base)).await;
    let csp = front["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
    let (_, api, _) = get_page(&format!("{}/api/v1/sections", s.base)).await;
    assert!(api["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'self'"));

    let allow = start_with(|mut c| {
        c.embed_ancestors = vec![
            "https://council.example".into(),
            "https://trade.example".into(),
        ];
        c
    })
    .await;
    let (_, headers, _) = get_page(&format!("{}/embed/finance", allow.base)).await;
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .ends_with("frame-ancestors https://council.example https://trade.example"));
}

#[tokio::test]
async fn unknown_section_gives_a_message_and_a_link_not_a_blank_box() {
    let s = start().await;
    for path in ["/embed/no-such-section", "/embed/NOT_A_SLUG"] {
        let (status, _, html) = get_page(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("does not have"), "{path}");
        assert!(html.contains("<a href=\"/\" target=\"_blank\" rel=\"noopener\">"));
    }
}

#[tokio::test]
async fn oembed_describes_a_widget_as_a_rich_iframe() {
    let s = start().await;
    let widget = format!("{}/embed/housing?limit=3&theme=dark", s.base);
    let url = format!(
        "{}/api/v1/oembed?url={}&format=json&maxwidth=320",
        s.base,
        widget.replace('&', "%26").replace('?', "%3F")
    );
    let (status, body) = get_json(&url).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["version"], "1.0");
    assert_eq!(body["type"], "rich");
    assert_eq!(body["width"], 320);
    assert!(body["height"].as_u64().unwrap() > 100);
    let html = body["html"].as_str().unwrap();
    assert!(html.starts_with("<iframe src=\""));
    assert!(html.contains(&format!("{}/embed/housing?limit=3&amp;theme=dark", s.base)));
    assert!(html.contains("title=\"Latest headlines: Housing on Broadsheet\""));
    assert!(!html.contains("allow-top-navigation"));

    // The discovery link on the widget points here.
    let (_, _, page) = get_page(&widget).await;
    assert!(page.contains(&format!(
        "href=\"{}/api/v1/oembed?url=http%3A%2F%2F127.0.0.1",
        s.base
    )));

    let bad = |q: &str| format!("{}/api/v1/oembed?{q}", s.base);
    assert_eq!(get_json(&bad("format=json")).await.0, 400, "no url");
    // A URL the provider has no embed for is 404, so consumers may ask blindly (oEmbed 1.0, section 2.3.4).
    for elsewhere in [
        "url=https%3A%2F%2Felsewhere.example%2Fembed%2Fhousing",
        "url=%2Fembed%2Fhousing",
        "url=javascript%3Aalert(1)",
    ] {
        assert_eq!(get_json(&bad(elsewhere)).await.0, 404, "{elsewhere}");
    }
    let wide = format!(
        "url={}%2Fembed%2Fhousing&maxwidth=wide",
        s.base.replace(':', "%3A").replace('/', "%2F")
    );
    assert_eq!(
        get_json(&bad(&wide)).await.0,
        400,
        "a size that is not a number"
    );
    let unknown = format!(
        "url={}%2Fembed%2Fnope",
        s.base.replace(':', "%3A").replace('/', "%2F")
    );
    assert_eq!(get_json(&bad(&unknown)).await.0, 404);
    let xml = format!(
        "url={}%2Fhousing&format=xml",
        s.base.replace(':', "%3A").replace('/', "%2F")
    );
    assert_eq!(get_json(&bad(&xml)).await.0, 501);
}

#[tokio::test]
async fn the_partners_page_is_a_server_page_that_answers_its_own_form() {
    let s = start().await;
    let (status, headers, html) = get_page(&format!(
        "{}/embed?chosen=1&section=finance&limit=3&theme=dark&images=1",
        s.base
    ))
    .await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script type=\"module\""), "no app on it");
    assert!(html.contains("<h1 tabindex=\"-1\">Broadsheet headlines on your site</h1>"));
    assert!(html.contains("<option value=\"finance\" selected"));
    let iframe = html
        .find("<iframe")
        .map(|i| &html[i..i + 200])
        .unwrap_or_default();
    assert!(iframe.contains("title=\"Preview of your widget\" src=\"/embed/finance?limit=3&amp;theme=dark&amp;images=1&amp;dates=0&amp;standfirst=0&amp;most_read=0\""), "{iframe}");
    // The snippet is text: its markup arrives escaped, with this site's address in it.
    assert!(html.contains(&format!(
        "&lt;div data-broadsheet-widget data-section=\"finance\" data-limit=\"3\" data-theme=\"dark\" data-images=\"1\" data-dates=\"0\"&gt;&lt;a href=\"{}/finance\"&gt;",
        s.base
    )));
    assert!(!html.contains("<div data-broadsheet-widget"));
    assert_eq!(headers["cache-control"], "no-store");
    // Values a partner mistyped fall back as a widget's do; a section the site lacks is its first.
    let (status, _, html) = get_page(&format!(
        "{}/embed?section=nope&limit=abc&theme=sepia",
        s.base
    ))
    .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("data-limit=\"5\" data-theme=\"auto\""),
        "defaults"
    );
    let (_, sections) = get_json(&format!("{}/api/v1/sections", s.base)).await;
    let first = sections["sections"][0]["slug"].as_str().unwrap_or_default();
    assert!(
        html.contains(&format!(
            "src=\"/embed/{first}?limit=5&amp;theme=auto&amp;images=0&amp;dates=1"
        )),
        "the first section, dates on"
    );
}
