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
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use broadsheet_content::responsive::{allowed, parse_copy, split, Format, MEDIA_PATH};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// JPEG quality of the own-format copies (1–100): about where photos stop showing artefacts at the sizes shown.
const JPEG_QUALITY: u8 = 82;
/// WebP quality (0–100): libwebp's default (75), which is about JPEG's 82 for a photo at two thirds of the bytes.
const WEBP_QUALITY: f32 = 75.0;
/// The largest original decoded, in pixels a side, and the memory a decode may take (a small file can claim a
/// huge image).
const MAX_SIDE: u32 = 12_000;
/// The largest original resized, in pixels (40 MP, above a full-frame camera's 24–33 MP): decoding, turning
/// upright and resizing take several times its size in memory (RGBA, then the filter's `f32` rows).
const MAX_PIXELS: usize = 40_000_000;
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
        // Served as a file: `Last-Modified`, `ETag`, conditional and range requests as for any other.
        Some(Ok(path)) => match ServeFile::new(path).oneshot(req).await {
            Ok(res) => res.into_response(),
            Err(never) => match never {},
        },
        Some(Err(original)) => match tokio::fs::read(&original).await {
            Ok(bytes) => {
                let kind = [(header::CONTENT_TYPE, content_type(&original))];
                let mut res = (kind, bytes).into_response();
                res.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
                res
            }
            Err(_) => not_found(),
        },
        None => not_found(),
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CACHE_CONTROL, "no-cache")],
        "Not found\n",
    )
        .into_response()
}

/// The kept copy `name` asks for, made if need be; `Err` with the original when the copy cannot be made (then
/// the original is sent in its place, uncached); `None` when the rule gives no such copy.
async fn answer(copies: &Copies, name: &str) -> Option<Result<PathBuf, PathBuf>> {
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
    let kept = copies.kept.join(name);
    // A copy kept is one the rule gave when it was made from this original.
    if is_fresh(&kept, &original) {
        return Some(Ok(kept));
    }
    // The width shown, as the views' `srcset` has it: a photo stored sideways is measured upright.
    let bytes = tokio::fs::read(&original).await.ok()?;
    let (w, h) = broadsheet_sources::upright::upright_size(&bytes)?;
    drop(bytes);
    if !allowed(w, width, format) {
        return None;
    }
    // A picture too large to resize within the memory a copy may take is shown as it is.
    if (w as usize).saturating_mul(h as usize) > MAX_PIXELS {
        return Some(Err(original));
    }
    let failed = kept.with_extension(format!("{ext}.failed"));
    if is_fresh(&failed, &original) {
        return Some(Err(original));
    }
    if !is_fresh(&kept, &original) {
        let _turn = copies.turn.acquire().await.ok()?;
        // Another request may have made it (or failed to) while this one waited.
        if is_fresh(&failed, &original) {
            return Some(Err(original));
        }
        if !is_fresh(&kept, &original) {
            let (from, to) = (original.clone(), kept.clone());
            let made = tokio::task::spawn_blocking(move || make(&from, &to, width, format)).await;
            if let Err(why) = made.unwrap_or_else(|e| Err(e.to_string())) {
                tracing::warn!(original = %original.display(), width, "image copy not made: {why}");
                // Not tried again until the original changes: a bad file is not decoded on every request.
                let _ = std::fs::write(&failed, why);
                return Some(Err(original));
            }
        }
    }
    Some(Ok(kept))
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
    // A name of its own (process and time), so two writers of copies of one name never share a file.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let part = to.with_extension(format!("{}.{nanos}.part", std::process::id()));
    std::fs::write(&part, bytes).map_err(|e| e.to_string())?;
    std::fs::rename(&part, to).map_err(|e| e.to_string())
}

fn encode(img: &DynamicImage, format: Format, original: &Path) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match (format, content_type(original)) {
        (Format::Webp, _) | (Format::Own, "image/webp") => {
            let webp = if img.color().has_alpha() {
                let rgba = img.to_rgba8();
                webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height())
                    .encode_simple(false, WEBP_QUALITY)
            } else {
                let rgb = img.to_rgb8();
                webp::Encoder::from_rgb(&rgb, rgb.width(), rgb.height())
                    .encode_simple(false, WEBP_QUALITY)
            };
            out.extend_from_slice(&webp.map_err(|e| format!("libwebp: {e:?}"))?);
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

    #[tokio::test]
    async fn an_original_that_cannot_be_copied_is_sent_as_it_is_and_not_decoded_again() {
        let dir = tempfile::tempdir().unwrap();
        photo(dir.path(), "whole.jpg", 1000, 500);
        // A PNG cut short after its header: its size is readable, its pixels are not.
        let header = |w: u32, h: u32| {
            let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
            b.extend_from_slice(&w.to_be_bytes());
            b.extend_from_slice(&h.to_be_bytes());
            b.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
            b
        };
        std::fs::write(dir.path().join("cut.png"), header(1000, 500)).unwrap();
        // A PNG whose header claims 10,000 × 5,000 pixels: over the limit, never decoded.
        std::fs::write(dir.path().join("huge.png"), header(10_000, 5_000)).unwrap();
        let kept = dir.path().join("kept");
        let copies = Copies::new(dir.path().into(), kept.clone(), Arc::new(Semaphore::new(1)));

        assert_eq!(
            answer(&copies, "whole-320w.webp").await,
            Some(Ok(kept.join("whole-320w.webp")))
        );
        let cut = dir.path().join("cut.png");
        assert_eq!(
            answer(&copies, "cut-320w.webp").await,
            Some(Err(cut.clone()))
        );
        assert!(
            kept.join("cut-320w.webp.failed").is_file(),
            "the failure is remembered"
        );
        assert_eq!(answer(&copies, "cut-320w.webp").await, Some(Err(cut)));
        assert_eq!(
            answer(&copies, "huge-640w.webp").await,
            Some(Err(dir.path().join("huge.png")))
        );
        assert!(!kept.join("huge-640w.webp.failed").exists());
        assert_eq!(
            answer(&copies, "whole-1000w.jpg").await,
            None,
            "the original itself"
        );
    }
}
