//! The emails' HTML, written as Leptos views (text escaped by Leptos, never by hand), in the shape mail clients
//! read well: tables for layout, inline styles, absolute links, images with alt text and sizes, and a palette
//! that keeps its contrast when a client darkens it (`color-scheme`, no text on images). The plain-text part
//! says the same in words and bare links.

use broadsheet_content::{Edition as Which, Teaser, PRIVACY_PATH};
use leptos::prelude::*;

/// The palette: ink on paper, brand red for links and rules. Contrast 4.5:1 or more both ways round.
const PAPER: &str = "#ffffff";
const PAGE: &str = "#f3f1ec";
const INK: &str = "#1d1d1b";
const MUTED: &str = "#55534e";
const BRAND: &str = "#9b1c1c";
const FONT: &str = "Georgia, 'Times New Roman', serif";
const SANS: &str = "Arial, Helvetica, sans-serif";

/// What an edition shows.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The public URL, no trailing `/`.
    pub site: String,
    pub edition: Which,
    /// "27 November 2026".
    pub day: String,
    pub lead: Option<Teaser>,
    pub sections: Vec<(String, Vec<Teaser>)>,
    pub unsubscribe: String,
    pub preferences: String,
}

fn absolute(site: &str, path: &str) -> String {
    format!("{site}{path}")
}

/// Raster images only: many mail clients show no SVG.
fn email_image(site: &str, t: &Teaser) -> Option<(String, String, u32, u32)> {
    let i = t.image.as_ref()?;
    let ext = i
        .url
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    if !["jpg", "jpeg", "png", "gif", "webp"].contains(&ext.as_str()) {
        return None;
    }
    let url = broadsheet_content::safe_href(&i.url)?;
    let url = if url.starts_with('/') {
        absolute(site, url)
    } else {
        url.to_string()
    };
    let width = 552u32;
    let height = (u64::from(i.height) * u64::from(width) / u64::from(i.width.max(1))) as u32;
    Some((url, i.alt.clone(), width, height))
}

fn story(site: &str, t: Teaser, lead: bool) -> impl IntoView {
    let href = t
        .path()
        .map(|p| absolute(site, &p))
        .unwrap_or_else(|| site.to_string());
    let size = if lead { "24px" } else { "19px" };
    let image = if lead { email_image(site, &t) } else { None };
    view! {
        <tr><td style=format!("padding:0 24px 20px;font-family:{FONT};color:{INK};")>
            {image.map(|(src, alt, w, h)| view! {
                <img src=src alt=alt width=w.to_string() height=h.to_string()
                    style="display:block;width:100%;max-width:552px;height:auto;border:0;margin:0 0 12px;"/>
            })}
            <p style=format!("margin:0 0 6px;font-family:{FONT};font-size:{size};line-height:1.25;font-weight:bold;overflow-wrap:anywhere;")>
                <a href=href style=format!("color:{INK};text-decoration:underline;")>{t.headline}</a>
            </p>
            <p style=format!("margin:0;font-family:{FONT};font-size:16px;line-height:1.5;color:{MUTED};overflow-wrap:anywhere;")>{t.standfirst}</p>
        </td></tr>
    }
}

fn heading(text: String) -> impl IntoView {
    view! {
        <tr><td style=format!("padding:8px 24px 12px;")>
            <h2 style=format!("margin:0;padding-top:8px;border-top:2px solid {BRAND};font-family:{SANS};font-size:15px;letter-spacing:0.04em;text-transform:uppercase;color:{BRAND};")>{text}</h2>
        </td></tr>
    }
}

