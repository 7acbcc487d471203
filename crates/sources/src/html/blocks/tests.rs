//! Tests of headings, lists, quotes, pull quotes, tables, preformatted text and details.

use crate::html::testing::*;
use broadsheet_content::{Block, Inline};

#[test]
fn headings_take_levels_two_and_three_and_lowering_is_noted() {
    let (blocks, notes) = convert(
        "<h1>One</h1><h2 class=\"wp-block-heading\" id=\"two\">Two <em>parts</em></h2>\
         <h3 class=\"wp-block-heading\">Three</h3><h4>Four</h4><h6>Six</h6><h2> </h2>",
    );
    assert_eq!(
        blocks,
        vec![
            heading(2, "One"),
            Block::Heading {
                level: 2,
                content: vec![t("Two "), em(vec![t("parts")])]
            },
            heading(3, "Three"),
            heading(3, "Four"),
            heading(3, "Six"),
        ]
    );
    assert_eq!(
        notes,
        vec![
            "heading level 4 shown as level 3: “Four”",
            "heading level 6 shown as level 3: “Six”"
        ]
    );
}

#[test]
fn gutenberg_lists_with_nested_lists_flattened() {
    let html = "<ul class=\"wp-block-list\">\n<li>Housing</li>\n<li>Transport<ul class=\"wp-block-list\">\
                <li>Buses</li>\n<li><strong>Trams</strong></li></ul></li>\n<li><p>Schools</p><p>and colleges</p></li>\n</ul>\
                <ol class=\"wp-block-list\"><li>First</li><li>Second</li></ol>";
    assert_eq!(
        blocks(html),
        vec![
            Block::List {
                ordered: false,
                items: vec![
                    vec![t("Housing")],
                    vec![t("Transport")],
                    vec![t("Buses")],
                    vec![strong(vec![t("Trams")])],
                    vec![t("Schools"), Inline::Break, t("and colleges")],
                ]
            },
            Block::List {
                ordered: true,
                items: vec![vec![t("First")], vec![t("Second")]]
            },
        ]
    );
}

#[test]
fn a_picture_in_a_list_item_follows_the_list() {
    let html = "<ul><li>Map <img src=\"/media/map.png\" width=\"400\" height=\"300\" alt=\"Map\"> of the ward</li></ul>";
    assert_eq!(
        blocks(html),
        vec![
            Block::List {
                ordered: false,
                items: vec![vec![t("Map"), Inline::Break, t("of the ward")]]
            },
            image("/media/map.png", 400, 300, "Map"),
        ]
    );
}

#[test]
fn gutenberg_quote_takes_its_cite_as_attribution() {
    let html = "<blockquote class=\"wp-block-quote is-layout-flow wp-block-quote-is-layout-flow\">\
                <p>We will build the homes.</p><p>All <em>of</em> them.</p><cite>Ann Lee, council leader</cite></blockquote>";
    assert_eq!(
        blocks(html),
        vec![Block::Quote {
            content: vec![
                t("We will build the homes."),
                Inline::Break,
                t("All "),
                em(vec![t("of")]),
                t(" them.")
            ],
            attribution: Some("Ann Lee, council leader".into())
        }]
    );
}

#[test]
fn a_quote_without_cite_takes_a_last_dash_line() {
    let html = "<blockquote><p>It is too late.<br>&mdash; A resident</p></blockquote>\
                <blockquote><p>No one</p><p>&#8211; Anon</p></blockquote><blockquote>Bare <cite>Hamlet</cite></blockquote>";
    assert_eq!(
        blocks(html),
        vec![
            Block::Quote {
                content: vec![t("It is too late.")],
                attribution: Some("A resident".into())
            },
            Block::Quote {
                content: vec![t("No one")],
                attribution: Some("Anon".into())
            },
            Block::Quote {
                content: vec![t("Bare")],
                attribution: Some("Hamlet".into())
            },
        ]
    );
}

#[test]
fn pull_quotes_from_gutenberg_and_ghost() {
    let html = "<figure class=\"wp-block-pullquote\"><blockquote><p>Not one more <strong>closure</strong>.</p>\
                <cite>Union leader</cite></blockquote></figure>\
                <blockquote class=\"kg-blockquote-alt\"><span style=\"white-space: pre-wrap;\">Big line</span></blockquote>";
    assert_eq!(
        blocks(html),
        vec![
            Block::PullQuote {
                text: "Not one more closure.".into(),
                attribution: Some("Union leader".into())
            },
            Block::PullQuote {
                text: "Big line".into(),
                attribution: None
            },
        ]
    );
}

#[test]
fn tables_become_a_list_of_rows_and_are_noted() {
    let html = "<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\"><caption>Seats</caption>\
                <thead><tr><th>Ward</th><th>Homes</th></tr></thead><tbody><tr><td>North</td><td><strong>120</strong></td></tr>\
                <tr><td>South</td><td></td></tr><tr><td> </td></tr></tbody></table>\
                <figcaption class=\"wp-element-caption\">Source: council</figcaption></figure>";
    let (blocks, notes) = convert(html);
    assert_eq!(
        blocks,
        vec![
            p("Seats"),
            Block::List {
                ordered: false,
                items: vec![
                    vec![t("Ward · Homes")],
                    vec![t("North · "), strong(vec![t("120")])],
                    vec![t("South")],
                ]
            },
            p("Source: council"),
        ]
    );
    assert_eq!(
        notes,
        vec!["table shown as a list of 3 rows, its cells joined by ` · `"]
    );
}

#[test]
fn preformatted_text_keeps_its_lines_and_its_brackets() {
    let html = "<pre class=\"wp-block-code\"><code>fn main() {\n    println!(\"[gallery]\");\n}\n</code></pre>\
                <hr class=\"wp-block-separator has-alpha-channel-opacity\"/><p>After</p>";
    let (blocks, notes) = convert(html);
    assert_eq!(
        blocks,
        vec![
            para(vec![
                t("fn main() {"),
                Inline::Break,
                t("    println!(\"[gallery]\");"),
                Inline::Break,
                t("}"),
            ]),
            p("After"),
        ]
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn details_are_shown_open() {
    let (blocks, notes) = convert(
        "<details class=\"wp-block-details\"><summary>When is the vote?</summary><p>On 4 June.</p></details>",
    );
    assert_eq!(
        blocks,
        vec![heading(3, "When is the vote?"), p("On 4 June.")]
    );
    assert_eq!(notes.len(), 1);
}
