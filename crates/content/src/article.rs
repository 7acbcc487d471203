use serde::{Deserialize, Serialize};

use crate::{AuthorRef, Kind, SectionRef, Teaser, TopicRef};

/// A full article: everything the article page shows, in one response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    pub section: SectionRef,
    pub slug: String,
    pub kind: Kind,
    pub headline: String,
    pub standfirst: String,
    /// The writers the byline names, in its order; empty for an unsigned piece (an editorial).
    #[serde(default)]
    pub authors: Vec<AuthorRef>,
    /// RFC 3339 timestamp.
    pub published: String,
    /// RFC 3339 timestamp of the last update, if any.
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub image: Option<Image>,
    /// The topics it is filed under (its tags), each with its page.
    #[serde(default)]
    pub topics: Vec<TopicRef>,
    /// The body as typed blocks; never HTML.
    pub body: Vec<Block>,
    #[serde(default)]
    pub related: Vec<Teaser>,
    pub comments_open: bool,
    /// Published comments only.
    pub comment_count: u32,
    /// A live blog's state and one page of its posts ([`Kind::Live`] only; `crate::live`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<Box<crate::live::Live>>,
}

/// A picture with everything needed to show it without layout shift and to describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Image {
    /// Site-relative or absolute http(s) URL.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
}

/// A video shown as a poster with a link to where it plays (no third-party player is loaded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Video {
    pub title: String,
    pub url: String,
    /// Length in seconds.
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub poster: Option<Image>,
}

/// One block of an article body. New block types may appear; clients skip types they do not know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
#[serde(try_from = "crate::block_wire::BlockWire")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    /// A subheading; `level` is 2 or 3 (the headline is the page's only level 1).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    /// A quotation from someone, with an optional attribution.
    Quote {
        content: Vec<Inline>,
        #[serde(default)]
        attribution: Option<String>,
    },
    /// A short line from the article shown large.
    PullQuote {
        text: String,
        #[serde(default)]
        attribution: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    Image {
        image: Image,
    },
    Video {
        video: Video,
    },
    /// A block type this client does not know (forward compatibility): rendered as nothing.
    Unsupported,
}

/// Inline text: plain text with emphasis, strong and links, nested as the writer nested them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
#[serde(try_from = "crate::block_wire::InlineWire")]
pub enum Inline {
    Text {
        text: String,
    },
    Emphasis {
        #[cfg_attr(feature = "openapi", schema(no_recursion))]
        content: Vec<Inline>,
    },
    Strong {
        #[cfg_attr(feature = "openapi", schema(no_recursion))]
        content: Vec<Inline>,
    },
    /// A link: `href` is http(s), mailto or site-relative.
    Link {
        href: String,
        #[cfg_attr(feature = "openapi", schema(no_recursion))]
        content: Vec<Inline>,
    },
    /// A line break inside a paragraph.
    Break,
    /// An inline type this client does not know: rendered as nothing.
    Unsupported,
}

impl Inline {
    /// The plain text of a run of inlines (for search, meta descriptions and alt-free summaries).
    pub fn plain_text(inlines: &[Inline]) -> String {
        let mut out = String::new();
        Self::push_text(inlines, &mut out);
        out
    }

    fn push_text(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => out.push_str(text),
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Link { content, .. } => Self::push_text(content, out),
                Inline::Break => out.push(' '),
                Inline::Unsupported => {}
            }
        }
    }
}

/// A reader's comment as shown under an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: i64,
    pub author: String,
    /// Plain text; line breaks are meaningful.
    pub body: String,
    /// RFC 3339 timestamp.
    pub posted: String,
}

/// An article's published comments, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentsPage {
    pub comments: Vec<Comment>,
    pub total: u32,
    pub comments_open: bool,
}

crate::reads_fields!(Article {
    section: SectionRef,
    slug: String,
    kind: Kind,
    headline: String,
    standfirst: String,
    authors: Vec<AuthorRef> = default,
    published: String,
    updated: Option<String>,
    image: Option<Image>,
    topics: Vec<TopicRef> = default,
    body: Vec<Block>,
    related: Vec<Teaser> = default,
    comments_open: bool,
    comment_count: u32,
    live: Option<Box<crate::live::Live>>,
});
crate::reads_fields!(Image {
    url: String,
    width: u32,
    height: u32,
    alt: String,
    caption: Option<String>,
    credit: Option<String>,
});
crate::reads_fields!(Video {
    title: String,
    url: String,
    duration: Option<u32>,
    poster: Option<Image>,
});
crate::reads_fields!(Comment {
    id: i64,
    author: String,
    body: String,
    posted: String,
});
crate::reads_fields!(CommentsPage {
    comments: Vec<Comment>,
    total: u32,
    comments_open: bool,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_block_and_inline_types_are_tolerated() {
        let json = r#"[{"type":"paragraph","content":[{"type":"text","text":"a"},{"type":"sparkle"}]},
                       {"type":"hologram","x":1}]"#;
        let blocks: Vec<Block> = serde_json::from_str(json).unwrap();
        assert_eq!(blocks[1], Block::Unsupported);
        let Block::Paragraph { content } = &blocks[0] else {
            panic!("not a paragraph")
        };
        assert_eq!(Inline::plain_text(content), "a");
    }

    #[test]
    fn plain_text_flattens_nesting() {
        let inl = vec![
            Inline::Text {
                text: "One ".into(),
            },
            Inline::Strong {
                content: vec![Inline::Emphasis {
                    content: vec![Inline::Text { text: "two".into() }],
                }],
            },
            Inline::Break,
            Inline::Link {
                href: "/x".into(),
                content: vec![Inline::Text {
                    text: "three".into(),
                }],
            },
        ];
        assert_eq!(Inline::plain_text(&inl), "One two three");
    }
}
