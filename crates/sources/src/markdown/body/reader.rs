//! The body reader: pulldown-cmark's events in document order, one method per kind of event, building blocks and
//! the notes of what was changed or left out. Some constructs are read whole before they become anything (a
//! fenced block, an HTML block, an inline image's alt text, a table); while one is open, its events go to it.

use broadsheet_content::{safe_href, Block, Inline};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::fenced::fenced_block;
use super::inlines::{push_merged, Frame, Inlines};
use super::quote::quote_block;
use super::{BodyError, BodyNote};
use crate::markdown::front_matter::line_of;
use crate::markdown::raw_html::{classify, RawHtml};

/// Where the paragraph being read belongs.
enum Container {
    Quote(Vec<Vec<Inline>>),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
}

/// A construct read whole before it becomes a block (or a note).
enum Open {
    /// A fenced or indented code block: its info string, its text and where it starts.
    Fence(String, String, usize),
    /// An HTML block: its text and where it starts.
    Html(String, usize),
    /// An inline image: its alt text, which is not kept.
    Image,
}

/// A table being read: its rows, and the row being read.
type Table = (Vec<Vec<Inline>>, Vec<Inline>);

/// What has been read of one body.
pub(super) struct BodyReader<'a> {
    body: &'a str,
    blocks: Vec<Block>,
    notes: Vec<BodyNote>,
    inlines: Inlines,
    containers: Vec<Container>,
    open: Option<Open>,
    table: Option<Table>,
    /// How deep in lists: nested lists are flattened into the outermost one.
    list_depth: usize,
    /// The label of a footnote whose first paragraph is next.
    footnote: Option<String>,
}

impl<'a> BodyReader<'a> {
    pub(super) fn new(body: &'a str) -> Self {
        BodyReader {
            body,
            blocks: Vec::new(),
            notes: Vec::new(),
            inlines: Inlines::new(),
            containers: Vec::new(),
            open: None,
            table: None,
            list_depth: 0,
            footnote: None,
        }
    }

    /// The blocks and notes read.
    pub(super) fn finish(self) -> (Vec<Block>, Vec<BodyNote>) {
        (self.blocks, self.notes)
    }

    fn note(&mut self, offset: usize, message: String) {
        self.notes.push(BodyNote {
            line: line_of(self.body, offset),
            message,
        });
    }

