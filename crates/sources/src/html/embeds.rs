//! Embeds, players and the CMSs' cards: YouTube and Vimeo into video blocks (from an `<iframe>`, or from the URL
//! WordPress leaves when its oEmbed failed), other embeds into a link, `<video>` and `<audio>`, and Ghost's
//! bookmark, callout, toggle, video and audio cards. Pull quotes and galleries are recognised here by class.

use broadsheet_content::{safe_href, Block, Inline, Video};
use scraper::ElementRef;

use super::address::{host_of, Address};
use super::dom::{excerpt, find, has_class, plain_text};
use super::flow::{Flow, Walker};
use super::images::{caption_of, caption_parts, media_url};

/// The canonical page of a YouTube or Vimeo video from any of its URLs (watch, short, embed, player):
/// `https://www.youtube.com/watch?v=ID`, `https://vimeo.com/ID` (`/HASH` for an unlisted one).
pub(super) fn video_url(url: &str) -> Option<String> {
    let address = Address::parse(url)?;
    let host = address.host.strip_prefix("www.").unwrap_or(&address.host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let segments: Vec<&str> = address.segments.iter().map(String::as_str).collect();
    let youtube_id = |id: &str| {
        (id.len() == 11
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then(|| format!("https://www.youtube.com/watch?v={id}"))
    };
    match host {
        "youtu.be" => youtube_id(segments.first()?),
        "youtube.com" | "youtube-nocookie.com" | "music.youtube.com" => match segments.as_slice() {
            ["watch", ..] => youtube_id(address.param("v")?),
            ["embed" | "v" | "shorts" | "live" | "e", id, ..] => youtube_id(id),
            _ => None,
        },
        "vimeo.com" | "player.vimeo.com" => {
            let at = segments
                .iter()
                .position(|s| s.chars().all(|c| c.is_ascii_digit()))?;
            let id = segments[at];
            let hash = address
                .param("h")
                .or_else(|| segments.get(at + 1).copied().filter(|_| at == 0))
                .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric()));
            Some(match hash {
                Some(h) => format!("https://vimeo.com/{id}/{h}"),
                None => format!("https://vimeo.com/{id}"),
            })
        }
        _ => None,
    }
}

/// `m:ss` or `h:mm:ss` in seconds.
fn duration(text: &str) -> Option<u32> {
    text.trim()
        .split(':')
        .try_fold(0u32, |acc, part| {
            let n = part.parse::<u32>().ok()?;
            acc.checked_mul(60)?.checked_add(n)
        })
        .filter(|&s| s > 0)
}

fn link_paragraph(href: &str, text: &str) -> Block {
    Block::Paragraph {
        content: vec![Inline::Link {
            href: href.to_string(),
            content: vec![Inline::Text {
                text: text.to_string(),
            }],
        }],
    }
}

/// The visible text of `el`'s direct `<figcaption>`, if any.
fn figcaption(el: ElementRef<'_>) -> Option<String> {
    el.child_elements()
        .find(|c| c.value().name() == "figcaption")
        .map(|c| plain_text(c, &|_| false))
        .filter(|t| !t.is_empty())
}

impl Walker {
    /// Cards and embeds recognised by their class; false when `el` is none of them.
    pub(super) fn card(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) -> bool {
        let is = |c: &str| has_class(el, c);
        if is("wp-block-pullquote") || is("kg-blockquote-alt") {
            self.pull_quote(flow, el, depth);
        } else if is("wp-block-embed") || is("kg-embed-card") {
            self.embed(flow, el, depth);
        } else if is("kg-bookmark-card") {
            self.bookmark(flow, el, depth);
        } else if is("kg-callout-card") {
            let text = find(el, |e| has_class(e, "kg-callout-text")).unwrap_or(el);
            self.block(flow, text, depth);
            let emoji = find(el, |e| has_class(e, "kg-callout-emoji")).is_some();
            let left = if emoji { " (its emoji left out)" } else { "" };
            self.note(format!("callout box shown as a plain paragraph{left}"));
        } else if is("kg-toggle-card") {
            self.toggle(flow, el, depth);
        } else if is("kg-video-card") {
            self.video_card(flow, el);
        } else if is("kg-audio-card") {
            let title =
                find(el, |e| has_class(e, "kg-audio-title")).map(|t| plain_text(t, &|_| false));
            match find(el, |e| e.value().name() == "audio") {
                Some(audio) => self.audio(flow, audio, title),
                None => self.block(flow, el, depth),
            }
        } else if [
            "wp-block-gallery",
            "gallery",
            "kg-gallery-card",
            "tiled-gallery",
        ]
        .iter()
        .any(|c| is(c))
        {
            self.gallery(flow, el, depth);
        } else if el.value().name() == "blockquote"
            && ["twitter-tweet", "instagram-media", "tiktok-embed"]
                .iter()
                .any(|c| is(c))
        {
            self.social(flow, el, depth);
        } else {
            return false;
        }
        true
    }

