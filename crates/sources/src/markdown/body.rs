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

use broadsheet_content::{safe_href, Block, Image, Inline, Video};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use super::front_matter::{line_of, ImageFields};
use super::raw_html::{classify, RawHtml};

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PullQuoteFields {
    text: String,
    #[serde(default)]
    attribution: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VideoFields {
    title: String,
    url: String,
    #[serde(default)]
    duration: Option<u32>,
    #[serde(default)]
    poster: Option<String>,
    #[serde(default)]
    poster_alt: Option<String>,
}

/// Converts image fields into the API type, checking the link.
pub fn image(fields: ImageFields) -> Result<Image, String> {
    let url = safe_href(&fields.src)
        .ok_or_else(|| format!("image src `{}` is not a safe link", fields.src))?;
    if fields.width == 0 || fields.height == 0 {
        return Err("image width and height must be above zero".into());
    }
    if fields.alt.trim().is_empty() {
        return Err("image alt text must not be empty".into());
    }
    Ok(Image {
        url: url.to_string(),
        width: fields.width,
        height: fields.height,
        alt: fields.alt,
        caption: fields.caption.filter(|c| !c.trim().is_empty()),
        credit: fields.credit.filter(|c| !c.trim().is_empty()),
    })
}

enum Frame {
    Root,
    Emphasis,
    Strong,
    Link(Option<String>),
}

/// Builds nested inlines from start/end events.
struct Inlines {
    stack: Vec<(Frame, Vec<Inline>)>,
}

impl Inlines {
    fn new() -> Self {
        Inlines {
            stack: vec![(Frame::Root, Vec::new())],
        }
    }

    fn push(&mut self, inline: Inline) {
        if let Some((_, content)) = self.stack.last_mut() {
            push_merged(content, inline);
        }
    }

    fn text(&mut self, text: &str) {
        self.push(Inline::Text {
            text: text.to_string(),
        });
    }

    fn open(&mut self, frame: Frame) {
        self.stack.push((frame, Vec::new()));
    }

    fn close(&mut self) {
        if self.stack.len() < 2 {
            return;
        }
        let Some((frame, content)) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Emphasis => self.push(Inline::Emphasis { content }),
            Frame::Strong => self.push(Inline::Strong { content }),
            Frame::Link(Some(href)) => self.push(Inline::Link { href, content }),
            // An unsafe link keeps its words and loses the link.
            Frame::Link(None) | Frame::Root => content.into_iter().for_each(|i| self.push(i)),
        }
    }

    fn take(&mut self) -> Vec<Inline> {
        while self.stack.len() > 1 {
            self.close();
        }
        let mut content = std::mem::take(&mut self.stack[0].1);
        trim_edges(&mut content);
        content
    }
}

fn trim_edges(content: &mut Vec<Inline>) {
    if let Some(Inline::Text { text }) = content.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = content.last_mut() {
        *text = text.trim_end().to_string();
    }
    content.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
}

/// Where the paragraph being read belongs.
enum Container {
    Quote(Vec<Vec<Inline>>),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
}

