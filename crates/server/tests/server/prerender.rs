//! First visits, as a client that runs no script sees them (a link-preview fetcher, a crawler, a reader without
//! wasm): every page arrives as HTML rendered from the app's views, with its head, its true status and its API
//! answers as JSON. Pages are parsed with an HTML parser.

use crate::common;

use std::path::Path;

use broadsheet_server::http::security::inline_script_hashes;
use common::{get_json, get_page, start, start_with};
use scraper::{Html, Selector};

/// True if the page carries no copy of an API answer (the app fetches them once it starts: a copy doubled the
/// page and cost the first paint a round trip).
fn carries_no_data(doc: &Html) -> bool {
    one(doc, "script[type=\"application/json\"]").is_none()
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn one<'a>(doc: &'a Html, s: &str) -> Option<scraper::ElementRef<'a>> {
    doc.select(&selector(s)).next()
}

fn all(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&selector(s))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn text(doc: &Html, s: &str) -> String {
    one(doc, s)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_else(|| panic!("no {s}"))
}

/// The `content` of `<meta property=…>` or `<meta name=…>`.
fn meta(doc: &Html, key: &str) -> String {
    let e = one(doc, &format!("meta[property=\"{key}\"]"))
        .or_else(|| one(doc, &format!("meta[name=\"{key}\"]")))
        .unwrap_or_else(|| panic!("no meta {key}"));
    e.value().attr("content").unwrap_or_default().to_string()
}

fn metas(doc: &Html, key: &str) -> Vec<String> {
    doc.select(&selector(&format!("meta[property=\"{key}\"]")))
        .filter_map(|e| e.value().attr("content").map(str::to_string))
        .collect()
}

fn json_ld(doc: &Html) -> Vec<serde_json::Value> {
    doc.select(&selector("script[type=\"application/ld+json\"]"))
        .map(|e| serde_json::from_str(&e.text().collect::<String>()).unwrap())
        .collect()
}