    /// A WordPress embed block or Ghost embed card.
    fn embed(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        flow.end_paragraph();
        let frame = find(el, |e| e.value().name() == "iframe");
        let frame_src = frame.and_then(|f| f.attr("src").or(f.attr("data-src")));
        // The URL WordPress writes in the wrapper when it could not fetch the embed.
        let typed = plain_text(el, &|n| matches!(n, "blockquote" | "figcaption"));
        let typed = typed
            .split_whitespace()
            .find(|w| w.starts_with("https://") || w.starts_with("http://"));
        let video = frame_src
            .and_then(video_url)
            .or_else(|| typed.and_then(video_url));
        if let Some(url) = video {
            let title = figcaption(el)
                .or_else(|| {
                    frame
                        .and_then(|f| f.attr("title"))
                        .map(|t| t.trim().to_string())
                })
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "Video".into());
            flow.push(Block::Video {
                video: Video {
                    title,
                    url,
                    duration: None,
                    poster: None,
                },
            });
            return;
        }
        let provider = el
            .value()
            .classes()
            .find_map(|c| c.strip_prefix("is-provider-"))
            .map(|p| p.replace('-', " "))
            .unwrap_or_else(|| host_of(typed.or(frame_src).unwrap_or("")));
        let quote = find(el, |e| e.value().name() == "blockquote");
        if let Some(q) = quote {
            self.quote(flow, q, depth + 1);
        }
        let shown = if quote.is_some() { "a quote and " } else { "" };
        match typed.and_then(safe_href) {
            Some(url) => {
                flow.push(link_paragraph(url, url));
                self.note(format!(
                    "embedded {provider} post shown as {shown}a link: {url}"
                ));
            }
            None if quote.is_some() => {
                self.note(format!("embedded {provider} post shown as a quote"))
            }
            None => match frame_src {
                Some(src) => self.note(format!("embedded frame from {} left out", host_of(src))),
                None => self.note(format!("embed from {provider} left out: it has no address")),
            },
        }
        if let Some(caption) = el
            .child_elements()
            .find(|c| c.value().name() == "figcaption")
        {
            self.block(flow, caption, depth + 1);
        }
    }

    /// An `<iframe>`: a YouTube or Vimeo player becomes a video; any other frame is left out, noted.
    pub(super) fn iframe(&mut self, flow: &mut Flow, el: ElementRef<'_>) {
        let src = el.attr("src").or(el.attr("data-src")).unwrap_or("");
        match video_url(src) {
            Some(url) => {
                let title = el.attr("title").map(str::trim).filter(|t| !t.is_empty());
                flow.push(Block::Video {
                    video: Video {
                        title: title.unwrap_or("Video").to_string(),
                        url,
                        duration: None,
                        poster: None,
                    },
                });
            }
            None => self.note(format!("embedded frame from {} left out", host_of(src))),
        }
    }

    /// A `<video>`: a video block linking to its file, titled by its caption.
    pub(super) fn video_element(&mut self, flow: &mut Flow, el: ElementRef<'_>) {
        let title = caption_of(el)
            .and_then(|c| caption_parts(c).0)
            .or_else(|| el.attr("title").map(str::to_string))
            .filter(|t| !t.trim().is_empty());
        self.video(flow, el, title, None);
    }

    fn video(
        &mut self,
        flow: &mut Flow,
        el: ElementRef<'_>,
        title: Option<String>,
        seconds: Option<u32>,
    ) {
        match media_url(el) {
            Some(url) => flow.push(Block::Video {
                video: Video {
                    title: title.unwrap_or_else(|| "Video".into()),
                    url,
                    duration: seconds,
                    poster: None,
                },
            }),
            None => self.note("video left out: it has no web address".into()),
        }
    }

    /// Ghost's video card: its video, titled by its caption, with the length its player shows.
    fn video_card(&mut self, flow: &mut Flow, el: ElementRef<'_>) {
        let seconds = find(el, |e| has_class(e, "kg-video-duration"))
            .and_then(|d| duration(&plain_text(d, &|_| false)));
        match find(el, |e| e.value().name() == "video") {
            Some(video) => self.video(flow, video, figcaption(el), seconds),
            None => self.note("video card left out: it has no video".into()),
        }
    }

    /// An `<audio>`: a paragraph linking to its file, titled by its caption.
    pub(super) fn audio_element(&mut self, flow: &mut Flow, el: ElementRef<'_>) {
        let title = caption_of(el).and_then(|c| caption_parts(c).0);
        self.audio(flow, el, title);
    }

    fn audio(&mut self, flow: &mut Flow, el: ElementRef<'_>, title: Option<String>) {
        let title = title
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "Audio".into());
        match media_url(el) {
            Some(url) => {
                flow.push(link_paragraph(&url, &title));
                self.note(format!("audio player shown as a link to its file: {url}"));
            }
            None => self.note(format!(
                "audio “{}” left out: it has no web address",
                excerpt(&title)
            )),
        }
    }

    /// Ghost's bookmark card: a paragraph linking its title, then its description.
    fn bookmark(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let text_of =
            |class: &str| find(el, |e| has_class(e, class)).map(|t| plain_text(t, &|_| false));
        let href = find(el, |e| e.value().name() == "a" && e.attr("href").is_some())
            .and_then(|a| a.attr("href"))
            .unwrap_or("");
        let title = text_of("kg-bookmark-title")
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| href.trim().to_string());
        let title = vec![Inline::Text { text: title }];
        let mut content = match safe_href(href) {
            Some(url) => vec![Inline::Link {
                href: url.to_string(),
                content: title,
            }],
            None => {
                self.note(format!(
                    "bookmark link `{}` left out (its title is kept)",
                    excerpt(href)
                ));
                title
            }
        };
        if let Some(description) = text_of("kg-bookmark-description").filter(|d| !d.is_empty()) {
            content.push(Inline::Text {
                text: format!(" — {description}"),
            });
        }
        flow.push(Block::Paragraph { content });
        self.note("bookmark card shown as a link with its title and description (its thumbnail and site name left out)".into());
        if let Some(caption) = el
            .child_elements()
            .find(|c| c.value().name() == "figcaption")
        {
            self.block(flow, caption, depth + 1);
        }
    }

    /// Ghost's toggle card, shown open: its question a level-3 heading, its answer the text after it.
    fn toggle(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        let heading = find(el, |e| has_class(e, "kg-toggle-heading-text"))
            .or_else(|| find(el, |e| has_class(e, "kg-toggle-heading")));
        let answer = find(el, |e| has_class(e, "kg-toggle-content"));
        if heading.is_none() && answer.is_none() {
            return self.block(flow, el, depth);
        }
        if let Some(h) = heading {
            self.heading_of(flow, h, depth + 1);
        }
        if let Some(a) = answer {
            self.block(flow, a, depth + 1);
        }
        self.note("toggle card shown open: its heading, then its text".into());
    }

    /// Social posts pasted as their embed code: a tweet's words as a quote; others as a link to the post.
    fn social(&mut self, flow: &mut Flow, el: ElementRef<'_>, depth: usize) {
        if has_class(el, "twitter-tweet") {
            self.quote(flow, el, depth);
            self.note("embedded Twitter post shown as a quote".into());
            return;
        }
        let url = el
            .attr("data-instgrm-permalink")
            .or(el.attr("cite"))
            .and_then(safe_href);
        let what = if has_class(el, "instagram-media") {
            "Instagram"
        } else {
            "TikTok"
        };
        match url {
            Some(url) => {
                flow.push(link_paragraph(url, url));
                self.note(format!("embedded {what} post shown as a link: {url}"));
            }
            None => self.note(format!("embedded {what} post left out: it has no address")),
        }
    }
}

#[cfg(test)]
mod tests;
