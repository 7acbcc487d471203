//! The widget's document, rendered from the views' `WidgetView` (Leptos `ssr`), and the Content-Security-Policy
//! that allows its inline style and script by hash.

use broadsheet_content::{Section, Teaser};
use broadsheet_views::widget::{
    LiveWidgetView, WidgetProblem, WidgetShows, WidgetView, SCRIPT, STYLE,
};
use leptos::prelude::*;

use crate::http::security::script_hash;
use broadsheet_content::widget::WidgetOptions;

/// The widget's Content-Security-Policy: its own style and script by hash, images, and who may frame it.
pub fn content_security_policy(frame_ancestors: &str) -> String {
    format!(
        "default-src 'none'; style-src {}; script-src {}; img-src 'self' https: data:; base-uri 'none'; \
         form-action 'none'; frame-ancestors {frame_ancestors}",
        script_hash(STYLE),
        script_hash(SCRIPT)
    )
}

/// The widget: the section's name linking to it, then its latest headlines. `oembed` is the absolute URL of
/// the oEmbed answer that describes it.
pub fn widget(section: &Section, teasers: &[Teaser], o: &WidgetOptions, oembed: &str) -> String {
    let (section, teasers, oembed) = (section.clone(), teasers.to_vec(), oembed.to_string());
    let shows = WidgetShows {
        images: o.images,
        dates: o.dates,
        standfirst: o.standfirst,
        most_read: o.most_read,
    };
    let theme = o.theme.as_str();
    Owner::new().with(move || {
        view! { <WidgetView section=section teasers=teasers shows=shows theme=theme oembed=oembed/> }.to_html()
    })
}

/// A live blog's widget: its headline linking to `path`, then its latest posts (`live.posts`).
pub fn live_widget(
    headline: &str,
    path: &str,
    live: broadsheet_content::live::Live,
    o: &WidgetOptions,
) -> String {
    let (headline, path, dates, theme) = (
        headline.to_string(),
        path.to_string(),
        o.dates,
        o.theme.as_str(),
    );
    Owner::new().with(move || {
        view! { <LiveWidgetView headline=headline path=path live=live dates=dates theme=theme/> }.to_html()
    })
}

/// What a widget shows when it cannot show headlines: a short message and a link to the site.
pub fn problem(message: &'static str, theme: &'static str) -> String {
    Owner::new().with(move || view! { <WidgetProblem message=message theme=theme/> }.to_html())
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::{Image, Kind, SectionRef};

    fn teaser(slug: &str, headline: &str) -> Teaser {
        Teaser {
            section: SectionRef {
                slug: "housing".into(),
                name: "Housing".into(),
            },
            slug: slug.into(),
            kind: Kind::News,
            headline: headline.into(),
            standfirst: "\"quoted\"".into(),
            byline: None,
            published: "2026-11-20T09:00:00Z".into(),
            image: None,
        }
    }

    #[test]
    fn text_is_escaped_and_links_open_a_new_tab() {
        let section = Section {
            slug: "housing".into(),
            name: "Homes & <Places>".into(),
            description: String::new(),
        };
        let o = WidgetOptions {
            standfirst: true,
            ..Default::default()
        };
        let teasers = [teaser("a-b", "<script>alert(1)</script>")];
        let html = widget(&section, &teasers, &o, "/api/v1/oembed?url=x&format=json");
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(html.contains("Homes &amp; &lt;Places&gt;"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("20 Nov 2026"));
        assert!(html.contains("href=\"/housing/a-b\" target=\"_blank\" rel=\"noopener\""));
        assert!(html.contains("url=x&amp;format=json"));
        // The inline style and script are exactly the text the policy's hashes allow.
        assert!(html.contains(&format!("<style>{STYLE}</style>")));
        assert!(html.contains(&format!("<script>{SCRIPT}</script>")));
        let csp = content_security_policy("*");
        assert!(csp.contains(&script_hash(SCRIPT)) && csp.contains(&script_hash(STYLE)));
        assert!(csp.ends_with("frame-ancestors *"));
    }

    #[test]
    fn invalid_addresses_and_unsafe_images_are_left_out() {
        let section = Section {
            slug: "housing".into(),
            name: "Housing".into(),
            description: String::new(),
        };
        let mut unsafe_image = teaser("good", "Kept");
        unsafe_image.image = Some(Image {
            url: "javascript:alert(1)".into(),
            alt: String::new(),
            width: 72,
            height: 48,
            caption: None,
            credit: None,
        });
        let o = WidgetOptions {
            images: true,
            ..Default::default()
        };
        let teasers = [teaser("Not A Slug", "Dropped"), unsafe_image];
        let html = widget(&section, &teasers, &o, "/o");
        assert!(html.contains(">Kept</a>") && !html.contains("Dropped"));
        assert!(!html.contains("javascript:"));
        let none = widget(&section, &[], &o, "/o");
        assert!(none.contains("No articles in this section yet."));
    }
}