/// A short quotation of source text for a note: one line, at most 60 characters.
fn excerpt(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(60).collect();
    if out.len() < line.len() || text.trim().lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

/// Converts a Markdown body into blocks, with notes of what was changed or left out (see the module's table).
/// `Err` for a fenced block whose TOML is wrong.
pub fn body_to_blocks(body: &str) -> Result<(Vec<Block>, Vec<BodyNote>), BodyError> {
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut inlines = Inlines::new();
    let mut containers: Vec<Container> = Vec::new();
    let mut fence: Option<(String, String, usize)> = None;
    let mut list_depth = 0usize;
    // An HTML block being read: its text and where it starts.
    let mut html_block: Option<(String, usize)> = None;
    // An inline image being read: its alt text.
    let mut image_alt: Option<String> = None;
    // A table being read: its rows, and the row being read.
    let mut table: Option<(Vec<Vec<Inline>>, Vec<Inline>)> = None;
    // The label of a footnote whose first paragraph is next.
    let mut footnote: Option<String> = None;
    let err = |offset: usize, message: String| BodyError {
        line: line_of(body, offset),
        message,
    };
    let mut note = |offset: usize, message: String| {
        notes.push(BodyNote {
            line: line_of(body, offset),
            message,
        })
    };
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES;

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Some((_, text, _)) = fence.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let Some((name, text, start)) = fence.take() else {
                        continue;
                    };
                    if let Some(block) = fenced_block(&name, &text).map_err(|m| err(start, m))? {
                        blocks.push(block);
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some((text, _)) = html_block.as_mut() {
            match event {
                Event::Html(t) | Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::HtmlBlock) => {
                    let Some((text, start)) = html_block.take() else {
                        continue;
                    };
                    match classify(&text) {
                        RawHtml::Comment => {
                            note(start, format!("HTML comment left out: `{}`", excerpt(&text)))
                        }
                        RawHtml::Tag(name) => note(
                            start,
                            format!(
                                "HTML block left out (bodies are Markdown; `<{name}>` is HTML): `{}`",
                                excerpt(&text)
                            ),
                        ),
                        RawHtml::Text => blocks.push(Block::Paragraph {
                            content: vec![Inline::Text {
                                text: text.trim().to_string(),
                            }],
                        }),
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some(alt) = image_alt.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::End(TagEnd::Image) => image_alt = None,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some((String::new(), range.start)),
            Event::InlineHtml(raw) | Event::Html(raw) => match classify(&raw) {
                RawHtml::Comment => note(range.start, format!("HTML comment left out: `{}`", excerpt(&raw))),
                RawHtml::Tag(name) => note(
                    range.start,
                    format!("HTML tag `{raw}` left out (its text is kept); to show it as text, write `\\<{name}>`"),
                ),
                RawHtml::Text => inlines.text(&raw),
            },
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                note(
                    range.start,
                    format!(
                        "inline image `{dest_url}`{} left out: an image needs a width and height (an ```image block)",
                        if title.is_empty() { String::new() } else { format!(" (title `{title}`)") }
                    ),
                );
                image_alt = Some(String::new());
            }
            Event::FootnoteReference(label) => inlines.text(&format!("[{label}]")),
            Event::Start(Tag::FootnoteDefinition(label)) => footnote = Some(label.to_string()),
            Event::End(TagEnd::FootnoteDefinition) => footnote = None,
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new())),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some((_, row)) = table.as_mut() {
                    row.clear();
                }
            }
            Event::Start(Tag::TableCell) => inlines = Inlines::new(),
            Event::End(TagEnd::TableCell) => {
                let cell = inlines.take();
                if let Some((_, row)) = table.as_mut() {
                    if !row.is_empty() {
                        push_merged(row, Inline::Text { text: " · ".into() });
                    }
                    cell.into_iter().for_each(|i| push_merged(row, i));
                }
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                if let Some((rows, row)) = table.as_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((rows, _)) = table.take() {
                    note(
                        range.start,
                        format!("table shown as a list of {} rows (tables are not a block type)", rows.len()),
                    );
                    blocks.push(Block::List {
                        ordered: false,
                        items: rows,
                    });
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let name = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                fence = Some((name, String::new(), range.start));
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) => {
                inlines = Inlines::new();
                if let Some(label) = footnote.take() {
                    inlines.text(&format!("[{label}] "));
                }
            }
            Event::End(TagEnd::Paragraph) => {
                let content = inlines.take();
                match containers.last_mut() {
                    Some(Container::Quote(paras)) => paras.push(content),
                    Some(Container::List { items, .. }) => match items.last_mut() {
                        Some(item) if !content.is_empty() => {
                            if !item.is_empty() {
                                item.push(Inline::Break);
                            }
                            item.extend(content);
                        }
                        _ => {}
                    },
                    None if !content.is_empty() => blocks.push(Block::Paragraph { content }),
                    None => {}
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                let content = inlines.take();
                let level = if level == HeadingLevel::H2 || level == HeadingLevel::H1 {
                    2
                } else {
                    3
                };
                if !content.is_empty() {
                    blocks.push(Block::Heading { level, content });
                }
            }
            Event::Start(Tag::BlockQuote(_)) => containers.push(Container::Quote(Vec::new())),
            Event::End(TagEnd::BlockQuote(_)) => {
                if let Some(Container::Quote(paras)) = containers.pop() {
                    blocks.extend(quote_block(paras));
                }
            }
            // Nested lists are flattened into the outermost one.
            Event::Start(Tag::List(start)) => {
                if list_depth == 0 {
                    containers.push(Container::List {
                        ordered: start.is_some(),
                        items: Vec::new(),
                    });
                }
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 {
                    if let Some(Container::List { ordered, items }) = containers.pop() {
                        let items: Vec<_> = items.into_iter().filter(|i| !i.is_empty()).collect();
                        if !items.is_empty() {
                            blocks.push(Block::List { ordered, items });
                        }
                    }
                }
            }
            Event::Start(Tag::Item) => {
                finish_tight_item(&mut containers, &mut inlines);
                if let Some(Container::List { items, .. }) = containers.last_mut() {
                    items.push(Vec::new());
                }
                inlines = Inlines::new();
            }
            Event::End(TagEnd::Item) => finish_tight_item(&mut containers, &mut inlines),
            Event::Start(Tag::Emphasis) => inlines.open(Frame::Emphasis),
            Event::Start(Tag::Strong) => inlines.open(Frame::Strong),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let dest = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                let href = safe_href(&dest).map(str::to_string);
                if href.is_none() {
                    note(
                        range.start,
                        format!("link `{}` left out (not http(s), mailto or site-relative); its words are kept", excerpt(&dest)),
                    );
                }
                inlines.open(Frame::Link(href))
            }
            Event::End(TagEnd::Emphasis)
            | Event::End(TagEnd::Strong)
            | Event::End(TagEnd::Link) => inlines.close(),
            Event::Text(t) | Event::Code(t) => inlines.text(&t),
            Event::SoftBreak => inlines.text(" "),
            Event::HardBreak => inlines.push(Inline::Break),
            // Thematic breaks, task-list markers and the ends handled above carry no words.
            _ => {}
        }
    }
    Ok((blocks, notes))
}

