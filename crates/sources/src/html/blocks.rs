//! The elements that are blocks with a meaning: headings, lists, quotes and pull quotes, tables, preformatted
//! text, and `<details>` (shown open). What is inside one is read apart, then folded into its content: its
//! paragraphs joined by line breaks, and any picture or video in it placed after it.

use broadsheet_content::{Block, Inline};
use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

use super::dom::unseen;
use super::dom::{excerpt, plain_text};
use super::flow::{Flow, Walker};
use super::inlines::{push_merged, trim_end, trim_start, visible};

/// The inline content of `blocks`, each block's content apart from the next by `sep`, and the blocks that have
/// no inline content (pictures, videos), to be placed after.
pub(super) fn fold(blocks: Vec<Block>, sep: &Inline) -> (Vec<Inline>, Vec<Block>) {
    let mut content = Vec::new();
    let mut rest = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { content: c }
            | Block::Heading { content: c, .. }
            | Block::Quote { content: c, .. } => append(&mut content, c, sep),
            Block::PullQuote { text, .. } => append(&mut content, vec![Inline::Text { text }], sep),
            Block::List { items, .. } => {
                items.into_iter().for_each(|i| append(&mut content, i, sep))
            }
            other @ (Block::Image { .. } | Block::Video { .. }) => rest.push(other),
            Block::Unsupported => {}
        }
    }
    (content, rest)
}

/// Adds `part` to `content` after `sep`, if a reader would see anything in it.
fn append(content: &mut Vec<Inline>, part: Vec<Inline>, sep: &Inline) {
    if !visible(&part) {
        return;
    }
    if !content.is_empty() {
        push_merged(content, sep.clone());
    }
    part.into_iter().for_each(|i| push_merged(content, i));
}

/// A quote's last line starting with a dash (`— Name`), taken off as the attribution.
fn dash_attribution(blocks: &mut [Block]) -> Option<String> {
    let Some(Block::Paragraph { content }) = blocks.last_mut() else {
        return None;
    };
    let from = content
        .iter()
        .rposition(|i| *i == Inline::Break)
        .map_or(0, |i| i + 1);
    let line = Inline::plain_text(&content[from..]);
    let name = ["—", "–", "--", "―"]
        .iter()
        .find_map(|dash| line.trim_start().strip_prefix(dash))?
        .trim()
        .to_string();
    if name.is_empty() {
        return None;
    }
    content.truncate(from);
    trim_end(content);
    Some(name)
}

impl Walker {
    pub(super) fn heading(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let n = el
            .value()
            .name()
            .get(1..)
            .and_then(|d| d.parse::<u8>().ok())
            .unwrap_or(2);
        let blocks = self.inside(flow, el, depth);
        let (content, rest) = fold(blocks, &Inline::Break);
        if visible(&content) {
            if n >= 4 {
                let text = Inline::plain_text(&content);
                self.note(format!(
                    "heading level {n} shown as level 3: “{}”",
                    excerpt(&text)
                ));
            }
            flow.push(Block::Heading {
                level: if n <= 2 { 2 } else { 3 },
                content,
            });
        }
        rest.into_iter().for_each(|b| flow.push(b));
    }

    /// A list: each item's paragraphs joined by line breaks; a nested list's items follow its item's.
    pub(super) fn list(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let mut items = Vec::new();
        let mut rest = Vec::new();
        for child in el.children() {
            if self.stopped {
                break;
            }
            let mut sub = flow.nested();
            match ElementRef::wrap(child) {
                Some(li) if li.value().name() == "li" => self.children(&mut sub, child, depth + 1),
                _ => self.node(&mut sub, child, depth),
            }
            let mut item: Vec<Inline> = Vec::new();
            for block in sub.finish() {
                match block {
                    Block::List { items: nested, .. } => {
                        items.extend((!item.is_empty()).then(|| std::mem::take(&mut item)));
                        items.extend(nested);
                    }
                    other => {
                        let (content, more) = fold(vec![other], &Inline::Break);
                        append(&mut item, content, &Inline::Break);
                        rest.extend(more);
                    }
                }
            }
            items.extend((!item.is_empty()).then_some(item));
        }
        if !items.is_empty() {
            let ordered = el.value().name() == "ol";
            flow.push(Block::List { ordered, items });
        }
        rest.into_iter().for_each(|b| flow.push(b));
    }

    /// What a quote holds, read apart, and its attribution: a `<cite>` or `<footer>` of its own (or of the
    /// `<blockquote>` inside a pull quote's `<figure>`), else a last line starting with a dash.
    pub(super) fn quote_parts(
        &mut self,
        flow: &Flow,
        el: ElementRef<'_>,
        depth: usize,
    ) -> (Vec<Block>, Option<String>) {
        let mut sub = flow.nested();
        let mut attribution = None;
        let mut parts = vec![el];
        if el.value().name() == "figure" {
            parts = el
                .child_elements()
                .filter(|c| c.value().name() == "blockquote")
                .collect();
            if parts.is_empty() {
                parts.push(el);
            }
        }
        for part in parts {
            for child in part.children() {
                let own = ElementRef::wrap(child)
                    .filter(|c| matches!(c.value().name(), "cite" | "footer"));
                match own {
                    Some(cite) if attribution.is_none() => {
                        let name = plain_text(cite, &|_| false);
                        let name = name.trim_start_matches(['—', '–', '-', ' ']);
                        attribution = (!name.is_empty()).then(|| name.to_string());
                    }
                    _ => self.node(&mut sub, child, depth),
                }
            }
        }
        let mut blocks = sub.finish();
        if attribution.is_none() {
            attribution = dash_attribution(&mut blocks);
        }
        (blocks, attribution)
    }

