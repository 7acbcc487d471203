//! Responsive images: the smaller copies the site serves of its own raster images, and the `srcset` that names
//! them. One rule for the server that makes the copies, the views that list them and the API's readers
//! (docs/content-api.md, "Images").
//!
//! An [`Image`] whose `url` is a site path under `/media/` ending `.jpg`, `.jpeg`, `.png` or `.webp`, with its
//! `width` in pixels, has a copy at each width of [`IMAGE_WIDTHS`] below its own, in its own format and in WebP,
//! and a WebP copy at its own width:
//!
//! ```text
//! /media/store/3fa1….jpg   (1600 × 900)
//! /media/store/3fa1…-320w.jpg  -640w.jpg  -960w.jpg  -1280w.jpg
//! /media/store/3fa1…-320w.webp -640w.webp -960w.webp -1280w.webp -1600w.webp
//! ```
//!
//! Other images (SVG, GIF, another host's) are shown as they are. Copies keep the image's aspect ratio.

use crate::Image;

/// The widths of the smaller copies, in pixels: a phone's column at 1× and 2×, a tablet's, a desktop's column at
/// 2×. Four widths keep the copies made per image (and the cache they fill) small; each is at most twice the
/// one before, so a browser never takes a copy more than twice as wide as it needs.
pub const IMAGE_WIDTHS: [u32; 4] = [320, 640, 960, 1280];

/// The site path under which every copy is served (the content folder's images and the media store's).
pub const MEDIA_PATH: &str = "/media/";

/// A copy's format: the image's own, or WebP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Own,
    Webp,
}

/// `url` split into its stem and extension (`/media/a.jpg` → `("/media/a", "jpg")`) when it names a raster image
/// of the site that has copies; `None` otherwise.
pub fn split(url: &str) -> Option<(&str, &str)> {
    let (stem, ext) = url.strip_prefix(MEDIA_PATH)?.rsplit_once('.')?;
    let ok = matches!(ext, "jpg" | "jpeg" | "png" | "webp")
        && !stem.is_empty()
        && !stem.contains("..")
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_/".contains(&b));
    ok.then(|| (&url[..MEDIA_PATH.len() + stem.len()], ext))
}

/// The `srcset` of `image` in `format` ("/media/a-320w.jpg 320w, …, /media/a.jpg 1600w"), widest last; `None`
/// when the image has no copies. The own-format set ends with the original; the WebP set with a WebP copy of
/// the original's width (or the original, when it is WebP).
pub fn srcset(image: &Image, format: Format) -> Option<String> {
    let (stem, own) = split(&image.url)?;
    if image.width == 0 {
        return None;
    }
    let ext = match format {
        Format::Webp => "webp",
        Format::Own => own,
    };
    let mut out = String::new();
    for w in IMAGE_WIDTHS.iter().copied().filter(|&w| w < image.width) {
        push(&mut out, stem, w, ext);
    }
    if ext == own {
        out.push_str(&image.url);
        out.push(' ');
        out.push_str(&image.width.to_string());
        out.push('w');
    } else {
        push(&mut out, stem, image.width, ext);
        out.truncate(out.len() - 2);
    }
    Some(out)
}

fn push(out: &mut String, stem: &str, width: u32, ext: &str) {
    let w = width.to_string();
    for part in [stem, "-", &w, "w.", ext, " ", &w, "w, "] {
        out.push_str(part);
    }
}

/// What a copy's file name asks for: `a-640w.webp` → `("a", 640, "webp")`. The server makes the copy only when
/// the width is one the rule gives the original (see [`allowed`]).
pub fn parse_copy(name: &str) -> Option<(&str, u32, &str)> {
    let (rest, ext) = name.rsplit_once('.')?;
    let (stem, w) = rest.rsplit_once('-')?;
    let width = w.strip_suffix('w')?.parse().ok()?;
    (!stem.is_empty() && w.bytes().next().is_some_and(|b| b != b'0')).then_some((stem, width, ext))
}

/// Whether the rule gives an original of `original_width` pixels a copy `width` pixels wide in `format`.
pub fn allowed(original_width: u32, width: u32, format: Format) -> bool {
    (IMAGE_WIDTHS.contains(&width) && width < original_width)
        || (format == Format::Webp && width == original_width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(url: &str, width: u32) -> Image {
        Image {
            url: url.into(),
            width,
            height: 9,
            alt: String::new(),
            caption: None,
            credit: None,
        }
    }

    #[test]
    fn a_photo_lists_each_smaller_width_then_itself() {
        let i = image("/media/store/ab12.jpg", 1000);
        assert_eq!(
            srcset(&i, Format::Own).unwrap(),
            "/media/store/ab12-320w.jpg 320w, /media/store/ab12-640w.jpg 640w, \
             /media/store/ab12-960w.jpg 960w, /media/store/ab12.jpg 1000w"
        );
        assert_eq!(
            srcset(&i, Format::Webp).unwrap(),
            "/media/store/ab12-320w.webp 320w, /media/store/ab12-640w.webp 640w, \
             /media/store/ab12-960w.webp 960w, /media/store/ab12-1000w.webp 1000w"
        );
    }

    #[test]
    fn a_webp_original_is_its_own_widest_webp() {
        let i = image("/media/harbour.webp", 640);
        assert_eq!(
            srcset(&i, Format::Webp).unwrap(),
            "/media/harbour-320w.webp 320w, /media/harbour.webp 640w"
        );
    }

    #[test]
    fn vector_animated_foreign_and_unsized_images_have_no_copies() {
        for (url, w) in [
            ("/media/housing-1.svg", 1600),
            ("/media/store/ab.gif", 1600),
            ("https://cdn.example/a.jpg", 1600),
            ("/elsewhere/a.jpg", 1600),
            ("/media/../secret.jpg", 1600),
            ("/media/a b.jpg", 1600),
            ("/media/a.jpg", 0),
        ] {
            assert_eq!(srcset(&image(url, w), Format::Own), None, "{url}");
        }
    }

    #[test]
    fn copies_are_made_only_at_the_rules_widths() {
        assert_eq!(parse_copy("ab12-640w.webp"), Some(("ab12", 640, "webp")));
        assert_eq!(
            parse_copy("photo-of-x-320w.jpg"),
            Some(("photo-of-x", 320, "jpg"))
        );
        for bad in [
            "ab12.jpg",
            "ab12-640.jpg",
            "-640w.jpg",
            "ab-0640w.jpg",
            "ab-w.jpg",
        ] {
            assert_eq!(parse_copy(bad), None, "{bad}");
        }
        assert!(allowed(1600, 640, Format::Own));
        assert!(!allowed(1600, 641, Format::Webp));
        assert!(!allowed(600, 640, Format::Own));
        assert!(allowed(600, 600, Format::Webp));
        assert!(!allowed(600, 600, Format::Own));
    }
}
