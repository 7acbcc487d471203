//! The partner widget (`/embed/{section}`): one small HTML document made to be framed on another site. No wasm:
//! the server renders it (Leptos `ssr`) with one inline style and one inline script, which its
//! Content-Security-Policy allows by hash ([`STYLE`], [`SCRIPT`]). Links open in a new tab, since the widget
//! sits inside someone else's page.

use broadsheet_content::{dates, Page, Section, Teaser};
use leptos::prelude::*;

use crate::picture::{picture, ImageLoading, Shown, WIDGET_SIZES};

/// The dark palette, used for `data-theme=dark` and for `auto` when the reader's system is dark.
macro_rules! dark {
    () => {
        "--bg:#121417;--fg:#ecebe8;--muted:#b3b8bf;--line:#343a42;--brand:#8cc8f2;--link:#8cc8f2;\
--focus:#fbbf24;color-scheme:dark"
    };
}

/// The widget's whole style sheet (inline, allowed by its SHA-256 hash). Long words break (`overflow-wrap`) so a
/// narrow frame never scrolls sideways.
pub const STYLE: &str = concat!(
    ":root{--bg:#fff;--fg:#1b1d21;--muted:#4d535c;--line:#d9d6cf;--brand:#0b3d5c;--link:#0b4f7a;\
--focus:#b45309;color-scheme:light;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif}\
:root[data-theme=dark]{",
    dark!(),
    "}@media (prefers-color-scheme:dark){:root[data-theme=auto]{",
    dark!(),
    "}}html{background:var(--bg);color:var(--fg)}body{margin:0;overflow-wrap:anywhere}\
main{padding:10px 14px 12px;border:1px solid var(--line);border-top:4px solid var(--brand)}\
.from{margin:0;color:var(--muted);font-size:.8em;text-transform:uppercase;letter-spacing:.04em}\
h1{font:700 1.2rem/1.25 Georgia,\"Times New Roman\",serif;margin:0 0 6px}h1 a{color:var(--fg)}\
ol{list-style:none;margin:0;padding:0}li{display:flex;gap:10px;padding:8px 0;border-top:1px solid var(--line)}\
li div{min-width:0}a{color:var(--link);text-underline-offset:.15em}li a{font-weight:600}\
picture{display:contents}source{display:none}img{flex:none;width:72px;height:48px;object-fit:cover;background:var(--line)}\
.sf{margin:2px 0 0;color:var(--muted);font-size:.9em}time{display:block;color:var(--muted);font-size:.85em}\
.more{margin:8px 0 0;font-size:.9em}:focus-visible{outline:3px solid var(--focus);outline-offset:2px}"
);

/// The widget's script (inline, allowed by its SHA-256 hash): posts the document's height to the embedding page,
/// only to the origin the loader gave, and takes theme changes from that page only. Without an `origin`
/// parameter (a plain iframe) it does nothing.
pub const SCRIPT: &str = "(function(){var q=new URLSearchParams(location.search),o=q.get('origin'),id=q.get('id')||'',\
d=document.documentElement;if(!o||!/^https?:\\/\\/[^\\/?#]+$/.test(o)||parent===window)return;\
function post(){parent.postMessage({type:'broadsheet:height',id:id,height:Math.ceil(d.getBoundingClientRect().height)},o)}\
if(window.ResizeObserver)new ResizeObserver(post).observe(d);addEventListener('load',post);post();\
addEventListener('message',function(e){var t=e.data&&e.data.type==='broadsheet:theme'&&e.data.theme;\
if(e.origin!==o||e.source!==parent||['light','dark','auto'].indexOf(t)<0)return;d.setAttribute('data-theme',t);post()})})();";

/// What each headline of a widget shows besides its link (the partner's snippet chooses; see docs/embedding.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WidgetShows {
    /// The teaser's image, 72 × 48 CSS px.
    pub images: bool,
    /// The publication date, as everywhere on the site (`dates::display`).
    pub dates: bool,
    /// The standfirst under the headline.
    pub standfirst: bool,
    /// The list is the section's most read, not its newest.
    pub most_read: bool,
}

/// The document around a widget: `theme` is `light`, `dark` or `auto`; `oembed` is the absolute URL of the
/// oEmbed answer that describes this widget, for the discovery link.
#[component]
fn WidgetDocument(
    title: String,
    theme: &'static str,
    oembed: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB" data-theme=theme>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>{title.clone()}</title>
                {oembed.map(|href| view! {
                    <link rel="alternate" type="application/json+oembed" href=href title=title/>
                })}
                <style inner_html=STYLE></style>
                <script inner_html=SCRIPT></script>
            </head>
            <body>
                <main aria-labelledby="w">{children()}</main>
            </body>
        </html>
    }
}

