//! Pictures: `<img>` into image blocks with their captions, lazy-load placeholders and their `<noscript>` copies,
//! galleries. A caption is the `<figcaption>` (or WordPress `.wp-caption-text`, `.gallery-caption`) of the
//! nearest figure holding that one picture; a caption under several pictures (a gallery's) stays a paragraph.

use broadsheet_content::{has_visible, safe_href, Block, Image};
use scraper::{ElementRef, Html};

use super::dom::{excerpt, find, has_class, plain_text};
use super::flow::{Flow, Walker};

/// The candidates of a `srcset`, in order: each URL with its width descriptor (`800w` → 800); a candidate with a
/// density descriptor (`2x`) or none has width 0. Commas inside a URL are kept, as browsers read them.
pub fn srcset_candidates(srcset: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let mut url = &rest[..url_end];
        rest = &rest[url_end..];
        let mut descriptors = "";
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            descriptors = &rest[..end];
            rest = &rest[end..];
        }
        let width = descriptors
            .split_ascii_whitespace()
            .find_map(|d| d.strip_suffix('w').and_then(|n| n.parse::<u32>().ok()))
            .unwrap_or(0);
        if !url.is_empty() {
            out.push((url.to_string(), width));
        }
    }
}

/// An image's URL as the CMS gave it, if it is one the site can show: absolute http(s) or site-relative.
fn image_url(src: &str) -> Option<String> {
    let url = safe_href(src)?;
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let ok = lower.starts_with("https://") || lower.starts_with("http://") || url.starts_with('/');
    ok.then(|| url.to_string())
}

/// A `<video>` or `<audio>` file's URL: its `src`, or its first `<source>`'s, if the site can link to it.
pub(super) fn media_url(el: ElementRef<'_>) -> Option<String> {
    let from_source = || {
        el.child_elements()
            .filter(|c| c.value().name() == "source")
            .find_map(|c| c.attr("src"))
    };
    let src = el
        .attr("src")
        .or(el.attr("data-src"))
        .filter(|s| !s.trim().is_empty());
    image_url(src.or_else(from_source)?)
}

/// A `width`/`height` attribute in pixels (`640`, `640px`); a percentage or `auto` is not one.
fn pixels(value: Option<&str>) -> Option<u32> {
    let v = value?.trim();
    let digits = v.len() - v.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (n, unit) = v.split_at(digits);
    if !(unit.is_empty() || unit.eq_ignore_ascii_case("px")) {
        return None;
    }
    n.parse::<u32>().ok().filter(|&n| n > 0)
}

/// Where the image's file is: `src`, or for a lazy-load placeholder (no `src`, or a `data:` one) `data-src`,
/// `data-lazy-src` or the largest `data-srcset` candidate; with the srcset candidates read.
fn source(img: ElementRef<'_>) -> (Option<&str>, Vec<(String, u32)>) {
    let attr = |n: &str| img.attr(n).map(str::trim).filter(|s| !s.is_empty());
    let src = attr("src");
    let lazy = src.is_none_or(|s| s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")));
    let srcset = if lazy {
        attr("data-srcset")
            .or(attr("data-lazy-srcset"))
            .or(attr("srcset"))
    } else {
        attr("srcset").or(attr("data-srcset"))
    };
    let candidates = srcset.map(srcset_candidates).unwrap_or_default();
    let src = if lazy {
        attr("data-src").or(attr("data-lazy-src"))
    } else {
        src
    };
    (src, candidates)
}

/// A lazy-load placeholder: no `src`, a `data:` one, or the real source in a `data-` attribute.
fn is_lazy(img: ElementRef<'_>) -> bool {
    let src = img.attr("src").map(str::trim).unwrap_or("");
    src.is_empty()
        || src
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
        || ["data-src", "data-lazy-src", "data-srcset"]
            .iter()
            .any(|a| img.attr(a).is_some())
}

/// Elements that caption a picture.
pub(super) fn is_caption(el: ElementRef<'_>) -> bool {
    el.value().name() == "figcaption"
        || ["wp-caption-text", "gallery-caption", "wp-caption-dd"]
            .iter()
            .any(|c| has_class(el, c))
}

fn is_media(el: ElementRef<'_>) -> bool {
    matches!(el.value().name(), "img" | "video" | "audio")
}

/// The caption of the picture or player at `anchor`: the caption beside it in the nearest element that has one,
/// if that element holds no other picture.
pub(super) fn caption_of(anchor: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut node = anchor;
    for _ in 0..8 {
        let parent = node.parent().and_then(ElementRef::wrap)?;
        let caption = parent
            .child_elements()
            .find(|c| is_caption(*c) && c.id() != node.id());
        if let Some(caption) = caption {
            let media = parent
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(|e| is_media(*e));
            return (media.take(2).count() == 1).then_some(caption);
        }
        if parent.value().name() == "figure" || has_class(parent, "wp-caption") {
            return None;
        }
        node = parent;
    }
    None
}

/// True when this caption element is read as its one picture's caption (and so is not a paragraph).
pub(super) fn consumed(caption: ElementRef<'_>) -> bool {
    let Some(parent) = caption.parent().and_then(ElementRef::wrap) else {
        return false;
    };
    let mut media = parent
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| is_media(*e));
    match (media.next(), media.next()) {
        (Some(one), None) => caption_of(one).is_some_and(|c| c.id() == caption.id()),
        _ => false,
    }
}

