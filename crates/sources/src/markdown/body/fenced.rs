//! Fenced blocks: ```pullquote, ```image and ```video hold TOML fields; any other fenced or indented code becomes
//! a paragraph of its text.

use broadsheet_content::{safe_href, Block, Image, Inline, Video};
use serde::Deserialize;

use crate::markdown::front_matter::ImageFields;

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

/// A fenced block: `pullquote`, `image` or `video` hold TOML; other fences become plain paragraphs.
pub(super) fn fenced_block(name: &str, text: &str) -> Result<Option<Block>, String> {
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