/// Adds `inline` to `content`, joining it to text before it.
fn push_merged(content: &mut Vec<Inline>, inline: Inline) {
    if let (Inline::Text { text: new }, Some(Inline::Text { text })) = (&inline, content.last_mut())
    {
        text.push_str(new);
        return;
    }
    content.push(inline);
}

/// Tight list items carry their text without a paragraph: move what was read into the item.
fn finish_tight_item(containers: &mut [Container], inlines: &mut Inlines) {
    let content = inlines.take();
    if content.is_empty() {
        return;
    }
    if let Some(Container::List { items, .. }) = containers.last_mut() {
        if let Some(item) = items.last_mut() {
            if !item.is_empty() {
                item.push(Inline::Break);
            }
            item.extend(content);
        }
    }
}

/// A block quote: its paragraphs, with a last line starting with a dash taken as the attribution.
fn quote_block(mut paras: Vec<Vec<Inline>>) -> Option<Block> {
    let mut attribution = None;
    if let Some(last) = paras.last() {
        let text = Inline::plain_text(last);
        let t = text.trim();
        if let Some(rest) = t
            .strip_prefix('—')
            .or(t.strip_prefix("--"))
            .or(t.strip_prefix('–'))
        {
            attribution = Some(rest.trim().to_string());
            paras.pop();
        }
    }
    // "Quote text\n— Name" in one paragraph: the attribution follows the last soft break.
    if attribution.is_none() {
        if let Some(Some(Inline::Text { text })) = paras.last_mut().map(|p| p.last_mut()) {
            if let Some(idx) = text.rfind(" — ") {
                attribution = Some(text[idx + " — ".len()..].trim().to_string());
                text.truncate(idx);
            }
        }
    }
    let mut content = Vec::new();
    for (i, para) in paras.into_iter().filter(|p| !p.is_empty()).enumerate() {
        if i > 0 {
            content.push(Inline::Break);
        }
        content.extend(para);
    }
    (!content.is_empty()).then_some(Block::Quote {
        content,
        attribution,
    })
}

/// A fenced block: `pullquote`, `image` or `video` hold TOML; other fences become plain paragraphs.
fn fenced_block(name: &str, text: &str) -> Result<Option<Block>, String> {
    let toml_err =
        |e: toml::de::Error| format!("the ```{name} block is not valid: {}", e.message());
    match name {
        "pullquote" => {
            let f: PullQuoteFields = toml::from_str(text).map_err(toml_err)?;
            Ok(Some(Block::PullQuote {
                text: f.text,
                attribution: f.attribution,
            }))
        }
        "image" => {
            let f: ImageFields = toml::from_str(text).map_err(toml_err)?;
            Ok(Some(Block::Image { image: image(f)? }))
        }
        "video" => {
            let f: VideoFields = toml::from_str(text).map_err(toml_err)?;
            let url = safe_href(&f.url)
                .ok_or_else(|| format!("video url `{}` is not a safe link", f.url))?;
            let poster = match f.poster {
                Some(src) => Some(image(ImageFields {
                    src,
                    width: 1200,
                    height: 675,
                    alt: f
                        .poster_alt
                        .unwrap_or_else(|| format!("Still from the video: {}", f.title)),
                    caption: None,
                    credit: None,
                })?),
                None => None,
            };
            Ok(Some(Block::Video {
                video: Video {
                    title: f.title,
                    url: url.to_string(),
                    duration: f.duration,
                    poster,
                },
            }))
        }
        _ => {
            let text = text.trim();
            Ok((!text.is_empty()).then(|| Block::Paragraph {
                content: vec![Inline::Text {
                    text: text.to_string(),
                }],
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
