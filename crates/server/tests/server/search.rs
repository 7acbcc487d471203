//! Search over real HTTP against the demo content: the query syntax, ranking, the section filter and its counts,
//! sorting, the matched ranges, and bad queries (never a 500).

use crate::common;

use common::{get_json, start, TestServer};
use serde_json::Value;

async fn search(s: &TestServer, query: &str) -> (u16, Value) {
    get_json(&common::search_url(&s.base, query, "")).await
}

fn slugs(r: &Value) -> Vec<String> {
    r["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_query_syntax_finds_what_a_reader_means() {
    let s = start().await;
    // Stemming: "franchised" and "franchising" are one word.
    let (_, stem) = search(&s, "franchised buses").await;
    assert!(slugs(&stem).contains(&"tyneford-bus-franchising-goes-live".to_string()));
    // The last word is a prefix while typing.
    let (_, typing) = search(&s, "bus franch").await;
    assert!(slugs(&typing).contains(&"tyneford-bus-franchising-goes-live".to_string()));
    // A phrase needs its words together; the words alone match more.
    let (_, words) = search(&s, "council housing").await;
    let (_, phrase) = search(&s, "\"council housing\"").await;
    let (w, p) = (
        words["meta"]["total"].as_u64().unwrap(),
        phrase["meta"]["total"].as_u64().unwrap(),
    );
    assert!(p >= 1 && p <= w, "phrase {p}, words {w}");
    // Exclusion takes away exactly the articles with the word.
    let (_, without) = search(&s, "council housing -rent").await;
    let (_, with) = search(&s, "council housing rent").await;
    assert_eq!(
        without["meta"]["total"].as_u64().unwrap() + with["meta"]["total"].as_u64().unwrap(),
        w
    );
    let without = slugs(&without);
    assert!(slugs(&with).iter().all(|x| !without.contains(x)));
    // OR: either word.
    let (_, a) = search(&s, "buses ").await;
    let (_, b) = search(&s, "schools ").await;
    let (_, either) = search(&s, "buses OR schools ").await;
    let n = |r: &Value| r["meta"]["total"].as_u64().unwrap();
    assert!(n(&either) >= n(&a).max(n(&b)) && n(&either) <= n(&a) + n(&b));
}

#[tokio::test]
async fn relevance_ranks_headlines_first_and_date_sorts_newest_first() {
    let s = start().await;
    let (_, r) = search(&s, "franchising").await;
    assert!(r["articles"][0]["headline"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("franchis"));
    let (_, d) = get_json(&format!(
        "{}/api/v1/search?q=council&sort=date&limit=50",
        s.base
    ))
    .await;
    let dates: Vec<&str> = d["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["published"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(d["search"]["sort"], "date");
}

#[tokio::test]
async fn the_section_filter_narrows_and_the_counts_add_up() {
    let s = start().await;
    let (_, all) = search(&s, "council").await;
    let counts = all["search"]["sections"].as_array().unwrap();
    let sum: u64 = counts.iter().map(|c| c["count"].as_u64().unwrap()).sum();
    assert_eq!(sum, all["meta"]["total"].as_u64().unwrap());
    let first = counts[0]["section"]["slug"].as_str().unwrap();
    let (_, one) = get_json(&format!(
        "{}/api/v1/search?q=council&section={first}&limit=50",
        s.base
    ))
    .await;
    assert_eq!(one["meta"]["total"], counts[0]["count"]);
    assert!(one["articles"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["section"]["slug"] == first));
    // The counts stay those of every section, so the filter can offer the others.
    assert_eq!(one["search"]["sections"], all["search"]["sections"]);
}

#[tokio::test]
async fn matches_are_typed_ranges_of_the_text() {
    let s = start().await;
    let (_, r) = search(&s, "franchised buses").await;
    let marks = r["search"]["marks"].as_array().unwrap();
    assert_eq!(marks.len(), r["articles"].as_array().unwrap().len());
    let headline = r["articles"][0]["headline"].as_str().unwrap();
    let marked: Vec<String> = marks[0]["headline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            headline[m["start"].as_u64().unwrap() as usize..m["end"].as_u64().unwrap() as usize]
                .to_lowercase()
        })
        .collect();
    assert!(!marked.is_empty(), "{headline}");
    assert!(
        marked
            .iter()
            .all(|w| w.starts_with("franchis") || w.starts_with("bus")),
        "{marked:?}"
    );
    // No HTML anywhere: ranges, not markup.
    assert!(!serde_json::to_string(&r).unwrap().contains("<mark"));
}

#[tokio::test]
async fn bad_queries_get_a_clear_400_or_nothing_never_a_500() {
    let s = start().await;
    let long = "word ".repeat(400);
    for (query, status) in [
        ("\"unbalanced quotes", 200),
        ("OR OR OR", 200),
        ("-", 200),
        ("- - -", 200),
        ("\"\"", 200),
        ("NEAR(a b)", 200),
        ("*", 200),
        ("a:b c^d {e}", 200),
        ("'; DROP TABLE articles; --", 200),
        ("\u{202E}\u{0000}\u{FFFF}", 200),
        (long.as_str(), 400),
    ] {
        let (got, body) = search(&s, query).await;
        assert_eq!(got, status, "{query:?}: {body}");
        if status == 400 {
            assert_eq!(body["error"]["code"], "bad_parameter");
            assert!(body["error"]["message"].as_str().unwrap().contains("500"));
        }
    }
    // Only operators or exclusions: nothing, not everything.
    for query in ["OR", "-council", "\"\""] {
        let (_, body) = search(&s, query).await;
        assert_eq!(body["meta"]["total"], 0, "{query:?}");
    }
    let (status, _) = get_json(&format!("{}/api/v1/search?q=x&sort=sideways", s.base)).await;
    assert_eq!(status, 400);
}
