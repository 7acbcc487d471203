//! Tests of the walk: text, inline marks, containers, hostile and broken markup.

use crate::html::testing::*;
use broadsheet_content::Inline;

#[test]
fn inline_marks_nest_as_written_and_entities_are_decoded() {
    let (blocks, notes) = convert(
        "<p>The council&#8217;s <strong>budget <em>rose</em></strong> by 4&nbsp;% &#038; \
         <a href=\"https://example.org/budget\">more <b>here</b></a>.<br />\nNext&hellip;</p>",
    );
    assert_eq!(
        blocks,
        vec![para(vec![
            t("The council’s "),
            strong(vec![t("budget "), em(vec![t("rose")])]),
            t(" by 4\u{a0}% & "),
            link(
                "https://example.org/budget",
                vec![t("more "), strong(vec![t("here")])]
            ),
            t("."),
            Inline::Break,
            t("Next…"),
        ])]
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn white_space_collapses_as_in_a_browser() {
    let blocks = blocks("<p>\n\t  Spread   over\n   <i> three </i>\n lines  </p>\n\n<p>\u{a0}</p>");
    assert_eq!(
        blocks,
        vec![para(vec![
            t("Spread over "),
            em(vec![t("three ")]),
            t("lines")
        ])]
    );
}

#[test]
fn empty_paragraphs_are_dropped() {
    let html = "<p>&nbsp;</p><p> </p><p><br></p><p><strong>\u{200b}</strong></p><p>Kept</p><p></p>";
    assert_eq!(blocks(html), vec![p("Kept")]);
}

#[test]
fn classic_editor_text_with_bold_italic_and_breaks() {
    let html =
        "Loose text first.\n<p>A <b>bold</b> and <i>italic</i> line<br />\nthen the next.</p>\n\
                <p>Second &#8220;quoted&#8221; paragraph.</p>";
    assert_eq!(
        blocks(html),
        vec![
            p("Loose text first."),
            para(vec![
                t("A "),
                strong(vec![t("bold")]),
                t(" and "),
                em(vec![t("italic")]),
                t(" line"),
                Inline::Break,
                t("then the next."),
            ]),
            p("Second “quoted” paragraph."),
        ]
    );
}

#[test]
fn unknown_containers_are_looked_into() {
    let html = "<section class=\"intro\"><div>First <span class=\"x\">block</span></div>\
                <custom-box>Second</custom-box><div><div>Third</div>loose</div></section>";
    assert_eq!(
        blocks(html),
        vec![p("First block"), p("Second"), p("Third"), p("loose")]
    );
}

#[test]
fn a_block_inside_a_link_keeps_the_link() {
    let html = "<a href=\"/housing\"><div>Housing</div><div>All our coverage</div></a>";
    assert_eq!(
        blocks(html),
        vec![
            para(vec![link("/housing", vec![t("Housing")])]),
            para(vec![link("/housing", vec![t("All our coverage")])]),
        ]
    );
}

#[test]
fn scripts_and_styles_never_leak() {
    let html = "<p>Safe<script>alert(1)</script> text</p><style>p{color:red}</style>\
                <p onclick=\"alert(2)\" style=\"color:red\">More</p><template><p>hidden</p></template>\
                <noscript><p>Enable JavaScript</p></noscript><svg><text>icon</text></svg>\
                <script class=\"gallery\">alert(3)</script><style class=\"kg-callout-card\">alert(4)</style>\
                <noembed><script>alert(5)</script></noembed>";
    let (blocks, notes) = convert(html);
    assert_eq!(blocks, vec![p("Safe text"), p("More")]);
    let all = format!("{blocks:?}{notes:?}");
    assert!(!all.contains("alert(") && !all.contains("color"), "{all}");
    assert_eq!(notes.len(), 1);
    assert!(noted(
        &notes,
        "text for browsers without JavaScript left out: “Enable JavaScript”"
    ));
}

#[test]
fn unsafe_links_keep_their_words_and_are_noted() {
    let (blocks, notes) = convert(
        "<p><a href=\"javascript:alert(1)\">Click</a> or <a href=\" JaVaScRiPt:x\">this</a>, \
         <a href=\"page.html\">that</a>, <a name=\"top\">anchor</a>, <a href=\"mailto:desk@example.org\">mail</a></p>",
    );
    assert_eq!(
        blocks,
        vec![para(vec![
            t("Click or this, that, anchor, "),
            link("mailto:desk@example.org", vec![t("mail")]),
        ])]
    );
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(noted(
        &notes,
        "link `javascript:alert(1)` left out (its words are kept)"
    ));
}

#[test]
fn forms_objects_and_math_are_left_out_and_noted() {
    let html = "<p>Before</p><form action=\"/x\"><label>Your e-mail</label><input name=\"e\">\
                <button>Sign up</button></form><object data=\"https://flash.example.com/a.swf\"></object>\
                <embed src=\"https://flash.example.com/b.swf\"><p>After <button>Go</button></p>";
    let (blocks, notes) = convert(html);
    assert_eq!(blocks, vec![p("Before"), p("After")]);
    assert!(
        noted(&notes, "form (`<form>`) left out: “Your e-mail Sign up”"),
        "{notes:?}"
    );
    assert!(noted(
        &notes,
        "embedded object from flash.example.com left out"
    ));
    assert!(noted(&notes, "form (`<button>`) left out: “Go”"));
    assert_eq!(notes.len(), 4);
}

#[test]
fn deep_nesting_does_not_overflow_and_keeps_the_words() {
    let n = 10_000;
    let html = format!(
        "{}Deep words{}<p>After</p>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let (blocks, notes) = convert(&html);
    assert_eq!(blocks, vec![p("Deep words"), p("After")]);
    assert_eq!(notes.len(), 1);
    assert!(noted(&notes, "nested more than 64 levels deep"));
    let inline = format!("<p>{}bold{}</p>", "<b><i>".repeat(n), "</i></b>".repeat(n));
    let (blocks, _) = convert(&inline);
    assert_eq!(
        Inline::plain_text(match &blocks[0] {
            broadsheet_content::Block::Paragraph { content } => content,
            other => panic!("{other:?}"),
        }),
        "bold"
    );
}

#[test]
fn shortcodes_are_removed_and_noted_but_not_in_code() {
    let (blocks, notes) = convert(
        "<p>[gallery ids=\"1,2\"]</p><p>Call [contact-form-7 id=\"3\"] us. It was [sic] fine.[1]</p>\
         <p>Write <code>[gallery ids=\"1\"]</code> to show one.</p>",
    );
    assert_eq!(
        blocks,
        vec![
            p("Call us. It was [sic] fine.[1]"),
            p("Write [gallery ids=\"1\"] to show one."),
        ]
    );
    assert_eq!(notes.len(), 2);
    assert!(noted(
        &notes,
        "WordPress shortcode `[gallery ids=\"1,2\"]` left out"
    ));
}

#[test]
fn the_body_is_cut_at_the_members_only_marker() {
    let (blocks, notes) = convert(
        "<p>Free to read.</p><!--kg-card-begin: html--><p>Also free.</p><!--kg-card-end: html-->\
         <!--members-only--><p>For members.</p><ul><li>Secret</li></ul>",
    );
    assert_eq!(blocks, vec![p("Free to read."), p("Also free.")]);
    assert_eq!(notes.len(), 1);
    assert!(noted(&notes, "body cut at the paywall"));
}

#[test]
fn struck_and_quoted_text() {
    let (blocks, notes) =
        convert("<p>Spent <del>£2m</del> £3m, <s>wrongly</s> called <q>a waste</q>.</p>");
    assert_eq!(blocks, vec![p("Spent £2m £3m, wrongly called “a waste”.")]);
    assert_eq!(notes.len(), 2);
    assert!(noted(
        &notes,
        "struck-through text kept as ordinary text: “£2m”"
    ));
}

#[test]
fn broken_and_odd_input_never_panics() {
    let long_attr = format!("<p title=\"{}\">x</p>", "a".repeat(100_000));
    for html in [
        "",
        "<",
        "</p>",
        "<<>>",
        "<p",
        "\0",
        "<p>unclosed <b>bold",
        "<table><p>x</table>",
        "<a href=\"\u{202e}evil\">x</a>",
        "[",
        "[/",
        "[a",
        "<img>",
        "<img src>",
        "<figure>",
        "<ul><li><ul><li>",
        "<pre>",
        "<!--",
        "<iframe>",
        "<noscript><img",
        &long_attr,
    ] {
        let _ = super::super::html_to_blocks(html);
    }
    assert_eq!(
        blocks("<p>unclosed <b>bold"),
        vec![para(vec![t("unclosed "), strong(vec![t("bold")])])]
    );
}
