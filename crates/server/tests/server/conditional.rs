//! Conditional GET on every kind of cacheable answer, as a browser, a feed reader or a shared cache revalidates:
//! `If-None-Match` (weak comparison) wins over `If-Modified-Since` (the three HTTP date forms), and a `304`
//! carries the validators and cache headers its `200` would (RFC 9110 §13.2.2, §15.4.5).

use crate::common;

use common::{client, start};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

/// One of each: an API answer, a page written as HTML, a feed, a sitemap.
const ANSWERS: [&str; 5] = [
    "/api/v1/articles/housing/long-road-out-of-temporary-accommodation",
    "/api/v1/sections/housing",
    "/housing",
    "/housing/feed.atom",
    "/sitemap.xml",
];

/// What a 304 must repeat from the 200.
const KEPT: [&str; 5] = [
    "etag",
    "cache-control",
    "vary",
    "last-modified",
    "surrogate-key",
];

async fn get(url: &str, validators: &[(&str, &str)]) -> (u16, HeaderMap, usize) {
    let mut req = client().get(url);
    for (name, value) in validators {
        req = req.header(*name, *value);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().len())
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(HeaderName::from_bytes(name.as_bytes()).unwrap())
        .and_then(|v: &HeaderValue| v.to_str().ok())
}

#[tokio::test]
async fn a_304_carries_what_the_200_would() {
    let s = start().await;
    for path in ANSWERS {
        let url = format!("{}{path}", s.base);
        let (status, full, len) = get(&url, &[]).await;
        assert_eq!(status, 200, "{path}");
        assert!(len > 0, "{path}");
        let etag = header(&full, "etag").unwrap_or_else(|| panic!("{path}: no ETag"));
        assert!(etag.starts_with("W/\""), "{path}: {etag}");
        for must in ["cache-control", "vary", "surrogate-key"] {
            assert!(header(&full, must).is_some(), "{path}: no {must}");
        }
        let (status, short, len) = get(&url, &[("if-none-match", etag)]).await;
        assert_eq!((status, len), (304, 0), "{path}");
        for name in KEPT {
            assert_eq!(header(&short, name), header(&full, name), "{path}: {name}");
        }
    }
}

#[tokio::test]
async fn if_none_match_compares_weakly_and_wins_over_if_modified_since() {
    let s = start().await;
    for path in ANSWERS {
        let url = format!("{}{path}", s.base);
        let (_, full, _) = get(&url, &[]).await;
        let etag = header(&full, "etag").unwrap().to_string();
        let strong = etag.trim_start_matches("W/");
        let listed = format!("\"other\", {strong}");
        for inm in [strong, listed.as_str(), "*"] {
            let (status, _, _) = get(&url, &[("if-none-match", inm)]).await;
            assert_eq!(status, 304, "{path} If-None-Match: {inm}");
        }
        // A date far in the future would say "not modified"; the ETag that does not match decides.
        let (status, _, _) = get(
            &url,
            &[
                ("if-none-match", "W/\"0000000000000000\""),
                ("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{path}");
    }
}

#[tokio::test]
async fn if_modified_since_reads_each_http_date_form() {
    let s = start().await;
    let url = format!("{}/housing/feed.atom", s.base);
    let (_, full, _) = get(&url, &[]).await;
    let modified = header(&full, "last-modified").expect("a feed names its last change");
    let at = httpdate::parse_http_date(modified).unwrap();
    let rfc850 = chrono::DateTime::<chrono::Utc>::from(at)
        .format("%A, %d-%b-%y %H:%M:%S GMT")
        .to_string();
    let asctime = chrono::DateTime::<chrono::Utc>::from(at)
        .format("%a %b %e %H:%M:%S %Y")
        .to_string();
    for since in [modified, rfc850.as_str(), asctime.as_str()] {
        let (status, short, _) = get(&url, &[("if-modified-since", since)]).await;
        assert_eq!(status, 304, "If-Modified-Since: {since}");
        assert_eq!(header(&short, "etag"), header(&full, "etag"));
    }
    for since in ["Mon, 01 Jan 2024 00:00:00 GMT", "not a date"] {
        let (status, _, _) = get(&url, &[("if-modified-since", since)]).await;
        assert_eq!(status, 200, "If-Modified-Since: {since}");
    }
    // An answer without Last-Modified cannot be judged by date: the whole answer comes back.
    let api = format!("{}/api/v1/sections/housing", s.base);
    let (status, _, _) = get(
        &api,
        &[("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT")],
    )
    .await;
    assert_eq!(status, 200);
}
