//! An article body: one dispatcher over the typed blocks, and inline text. Everything is rendered as text
//! nodes and elements; nothing from the API is ever parsed as HTML, and every link passes `safe_href`.

use broadsheet_content::{is_external, safe_href, Block, Image, Inline, Video};
use leptos::prelude::*;

use crate::picture::{picture, ImageLoading, Shown, FIGURE_SIZES, LEAD_SIZES};

/// The whole body: `<div class="article-body">` with a child per block.
#[component]
pub fn Body(blocks: Vec<Block>) -> impl IntoView {
    view! { <div class="article-body">{blocks.iter().map(block).collect_view()}</div> }
}

/// One block, whatever its type; unknown blocks render nothing.
pub fn block(b: &Block) -> AnyView {
    match b {
        Block::Paragraph { content } => view! { <p>{inlines(content)}</p> }.into_any(),
        Block::Heading { level: 2, content } => view! { <h2>{inlines(content)}</h2> }.into_any(),
        Block::Heading { content, .. } => view! { <h3>{inlines(content)}</h3> }.into_any(),
        Block::Quote {
            content,
            attribution,
        } => view! {
            <figure class="quote">
                <blockquote><p>{inlines(content)}</p></blockquote>
                {attribution.clone().map(|a| view! { <figcaption>"— " <bdi>{a}</bdi></figcaption> })}
            </figure>
        }
        .into_any(),
        Block::PullQuote { text, attribution } => view! {
            <figure class="pull-quote">
                <blockquote><p>{text.clone()}</p></blockquote>
                {attribution.clone().map(|a| view! { <figcaption dir="auto">{a}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List {
            ordered: true,
            items,
        } => view! { <ol>{list_items(items)}</ol> }.into_any(),
        Block::List {
            ordered: false,
            items,
        } => view! { <ul>{list_items(items)}</ul> }.into_any(),
        Block::Image { image } => view! { <Figure image=image.clone()/> }.into_any(),
        Block::Video { video } => video_block(video),
        Block::Unsupported => ().into_any(),
    }
}

fn list_items(items: &[Vec<Inline>]) -> impl IntoView {
    items
        .iter()
        .map(|i| view! { <li>{inlines(i)}</li> })
        .collect_view()
}

/// An image with its caption and credit, sized (width and height in CSS pixels) so that it takes its space
/// before it loads. The `lead` image loads at once and first; others when near the viewport.
#[component]
pub fn Figure(image: Image, #[prop(default = false)] lead: bool) -> impl IntoView {
    let shown = Shown {
        alt: image.alt.clone(),
        class: "figure-image",
        sizes: if lead { LEAD_SIZES } else { FIGURE_SIZES },
        loading: if lead {
            ImageLoading::First
        } else {
            ImageLoading::Lazy
        },
    };
    let img = picture(&image, shown, None);
    let has_caption = image.caption.is_some() || image.credit.is_some();
    view! {
        <figure class=if lead { "figure lead-image" } else { "figure" }>
            {img}
            {has_caption.then(|| view! {
                <figcaption>
                    {image.caption.clone().map(|c| view! { <bdi>{c}</bdi> })}
                    {image.credit.clone().map(|c| view! { <span class="credit">" " <bdi>{c}</bdi></span> })}
                </figcaption>
            })}
        </figure>
    }
}

/// "3:04" from a duration in seconds.
pub fn duration(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

fn video_block(video: &Video) -> AnyView {
    let link = safe_href(&video.url).map(str::to_string);
    let label = view! {
        "Watch: " <bdi>{video.title.clone()}</bdi> {video.duration.map(|d| format!(" ({})", duration(d)))}
    };
    view! {
        <figure class="video">
            {video.poster.clone().map(|p| view! { <Figure image=p/> })}
            <figcaption>
                {match link {
                    Some(href) => view! { <a href=href rel="noopener noreferrer">{label}</a> }.into_any(),
                    None => view! { <span>{label}</span> }.into_any(),
                }}
            </figcaption>
        </figure>
    }
    .into_any()
}

/// Inline text: emphasis, strong, links (only safe ones; external ones with `rel="noopener noreferrer"`).
pub fn inlines(content: &[Inline]) -> Vec<AnyView> {
    content.iter().map(inline).collect()
}

fn inline(i: &Inline) -> AnyView {
    match i {
        Inline::Text { text } => text.clone().into_any(),
        Inline::Emphasis { content } => view! { <em>{inlines(content)}</em> }.into_any(),
        Inline::Strong { content } => view! { <strong>{inlines(content)}</strong> }.into_any(),
        Inline::Link { href, content } => match safe_href(href) {
            Some(h) if is_external(h) => {
                view! { <a href=h.to_string() rel="noopener noreferrer">{inlines(content)}</a> }
                    .into_any()
            }
            Some(h) => view! { <a href=h.to_string()>{inlines(content)}</a> }.into_any(),
            None => view! { <span>{inlines(content)}</span> }.into_any(),
        },
        Inline::Break => view! { <br/> }.into_any(),
        Inline::Unsupported => ().into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations() {
        assert_eq!(duration(184), "3:04");
        assert_eq!(duration(59), "0:59");
    }
}