#[tokio::test]
async fn an_article_arrives_as_html_with_its_head_and_no_copy_of_its_data() {
    let s = start().await;
    let path = "/health-and-social-care/carers-respite-scheme-reaches-four-thousand-families";
    let (status, headers, html) = get_page(&format!("{}{path}", s.base)).await;
    assert_eq!(status, 200);
    assert!(headers["cache-control"]
        .to_str()
        .unwrap()
        .starts_with("public, max-age=0, must-revalidate, s-maxage="));
    // The page shows the article, the rails and the masthead's sections: an edit to any purges it.
    let keys: Vec<&str> = headers["surrogate-key"]
        .to_str()
        .unwrap()
        .split(' ')
        .collect();
    for key in [
        "article:health-and-social-care/carers-respite-scheme-reaches-four-thousand-families",
        "rails",
        "sections",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    let (_, api) = get_json(&format!("{}/api/v1/articles{path}", s.base)).await;
    let doc = Html::parse_document(&html);
    let headline = api["headline"].as_str().unwrap();
    assert_eq!(text(&doc, "title"), format!("{headline} | Broadsheet"));
    assert_eq!(text(&doc, "main h1"), headline);
    // The whole body is readable without the app: every paragraph's text is in the article body.
    let body = text(&doc, "main .article-body");
    for b in api["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "paragraph")
    {
        let words: String = b["content"][0]["text"]
            .as_str()
            .unwrap_or("")
            .chars()
            .take(30)
            .collect();
        assert!(body.contains(words.trim()), "{words}");
    }
    // Landmarks the app also renders; the current section is marked in the nav; the rails are there too.
    assert!(one(&doc, "main#main[tabindex=\"-1\"]").is_some());
    assert_eq!(
        text(&doc, "nav.section-nav a[aria-current=\"page\"]"),
        api["section"]["name"].as_str().unwrap()
    );
    assert!(doc.select(&selector("aside.rails section.rail")).count() >= 3);
    assert!(one(&doc, "footer.site-footer").is_some());
    // The head a link preview reads.
    let url = format!("{}{path}", s.base);
    let canonical = one(&doc, "link[rel=\"canonical\"]").unwrap();
    assert_eq!(canonical.value().attr("href"), Some(url.as_str()));
    assert_eq!(meta(&doc, "og:url"), url);
    assert_eq!(meta(&doc, "og:type"), "article");
    assert_eq!(meta(&doc, "og:title"), headline);
    assert_eq!(
        meta(&doc, "og:description"),
        api["standfirst"].as_str().unwrap()
    );
    assert_eq!(
        meta(&doc, "description"),
        api["standfirst"].as_str().unwrap()
    );
    assert_eq!(meta(&doc, "og:site_name"), "Broadsheet");
    assert_eq!(meta(&doc, "og:locale"), "en_GB");
    // The demo's images are SVG, which link previews do not show: the PNG logo stands in, with its size.
    let image = &api["image"];
    assert!(image["url"].as_str().unwrap().ends_with(".svg"));
    assert_eq!(
        meta(&doc, "og:image"),
        format!("{}/icons/icon-512.png", s.base)
    );
    assert_eq!(meta(&doc, "og:image:width"), "512");
    assert_eq!(meta(&doc, "og:image:height"), "512");
    assert_eq!(meta(&doc, "og:image:alt"), "Broadsheet");
    assert_eq!(meta(&doc, "twitter:card"), "summary_large_image");
    assert_eq!(
        meta(&doc, "article:published_time"),
        api["published"].as_str().unwrap()
    );
    assert!(!meta(&doc, "article:modified_time").is_empty());
    assert_eq!(
        meta(&doc, "article:section"),
        api["section"]["name"].as_str().unwrap()
    );
    let tags: Vec<String> = api["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(metas(&doc, "article:tag"), tags);
    assert!(one(&doc, "meta[name=\"robots\"]").is_none());
    // JSON-LD: a NewsArticle with the fields Google reads, and the breadcrumbs.
    let ld = json_ld(&doc);
    let article = ld
        .iter()
        .find(|l| l["@type"] == "NewsArticle")
        .expect("NewsArticle");
    assert_eq!(article["headline"], headline);
    assert_eq!(article["description"], api["standfirst"]);
    assert_eq!(article["datePublished"], api["published"]);
    assert!(article["dateModified"].is_string());
    assert_eq!(
        article["image"][0],
        format!("{}{}", s.base, image["url"].as_str().unwrap())
    );
    assert_eq!(article["author"][0]["@type"], "Person");
    assert_eq!(article["author"][0]["name"], api["authors"][0]["name"]);
    // The author's page, absolute, when they have one.
    assert_eq!(
        article["author"][0]["url"],
        format!(
            "{}/authors/{}",
            s.base,
            api["authors"][0]["slug"].as_str().unwrap()
        )
    );
    assert_eq!(article["publisher"]["@type"], "Organization");
    assert!(article["publisher"]["logo"]["url"]
        .as_str()
        .unwrap()
        .starts_with("http"));
    assert_eq!(article["mainEntityOfPage"], url.as_str());
    assert_eq!(article["articleSection"], api["section"]["name"]);
    assert_eq!(article["keywords"].as_array().unwrap().len(), tags.len());
    let crumbs = ld
        .iter()
        .find(|l| l["@type"] == "BreadcrumbList")
        .expect("BreadcrumbList");
    assert_eq!(crumbs["itemListElement"].as_array().unwrap().len(), 3);
    assert_eq!(crumbs["itemListElement"][2]["item"], url.as_str());
    assert!(carries_no_data(&doc));
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
async fn the_canonical_url_comes_from_the_public_url_setting() {
    let s = start_with(|mut c| {
        c.public_url = Some("https://news.example/".into());
        c
    })
    .await;
    let (_, _, html) = get_page(&format!("{}/housing", s.base)).await;
    let doc = Html::parse_document(&html);
    let canonical = one(&doc, "link[rel=\"canonical\"]").unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://news.example/housing")
    );
    assert_eq!(meta(&doc, "og:url"), "https://news.example/housing");
    // The app reads the same setting for the pages it makes the head of.
    assert_eq!(meta(&doc, "broadsheet-public-url"), "https://news.example");
}

#[tokio::test]
async fn the_front_page_and_listings_arrive_as_html_with_their_head() {
    let s = start().await;
    let (status, headers, html) = get_page(&format!("{}/", s.base)).await;
    assert_eq!(status, 200);
    let doc = Html::parse_document(&html);
    let (_, front) = get_json(&format!("{}/api/v1/front", s.base)).await;
    assert!(carries_no_data(&doc));
    assert_eq!(text(&doc, "title"), "Broadsheet");
    // Every top story and every section block's headline is readable before the app runs, linked to its article.
    let links: Vec<String> = doc
        .select(&selector("main .teaser-headline a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    let teasers: Vec<&serde_json::Value> = front["top_stories"]
        .as_array()
        .unwrap()
        .iter()
        .chain(
            front["sections"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|b| b["articles"].as_array().unwrap()),
        )
        .collect();
    assert!(teasers.len() > 10);
    let hrefs: Vec<String> = teasers
        .iter()
        .map(|t| {
            format!(
                "/{}/{}",
                t["section"]["slug"].as_str().unwrap(),
                t["slug"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(links, hrefs);
    assert_eq!(text(&doc, "#top-stories-heading"), "Top stories");
    assert_eq!(
        text(&doc, "nav.section-nav a[aria-current=\"page\"]"),
        "Home"
    );
    // The first images load at once, the very first ahead of others; those further down wait until needed.
    assert_eq!(
        doc.select(&selector("main img[fetchpriority=\"high\"]"))
            .count(),
        1
    );
    assert_eq!(
        doc.select(&selector("main img[loading=\"eager\"]")).count(),
        4
    );
    assert!(one(&doc, "main img[loading=\"lazy\"]").is_some());
    // The front page's head: WebSite and Organization.
    assert_eq!(meta(&doc, "og:type"), "website");
    assert_eq!(meta(&doc, "og:url"), format!("{}/", s.base));
    let types: Vec<serde_json::Value> = json_ld(&doc).iter().map(|l| l["@type"].clone()).collect();
    assert!(
        types.contains(&"WebSite".into()) && types.contains(&"Organization".into()),
        "{types:?}"
    );
    // As for articles, the app starts once the page is painted, by a script the policy allows.
    assert!(!html.contains(common::INLINE_SCRIPT));
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains(&inline_script_hashes(&html)[0]), "{csp}");

    for (path, api) in [
        ("/housing", "/sections/housing?page=1"),
        ("/latest?page=2", "/articles?kind=news&page=2"),
        ("/latest", "/articles?kind=news&page=1"),
        ("/kinds/interview", "/articles?kind=interview&page=1"),
    ] {
        let (status, _, html) = get_page(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 200, "{path}");
        let doc = Html::parse_document(&html);
        let (_, listing) = get_json(&format!("{}/api/v1{api}", s.base)).await;
        assert!(carries_no_data(&doc), "{path}");
        let title = listing["title"].as_str().unwrap();
        assert_eq!(text(&doc, "main h1"), title, "{path}");
        let headlines: Vec<&str> = listing["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["headline"].as_str().unwrap())
            .collect();
        assert!(!headlines.is_empty(), "{path}");
        assert_eq!(all(&doc, "main h2.teaser-headline"), headlines, "{path}");
        let m = &listing["meta"];
        assert_eq!(
            text(&doc, ".pager-status"),
            format!("Page {} of {}", m["page"], m["pages"]),
            "{path}"
        );
        assert_eq!(meta(&doc, "og:url"), format!("{}{path}", s.base));
        let ld = json_ld(&doc);
        assert_eq!(ld[0]["@type"], "CollectionPage", "{path}");
        assert_eq!(ld[0]["mainEntity"]["@type"], "ItemList");
        assert_eq!(
            ld[0]["mainEntity"]["itemListElement"]
                .as_array()
                .unwrap()
                .len(),
            headlines.len()
        );
    }
    let (_, _, html) = get_page(&format!("{}/housing", s.base)).await;
    let doc = Html::parse_document(&html);
    assert_eq!(text(&doc, "title"), "Housing | Broadsheet");
    assert_eq!(
        text(&doc, "nav.section-nav a[aria-current=\"page\"]"),
        "Housing"
    );
}

#[tokio::test]
async fn unknown_pages_answer_404_with_the_not_found_page_and_missing_files_a_plain_404() {
    let s = start().await;
    // Pages that do not exist: 404, readable, and not to be indexed.
    for path in [
        "/no-such-section",
        "/housing/no-such-article",
        "/kinds/no-such-kind",
        "/housing?page=999",
        "/latest?page=999",
        "/a/b/c",
        "/topics/no-such-topic",
        "/topics/council-housing?page=999",
        "/authors/nobody",
        "/authors/priya-natarajan?page=999",
    ] {
        let (status, _, html) = get_page(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 404, "{path}");
        let doc = Html::parse_document(&html);
        assert_eq!(text(&doc, "main h1"), "Page not found", "{path}");
        assert_eq!(meta(&doc, "robots"), "noindex", "{path}");
        // No canonical URL: the address is no page's.
        assert!(one(&doc, "link[rel=\"canonical\"]").is_none(), "{path}");
        assert_eq!(text(&doc, "title"), "Page not found | Broadsheet", "{path}");
    }
    // Files that do not exist: a plain 404, never the app's page.
    for path in [
        "/broadsheet-0123456789abcdef.js",
        "/broadsheet-0123456789abcdef_bg.wasm",
        "/icons/renamed-icon.png",
        "/icons/renamed",
        "/media/no-such-image.svg",
        "/snippets/old.html",
    ] {
        let (status, headers, body) = get_page(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 404, "{path}");
        let kind = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(!kind.starts_with("text/html"), "{path}: {kind}");
        assert!(!body.contains("<html"), "{path}");
    }
    // The app's own page the server cannot fill still answers 200 with its head, and the app shell.
    for (path, title) in [("/saved", "Saved articles | Broadsheet")] {
        let (status, _, html) = get_page(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 200, "{path}");
        let doc = Html::parse_document(&html);
        assert_eq!(text(&doc, "title"), title);
        assert!(one(&doc, "#prerender").is_none());
    }
    // Files that exist are served as they are.
    let (status, _, body) = get_page(&format!("{}/robots.txt", s.base)).await;
    assert_eq!(status, 200);
    assert!(body.starts_with("User-agent"));
    let (status, _, _) = get_page(&format!("{}/index.html", s.base)).await;
    assert_eq!(status, 200);
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
    let doc = Html::parse_document(&html);
    // The text is text: no element came from it, and it reads as written.
    assert!(one(&doc, "img[src=\"x\"]").is_none(), "{html}");
    assert!(one(&doc, "b").is_none(), "{html}");
    let written = "</script><script>alert(1)</script> & \"quotes\"";
    assert_eq!(text(&doc, "main h1"), written);
    assert_eq!(
        text(&doc, "main .standfirst"),
        "<img src=x onerror=alert(2)>"
    );
    assert_eq!(meta(&doc, "og:title"), written);
    let ld = json_ld(&doc);
    assert_eq!(ld[0]["headline"], written);
    // Only the page's own scripts close: the start script and two JSON-LD.
    assert_eq!(html.matches("</script>").count(), 3);
}

#[tokio::test]
async fn dates_are_on_the_publications_clock_with_the_zone_named() {
    let content = tempfile::tempdir().unwrap();
    write(
        &content.path().join("sections.toml"),
        "[[section]]\nslug = \"housing\"\nname = \"Housing\"\ndescription = \"Homes.\"\n",
    );
    for (slug, published) in [
        ("late", "2026-06-30T23:30:00Z"),
        ("first-half-past-one", "2026-10-25T00:30:00Z"),
        ("second-half-past-one", "2026-10-25T01:30:00Z"),
    ] {
        write(
            &content.path().join(format!("articles/housing/{slug}.md")),
            &format!("+++\nheadline = \"A {slug} story\"\nstandfirst = \"Why.\"\nkind = \"news\"\npublished = {published}\nbyline = \"A Writer\"\n+++\n\nBody.\n"),
        );
    }
    let dir = content.path().to_path_buf();
    let s = start_with(move |mut c| {
        c.content = dir;
        c
    })
    .await;
    let time = |html: &str| text(&Html::parse_document(html), "main .article-header time");
    let (status, _, late) = get_page(&format!("{}/housing/late", s.base)).await;
    assert_eq!(status, 200, "{late}");
    assert_eq!(time(&late), "1 Jul 2026, 00:30 BST");
    let (_, _, first) = get_page(&format!("{}/housing/first-half-past-one", s.base)).await;
    let (_, _, second) = get_page(&format!("{}/housing/second-half-past-one", s.base)).await;
    assert_eq!(time(&first), "25 Oct 2026, 01:30 BST");
    assert_eq!(time(&second), "25 Oct 2026, 01:30 GMT");
    // The listing shows the day on the same clock, and `datetime` keeps the exact instant.
    let (_, _, listing) = get_page(&format!("{}/housing", s.base)).await;
    let doc = Html::parse_document(&listing);
    let late_teaser = doc
        .select(&selector("main li.teaser"))
        .find(|li| li.text().collect::<String>().contains("A late story"))
        .expect("the late story's teaser");
    let t = late_teaser.select(&selector("time")).next().unwrap();
    assert_eq!(t.text().collect::<String>(), "1 Jul 2026");
    assert_eq!(t.value().attr("datetime"), Some("2026-06-30T23:30:00Z"));
    // The footer names the zone.
    let footer = text(&doc, "footer.site-footer");
    assert!(footer.contains("Europe/London"), "{footer}");
}

#[tokio::test]
async fn topic_and_author_pages_arrive_as_html_with_their_heads() {
    let s = start().await;
    // A topic: its name as the h1, its description, its articles; its feed in the head.
    let (status, _, html) = get_page(&format!("{}/topics/council-housing", s.base)).await;
    assert_eq!(status, 200);
    let doc = Html::parse_document(&html);
    let (_, api) = common::get_json(&format!("{}/api/v1/topics/council-housing", s.base)).await;
    assert_eq!(text(&doc, "main h1"), api["title"].as_str().unwrap());
    assert_eq!(meta(&doc, "og:title"), api["title"].as_str().unwrap());
    assert_eq!(
        doc.select(&selector("main .teaser")).count(),
        api["articles"].as_array().unwrap().len()
    );
    assert!(json_ld(&doc).iter().any(|l| l["@type"] == "CollectionPage"));
    // An author: name, role and biography; their articles; a ProfilePage with them as its Person.
    let (status, _, html) = get_page(&format!("{}/authors/priya-natarajan", s.base)).await;
    assert_eq!(status, 200);
    let doc = Html::parse_document(&html);
    let (_, api) = common::get_json(&format!("{}/api/v1/authors/priya-natarajan", s.base)).await;
    let author = &api["author"];
    assert_eq!(text(&doc, "main h1"), "Priya Natarajan");
    assert!(text(&doc, "main").contains(author["bio"].as_str().unwrap()));
    assert_eq!(meta(&doc, "og:type"), "profile");
    let profile = json_ld(&doc)
        .into_iter()
        .find(|l| l["@type"] == "ProfilePage")
        .expect("ProfilePage");
    assert_eq!(profile["mainEntity"]["@type"], "Person");
    assert_eq!(profile["mainEntity"]["name"], "Priya Natarajan");
    assert_eq!(profile["mainEntity"]["jobTitle"], author["role"]);
    assert_eq!(
        profile["mainEntity"]["url"],
        format!("{}/authors/priya-natarajan", s.base)
    );
    assert_eq!(
        doc.select(&selector("main .teaser")).count(),
        api["articles"].as_array().unwrap().len()
    );
    // The article links to both: its byline to the author, its topics to theirs.
    let first = api["articles"][0]["slug"].as_str().unwrap();
    let section = api["articles"][0]["section"]["slug"].as_str().unwrap();
    let (_, _, html) = get_page(&format!("{}/{section}/{first}", s.base)).await;
    let doc = Html::parse_document(&html);
    assert!(doc
        .select(&selector("main .byline a[rel=author]"))
        .any(|a| a.value().attr("href") == Some("/authors/priya-natarajan")));
    assert!(doc.select(&selector("main ul.tags a")).all(|a| a
        .value()
        .attr("href")
        .unwrap()
        .starts_with("/topics/")));
}
