//! Article bodies: Markdown in, typed blocks out. No HTML is passed on, and no writer's words are lost without a
//! note in the import's report. Each Markdown construct, decided:
//!
//! | Construct | Becomes |
//! | --- | --- |
//! | paragraphs, `##`/`###` headings (`#` is level 2, `####`+ level 3), emphasis, strong, line breaks | the same |
//! | links, autolinks `<https://…>`, e-mail autolinks `<a@b.example>` | links, if safe (`safe_href`); an unsafe one keeps its words, loses the link, and is noted |
//! | block quotes | a quote, its last line starting `—` the attribution |
//! | lists, nested | one list, nested items flattened |
//! | fenced `pullquote`, `image`, `video` blocks | those blocks; other fenced or indented code: a paragraph of its text |
//! | inline code | its text |
//! | raw HTML (`raw_html.rs`) | a real HTML element's tag: dropped, noted; a comment: dropped, noted; anything else in angle brackets (`<PLN-2026-0042>`): text |
//! | inline images `![alt](src "title")` | dropped and noted (an image needs a width and height: the `image` block) |
//! | footnotes `[^1]` | the reference stays as `[1]`; the note becomes a paragraph starting `[1]` where it is written |
//! | tables | a list of rows, cells joined by ` · `, noted |
//! | thematic breaks `---` | nothing (no words) |

mod fenced;
mod inlines;
mod quote;
mod reader;

pub use fenced::image;

/// Something the import changed or left out of a body that it still imported: body-relative line and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyNote {
    pub line: usize,
    pub message: String,
}

/// A body that could not be converted, with the body-relative line.
#[derive(Debug)]
pub struct BodyError {
    pub line: usize,
    pub message: String,
}

