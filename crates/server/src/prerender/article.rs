//! An article as HTML, element for element as the app renders it (src/routes/article.rs and
//! src/components/blocks.rs), so that the app takes the page over without a layout shift. Text is escaped;
//! links pass the same `safe_href` check as in the app.

use std::fmt::Write;

use broadsheet_content::{is_external, safe_href, Article, Block, Image, Inline, Kind, Video};

use crate::html::escape;

/// The `<article>` element of an article page.
pub fn article(a: &Article) -> String {
    let mut h = String::with_capacity(8 * 1024);
    let kicker = if a.kind == Kind::News {
        a.section.name.clone()
    } else {
        format!("{} · {}", a.section.name, a.kind.label())
    };
    let _ = write!(
        h,
        "<article class=\"article kind-{}\"><header class=\"article-header\"><p class=\"kicker\"><a href=\"/{}\">{}</a></p>\
         <h1 tabindex=\"-1\">{}</h1><p class=\"standfirst\">{}</p>",
        a.kind.slug().replace('_', "-"),
        escape(&a.section.slug),
        escape(&kicker),
        escape(&a.headline),
        escape(&a.standfirst)
    );
    if let Some(img) = &a.image {
        figure(&mut h, img, true);
    }
    h.push_str("<p class=\"meta\">");
    if let Some(b) = &a.byline {
        let _ = write!(
            h,
            "<span class=\"byline\">By <strong>{}</strong>",
            escape(&b.name)
        );
        if let Some(role) = &b.role {
            let _ = write!(h, "<span class=\"byline-role\">, {}</span>", escape(role));
        }
        h.push_str("</span>");
    }
    let _ = write!(
        h,
        "<span class=\"dates\"><time datetime=\"{0}\">{1}</time>",
        escape(&a.published),
        escape(&date(&a.published, true))
    );
    if let Some(u) = &a.updated {
        let _ = write!(
            h,
            "<span class=\"updated\">Updated <time datetime=\"{0}\">{1}</time></span>",
            escape(u),
            escape(&date(u, true))
        );
    }
    h.push_str("</span></p><p class=\"save-offline\"></p></header>");
    h.push_str("<div class=\"article-body\">");
    for b in &a.body {
        block(&mut h, b);
    }
    h.push_str("</div>");
    if !a.tags.is_empty() {
        h.push_str("<ul class=\"tags\" aria-label=\"Tags\">");
        for t in &a.tags {
            let _ = write!(h, "<li>{}</li>", escape(t));
        }
        h.push_str("</ul>");
    }
    h.push_str("</article>");
    h
}

/// "20 Nov 2026", with ", 09:00" when `with_time` (UTC), as the app writes it (`src/dates.rs`), which then shows
/// the reader's time zone.
pub(super) fn date(rfc3339: &str, with_time: bool) -> String {
    let format = if with_time {
        "%-d %b %Y, %H:%M"
    } else {
        "%-d %b %Y"
    };
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| d.with_timezone(&chrono::Utc).format(format).to_string())
        .unwrap_or_else(|_| rfc3339.chars().take(10).collect())
}

fn block(h: &mut String, b: &Block) {
    match b {
        Block::Paragraph { content } => wrap(h, "p", content),
        Block::Heading { level: 2, content } => wrap(h, "h2", content),
        Block::Heading { content, .. } => wrap(h, "h3", content),
        Block::Quote {
            content,
            attribution,
        } => {
            h.push_str("<figure class=\"quote\"><blockquote>");
            wrap(h, "p", content);
            h.push_str("</blockquote>");
            if let Some(a) = attribution {
                let _ = write!(h, "<figcaption>— {}</figcaption>", escape(a));
            }
            h.push_str("</figure>");
        }
        Block::PullQuote { text, attribution } => {
            let _ = write!(
                h,
                "<figure class=\"pull-quote\"><blockquote><p>{}</p></blockquote>",
                escape(text)
            );
            if let Some(a) = attribution {
                let _ = write!(h, "<figcaption>{}</figcaption>", escape(a));
            }
            h.push_str("</figure>");
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = write!(h, "<{tag}>");
            for item in items {
                wrap(h, "li", item);
            }
            let _ = write!(h, "</{tag}>");
        }
        Block::Image { image } => figure(h, image, false),
        Block::Video { video } => video_block(h, video),
        Block::Unsupported => {}
    }
}

