//! Inline text built from the parser's start and end events: emphasis, strong and links nested as written, text
//! runs joined, an unsafe link's words kept without the link.

use broadsheet_content::Inline;

/// What an open inline is.
pub(super) enum Frame {
    Root,
    Emphasis,
    Strong,
    Link(Option<String>),
}

/// Builds nested inlines from start/end events.
pub(super) struct Inlines {
    stack: Vec<(Frame, Vec<Inline>)>,
}

impl Inlines {
    pub(super) fn new() -> Self {
        Inlines {
            stack: vec![(Frame::Root, Vec::new())],
        }
    }

    pub(super) fn push(&mut self, inline: Inline) {
        if let Some((_, content)) = self.stack.last_mut() {
            push_merged(content, inline);
        }
    }

    pub(super) fn text(&mut self, text: &str) {
        self.push(Inline::Text {
            text: text.to_string(),
        });
    }

    pub(super) fn open(&mut self, frame: Frame) {
        self.stack.push((frame, Vec::new()));
    }

    pub(super) fn close(&mut self) {
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

    pub(super) fn take(&mut self) -> Vec<Inline> {
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

/// Adds `inline` to `content`, joining it to text before it.
pub(super) fn push_merged(content: &mut Vec<Inline>, inline: Inline) {
    if let (Inline::Text { text: new }, Some(Inline::Text { text })) = (&inline, content.last_mut())
    {
        text.push_str(new);
        return;
    }
    content.push(inline);
}
