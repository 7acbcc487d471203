//! Post bodies from WordPress and Ghost: their rendered HTML in, typed blocks out. The HTML is parsed as a
//! browser parses it (html5ever, through `scraper`), so entities come out decoded and broken markup is mended the
//! browser's way; then the tree is walked. No HTML is passed on, and no writer's words are lost without a note.
//! Each construct, decided:
//!
//! | Construct | Becomes |
//! | --- | --- |
//! | `<p>`, loose text, and containers with no meaning of their own (`<div>`, `<section>`, unknown tags) | paragraphs: a container's text is kept, split where a browser would start a new block; an empty paragraph (`<p>&nbsp;</p>`) is dropped |
//! | white space | collapsed as a browser does; no-break spaces kept inside text, trimmed at a block's edges |
//! | `<em>`/`<i>`/`<cite>`, `<strong>`/`<b>`, `<br>` | emphasis, strong, line breaks, nested as written |
//! | `<a href>` | a link if safe (`safe_href`); an unsafe one keeps its words, loses the link, and is noted; no `href`: its words |
//! | `<code>`, `<kbd>`; `<q>`; `<del>`/`<s>` | its text, shortcodes included; its text in “ ”; its words, noted (a correction reads differently) |
//! | `<h1>`/`<h2>`, `<h3>`–`<h6>` | level 2, level 3 (`<h4>`+ noted) |
//! | `<ul>`/`<ol>` (`wp-block-list`) | a list; nested lists flattened into it; an item's paragraphs joined by line breaks |
//! | `<blockquote>` (`wp-block-quote`, Twitter's embed code) | a quote; its own `<cite>`/`<footer>`, or a last line starting with a dash, the attribution |
//! | `figure.wp-block-pullquote`, `blockquote.kg-blockquote-alt` | a pull quote (plain text) with its `<cite>` |
//! | `<table>` (`wp-block-table`) | a list of rows, cells joined by ` · `, noted; its `<caption>` a paragraph before it |
//! | `<pre>` (`wp-block-code`, `wp-block-preformatted`) | a paragraph of its text as written, its lines apart by line breaks |
//! | `<img>` (`wp-block-image`, `kg-image-card`, classic `div.wp-caption`) | an image block: see below |
//! | galleries (`wp-block-gallery`, the `[gallery]` output `div.gallery`, `kg-gallery-card`) | an image block per picture, in order, noted; the gallery's own caption a paragraph after them |
//! | `<noscript>` | an image in it only if the page does not show it already (a lazy-load placeholder's copy); other text dropped, noted |
//! | YouTube, Vimeo (`wp-block-embed` with an `<iframe>` or only its URL, `kg-embed-card`, a bare `<iframe>`) | a video: the canonical watch URL, title from the caption, else the frame's `title`, else "Video" |
//! | other embeds (`wp-block-embed-twitter`, …) | a link to the embedded URL (and the tweet's words as a quote when WordPress rendered them), noted |
//! | any other `<iframe>`; `<object>`/`<embed>` | dropped, noted with its host |
//! | `<video>` (`kg-video-card`, `wp-block-video`); `<audio>` (`kg-audio-card`, `wp-block-audio`) | a video linking to its file (a Ghost card's length read); a paragraph linking to the file, noted |
//! | Ghost bookmark card | a paragraph: a link titled with the page's title, then ` — ` and its description, noted |
//! | Ghost callout card | a paragraph of its text (its emoji dropped), noted |
//! | Ghost toggle card, `<details>` | shown open: a level-3 heading, then its text, noted |
//! | `<script>`, `<style>`, `<template>`, `<svg>`, `<input>`, `<canvas>`; `<hr>`, `wp-block-separator` | nothing (no words) |
//! | `<form>`, `<button>`, `<select>`, `<textarea>`, `<math>` | dropped, noted with their words |
//! | comments | nothing; Ghost's `<!--members-only-->` ends the body there, noted |
//! | WordPress shortcodes left in the text (`[gallery ids="1"]`, `[/caption]`) | removed, noted; the rule is in `shortcodes.rs` (`[1]`, `[sic]` stay) |
//! | markup nested deeper than 64 levels | its text, as plain paragraphs, noted once |
//!
//! An image block's `url` is the source as the CMS gave it, absolute http(s) or site-relative (otherwise the
//! image is dropped, noted with its caption): `src`, or for a lazy-load placeholder (no `src`, or a `data:` one)
//! `data-src`/`data-lazy-src`, else the largest `data-srcset`/`srcset` candidate. `width`/`height` come from the
//! attributes (with neither, the width from the largest `srcset` width); one unknown stays 0, noted for the sync to
//! fill in.
//! `alt` is the attribute (empty allowed). The caption is the plain text of the `<figcaption>` or
//! `.wp-caption-text` beside that one picture (links in it are not kept); a `<cite>` in it is the credit. A link
//! around a picture (to its full size, or its attachment page) is dropped.

mod address;
mod blocks;
mod dom;
mod embeds;
mod flow;
mod images;
mod inlines;
mod shortcodes;
mod walk;