/// A caption's text, and its credit: a `<cite>` in it.
pub(super) fn caption_parts(caption: ElementRef<'_>) -> (Option<String>, Option<String>) {
    let credit = find(caption, |e| e.value().name() == "cite").map(|c| plain_text(c, &|_| false));
    let text = plain_text(caption, &|n| n == "cite");
    let some = |s: String| has_visible(&s).then_some(s);
    (some(text), credit.and_then(some))
}

/// Is a `<noscript>` holding an image right after this placeholder (in it, or after the link around it)?
fn noscript_follows(img: ElementRef<'_>) -> bool {
    let next_of = |e: ElementRef<'_>| {
        e.next_siblings()
            .find_map(ElementRef::wrap)
            .is_some_and(|n| n.value().name() == "noscript" && n.text().any(|t| t.contains("<img")))
    };
    next_of(img) || img.parent().and_then(ElementRef::wrap).is_some_and(next_of)
}

impl Walker {
    /// An `<img>` into an image block; `anchor` is where it stands in the body (the `<noscript>` for a copy).
    pub(super) fn image(&mut self, flow: &mut Flow, img: ElementRef<'_>, anchor: ElementRef<'_>) {
        let (src, candidates) = source(img);
        let largest = candidates.iter().max_by_key(|(_, w)| *w);
        let (caption, credit) = caption_of(anchor).map(caption_parts).unwrap_or_default();
        let was = match &caption {
            Some(c) => format!("; its caption was “{}”", excerpt(c)),
            None => String::new(),
        };
        let Some(src) = src.or(largest.map(|(u, _)| u.as_str())) else {
            if !noscript_follows(img) {
                self.note(format!("image left out: it has no source{was}"));
            }
            return;
        };
        let Some(url) = image_url(src) else {
            self.note(format!(
                "image left out: its source `{}` is not a web address{was}",
                excerpt(src)
            ));
            return;
        };
        let height = pixels(img.attr("height")).unwrap_or(0);
        // The largest candidate's width is not the `src`'s, so it is only taken when no height is paired with it.
        let from_srcset = largest.map(|(_, w)| *w).filter(|&w| w > 0 && height == 0);
        let width = pixels(img.attr("width")).or(from_srcset).unwrap_or(0);
        if width == 0 || height == 0 {
            self.note(format!(
                "image without width/height: {url} (the sync fills them in when it downloads the file)"
            ));
        }
        let alt = plain_alt(img.attr("alt").unwrap_or(""));
        self.seen_images.insert(url.clone());
        let sized: Vec<(String, u32)> = candidates
            .iter()
            .filter(|(u, w)| *w > 0 && u != &url)
            .filter_map(|(u, w)| Some((image_url(u)?, *w)))
            .collect();
        if !sized.is_empty() {
            self.sizes.insert(url.clone(), sized);
        }
        flow.push(Block::Image {
            image: Image {
                url,
                width,
                height,
                alt,
                caption,
                credit,
            },
        });
    }

    /// `<noscript>`: the images in it that the page does not already show (a lazy-load placeholder's real copy);
    /// its other text, for browsers without JavaScript, left out and noted.
    pub(super) fn noscript(&mut self, flow: &mut Flow, el: ElementRef<'_>) {
        let placeholder = el
            .prev_siblings()
            .find_map(ElementRef::wrap)
            .and_then(|p| find(p, |e| e.value().name() == "img"));
        if placeholder.is_some_and(|p| is_lazy(p) && source(p).0.is_some()) {
            return;
        }
        let raw: String = el.text().collect();
        let inner = Html::parse_fragment(&raw);
        let mut found = false;
        for img in inner
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            if img.value().name() != "img" {
                continue;
            }
            found = true;
            let (src, _) = source(img);
            if src
                .and_then(image_url)
                .is_some_and(|u| self.seen_images.contains(&u))
            {
                continue;
            }
            self.image(flow, img, el);
        }
        let words = plain_text(inner.root_element(), &|_| false);
        if !found && has_visible(&words) {
            self.note(format!(
                "text for browsers without JavaScript left out: “{}”",
                excerpt(&words)
            ));
        }
    }

    /// A gallery: each picture an image block, in order; its own caption a paragraph after them.
    pub(super) fn gallery(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        flow.end_paragraph();
        let before = flow.blocks.len();
        self.block(flow, el, depth);
        let n = flow.blocks[before..]
            .iter()
            .filter(|b| matches!(b, Block::Image { .. }))
            .count();
        if n > 0 {
            let pictures = if n == 1 { "picture" } else { "pictures" };
            self.note(format!(
                "gallery of {n} {pictures} shown as {n} image blocks, one after another"
            ));
        }
    }
}

/// Alt text on one line: white space collapsed.
fn plain_alt(alt: &str) -> String {
    alt.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
