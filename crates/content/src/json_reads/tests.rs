//! Each type read by miniserde against serde on the same text: the same value (compared as serde writes it), or
//! an error from both.

use crate::live::Live;
use crate::{Article, CommentsPage, FrontPage, Kind, Listing, Rail, Rails, Sections};
use miniserde::Deserialize as Mini;
use serde::{de::DeserializeOwned, Serialize};

/// Reads `json` both ways; `true` when both read it (and agree), `false` when both refuse it.
fn same<T: DeserializeOwned + Mini + Serialize>(json: &str) -> bool {
    let by_serde: Result<T, _> = serde_json::from_str(json);
    let by_mini: Result<T, _> = miniserde::json::from_str(json);
    match (by_serde, by_mini) {
        (Ok(a), Ok(b)) => {
            let (a, b) = (
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(&b).unwrap(),
            );
            assert_eq!(a, b, "read differently: {json}");
            true
        }
        (Err(_), Err(_)) => false,
        (a, b) => panic!(
            "serde read it: {}, miniserde: {} for {json}",
            a.is_ok(),
            b.is_ok()
        ),
    }
}

const SECTION: &str = r#"{"slug":"transport","name":"Transport"}"#;
const IMAGE: &str = r#"{"url":"/images/bus.jpg","width":1200,"height":800,"alt":"A bus","caption":"At the depot","credit":"Photo: J. Smith"}"#;

fn teaser(slug: &str) -> String {
    format!(
        r#"{{"section":{SECTION},"slug":"{slug}","kind":"news","headline":"Buses","standfirst":"The first day.","byline":"Ann Writer","published":"2026-05-01T08:00:00Z","image":{IMAGE}}}"#
    )
}

fn body() -> String {
    format!(
        r#"[{{"type":"paragraph","content":[{{"type":"text","text":"A "}},{{"type":"emphasis","content":[{{"type":"strong","content":[{{"type":"text","text":"b"}}]}}]}},{{"type":"link","href":"https://example.com/","content":[{{"type":"text","text":"link"}}]}},{{"type":"break"}},{{"type":"sparkle","glitter":1}}]}},
        {{"type":"heading","level":2,"content":[{{"type":"text","text":"H"}}]}},
        {{"type":"quote","content":[],"attribution":"Someone"}},{{"type":"quote","content":[]}},
        {{"type":"pull_quote","text":"Big words","attribution":null}},
        {{"type":"list","ordered":true,"items":[[{{"type":"text","text":"one"}}],[]]}},
        {{"type":"image","image":{IMAGE}}},
        {{"type":"video","video":{{"title":"V","url":"https://example.com/v","duration":61,"poster":{IMAGE}}}}},
        {{"type":"hologram","glow":"high"}}]"#
    )
}

fn live() -> String {
    let post = |id: &str, extra: &str| {
        format!(
            r#"{{"id":"{id}","title":"Update","body":{},"published":"2026-05-01T09:00:00Z","updated":null{extra}}}"#,
            body()
        )
    };
    format!(
        r#"{{"status":"live","coverage_start":"2026-05-01T07:00:00Z","coverage_end":null,"seq":42,"pinned":{},
        "posts":[{},{}],"deleted":["p9"],"key_events":[{{"id":"p1","title":"Opened","published":"2026-05-01T09:00:00Z"}}],
        "newer":null,"older":"/transport/buses?page=2","page":1,"page_count":3}}"#,
        post("p0", r#","key_event":true,"seq":40"#),
        post("p1", r#","key_event":false,"seq":41"#),
        post("p2", "")
    )
}

fn article(live: &str) -> String {
    format!(
        r#"{{"section":{SECTION},"slug":"buses","kind":"live","headline":"Buses","standfirst":"S","authors":[{{"name":"Ann","slug":"ann","role":"Transport editor"}},{{"name":"Bo"}}],
        "published":"2026-05-01T08:00:00Z","updated":"2026-05-01T10:00:00Z","image":{IMAGE},"topics":[{{"slug":"buses","name":"Buses"}}],
        "body":{},"related":[{}],"comments_open":true,"comment_count":3{live},"unknown":{{"x":[1,2]}}}}"#,
        body(),
        teaser("other")
    )
}