fn wrap(h: &mut String, tag: &str, content: &[Inline]) {
    let _ = write!(h, "<{tag}>");
    inlines(h, content);
    let _ = write!(h, "</{tag}>");
}

fn figure(h: &mut String, image: &Image, lead: bool) {
    let _ = write!(
        h,
        "<figure class=\"{}\">",
        if lead { "figure lead-image" } else { "figure" }
    );
    if let Some(src) = safe_href(&image.url) {
        let _ = write!(
            h,
            "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"{}\" decoding=\"async\" fetchpriority=\"{}\">",
            escape(src),
            escape(&image.alt),
            image.width,
            image.height,
            if lead { "eager" } else { "lazy" },
            if lead { "high" } else { "auto" }
        );
    }
    if image.caption.is_some() || image.credit.is_some() {
        h.push_str("<figcaption>");
        if let Some(c) = &image.caption {
            h.push_str(&escape(c));
        }
        if let Some(c) = &image.credit {
            let _ = write!(h, "<span class=\"credit\"> {}</span>", escape(c));
        }
        h.push_str("</figcaption>");
    }
    h.push_str("</figure>");
}

fn video_block(h: &mut String, video: &Video) {
    h.push_str("<figure class=\"video\">");
    if let Some(p) = &video.poster {
        figure(h, p, false);
    }
    let label = match video.duration {
        Some(d) => format!("Watch: {} ({}:{:02})", video.title, d / 60, d % 60),
        None => format!("Watch: {}", video.title),
    };
    h.push_str("<figcaption>");
    match safe_href(&video.url) {
        Some(href) => {
            let _ = write!(
                h,
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                escape(href),
                escape(&label)
            );
        }
        None => {
            let _ = write!(h, "<span>{}</span>", escape(&label));
        }
    }
    h.push_str("</figcaption></figure>");
}

fn inlines(h: &mut String, content: &[Inline]) {
    for i in content {
        match i {
            Inline::Text { text } => h.push_str(&escape(text)),
            Inline::Emphasis { content } => wrap(h, "em", content),
            Inline::Strong { content } => wrap(h, "strong", content),
            Inline::Link { href, content } => match safe_href(href) {
                Some(href) => {
                    let rel = if is_external(href) {
                        " rel=\"noopener noreferrer\""
                    } else {
                        ""
                    };
                    let _ = write!(h, "<a href=\"{}\"{rel}>", escape(href));
                    inlines(h, content);
                    h.push_str("</a>");
                }
                None => wrap(h, "span", content),
            },
            Inline::Break => h.push_str("<br>"),
            Inline::Unsupported => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_links_and_markup_in_text_are_neutralised() {
        let body = vec![Block::Paragraph {
            content: vec![
                Inline::Text {
                    text: "<img src=x onerror=alert(1)>".into(),
                },
                Inline::Link {
                    href: "javascript:alert(1)".into(),
                    content: vec![Inline::Text { text: "bad".into() }],
                },
                Inline::Link {
                    href: "https://example.org".into(),
                    content: vec![Inline::Text { text: "ok".into() }],
                },
            ],
        }];
        let mut h = String::new();
        for b in &body {
            block(&mut h, b);
        }
        assert_eq!(
            h,
            "<p>&lt;img src=x onerror=alert(1)&gt;<span>bad</span>\
             <a href=\"https://example.org\" rel=\"noopener noreferrer\">ok</a></p>"
        );
    }
}
