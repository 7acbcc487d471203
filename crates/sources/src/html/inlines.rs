//! Inline text built while the tree is walked: emphasis, strong and links nested as written, text runs joined,
//! white space collapsed as a browser collapses it (a run of spaces, tabs and newlines is one space; none at the
//! start or end of a block, none after a line break). No-break spaces are kept inside text, trimmed at the edges.

use broadsheet_content::{has_visible, Inline};

/// An open inline element. A link is only opened for a safe target: an unsafe one opens nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Frame {
    Emphasis,
    Strong,
    Link(String),
}

/// The inline content of the block being read, with the elements still open around the text.
pub(super) struct Inlines {
    root: Vec<Inline>,
    stack: Vec<(Frame, Vec<Inline>)>,
    /// What was written last ends in white space, or nothing is written yet: further white space collapses.
    space: bool,
}

impl Inlines {
    /// Empty content inside `frames` (a block inside a link keeps the link).
    pub(super) fn new(frames: Vec<Frame>) -> Self {
        Inlines {
            root: Vec::new(),
            stack: frames.into_iter().map(|f| (f, Vec::new())).collect(),
            space: true,
        }
    }

    /// The elements open now, outermost first.
    pub(super) fn frames(&self) -> Vec<Frame> {
        self.stack.iter().map(|(f, _)| f.clone()).collect()
    }

    fn current(&mut self) -> &mut Vec<Inline> {
        match self.stack.last_mut() {
            Some((_, content)) => content,
            None => &mut self.root,
        }
    }

    /// Text from the markup: white space collapsed.
    pub(super) fn text(&mut self, raw: &str) {
        let mut out = String::with_capacity(raw.len());
        for c in raw.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                if !self.space {
                    out.push(' ');
                    self.space = true;
                }
            } else {
                out.push(c);
                self.space = false;
            }
        }
        if !out.is_empty() {
            push_merged(self.current(), Inline::Text { text: out });
        }
    }

    /// Text kept as written (preformatted).
    pub(super) fn verbatim(&mut self, text: &str) {
        if !text.is_empty() {
            self.space = text.ends_with(char::is_whitespace);
            push_merged(
                self.current(),
                Inline::Text {
                    text: text.to_string(),
                },
            );
        }
    }

    pub(super) fn push_break(&mut self) {
        let current = self.current();
        trim_end(current);
        current.push(Inline::Break);
        self.space = true;
    }

    pub(super) fn open(&mut self, frame: Frame) {
        self.stack.push((frame, Vec::new()));
    }

    pub(super) fn close(&mut self) {
        let Some((frame, content)) = self.stack.pop() else {
            return;
        };
        if content.is_empty() {
            return;
        }
        let blank = !content.contains(&Inline::Break) && !visible(&content);
        let current = self.current();
        if blank {
            // Emphasis or a link around nothing a reader sees: only its white space is kept.
            content.into_iter().for_each(|i| push_merged(current, i));
            return;
        }
        let inline = match frame {
            Frame::Emphasis => Inline::Emphasis { content },
            Frame::Strong => Inline::Strong { content },
            Frame::Link(href) => Inline::Link { href, content },
        };
        current.push(inline);
    }

    /// The content read so far, trimmed; the open elements stay open, empty, for what follows.
    pub(super) fn take(&mut self) -> Vec<Inline> {
        let frames = self.frames();
        while !self.stack.is_empty() {
            self.close();
        }
        let mut content = std::mem::take(&mut self.root);
        trim_start(&mut content);
        trim_end(&mut content);
        *self = Inlines::new(frames);
        content
    }
}

/// True when the content has a character a reader can see.
pub(super) fn visible(content: &[Inline]) -> bool {
    has_visible(&Inline::plain_text(content))
}

/// Adds `inline` to `content`, joining it to text before it.
pub(super) fn push_merged(content: &mut Vec<Inline>, inline: Inline) {
    if let (Inline::Text { text: new }, Some(Inline::Text { text })) = (&inline, content.last_mut())
    {
        text.push_str(new);
        return;
    }
    content.push(inline);
}

fn children_mut(inline: &mut Inline) -> Option<&mut Vec<Inline>> {
    match inline {
        Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Link { content, .. } => Some(content),
        _ => None,
    }
}

/// Removes white space and line breaks at the start, inside nested elements too.
pub(super) fn trim_start(content: &mut Vec<Inline>) {
    while let Some(first) = content.first_mut() {
        let empty = match first {
            Inline::Text { text } => {
                *text = text.trim_start().to_string();
                text.is_empty()
            }
            Inline::Break => true,
            other => match children_mut(other) {
                Some(inner) => {
                    trim_start(inner);
                    inner.is_empty()
                }
                None => false,
            },
        };
        if !empty {
            return;
        }
        content.remove(0);
    }
}

/// Removes white space and line breaks at the end, inside nested elements too.
pub(super) fn trim_end(content: &mut Vec<Inline>) {
    while let Some(last) = content.last_mut() {
        let empty = match last {
            Inline::Text { text } => {
                text.truncate(text.trim_end().len());
                text.is_empty()
            }
            Inline::Break => true,
            other => match children_mut(other) {
                Some(inner) => {
                    trim_end(inner);
                    inner.is_empty()
                }
                None => false,
            },
        };
        if !empty {
            return;
        }
        content.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::testing::t;

    #[test]
    fn white_space_collapses_across_elements_and_edges_are_trimmed() {
        let mut i = Inlines::new(Vec::new());
        i.text("\n  One \t ");
        i.open(Frame::Emphasis);
        i.text("  two ");
        i.close();
        i.text("\n three\u{a0}four \u{a0}");
        assert_eq!(
            i.take(),
            vec![
                t("One "),
                Inline::Emphasis {
                    content: vec![t("two ")]
                },
                t("three\u{a0}four"),
            ]
        );
    }

    #[test]
    fn take_keeps_open_elements_open_for_what_follows() {
        let mut i = Inlines::new(vec![Frame::Link("/a".into())]);
        i.text("before");
        let first = i.take();
        i.text("after");
        i.close();
        let link = |s: &str| Inline::Link {
            href: "/a".into(),
            content: vec![t(s)],
        };
        assert_eq!(first, vec![link("before")]);
        assert_eq!(i.take(), vec![link("after")]);
    }

    #[test]
    fn breaks_trim_the_space_around_them_and_blank_marks_vanish() {
        let mut i = Inlines::new(Vec::new());
        i.push_break();
        i.text("a ");
        i.push_break();
        i.text(" b");
        i.open(Frame::Strong);
        i.text(" ");
        i.close();
        i.push_break();
        assert_eq!(i.take(), vec![t("a"), Inline::Break, t("b")]);
    }
}
