//! The widget as one small HTML document: no wasm, one inline style and one inline script, both allowed by hash.
//! Every text from the database is escaped.

use std::fmt::Write;
use std::sync::LazyLock;

use broadsheet_content::{Section, Teaser};

use super::options::WidgetOptions;
use crate::html::escape;
use crate::http::security::script_hash;

const DARK: &str =
    "--bg:#121417;--fg:#ecebe8;--muted:#b3b8bf;--line:#343a42;--brand:#8cc8f2;--link:#8cc8f2;\
--focus:#fbbf24;color-scheme:dark";

static STYLE: LazyLock<String> = LazyLock::new(|| {
    format!(
        ":root{{--bg:#fff;--fg:#1b1d21;--muted:#4d535c;--line:#d9d6cf;--brand:#0b3d5c;--link:#0b4f7a;\
--focus:#b45309;color-scheme:light;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif}}\
:root[data-theme=dark]{{{DARK}}}@media (prefers-color-scheme:dark){{:root[data-theme=auto]{{{DARK}}}}}\
html{{background:var(--bg);color:var(--fg)}}body{{margin:0}}\
main{{padding:10px 14px 12px;border:1px solid var(--line);border-top:4px solid var(--brand)}}\
.from{{margin:0;color:var(--muted);font-size:.8em;text-transform:uppercase;letter-spacing:.04em}}\
h1{{font:700 1.2rem/1.25 Georgia,\"Times New Roman\",serif;margin:0 0 6px}}h1 a{{color:var(--fg)}}\
ol{{list-style:none;margin:0;padding:0}}li{{display:flex;gap:10px;padding:8px 0;border-top:1px solid var(--line)}}\
a{{color:var(--link);text-underline-offset:.15em}}li a{{font-weight:600}}\
img{{flex:none;width:72px;height:48px;object-fit:cover;background:var(--line)}}\
.sf{{margin:2px 0 0;color:var(--muted);font-size:.9em}}time{{display:block;color:var(--muted);font-size:.85em}}\
.more{{margin:8px 0 0;font-size:.9em}}:focus-visible{{outline:3px solid var(--focus);outline-offset:2px}}"
    )
});

/// Posts the document's height to the embedding page (only to the origin the loader gave), and takes theme
/// changes from that page only. Without an `origin` parameter (a plain iframe) it does nothing.
const SCRIPT: &str = "(function(){var q=new URLSearchParams(location.search),o=q.get('origin'),id=q.get('id')||'',\
d=document.documentElement;if(!o||!/^https?:\\/\\/[^\\/?#]+$/.test(o)||parent===window)return;\
function post(){parent.postMessage({type:'broadsheet:height',id:id,height:Math.ceil(d.getBoundingClientRect().height)},o)}\
if(window.ResizeObserver)new ResizeObserver(post).observe(d);addEventListener('load',post);post();\
addEventListener('message',function(e){var t=e.data&&e.data.type==='broadsheet:theme'&&e.data.theme;\
if(e.origin!==o||e.source!==parent||['light','dark','auto'].indexOf(t)<0)return;d.setAttribute('data-theme',t);post()})})();";

/// The widget's Content-Security-Policy: its own style and script by hash, images, and who may frame it.
pub fn content_security_policy(frame_ancestors: &str) -> String {
    format!(
        "default-src 'none'; style-src {}; script-src {}; img-src 'self' https: data:; base-uri 'none'; \
         form-action 'none'; frame-ancestors {frame_ancestors}",
        script_hash(&STYLE),
        script_hash(SCRIPT)
    )
}

fn open(title: &str, theme: &str, head_extra: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en-GB\" data-theme=\"{theme}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>{head_extra}\
<style>{}</style><script>{SCRIPT}</script></head><body><main aria-labelledby=\"w\">",
        escape(title),
        *STYLE
    )
}

const NEW_TAB: &str = " target=\"_blank\" rel=\"noopener\"";