    /// Reads one event, `at` its byte offset in the body.
    pub(super) fn event(&mut self, event: Event<'_>, at: usize) -> Result<(), BodyError> {
        if self.open.is_some() {
            return self.inside(event);
        }
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag, at),
            Event::InlineHtml(raw) | Event::Html(raw) => self.raw_html(&raw, at),
            Event::FootnoteReference(label) => self.inlines.text(&format!("[{label}]")),
            Event::Text(t) | Event::Code(t) => self.inlines.text(&t),
            Event::SoftBreak => self.inlines.text(" "),
            Event::HardBreak => self.inlines.push(Inline::Break),
            // Thematic breaks and task-list markers carry no words.
            _ => {}
        }
        Ok(())
    }

    /// An event inside a construct read whole.
    fn inside(&mut self, event: Event<'_>) -> Result<(), BodyError> {
        match (&mut self.open, event) {
            (Some(Open::Fence(_, text, _)), Event::Text(t)) => text.push_str(&t),
            (Some(Open::Html(text, _)), Event::Html(t) | Event::Text(t)) => text.push_str(&t),
            (Some(Open::Fence(..)), Event::End(TagEnd::CodeBlock)) => {
                if let Some(Open::Fence(name, text, start)) = self.open.take() {
                    let block = fenced_block(&name, &text).map_err(|message| BodyError {
                        line: line_of(self.body, start),
                        message,
                    })?;
                    self.blocks.extend(block);
                }
            }
            (Some(Open::Html(..)), Event::End(TagEnd::HtmlBlock)) => {
                if let Some(Open::Html(text, start)) = self.open.take() {
                    self.html_block(&text, start);
                }
            }
            (Some(Open::Image), Event::End(TagEnd::Image)) => self.open = None,
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::HtmlBlock => self.open = Some(Open::Html(String::new(), at)),
            Tag::Image {
                dest_url, title, ..
            } => self.inline_image(&dest_url, &title, at),
            Tag::CodeBlock(kind) => {
                let name = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.open = Some(Open::Fence(name, String::new(), at));
            }
            Tag::FootnoteDefinition(label) => self.footnote = Some(label.to_string()),
            Tag::Table(_) => self.table = Some((Vec::new(), Vec::new())),
            Tag::TableHead | Tag::TableRow => {
                if let Some((_, row)) = self.table.as_mut() {
                    row.clear();
                }
            }
            Tag::TableCell => self.inlines = Inlines::new(),
            Tag::Paragraph | Tag::Heading { .. } => {
                self.inlines = Inlines::new();
                if let Some(label) = self.footnote.take() {
                    self.inlines.text(&format!("[{label}] "));
                }
            }
            Tag::BlockQuote(_) => self.containers.push(Container::Quote(Vec::new())),
            Tag::List(start) => self.list_start(start.is_some()),
            Tag::Item => self.item_start(),
            Tag::Emphasis => self.inlines.open(Frame::Emphasis),
            Tag::Strong => self.inlines.open(Frame::Strong),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.link_start(link_type, &dest_url, at),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, at: usize) {
        match tag {
            TagEnd::FootnoteDefinition => self.footnote = None,
            TagEnd::TableCell => self.table_cell(),
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some((rows, row)) = self.table.as_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            TagEnd::Table => self.table_end(at),
            TagEnd::Paragraph => self.paragraph_end(),
            TagEnd::Heading(level) => self.heading_end(level),
            TagEnd::BlockQuote(_) => {
                if let Some(Container::Quote(paras)) = self.containers.pop() {
                    self.blocks.extend(quote_block(paras));
                }
            }
            TagEnd::List(_) => self.list_end(),
            TagEnd::Item => self.finish_tight_item(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link => self.inlines.close(),
            _ => {}
        }
    }

    /// Raw HTML in a paragraph: a real element's tag or a comment is left out and noted; anything else in angle
    /// brackets is text.
    fn raw_html(&mut self, raw: &CowStr<'_>, at: usize) {
        match classify(raw) {
            RawHtml::Comment => self.note(at, format!("HTML comment left out: `{}`", excerpt(raw))),
            RawHtml::Tag(name) => self.note(
                at,
                format!("HTML tag `{raw}` left out (its text is kept); to show it as text, write `\\<{name}>`"),
            ),
            RawHtml::Text => self.inlines.text(raw),
        }
    }

    /// A whole HTML block, read: as [`BodyReader::raw_html`], a block at a time.
    fn html_block(&mut self, text: &str, start: usize) {
        match classify(text) {
            RawHtml::Comment => {
                self.note(start, format!("HTML comment left out: `{}`", excerpt(text)))
            }
            RawHtml::Tag(name) => self.note(
                start,
                format!(
                    "HTML block left out (bodies are Markdown; `<{name}>` is HTML): `{}`",
                    excerpt(text)
                ),
            ),
            RawHtml::Text => self.blocks.push(Block::Paragraph {
                content: vec![Inline::Text {
                    text: text.trim().to_string(),
                }],
            }),
        }
    }

    /// An inline image is left out (an image needs its size: the ```image block), with a note naming it.
    fn inline_image(&mut self, dest_url: &str, title: &str, at: usize) {
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" (title `{title}`)")
        };
        self.note(
            at,
            format!("inline image `{dest_url}`{title} left out: an image needs a width and height (an ```image block)"),
        );
        self.open = Some(Open::Image);
    }

    fn table_cell(&mut self) {
        let cell = self.inlines.take();
        if let Some((_, row)) = self.table.as_mut() {
            if !row.is_empty() {
                push_merged(
                    row,
                    Inline::Text {
                        text: " · ".into()
                    },
                );
            }
            cell.into_iter().for_each(|i| push_merged(row, i));
        }
    }

    /// A table becomes a list of its rows, cells joined by ` · `, and a note.
    fn table_end(&mut self, at: usize) {
        if let Some((rows, _)) = self.table.take() {
            self.note(
                at,
                format!(
                    "table shown as a list of {} rows (tables are not a block type)",
                    rows.len()
                ),
            );
            self.blocks.push(Block::List {
                ordered: false,
                items: rows,
            });
        }
    }

    /// A paragraph goes to the quote or list it is in, else becomes a block.
    fn paragraph_end(&mut self) {
        let content = self.inlines.take();
        match self.containers.last_mut() {
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
            None if !content.is_empty() => self.blocks.push(Block::Paragraph { content }),
            None => {}
        }
    }

    /// `#` and `##` are level 2 (the headline is the page's only level 1), deeper ones level 3.
    fn heading_end(&mut self, level: HeadingLevel) {
        let content = self.inlines.take();
        let level = if level <= HeadingLevel::H2 { 2 } else { 3 };
        if !content.is_empty() {
            self.blocks.push(Block::Heading { level, content });
        }
    }

    fn list_start(&mut self, ordered: bool) {
        if self.list_depth == 0 {
            self.containers.push(Container::List {
                ordered,
                items: Vec::new(),
            });
        }
        self.list_depth += 1;
    }

    fn list_end(&mut self) {
        self.list_depth = self.list_depth.saturating_sub(1);
        if self.list_depth > 0 {
            return;
        }
        if let Some(Container::List { ordered, items }) = self.containers.pop() {
            let items: Vec<_> = items.into_iter().filter(|i| !i.is_empty()).collect();
            if !items.is_empty() {
                self.blocks.push(Block::List { ordered, items });
            }
        }
    }

    fn item_start(&mut self) {
        self.finish_tight_item();
        if let Some(Container::List { items, .. }) = self.containers.last_mut() {
            items.push(Vec::new());
        }
        self.inlines = Inlines::new();
    }

    /// Tight list items carry their text without a paragraph: what was read goes into the item.
    fn finish_tight_item(&mut self) {
        let content = self.inlines.take();
        if content.is_empty() {
            return;
        }
        if let Some(Container::List { items, .. }) = self.containers.last_mut() {
            if let Some(item) = items.last_mut() {
                if !item.is_empty() {
                    item.push(Inline::Break);
                }
                item.extend(content);
            }
        }
    }

    /// A link keeps its words; it stays a link only when it passes the safe-URL rule (an e-mail autolink becomes
    /// `mailto:`), else it is noted.
    fn link_start(&mut self, link_type: LinkType, dest_url: &str, at: usize) {
        let dest = if link_type == LinkType::Email {
            format!("mailto:{dest_url}")
        } else {
            dest_url.to_string()
        };
        let href = safe_href(&dest).map(str::to_string);
        if href.is_none() {
            self.note(
                at,
                format!(
                    "link `{}` left out (not http(s), mailto or site-relative); its words are kept",
                    excerpt(&dest)
                ),
            );
        }
        self.inlines.open(Frame::Link(href));
    }
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