/// The frame every email shares: masthead, the content rows, and the footer with the reader's links.
fn frame(title: &str, strapline: String, rows: AnyView, footer: AnyView) -> String {
    let title = title.to_string();
    let body = Owner::new().with(move || {
        view! {
            <html lang="en-GB">
                <head>
                    <meta charset="utf-8"/>
                    <meta name="viewport" content="width=device-width, initial-scale=1"/>
                    <meta name="color-scheme" content="light dark"/>
                    <meta name="supported-color-schemes" content="light dark"/>
                    <title>{title}</title>
                </head>
                <body style=format!("margin:0;padding:0;background:{PAGE};")>
                    <table role="presentation" style=format!("width:100%;border-collapse:collapse;border-spacing:0;background:{PAGE};")>
                        <tr><td style="padding:16px 8px;">
                            <table role="presentation"
                                style=format!("width:100%;max-width:600px;margin:0 auto;border-collapse:collapse;border-spacing:0;background:{PAPER};border-top:6px solid {BRAND};")>
                                <tr><td style="padding:20px 24px 16px;">
                                    <p style=format!("margin:0;font-family:{FONT};font-size:30px;font-weight:bold;color:{INK};")>"Broadsheet"</p>
                                    <p style=format!("margin:4px 0 0;font-family:{SANS};font-size:14px;color:{MUTED};")>{strapline}</p>
                                </td></tr>
                                {rows}
                                <tr><td style=format!("padding:16px 24px 24px;border-top:1px solid #d6d3cc;font-family:{SANS};font-size:13px;line-height:1.5;color:{MUTED};")>
                                    {footer}
                                </td></tr>
                            </table>
                        </td></tr>
                    </table>
                </body>
            </html>
        }
        .to_html()
    });
    format!("<!DOCTYPE html>{body}")
}

fn footer_links(site: &str, preferences: String, unsubscribe: String) -> AnyView {
    let link = format!("color:{BRAND};");
    view! {
        <p style="margin:0 0 8px;">
            <a href=preferences style=link.clone()>"Change what you receive"</a>" · "
            <a href=unsubscribe style=link.clone()>"Unsubscribe"</a>" · "
            <a href=absolute(site, PRIVACY_PATH) style=link>"Privacy notice"</a>
        </p>
        <p style="margin:0;">"Broadsheet, news for people who run public services. Demo content: every person, place and quote is invented."</p>
    }
    .into_any()
}

/// The edition's HTML document.
pub fn edition_html(subject: &str, e: Edition) -> String {
    let site = e.site.clone();
    let strapline = format!("{} · {}", e.edition.name(), e.day);
    let mut rows: Vec<AnyView> = Vec::new();
    if let Some(lead) = e.lead {
        rows.push(heading("The editor's view".into()).into_any());
        rows.push(story(&site, lead, true).into_any());
    }
    for (section, list) in e.sections {
        rows.push(heading(section).into_any());
        for t in list {
            rows.push(story(&site, t, false).into_any());
        }
    }
    let footer = footer_links(&site, e.preferences, e.unsubscribe);
    let footer = view! {
        <p style="margin:0 0 8px;">{format!("You get {} because you signed up for it on Broadsheet and confirmed your address.", e.edition.name())}</p>
        {footer}
    }
    .into_any();
    frame(subject, strapline, rows.into_any(), footer)
}

/// The edition in plain text.
pub fn edition_text(e: &Edition) -> String {
    let mut out = format!("BROADSHEET · {} · {}\n\n", e.edition.name(), e.day);
    let item = |out: &mut String, t: &Teaser| {
        let href = t.path().map(|p| absolute(&e.site, &p)).unwrap_or_default();
        out.push_str(&format!("{}\n{}\n{}\n\n", t.headline, t.standfirst, href));
    };
    if let Some(lead) = &e.lead {
        out.push_str("THE EDITOR'S VIEW\n\n");
        item(&mut out, lead);
    }
    for (section, list) in &e.sections {
        out.push_str(&format!("{}\n\n", section.to_uppercase()));
        for t in list {
            item(&mut out, t);
        }
    }
    out.push_str(&format!(
        "--\nYou get {} because you signed up for it on Broadsheet and confirmed your address.\n\
         Change what you receive: {}\nUnsubscribe: {}\n",
        e.edition.name(),
        e.preferences,
        e.unsubscribe
    ));
    out
}

