//! The smaller and WebP copies of the site's raster images that `srcset` names (`broadsheet_content::responsive`
//! has the rule): made from the original the first time one is asked for, kept on disk under the media store
//! (`copies/`), and served from there after. Only the rule's widths are made, so a request cannot make the
//! server resize to any width it likes; one copy is made at a time, off the async threads.
//!
//! A copy of a content-folder image is made again when the original is newer. When an original cannot be
//! decoded, its own bytes are sent instead (not kept by caches), so the page still shows the image.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use broadsheet_content::responsive::{allowed, parse_copy, split, Format, MEDIA_PATH};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use tokio::sync::Semaphore;

/// JPEG quality of the own-format copies (1–100): about where photos stop showing artefacts at the sizes shown.
const JPEG_QUALITY: u8 = 82;
/// WebP quality (0–100): libwebp's default (75), which is about JPEG's 82 for a photo at two thirds of the bytes.
const WEBP_QUALITY: f32 = 75.0;
/// The largest original decoded, in pixels a side, and the memory a decode may take (a small file can claim a
/// huge image).
const MAX_SIDE: u32 = 12_000;
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// Where originals are and where their copies go.
pub struct Copies {
    /// The folder the originals are in: the content folder's `images` or the media store.
    originals: PathBuf,
    /// The folder the copies are kept in.
    kept: PathBuf,
    /// One copy made at a time on this 2-core reference machine's blocking pool.
    turn: Arc<Semaphore>,
}

impl Copies {
    /// Copies of the originals in `originals`, kept in `kept`, sharing `turn` with the other folder's.
    pub fn new(originals: PathBuf, kept: PathBuf, turn: Arc<Semaphore>) -> Arc<Copies> {
        Arc::new(Copies {
            originals,
            kept,
            turn,
        })
    }
}

/// Answers a path the folder's files did not have (`/ab12-640w.webp`, relative to the folder): the copy, made if
/// need be; `404` for anything the rule does not give.
pub async fn serve(State(copies): State<Arc<Copies>>, req: Request) -> Response {
    let name = req.uri().path().trim_start_matches('/').to_string();
    match answer(&copies, &name).await {
        Some(res) => res,
        None => (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, "no-cache")],
            "Not found\n",
        )
            .into_response(),
    }
}

async fn answer(copies: &Copies, name: &str) -> Option<Response> {
    // The same character and `..` checks as the rule's own URLs.
    split(&format!("{MEDIA_PATH}{name}"))?;
    let (stem, width, ext) = parse_copy(name)?;
    let format = if ext == "webp" {
        Format::Webp
    } else {
        Format::Own
    };
    let candidates: &[&str] = match format {
        Format::Webp => &["jpg", "jpeg", "png", "webp"],
        Format::Own => &[ext],
    };
    let original = candidates
        .iter()
        .map(|e| copies.originals.join(format!("{stem}.{e}")))
        .find(|p| p.is_file())?;
    let size = imagesize::size(&original).ok()?;
    if !allowed(u32::try_from(size.width).ok()?, width, format) {
        return None;
    }
    let kept = copies.kept.join(name);
    if !is_fresh(&kept, &original) {
        let _turn = copies.turn.acquire().await.ok()?;
        // Another request may have made it while this one waited.
        if !is_fresh(&kept, &original) {
            let (from, to) = (original.clone(), kept.clone());
            let made = tokio::task::spawn_blocking(move || make(&from, &to, width, format)).await;
            if let Err(why) = made.unwrap_or_else(|e| Err(e.to_string())) {
                tracing::warn!(original = %original.display(), width, "image copy not made: {why}");
                let bytes = tokio::fs::read(&original).await.ok()?;
                return Some(file(bytes, content_type(&original), "no-cache"));
            }
        }
    }
    let bytes = tokio::fs::read(&kept).await.ok()?;
    // Caching is the folder's: `static_files::cache_headers` marks the media store's names immutable.
    Some(file(bytes, content_type(&kept), ""))
}

fn file(bytes: Vec<u8>, kind: &'static str, cache: &'static str) -> Response {
    let mut res = ([(header::CONTENT_TYPE, kind)], bytes).into_response();
    if !cache.is_empty() {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static(cache),
        );
    }
    res
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

/// A kept copy at least as new as its original.
fn is_fresh(kept: &Path, original: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(kept), modified(original)), (Some(k), Some(o)) if k >= o)
}

/// Makes the copy of `original` `width` pixels wide in `format` (WebP, or the original's own) and writes it to
/// `to` (beside, then renamed: a reader never gets half a file). Errors: the original unreadable, too large, or
/// not an image; the copy not written.
pub fn make(original: &Path, to: &Path, width: u32, format: Format) -> Result<(), String> {
    let mut reader = ImageReader::open(original)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    // A phone's photo is stored sideways with an EXIF orientation; the copies are stored upright, without EXIF.
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let height =
        (u64::from(img.height()) * u64::from(width) / u64::from(img.width().max(1))).max(1);
    let img = if width == img.width() {
        img
    } else {
        img.resize_exact(
            width,
            u32::try_from(height).map_err(|e| e.to_string())?,
            image::imageops::FilterType::Lanczos3,
        )
    };
    let bytes = encode(&img, format, original)?;
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let part = to.with_extension("part");
    std::fs::write(&part, bytes).map_err(|e| e.to_string())?;
    std::fs::rename(&part, to).map_err(|e| e.to_string())
}

fn encode(img: &DynamicImage, format: Format, original: &Path) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match (format, content_type(original)) {
        (Format::Webp, _) | (Format::Own, "image/webp") => {
            let webp = if img.color().has_alpha() {
                let rgba = img.to_rgba8();
                webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height()).encode(WEBP_QUALITY)
            } else {
                let rgb = img.to_rgb8();
                webp::Encoder::from_rgb(&rgb, rgb.width(), rgb.height()).encode(WEBP_QUALITY)
            };
            out.extend_from_slice(&webp);
        }
        (Format::Own, "image/png") => img
            .write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
            .map_err(|e| e.to_string())?,
        (Format::Own, _) => DynamicImage::ImageRgb8(img.to_rgb8())
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out,
                JPEG_QUALITY,
            ))
            .map_err(|e| e.to_string())?,
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
        });
        let path = dir.join(name);
        DynamicImage::ImageRgb8(img).save(&path).unwrap();
        path
    }

    #[test]
    fn a_copy_keeps_the_aspect_ratio_in_the_asked_format() {
        let dir = tempfile::tempdir().unwrap();
        let original = photo(dir.path(), "a.jpg", 1000, 500);
        for (name, format, kind) in [
            ("a-640w.webp", Format::Webp, imagesize::ImageType::Webp),
            ("a-320w.jpg", Format::Own, imagesize::ImageType::Jpeg),
        ] {
            let to = dir.path().join("kept").join(name);
            make(&original, &to, name[2..5].parse().unwrap(), format).unwrap();
            let bytes = std::fs::read(&to).unwrap();
            let size = imagesize::blob_size(&bytes).unwrap();
            assert_eq!(imagesize::image_type(&bytes).unwrap(), kind, "{name}");
            assert_eq!(size.width * 500, size.height * 1000, "{name}");
        }
    }

    #[test]
    fn a_file_that_is_not_an_image_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("a.jpg");
        std::fs::write(&fake, b"<html>not a photo</html>").unwrap();
        assert!(make(&fake, &dir.path().join("a-320w.jpg"), 320, Format::Own).is_err());
        assert!(!dir.path().join("a-320w.jpg").exists());
    }
}