#[cfg(test)]
mod testing;

use broadsheet_content::Block;
use scraper::Html;

pub use images::srcset_candidates;

/// What the conversion changed or left out, for the article's notes (in words an editor understands).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlNote {
    pub message: String,
}

/// A body converted: its blocks, and notes of what was changed or left out (see the module's table).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Converted {
    pub blocks: Vec<Block>,
    pub notes: Vec<HtmlNote>,
    /// The sized files each picture's `srcset` names (WordPress's sizes, Ghost's `/size/w600/`), by the
    /// picture's address: a sync copies those at the responsive rule's widths rather than resizing.
    pub sizes: crate::media::Sizes,
}

/// Converts a post's rendered HTML (WordPress `content.rendered`, Ghost `html`) into blocks, with notes of what
/// was changed or left out. Any input gives an answer: at worst no blocks and a note.
pub fn html_to_blocks(html: &str) -> Converted {
    let doc = Html::parse_fragment(html);
    let mut walker = flow::Walker::new();
    let mut flow = flow::Flow::new();
    walker.children(&mut flow, *doc.root_element(), 0);
    Converted {
        blocks: flow.finish(),
        notes: walker.notes,
        sizes: walker.sizes,
    }
}

/// The text of entity-encoded HTML (a title, a term's name): tags dropped, entities decoded, white space
/// collapsed.
pub fn text_of(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let text: String = doc.root_element().text().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use broadsheet_content::{Block, Inline};

    /// A Gutenberg post as `content.rendered` gives it (block comments already gone, wpautop's newlines kept).
    #[test]
    fn a_gutenberg_post() {
        let html = "\n<p>The council has approved <a href=\"https://example.org/plan\">the plan</a>.</p>\n\n\n\n\
            <h2 class=\"wp-block-heading\">What changes</h2>\n\n\n\n<ul class=\"wp-block-list\">\n<li>Rents</li>\n\n\n\n\
            <li>Repairs</li>\n</ul>\n\n\n\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n\n\n\n\
            <blockquote class=\"wp-block-quote\"><p>About time.</p><cite>A tenant</cite></blockquote>\n\n\n\n\
            <figure class=\"wp-block-image size-full\"><img loading=\"lazy\" decoding=\"async\" width=\"800\" height=\"533\" \
            src=\"/wp-content/uploads/2024/05/estate.jpg\" alt=\"The estate\" class=\"wp-image-9\"/></figure>\n\n\n\n\
            <p>[/caption] It passed 31&#8211;12.</p>\n";
        let (blocks, notes) = convert(html);
        assert_eq!(
            blocks,
            vec![
                para(vec![
                    t("The council has approved "),
                    link("https://example.org/plan", vec![t("the plan")]),
                    t("."),
                ]),
                heading(2, "What changes"),
                Block::List {
                    ordered: false,
                    items: vec![vec![t("Rents")], vec![t("Repairs")]]
                },
                Block::Quote {
                    content: vec![t("About time.")],
                    attribution: Some("A tenant".into())
                },
                image(
                    "/wp-content/uploads/2024/05/estate.jpg",
                    800,
                    533,
                    "The estate"
                ),
                p("It passed 31–12."),
            ]
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(noted(&notes, "`[/caption]`"));
    }

    /// A Ghost post's `html`, cut at the paywall.
    #[test]
    fn a_ghost_post() {
        let html = "<p>Free part with <em>emphasis</em>.</p><figure class=\"kg-card kg-image-card\"><img \
            src=\"https://blog.example.com/content/images/2024/05/a.jpg\" class=\"kg-image\" alt=\"A\" loading=\"lazy\" \
            width=\"1200\" height=\"800\"></figure><!--kg-card-begin: html--><div class=\"x\">Raw card</div>\
            <!--kg-card-end: html--><hr><!--members-only--><p>Paid part.</p>";
        let (blocks, notes) = convert(html);
        assert_eq!(
            blocks,
            vec![
                para(vec![t("Free part with "), em(vec![t("emphasis")]), t(".")]),
                image(
                    "https://blog.example.com/content/images/2024/05/a.jpg",
                    1200,
                    800,
                    "A"
                ),
                p("Raw card"),
            ]
        );
        assert_eq!(
            notes,
            vec!["body cut at the paywall (`<!--members-only-->`): the members-only part is not imported"]
        );
    }

    #[test]
    fn an_image_shown_and_copied_in_noscript_is_kept_once() {
        let html =
            "<p><img src=\"/media/a.jpg\" width=\"4\" height=\"3\" alt=\"A\" loading=\"lazy\"></p>\
                    <noscript><img src=\"/media/a.jpg\" alt=\"A\"></noscript><p>End<br></p>";
        let (blocks, notes) = convert(html);
        assert_eq!(
            blocks,
            vec![
                image("/media/a.jpg", 4, 3, "A"),
                para(vec![Inline::Text { text: "End".into() }])
            ]
        );
        assert!(notes.is_empty(), "{notes:?}");
    }
}