#[test]
fn an_article_reads_the_same_both_ways() {
    assert!(same::<Article>(&article("")));
    assert!(same::<Article>(&article(&format!(r#","live":{}"#, live()))));
    assert!(same::<Article>(&article(r#","live":null"#)));
    // The defaulted fields left out, and the optional ones null.
    let bare = format!(
        r#"{{"section":{SECTION},"slug":"b","kind":"something-new","headline":"H","standfirst":"S","published":"2026-05-01","updated":null,"image":null,"body":[],"comments_open":false,"comment_count":0}}"#
    );
    assert!(same::<Article>(&bare));
}

#[test]
fn live_changes_read_the_same_both_ways() {
    assert!(same::<Live>(&live()));
    assert!(!same::<Live>(
        &live().replace(r#""status":"live""#, r#""status":"paused""#)
    ));
    assert!(!same::<Live>(&live().replace(r#""seq":42,"#, "")));
}

#[test]
fn listings_and_pages_read_the_same_both_ways() {
    let meta = r#"{"page":2,"limit":20,"pages":3,"total":41,"next":3,"prev":1}"#;
    let author = format!(
        r#"{{"slug":"ann","name":"Ann","role":"Editor","bio":"Writes.","photo":{IMAGE},"links":[{{"label":"Site","url":"https://example.com"}}]}}"#
    );
    let search = format!(
        r#"{{"query":"bus","section":"transport","sort":"date","marks":[{{"headline":[{{"start":0,"end":3}}]}},{{}}],"sections":[{{"section":{SECTION},"count":4}}]}}"#
    );
    let listing = |extra: &str| {
        format!(
            r#"{{"title":"Transport","description":"D","articles":[{},{}],"meta":{meta}{extra}}}"#,
            teaser("a"),
            teaser("b")
        )
    };
    assert!(same::<Listing>(&listing("")));
    assert!(same::<Listing>(&listing(&format!(
        r#","section":{SECTION},"author":{author},"search":{search}"#
    ))));
    assert!(same::<Listing>(&listing(
        r#","author":{"slug":"bo","name":"Bo"},"search":{"query":"x"}"#
    )));
    assert!(!same::<Listing>(&listing(
        r#","search":{"query":"x","sort":"random"}"#
    )));
    assert!(!same::<Listing>(&listing("").replace(r#""total":41,"#, "")));
    let front = format!(
        r#"{{"top_stories":[{}],"sections":[{{"section":{{"slug":"s","name":"S","description":"D"}},"articles":[]}}]}}"#,
        teaser("t")
    );
    assert!(same::<FrontPage>(&front));
    let rail = format!(
        r#"{{"id":"opinion","title":"Comment","link":"/opinion","link_label":"More","items":[{}]}}"#,
        teaser("o")
    );
    assert!(same::<Rail>(&rail));
    assert!(same::<Rails>(&format!(r#"{{"rails":[{rail}]}}"#)));
    assert!(same::<Sections>(
        r#"{"sections":[{"slug":"s","name":"S","description":"D"}]}"#
    ));
    assert!(same::<CommentsPage>(
        r#"{"comments":[{"id":7,"author":"R","body":"Line\nbreak \u00e9 \ud83d\ude00","posted":"2026-05-01"}],"total":1,"comments_open":true}"#
    ));
}

#[test]
fn every_kind_and_bad_text_read_the_same_both_ways() {
    for kind in Kind::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert!(same::<Kind>(&json));
    }
    assert!(same::<Kind>(r#""brand_new_kind""#));
    for bad in [
        "",
        "{",
        "[]",
        "null",
        r#"{"rails":[}"#,
        r#"{"rails":7}"#,
        r#"{"rails":[1]}"#,
    ] {
        assert!(!same::<Rails>(bad), "{bad}");
    }
    // A known block without the field its type needs, and a number where a string belongs.
    let section = format!(
        r#"{{"section":{SECTION},"slug":"b","kind":"news","headline":"H","standfirst":"S","published":"p","body":[{{"type":"heading","content":[]}}],"comments_open":false,"comment_count":0}}"#
    );
    assert!(!same::<Article>(&section));
    assert!(!same::<Article>(
        &section.replace(r#""slug":"b""#, r#""slug":1"#)
    ));
    assert!(!same::<Article>(
        &section.replace(r#""comment_count":0"#, r#""comment_count":-1"#)
    ));
}