/// A section's widget: the section's name linking to it, then its latest headlines (`teasers`, newest first).
/// A teaser without a valid address is left out: a widget is links.
#[component]
pub fn WidgetView(
    section: Section,
    teasers: Vec<Teaser>,
    shows: WidgetShows,
    theme: &'static str,
    oembed: String,
) -> impl IntoView {
    // Without a valid section address, no `href`: the name is text, not a link.
    let href = Page::section(&section.slug).map(|p| p.href());
    let empty = teasers.is_empty();
    let which = if shows.most_read {
        "Most read"
    } else {
        "Latest"
    };
    let items = teasers
        .into_iter()
        .filter_map(|t| Some((t.path()?, t)))
        .map(|(link, t)| {
            let image = t.image.as_ref().filter(|_| shows.images).and_then(|img| {
                let shown = Shown {
                    alt: String::new(),
                    class: "thumb",
                    sizes: WIDGET_SIZES,
                    loading: ImageLoading::Lazy,
                };
                picture(img, shown, Some((72, 48)))
            });
            view! {
                <li>
                    {image}
                    <div>
                        <a href=link target="_blank" rel="noopener">{t.headline}</a>
                        {shows.dates.then(|| view! {
                            <time datetime=t.published.clone()>{dates::display(&t.published, false)}</time>
                        })}
                        {shows.standfirst.then(|| view! { <p class="sf">{t.standfirst}</p> })}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <WidgetDocument title=format!("{} — {} from Broadsheet", section.name, which.to_lowercase()) theme=theme oembed=Some(oembed)>
            <p class="from">{which} " from Broadsheet"</p>
            <h1 id="w"><a href=href.clone() target="_blank" rel="noopener">{section.name.clone()}</a></h1>
            <ol>
                {items}
                {empty.then(|| view! { <li>{if shows.most_read {
                    "No most read list just now."
                } else {
                    "No articles in this section yet."
                }}</li> })}
            </ol>
            <p class="more">
                <a href=href target="_blank" rel="noopener">"More " {section.name} " news on Broadsheet"</a>
                " (links open in a new tab)"
            </p>
        </WidgetDocument>
    }
}

/// A live blog's widget: its headline linking to it, whether it is live, then its latest posts (each its time and
/// title or the start of its text, linking to its permalink).
#[component]
pub fn LiveWidgetView(
    headline: String,
    path: String,
    live: broadsheet_content::live::Live,
    dates: bool,
    theme: &'static str,
) -> impl IntoView {
    use broadsheet_content::live::{key_event, post_href, LiveStatus};
    let empty = live.posts.is_empty();
    let items = live
        .posts
        .iter()
        .map(|post| {
            let link = post_href(&path, &post.id);
            let title = key_event(post).title;
            let time = dates.then(|| {
                view! { <time datetime=post.published.clone()>{dates::display(&post.published, true)}</time> }
            });
            view! { <li><div><a href=link target="_blank" rel="noopener">{title}</a>{time}</div></li> }
        })
        .collect_view();
    let which = match live.status {
        LiveStatus::Live => "Live",
        LiveStatus::Ended => "Live coverage (ended)",
    };
    view! {
        <WidgetDocument title=format!("{headline} — {which} from Broadsheet") theme=theme oembed=None>
            <p class="from">{which} " from Broadsheet"</p>
            <h1 id="w"><a href=path.clone() target="_blank" rel="noopener">{headline}</a></h1>
            <ol>
                {items}
                {empty.then(|| view! { <li>"No updates yet."</li> })}
            </ol>
            <p class="more">
                <a href=path target="_blank" rel="noopener">"Follow it on Broadsheet"</a>
                " (links open in a new tab)"
            </p>
        </WidgetDocument>
    }
}

/// What a widget shows when it cannot show headlines: `message`, and a link to the site.
#[component]
pub fn WidgetProblem(message: &'static str, theme: &'static str) -> impl IntoView {
    view! {
        <WidgetDocument title="Broadsheet".to_string() theme=theme oembed=None>
            <p class="from">"Broadsheet"</p>
            <h1 id="w">"Headlines unavailable"</h1>
            <p>{message}</p>
            <p class="more">
                <a href="/" target="_blank" rel="noopener">"Read the news on Broadsheet"</a>
                " (opens in a new tab)"
            </p>
        </WidgetDocument>
    }
}

#[cfg(test)]
mod tests {
    use broadsheet_content::widget::Theme;

    #[test]
    fn the_widget_takes_exactly_the_contracts_themes() {
        let list = super::SCRIPT
            .split("||[")
            .nth(1)
            .and_then(|s| s.split(']').next())
            .expect("the script's list of themes");
        let mut taken: Vec<&str> = list.split(',').map(|t| t.trim_matches('\'')).collect();
        let mut themes: Vec<&str> = Theme::ALL.iter().map(|t| t.as_str()).collect();
        taken.sort();
        themes.sort();
        assert_eq!(taken, themes);
    }
}
