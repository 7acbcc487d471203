//! The walk over the parsed tree: one method per kind of node, building blocks into a [`Flow`] and notes into the
//! [`Walker`]. Elements a browser draws as blocks end the paragraph being read; inline elements open a frame
//! around their text; unknown elements are looked into, as a browser shows their text. The walk recurses on the
//! tree's depth up to [`MAX_DEPTH`]; deeper markup is read flat (its text only), without recursion.

use broadsheet_content::{safe_href, Block};
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

use super::address::host_of;
use super::dom::{excerpt, is_block, plain_text, unseen, SILENT};
use super::flow::{Flow, Walker, MAX_DEPTH};
use super::inlines::Frame;
use super::{images, shortcodes};

impl Walker {
    /// Reads the children of `node`, `depth` levels down the tree.
    pub(super) fn children(&mut self, flow: &mut Flow, node: NodeRef<'_, Node>, depth: usize) {
        if depth > MAX_DEPTH {
            self.flatten(flow, node);
            return;
        }
        for child in node.children() {
            if self.stopped {
                return;
            }
            self.node(flow, child, depth);
        }
    }

    /// Reads one node, a child of something `depth` levels down.
    pub(super) fn node(&mut self, flow: &mut Flow, node: NodeRef<'_, Node>, depth: usize) {
        match node.value() {
            Node::Text(text) => self.text(flow, text),
            Node::Comment(comment) => self.comment(flow, comment),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(node) {
                    self.element(flow, el, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// The blocks of what is inside `el`, read apart (for a heading, list item, quote or cell).
    pub(super) fn inside(&mut self, flow: &Flow, el: ElementRef<'_>, depth: usize) -> Vec<Block> {
        let mut sub = flow.nested();
        self.children(&mut sub, *el, depth);
        sub.finish()
    }

    /// A block-level element with no meaning of its own: its content, as paragraphs of its own.
    pub(super) fn block(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        flow.end_paragraph();
        self.children(flow, *el, depth);
        flow.end_paragraph();
    }

    fn text(&mut self, flow: &mut Flow, text: &str) {
        if self.code > 0 || !text.contains('[') {
            flow.inlines.text(text);
            return;
        }
        let (kept, removed) = shortcodes::strip(text);
        for code in removed {
            self.note(format!(
                "WordPress shortcode `{}` left out (WordPress did not run it; anything it showed is missing)",
                excerpt(&code)
            ));
        }
        flow.inlines.text(&kept);
    }

    fn comment(&mut self, flow: &mut Flow, comment: &str) {
        if comment.trim() == "members-only" {
            flow.end_paragraph();
            self.stopped = true;
            self.note(
                "body cut at the paywall (`<!--members-only-->`): the members-only part is not imported"
                    .into(),
            );
        }
    }

    fn element(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let name = el.value().name();
        if images::is_caption(el) && images::consumed(el) {
            return;
        }
        let container = matches!(
            name,
            "figure" | "div" | "blockquote" | "section" | "aside" | "article"
        );
        if container && self.card(flow, el, depth) {
            return;
        }
        match name {
            n if SILENT.contains(&n) => {}
            "noscript" => self.noscript(flow, el),
            "iframe" | "frame" => self.iframe(flow, el),
            "object" | "embed" | "applet" => {
                let src = el.attr("data").or(el.attr("src")).unwrap_or("");
                self.note(format!("embedded object from {} left out", host_of(src)));
            }
            "form" | "button" | "select" | "textarea" | "math" | "dialog" => {
                let what = if name == "math" { "formula" } else { "form" };
                let words = plain_text(el, &|_| false);
                let said = if words.is_empty() {
                    String::new()
                } else {
                    format!(": “{}”", excerpt(&words))
                };
                self.note(format!("{what} (`<{name}>`) left out{said}"));
            }
            "br" => flow.inlines.push_break(),
            "hr" => flow.end_paragraph(),
            "img" => self.image(flow, el, el),
            "video" => self.video_element(flow, el),
            "audio" => self.audio_element(flow, el),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading(flow, el, depth),
            "ul" | "ol" | "menu" => self.list(flow, el, depth),
            "blockquote" => self.quote(flow, el, depth),
            "table" => self.table(flow, el, depth),
            "pre" | "xmp" | "listing" | "plaintext" => self.pre(flow, el),
            "details" => self.details(flow, el, depth),
            "a" => self.link(flow, el, depth),
            "em" | "i" | "cite" | "dfn" => self.framed(flow, el, Frame::Emphasis, depth),
            "strong" | "b" => self.framed(flow, el, Frame::Strong, depth),
            "code" | "kbd" | "samp" | "tt" | "var" => {
                self.code += 1;
                self.children(flow, *el, depth);
                self.code -= 1;
            }
            "del" | "s" | "strike" => {
                let words = plain_text(el, &|_| false);
                if !words.is_empty() {
                    self.note(format!(
                        "struck-through text kept as ordinary text: “{}”",
                        excerpt(&words)
                    ));
                }
                self.children(flow, *el, depth);
            }
            "q" => {
                flow.inlines.text("“");
                self.children(flow, *el, depth);
                flow.inlines.text("”");
            }
            n if is_block(n) => self.block(flow, el, depth),
            // Inline and unknown elements: their content, as a browser shows it.
            _ => self.children(flow, *el, depth),
        }
    }

    fn framed(&mut self, flow: &mut Flow, el: ElementRef<'_>, frame: Frame, depth: usize) {
        flow.inlines.open(frame);
        self.children(flow, *el, depth);
        flow.inlines.close();
    }

    fn link(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let href = el.attr("href").map(str::trim).unwrap_or("");
        if href.is_empty() {
            return self.children(flow, *el, depth);
        }
        match safe_href(href) {
            Some(safe) => self.framed(flow, el, Frame::Link(safe.to_string()), depth),
            None => {
                self.note(format!(
                    "link `{}` left out (its words are kept): not a web or e-mail address",
                    excerpt(href)
                ));
                self.children(flow, *el, depth);
            }
        }
    }

    /// Markup deeper than [`MAX_DEPTH`]: its text, read without recursion, in paragraphs where blocks end.
    fn flatten(&mut self, flow: &mut Flow, node: NodeRef<'_, Node>) {
        if !self.flattened {
            self.flattened = true;
            self.note(format!(
                "markup nested more than {MAX_DEPTH} levels deep read as plain text: pictures, links and other \
                 structure in it left out"
            ));
        }
        let mut skipping = 0usize;
        for child in node.children() {
            for edge in child.traverse() {
                if self.stopped {
                    return;
                }
                let (open, n) = match edge {
                    Edge::Open(n) => (true, n),
                    Edge::Close(n) => (false, n),
                };
                match n.value() {
                    Node::Element(_) if skipping > 0 => {
                        skipping = if open { skipping + 1 } else { skipping - 1 };
                    }
                    Node::Element(e) if open && unseen(e.name()) => {
                        skipping = 1;
                    }
                    Node::Element(e) if e.name() == "br" && open => flow.inlines.push_break(),
                    Node::Element(e) if is_block(e.name()) => flow.end_paragraph(),
                    Node::Text(t) if open && skipping == 0 => self.text(flow, t),
                    Node::Comment(c) if open && skipping == 0 => self.comment(flow, c),
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