    pub(super) fn quote(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let (blocks, attribution) = self.quote_parts(flow, el, depth);
        let (content, rest) = fold(blocks, &Inline::Break);
        if visible(&content) {
            flow.push(Block::Quote {
                content,
                attribution,
            });
        } else if let Some(name) = attribution {
            flow.push(Block::Paragraph {
                content: vec![Inline::Text { text: name }],
            });
        }
        rest.into_iter().for_each(|b| flow.push(b));
    }

    /// A pull quote: its words as plain text (a pull quote shows no marks or links).
    pub(super) fn pull_quote(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let (blocks, attribution) = self.quote_parts(flow, el, depth);
        let (content, rest) = fold(blocks, &Inline::Text { text: " ".into() });
        let text = Inline::plain_text(&content).trim().to_string();
        if !text.is_empty() {
            flow.push(Block::PullQuote { text, attribution });
        }
        rest.into_iter().for_each(|b| flow.push(b));
    }

    /// A table: a list of its rows, the cells of each joined by ` · `; its caption a paragraph before it.
    pub(super) fn table(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        flow.end_paragraph();
        let mut items = Vec::new();
        let mut rest = Vec::new();
        for caption in el
            .child_elements()
            .filter(|c| c.value().name() == "caption")
        {
            self.block(flow, caption, depth + 1);
        }
        let rows = el.descendants().filter_map(ElementRef::wrap).filter(|tr| {
            tr.value().name() == "tr"
                && tr
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .find(|a| a.value().name() == "table")
                    .is_some_and(|t| t.id() == el.id())
        });
        for row in rows {
            let mut line: Vec<Inline> = Vec::new();
            for cell in row.child_elements() {
                let blocks = self.inside(flow, cell, depth + 2);
                let (content, more) = fold(blocks, &Inline::Text { text: " ".into() });
                rest.extend(more);
                if visible(&content) {
                    if !line.is_empty() {
                        push_merged(
                            &mut line,
                            Inline::Text {
                                text: " · ".into()
                            },
                        );
                    }
                    content.into_iter().for_each(|i| push_merged(&mut line, i));
                }
            }
            items.extend((!line.is_empty()).then_some(line));
        }
        if !items.is_empty() {
            let n = items.len();
            let rows = if n == 1 { "row" } else { "rows" };
            self.note(format!(
                "table shown as a list of {n} {rows}, its cells joined by ` · `"
            ));
            flow.push(Block::List {
                ordered: false,
                items,
            });
        }
        rest.into_iter().for_each(|b| flow.push(b));
    }

    /// Preformatted text: a paragraph of its text as written, its lines apart by line breaks.
    pub(super) fn pre(&mut self, flow: &mut Flow, el: ElementRef<'_>) {
        flow.end_paragraph();
        let mut skipping = 0usize;
        for edge in el.traverse() {
            let (open, n) = match edge {
                Edge::Open(n) => (true, n),
                Edge::Close(n) => (false, n),
            };
            match n.value() {
                Node::Element(_) if skipping > 0 => {
                    skipping = if open { skipping + 1 } else { skipping - 1 };
                }
                Node::Element(e) if open && unseen(e.name()) => skipping = 1,
                Node::Element(e) if open && e.name() == "br" => flow.inlines.push_break(),
                Node::Text(t) if open && skipping == 0 => {
                    for (i, line) in t.split('\n').enumerate() {
                        if i > 0 {
                            flow.inlines.push_break();
                        }
                        flow.inlines.verbatim(line);
                    }
                }
                _ => {}
            }
        }
        flow.end_paragraph();
    }

    /// `<details>` (WordPress's details block): shown open, its `<summary>` a level-3 heading.
    pub(super) fn details(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        flow.end_paragraph();
        for child in el.children() {
            match ElementRef::wrap(child) {
                Some(s) if s.value().name() == "summary" => self.heading_of(flow, s, depth + 1),
                _ => self.node(flow, child, depth),
            }
        }
        flow.end_paragraph();
        self.note("expandable section shown open: its summary as a heading, then its text".into());
    }

    /// `el`'s content as a level-3 heading (a summary, a toggle's question).
    pub(super) fn heading_of(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let blocks = self.inside(flow, el, depth);
        let (mut content, rest) = fold(blocks, &Inline::Break);
        trim_start(&mut content);
        if visible(&content) {
            flow.push(Block::Heading { level: 3, content });
        }
        rest.into_iter().for_each(|b| flow.push(b));
    }
}

#[cfg(test)]
mod tests;