/// Converts a Markdown body into blocks, with notes of what was changed or left out (see the module's table).
/// `Err` for a fenced block whose TOML is wrong.
pub fn body_to_blocks(
    body: &str,
) -> Result<(Vec<broadsheet_content::Block>, Vec<BodyNote>), BodyError> {
    let options =
        pulldown_cmark::Options::ENABLE_FOOTNOTES | pulldown_cmark::Options::ENABLE_TABLES;
    let mut reader = reader::BodyReader::new(body);
    for (event, range) in pulldown_cmark::Parser::new_ext(body, options).into_offset_iter() {
        reader.event(event, range.start)?;
    }
    Ok(reader.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::{Block, Inline};

    fn text(t: &str) -> Inline {
        Inline::Text { text: t.into() }
    }

    /// The blocks only.
    fn body_to_blocks(body: &str) -> Result<Vec<Block>, BodyError> {
        super::body_to_blocks(body).map(|(blocks, _)| blocks)
    }

    /// The blocks, and the notes as `line: message`.
    fn with_notes(body: &str) -> (Vec<Block>, Vec<String>) {
        let (blocks, notes) = super::body_to_blocks(body).unwrap();
        let notes = notes
            .into_iter()
            .map(|n| format!("{}: {}", n.line, n.message))
            .collect();
        (blocks, notes)
    }

    fn paragraph(t: &str) -> Block {
        Block::Paragraph {
            content: vec![text(t)],
        }
    }

    #[test]
    fn text_in_angle_brackets_that_is_not_html_is_kept() {
        let (blocks, notes) = with_notes(
            "Quote reference <PLN-2026-0042> when you call.\n\nPress the <Report It> button.\n\n<PLN-2026-0043>\n",
        );
        assert_eq!(
            blocks,
            vec![
                paragraph("Quote reference <PLN-2026-0042> when you call."),
                paragraph("Press the <Report It> button."),
                paragraph("<PLN-2026-0043>"),
            ]
        );
        assert_eq!(notes, Vec::<String>::new());
    }

    #[test]
    fn html_tags_blocks_and_comments_are_left_out_and_noted() {
        let (blocks, notes) = with_notes(
            "Hi <span class=\"x\">there</span>\n\n<div>\nraw\n</div>\n\nText <!-- check the figure --> on.\n",
        );
        assert_eq!(blocks, vec![paragraph("Hi there"), paragraph("Text  on.")]);
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(notes[0].starts_with("1: HTML tag `<span class=\"x\">` left out"));
        assert!(notes[1].starts_with("1: HTML tag `</span>` left out"));
        assert!(notes[2].starts_with("3: HTML block left out"), "{notes:?}");
        assert!(notes[3].starts_with("7: HTML comment left out: `<!-- check the figure -->`"));
    }

    #[test]
    fn autolinks_are_links_and_unsafe_links_are_noted() {
        let (blocks, notes) = with_notes(
            "See <https://example.org/a> or <press@council.example>.\n\n[x](javascript:alert(1))\n",
        );
        assert_eq!(
            blocks[0],
            Block::Paragraph {
                content: vec![
                    text("See "),
                    Inline::Link {
                        href: "https://example.org/a".into(),
                        content: vec![text("https://example.org/a")]
                    },
                    text(" or "),
                    Inline::Link {
                        href: "mailto:press@council.example".into(),
                        content: vec![text("press@council.example")]
                    },
                    text("."),
                ]
            }
        );
        assert_eq!(blocks[1], paragraph("x"));
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("3: link `javascript:alert(1)` left out"));
    }

    #[test]
    fn inline_images_are_left_out_with_their_source_and_title_noted() {
        let (blocks, notes) =
            with_notes("Before ![A map of the ward](/media/map.png \"Ward map\") after.\n");
        assert_eq!(blocks, vec![paragraph("Before  after.")]);
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("`/media/map.png` (title `Ward map`) left out"),
            "{notes:?}"
        );
    }

    #[test]
    fn footnotes_keep_their_marker_and_their_note() {
        let (blocks, notes) =
            with_notes("Spending rose.[^1]\n\n[^1]: Council accounts, 2025-26.\n");
        assert_eq!(
            blocks,
            vec![
                paragraph("Spending rose.[1]"),
                paragraph("[1] Council accounts, 2025-26."),
            ]
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn tables_become_a_list_of_rows_and_are_noted() {
        let (blocks, notes) =
            with_notes("| Ward | Homes |\n| --- | --- |\n| North | 120 |\n| South | 80 |\n");
        assert_eq!(
            blocks,
            vec![Block::List {
                ordered: false,
                items: vec![
                    vec![text("Ward · Homes")],
                    vec![text("North · 120")],
                    vec![text("South · 80")],
                ]
            }]
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("table shown as a list of 3 rows"));
    }

    #[test]
    fn paragraphs_headings_and_inlines() {
        let blocks =
            body_to_blocks("One *two* **three** [four](https://example.org).\n\n## Sub\n").unwrap();
        assert_eq!(
            blocks[0],
            Block::Paragraph {
                content: vec![
                    text("One "),
                    Inline::Emphasis {
                        content: vec![text("two")]
                    },
                    text(" "),
                    Inline::Strong {
                        content: vec![text("three")]
                    },
                    text(" "),
                    Inline::Link {
                        href: "https://example.org".into(),
                        content: vec![text("four")]
                    },
                    text("."),
                ]
            }
        );
        assert_eq!(
            blocks[1],
            Block::Heading {
                level: 2,
                content: vec![text("Sub")]
            }
        );
    }

    #[test]
    fn html_and_unsafe_links_are_not_passed_on() {
        let blocks = body_to_blocks(
            "Hi <script>alert(1)</script> [x](javascript:alert(1))\n\n<div>raw</div>\n",
        )
        .unwrap();
        assert_eq!(
            blocks,
            vec![Block::Paragraph {
                content: vec![text("Hi alert(1) x")]
            }]
        );
    }

    #[test]
    fn quotes_take_their_attribution() {
        let blocks = body_to_blocks("> We will do it.\n> — Ann Lee, leader\n").unwrap();
        assert_eq!(
            blocks,
            vec![Block::Quote {
                content: vec![text("We will do it.")],
                attribution: Some("Ann Lee, leader".into())
            }]
        );
    }

    #[test]
    fn lists_tight_loose_and_nested() {
        let blocks = body_to_blocks("- a\n- b\n  - c\n\n1. one\n\n2. two\n").unwrap();
        assert_eq!(
            blocks,
            vec![
                Block::List {
                    ordered: false,
                    items: vec![vec![text("a")], vec![text("b")], vec![text("c")]]
                },
                Block::List {
                    ordered: true,
                    items: vec![vec![text("one")], vec![text("two")]]
                },
            ]
        );
    }

    #[test]
    fn fenced_blocks() {
        let body = "```pullquote\ntext = \"Big line\"\nattribution = \"Someone\"\n```\n\n```video\ntitle = \"T\"\nurl = \"https://v.example.org/1\"\nduration = 90\n```\n";
        let blocks = body_to_blocks(body).unwrap();
        assert_eq!(
            blocks[0],
            Block::PullQuote {
                text: "Big line".into(),
                attribution: Some("Someone".into())
            }
        );
        assert!(matches!(&blocks[1], Block::Video { video } if video.duration == Some(90)));
        let e = body_to_blocks("Para\n\n```image\nsrc = 3\n```\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e =
            body_to_blocks("```video\ntitle = \"x\"\nurl = \"javascript:x\"\n```\n").unwrap_err();
        assert!(e.message.contains("not a safe link"));
    }
}
