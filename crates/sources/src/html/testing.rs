//! Helpers for the tests: the blocks and notes of some HTML, and short ways to write the expected blocks.

use broadsheet_content::{Block, Image, Inline, Video};

/// The blocks and the notes' messages.
pub(super) fn convert(html: &str) -> (Vec<Block>, Vec<String>) {
    let c = super::html_to_blocks(html);
    (c.blocks, c.notes.into_iter().map(|n| n.message).collect())
}

/// The blocks only.
pub(super) fn blocks(html: &str) -> Vec<Block> {
    convert(html).0
}

pub(super) fn t(text: &str) -> Inline {
    Inline::Text { text: text.into() }
}

pub(super) fn em(content: Vec<Inline>) -> Inline {
    Inline::Emphasis { content }
}

pub(super) fn strong(content: Vec<Inline>) -> Inline {
    Inline::Strong { content }
}

pub(super) fn link(href: &str, content: Vec<Inline>) -> Inline {
    Inline::Link {
        href: href.into(),
        content,
    }
}

pub(super) fn p(text: &str) -> Block {
    Block::Paragraph {
        content: vec![t(text)],
    }
}

pub(super) fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

pub(super) fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        content: vec![t(text)],
    }
}

/// An image block with no caption or credit.
pub(super) fn image(url: &str, width: u32, height: u32, alt: &str) -> Block {
    Block::Image {
        image: Image {
            url: url.into(),
            width,
            height,
            alt: alt.into(),
            caption: None,
            credit: None,
        },
    }
}

/// An image block with a caption.
pub(super) fn captioned(url: &str, width: u32, height: u32, alt: &str, caption: &str) -> Block {
    let Block::Image { mut image } = image(url, width, height, alt) else {
        unreachable!()
    };
    image.caption = Some(caption.into());
    Block::Image { image }
}

pub(super) fn video(title: &str, url: &str) -> Block {
    Block::Video {
        video: Video {
            title: title.into(),
            url: url.into(),
            duration: None,
            poster: None,
        },
    }
}

/// True when some note contains `part`.
pub(super) fn noted(notes: &[String], part: &str) -> bool {
    notes.iter().any(|n| n.contains(part))
}
