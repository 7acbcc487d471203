//! The state of the walk over the parsed tree (`walk`): the [`Flow`] blocks are read into, and the [`Walker`] that
//! keeps notes and what was seen across flows. The walk's methods live with what they read (`walk`, `blocks`,
//! `images`, `embeds`); this module holds only the state they share, so none of them imports another's.

use std::collections::HashSet;

use broadsheet_content::Block;

use super::inlines::{visible, Inlines};
use super::HtmlNote;

/// How deep the walk recurses before it reads the rest flat: far deeper than any real post, shallow enough for a
/// 256 KiB thread stack (measured on a debug build; threads get 2 MiB).
pub(super) const MAX_DEPTH: usize = 64;

/// The blocks read in one place (the body, or inside a heading, list item, quote or table cell).
pub(super) struct Flow {
    pub(super) blocks: Vec<Block>,
    pub(super) inlines: Inlines,
}

impl Flow {
    pub(super) fn new() -> Self {
        Flow {
            blocks: Vec::new(),
            inlines: Inlines::new(Vec::new()),
        }
    }

    /// A flow for what is inside a block of this one, within the same open inline elements.
    pub(super) fn nested(&self) -> Self {
        Flow {
            blocks: Vec::new(),
            inlines: Inlines::new(self.inlines.frames()),
        }
    }

    /// Ends the paragraph being read: kept if a reader would see anything in it.
    pub(super) fn end_paragraph(&mut self) {
        let content = self.inlines.take();
        if visible(&content) {
            self.blocks.push(Block::Paragraph { content });
        }
    }

    pub(super) fn push(&mut self, block: Block) {
        self.end_paragraph();
        self.blocks.push(block);
    }

    pub(super) fn finish(mut self) -> Vec<Block> {
        self.end_paragraph();
        self.blocks
    }
}

/// What the walk keeps across flows: the notes, the pictures already shown, and whether the body was cut.
pub(super) struct Walker {
    pub(super) notes: Vec<HtmlNote>,
    /// Image URLs already made into blocks (a `<noscript>` copy of one is not shown twice).
    pub(super) seen_images: HashSet<String>,
    /// The sized files each picture's `srcset` names, by the picture's address (`crate::media::Sizes`).
    pub(super) sizes: crate::media::Sizes,
    /// The paywall marker was met: nothing after it is read.
    pub(super) stopped: bool,
    /// Inside `<code>` and the like: text is kept as written, shortcodes included.
    pub(super) code: usize,
    /// Markup deeper than [`MAX_DEPTH`] was met (noted once).
    pub(super) flattened: bool,
}

impl Walker {
    pub(super) fn new() -> Self {
        Walker {
            notes: Vec::new(),
            seen_images: HashSet::new(),
            sizes: Default::default(),
            stopped: false,
            code: 0,
            flattened: false,
        }
    }

    pub(super) fn note(&mut self, message: String) {
        self.notes.push(HtmlNote { message });
    }
}
