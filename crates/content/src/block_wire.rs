//! How body blocks and inlines are read from JSON: each object into one flat struct of every field any type has,
//! then into the typed enum by its `type`. The JSON is the same as the enums' derived (internally tagged)
//! `Serialize` writes; reading it this way instead of serde's tagged-enum reader, which buffers every object and
//! reads it a second time per variant, makes the app's wasm 39 KB smaller (9.2 KB brotli; docs/performance.md).
//!
//! Contract (docs/content-api.md): a block or inline type this client does not know reads as `Unsupported`, and
//! new types do not give a known field name (`content`, `level`, `text`, `items`, …) a different JSON type.

use serde::Deserialize;

use crate::{Block, Image, Inline, Video};

/// Every field of every block type; which are needed depends on `type`.
#[derive(Deserialize)]
pub(crate) struct BlockWire {
    #[serde(rename = "type")]
    kind: String,
    content: Option<Vec<Inline>>,
    level: Option<u8>,
    attribution: Option<String>,
    text: Option<String>,
    ordered: Option<bool>,
    items: Option<Vec<Vec<Inline>>>,
    image: Option<Image>,
    video: Option<Video>,
}

/// Every field of every inline type.
#[derive(Deserialize)]
pub(crate) struct InlineWire {
    #[serde(rename = "type")]
    kind: String,
    text: Option<String>,
    content: Option<Vec<Inline>>,
    href: Option<String>,
}

/// A known type without one of its required fields: `"paragraph block without content"`.
#[derive(Debug)]
pub struct MissingField(&'static str);

impl std::fmt::Display for MissingField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

fn need<T>(field: Option<T>, what: &'static str) -> Result<T, MissingField> {
    field.ok_or(MissingField(what))
}

impl TryFrom<BlockWire> for Block {
    type Error = MissingField;

    fn try_from(w: BlockWire) -> Result<Block, MissingField> {
        Ok(match w.kind.as_str() {
            "paragraph" => Block::Paragraph {
                content: need(w.content, "paragraph block without content")?,
            },
            "heading" => Block::Heading {
                level: need(w.level, "heading block without level")?,
                content: need(w.content, "heading block without content")?,
            },
            "quote" => Block::Quote {
                content: need(w.content, "quote block without content")?,
                attribution: w.attribution,
            },
            "pull_quote" => Block::PullQuote {
                text: need(w.text, "pull_quote block without text")?,
                attribution: w.attribution,
            },
            "list" => Block::List {
                ordered: need(w.ordered, "list block without ordered")?,
                items: need(w.items, "list block without items")?,
            },
            "image" => Block::Image {
                image: need(w.image, "image block without image")?,
            },
            "video" => Block::Video {
                video: need(w.video, "video block without video")?,
            },
            _ => Block::Unsupported,
        })
    }
}

impl TryFrom<InlineWire> for Inline {
    type Error = MissingField;

    fn try_from(w: InlineWire) -> Result<Inline, MissingField> {
        Ok(match w.kind.as_str() {
            "text" => Inline::Text {
                text: need(w.text, "text inline without text")?,
            },
            "emphasis" => Inline::Emphasis {
                content: need(w.content, "emphasis inline without content")?,
            },
            "strong" => Inline::Strong {
                content: need(w.content, "strong inline without content")?,
            },
            "link" => Inline::Link {
                href: need(w.href, "link inline without href")?,
                content: need(w.content, "link inline without content")?,
            },
            "break" => Inline::Break,
            _ => Inline::Unsupported,
        })
    }
}

crate::reads_fields!(Block via BlockWire {
    kind as "type": String,
    content: Option<Vec<Inline>>,
    level: Option<u8>,
    attribution: Option<String>,
    text: Option<String>,
    ordered: Option<bool>,
    items: Option<Vec<Vec<Inline>>>,
    image: Option<Image>,
    video: Option<Video>,
});
crate::reads_fields!(Inline via InlineWire {
    kind as "type": String,
    text: Option<String>,
    content: Option<Vec<Inline>>,
    href: Option<String>,
});

#[cfg(test)]
mod tests {
    use crate::{Block, Image, Inline, Video};

    /// Every type, written by the derived `Serialize`, reads back the same.
    #[test]
    fn every_type_round_trips() {
        let text = |t: &str| Inline::Text { text: t.into() };
        let image = Image {
            url: "/media/a.jpg".into(),
            width: 640,
            height: 360,
            alt: "A council meeting".into(),
            caption: Some("The vote".into()),
            credit: None,
        };
        let blocks = vec![
            Block::Paragraph {
                content: vec![
                    text("a"),
                    Inline::Break,
                    Inline::Strong {
                        content: vec![Inline::Emphasis {
                            content: vec![text("b")],
                        }],
                    },
                    Inline::Link {
                        href: "/x".into(),
                        content: vec![text("c")],
                    },
                ],
            },
            Block::Heading {
                level: 2,
                content: vec![text("h")],
            },
            Block::Quote {
                content: vec![text("q")],
                attribution: Some("Someone".into()),
            },
            Block::PullQuote {
                text: "p".into(),
                attribution: None,
            },
            Block::List {
                ordered: true,
                items: vec![vec![text("one")], vec![text("two")]],
            },
            Block::Image {
                image: image.clone(),
            },
            Block::Video {
                video: Video {
                    title: "v".into(),
                    url: "https://video.example/1".into(),
                    duration: Some(90),
                    poster: Some(image),
                },
            },
        ];
        let json = serde_json::to_string(&blocks).unwrap();
        let back: Vec<Block> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, blocks);
    }

    #[test]
    fn a_known_type_without_its_fields_is_an_error_that_names_them() {
        let err = serde_json::from_str::<Block>(r#"{"type":"heading","content":[]}"#).unwrap_err();
        assert!(
            err.to_string().contains("heading block without level"),
            "{err}"
        );
        assert!(
            serde_json::from_str::<Inline>(r#"{"content":[]}"#).is_err(),
            "no type"
        );
    }

    #[test]
    fn the_type_may_come_anywhere_and_unknown_fields_are_ignored() {
        let json =
            r#"{"content":[{"text":"x","type":"text","lang":"cy"}],"id":7,"type":"paragraph"}"#;
        let block: Block = serde_json::from_str(json).unwrap();
        assert_eq!(
            block,
            Block::Paragraph {
                content: vec![Inline::Text { text: "x".into() }]
            }
        );
    }
}