/// The confirmation email: `(subject, text, html)`.
pub fn confirmation(
    site: &str,
    confirm: &str,
    editions: &[Which],
    links: &super::mail::ReaderLinks,
) -> (String, String, String) {
    let subject = "Confirm your Broadsheet newsletter sign-up".to_string();
    let names: Vec<&str> = editions.iter().map(|e| e.name()).collect();
    let names = names.join(" and ");
    let hours = broadsheet_content::CONFIRM_HOURS;
    let text = format!(
        "Please confirm you want {names} from Broadsheet:\n\n{confirm}\n\n\
         The link works for {hours} hours. If you did not sign up, ignore this email: without confirmation we \
         send nothing more and delete the address.\n\n--\nUnsubscribe: {}\n",
        links.unsubscribe
    );
    let confirm_href = confirm.to_string();
    let rows = view! {
        <tr><td style=format!("padding:8px 24px 24px;font-family:{FONT};font-size:17px;line-height:1.5;color:{INK};")>
            <h1 style=format!("margin:0 0 12px;font-family:{FONT};font-size:26px;color:{INK};")>"Confirm your sign-up"</h1>
            <p style="margin:0 0 16px;">{format!("Please confirm you want {names} from Broadsheet.")}</p>
            <table role="presentation" style="border-collapse:collapse;border-spacing:0;"><tr>
                <td style=format!("background:{BRAND};border-radius:4px;")>
                    <a href=confirm_href style=format!("display:inline-block;padding:12px 20px;font-family:{SANS};font-size:17px;font-weight:bold;color:#ffffff;text-decoration:none;")>"Confirm my address"</a>
                </td>
            </tr></table>
            <p style=format!("margin:16px 0 0;font-size:15px;color:{MUTED};")>{format!("The button works for {hours} hours. If you did not sign up, ignore this email: without confirmation we send nothing more and delete the address.")}</p>
        </td></tr>
    }
    .into_any();
    let footer = footer_links(site, links.preferences.clone(), links.unsubscribe.clone());
    let html = frame(&subject, "Newsletters".into(), rows, footer);
    (subject, text, html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::{Image, Kind, SectionRef};

    fn teaser(headline: &str, image: Option<&str>) -> Teaser {
        Teaser {
            section: SectionRef {
                slug: "housing".into(),
                name: "Housing".into(),
            },
            slug: "a-story".into(),
            kind: Kind::Editorial,
            headline: headline.into(),
            standfirst: "Standfirst <b>".into(),
            byline: None,
            published: "2026-11-27T10:00:00Z".into(),
            image: image.map(|url| Image {
                url: url.into(),
                alt: "Homes on a hill".into(),
                width: 1200,
                height: 800,
                caption: None,
                credit: None,
            }),
        }
    }

    #[test]
    fn text_is_escaped_links_are_absolute_and_images_have_alt_text() {
        let e = Edition {
            site: "https://news.example".into(),
            edition: Which::Weekly,
            day: "27 November 2026".into(),
            lead: Some(teaser(
                "Rents <script>alert(1)</script>",
                Some("/media/homes.jpg"),
            )),
            sections: vec![(
                "Housing".into(),
                vec![teaser("Second", Some("/media/x.svg"))],
            )],
            unsubscribe: "https://news.example/u".into(),
            preferences: "https://news.example/p".into(),
        };
        let html = edition_html("Subject", e.clone());
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("<script>"), "headline text is escaped");
        assert!(html.contains("href=\"https://news.example/housing/a-story\""));
        assert!(html.contains("src=\"https://news.example/media/homes.jpg\""));
        assert!(html.contains("alt=\"Homes on a hill\""));
        assert!(!html.contains("x.svg"), "no SVG in mail");
        assert!(html.contains("href=\"https://news.example/u\""));
        let text = edition_text(&e);
        assert!(text.contains("Unsubscribe: https://news.example/u"));
        assert!(text.contains("https://news.example/housing/a-story"));
    }
}