/// The widget: the section's name linking to it, then its latest headlines.
pub fn widget(section: &Section, teasers: &[Teaser], o: &WidgetOptions, oembed: &str) -> String {
    let name = escape(&section.name);
    let href = format!("/{}", section.slug);
    let discovery = format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{name}\">",
        escape(oembed)
    );
    let mut html = open(
        &format!("{} — latest from Broadsheet", section.name),
        o.theme.as_str(),
        &discovery,
    );
    let _ = write!(
        html,
        "<p class=\"from\">Latest from Broadsheet</p><h1 id=\"w\"><a href=\"{href}\"{NEW_TAB}>{name}</a></h1><ol>"
    );
    for t in teasers {
        // A widget is links: an article without a valid address has no place in it.
        let Some(href) = t.path() else {
            continue;
        };
        html.push_str("<li>");
        if o.images {
            if let Some(img) = &t.image {
                if broadsheet_content::safe_href(&img.url).is_some() {
                    let _ = write!(
                        html,
                        "<img src=\"{}\" alt=\"\" width=\"72\" height=\"48\" loading=\"lazy\" decoding=\"async\">",
                        escape(&img.url)
                    );
                }
            }
        }
        let _ = write!(
            html,
            "<div><a href=\"{}\"{NEW_TAB}>{}</a>",
            escape(&href),
            escape(&t.headline)
        );
        if o.dates {
            let _ = write!(
                html,
                "<time datetime=\"{}\">{}</time>",
                escape(&t.published),
                escape(&broadsheet_content::dates::display(&t.published, false))
            );
        }
        if o.standfirst {
            let _ = write!(html, "<p class=\"sf\">{}</p>", escape(&t.standfirst));
        }
        html.push_str("</div></li>");
    }
    if teasers.is_empty() {
        html.push_str("<li>No articles in this section yet.</li>");
    }
    let _ = write!(
        html,
        "</ol><p class=\"more\"><a href=\"{href}\"{NEW_TAB}>More {name} news on Broadsheet</a> \
(links open in a new tab)</p></main></body></html>"
    );
    html
}

/// What a widget shows when it cannot show headlines: a short message and a link to the site.
pub fn problem(message: &str, theme: &str) -> String {
    let mut html = open("Broadsheet", theme, "");
    let _ = write!(
        html,
        "<p class=\"from\">Broadsheet</p><h1 id=\"w\">Headlines unavailable</h1><p>{}</p>\
<p class=\"more\"><a href=\"/\"{NEW_TAB}>Read the news on Broadsheet</a> (opens in a new tab)</p></main></body></html>",
        escape(message)
    );
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::{Kind, SectionRef};

    #[test]
    fn text_is_escaped_and_links_open_a_new_tab() {
        let section = Section {
            slug: "housing".into(),
            name: "Homes & <Places>".into(),
            description: String::new(),
        };
        let teaser = Teaser {
            section: SectionRef {
                slug: "housing".into(),
                name: section.name.clone(),
            },
            slug: "a-b".into(),
            kind: Kind::News,
            headline: "<script>alert(1)</script>".into(),
            standfirst: "\"quoted\"".into(),
            byline: None,
            published: "2026-11-20T09:00:00Z".into(),
            image: None,
        };
        let o = WidgetOptions {
            standfirst: true,
            ..Default::default()
        };
        let html = widget(&section, &[teaser], &o, "/api/v1/oembed?url=x&format=json");
        assert!(html.contains("Homes &amp; &lt;Places&gt;"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("&quot;quoted&quot;"));
        assert!(html.contains("20 Nov 2026"));
        assert!(html.contains("href=\"/housing/a-b\" target=\"_blank\" rel=\"noopener\""));
        assert!(html.contains("url=x&amp;format=json"));
        let csp = content_security_policy("*");
        assert!(csp.contains(&script_hash(SCRIPT)) && csp.ends_with("frame-ancestors *"));
    }
}
