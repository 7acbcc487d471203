//! First visits: the server puts the API answers a page needs into index.html as JSON (front page, sections,
//! articles), so the app's first render needs no round trip. It also writes the page itself as plain HTML (the
//! same markup the app renders, from the same typed data): readers and crawlers see it before the wasm arrives,
//! and the app replaces it with its own rendering, which looks the same. A static host without this still serves
//! a working app (it fetches as usual).

mod article;
mod deferred;
mod listing;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use broadsheet_content::{is_reserved_slug, is_valid_slug, Section, Sections};

use crate::api::params::DEFAULT_LIMIT;
use crate::db::{queries, Db};
use crate::html::{escape, json_in_script};
use crate::http::security::script_hash;
use crate::http::static_files::IndexPage;

/// What the middleware needs: the database, the page template, and the template for pages written as HTML.
pub struct Prerender {
    db: Db,
    page: Arc<IndexPage>,
    /// index.html as a page written as HTML is served: the app started after the page is painted, and the policy
    /// that allows that new start script by hash. `None` when the template is not in the shape Trunk writes.
    written_page: Option<(String, String)>,
}

impl Prerender {
    /// Prepares the template once, at start.
    pub fn new(db: Db, page: Arc<IndexPage>) -> Self {
        let written_page = page
            .html
            .as_deref()
            .filter(|html| body_start(html).is_some())
            .and_then(deferred::start_after_load)
            .map(|(html, script)| {
                let csp = page.csp.replacen(
                    "script-src ",
                    &format!("script-src {} ", script_hash(&script)),
                    1,
                );
                (html, csp)
            });
        Prerender {
            db,
            page,
            written_page,
        }
    }
}

/// The pages whose data the server can send with index.html.
#[derive(Debug, PartialEq)]
enum Route {
    Front,
    Section(String),
    Article(String, String),
}

/// `/`, `/{section}` or `/{section}/{slug}`, with no query and a first segment that is not one of the app's own
/// paths (`/latest`, `/embed`, `/icons/…`).
fn route(path: &str, query: Option<&str>) -> Option<Route> {
    if query.is_some_and(|q| !q.is_empty()) {
        return None;
    }
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    if !parts.iter().all(|p| is_valid_slug(p)) {
        return (path == "/").then_some(Route::Front);
    }
    match parts[..] {
        [section] if !is_reserved_slug(section) => Some(Route::Section(section.into())),
        [section, slug] if !is_reserved_slug(section) => {
            Some(Route::Article(section.into(), slug.into()))
        }
        _ => None,
    }
}

type Json = Result<String, serde_json::Error>;

/// What goes into the page: its title, its main column as HTML with the slug of the section it is in (empty
/// for the front page), the sections for the masthead, and API answers by path.
struct Prepared {
    title: Option<String>,
    main: (String, String),
    sections: Vec<Section>,
    data: Vec<(String, Json)>,
}

fn prepare(c: &rusqlite::Connection, route: Route) -> rusqlite::Result<Option<Prepared>> {
    let (title, main, answer) = match route {
        Route::Front => {
            let f = queries::front(c)?;
            let html = listing::front(&f);
            let json = serde_json::to_string(&f);
            (None, (html, String::new()), ("/front".into(), json))
        }
        Route::Section(s) => {
            let Some(l) = queries::section_listing(c, &s, 1, DEFAULT_LIMIT)? else {
                return Ok(None);
            };
            let json = serde_json::to_string(&l);
            let html = listing::listing(&l, &format!("/{s}"));
            (
                Some(l.title),
                (html, s.clone()),
                (format!("/sections/{s}?page=1"), json),
            )
        }
        Route::Article(s, slug) => {
            let Some((_, a)) = queries::article(c, &s, &slug)? else {
                return Ok(None);
            };
            let json = serde_json::to_string(&a);
            let html = article::article(&a);
            (
                Some(a.headline),
                (html, s.clone()),
                (format!("/articles/{s}/{slug}"), json),
            )
        }
    };
    let sections = Sections {
        sections: queries::sections(c)?,
    };
    let data = vec![
        answer,
        ("/sections".into(), serde_json::to_string(&sections)),
        ("/rails".into(), serde_json::to_string(&queries::rails(c)?)),
    ];
    Ok(Some(Prepared {
        title,
        main,
        sections: sections.sections,
        data,
    }))
}

/// Serves the front page, sections and articles as HTML with their data; everything else (and an unknown section
/// or article, or a database error) goes on as before.
pub async fn middleware(State(p): State<Arc<Prerender>>, req: Request, next: Next) -> Response {
    let wanted = (req.method() == Method::GET || req.method() == Method::HEAD)
        .then(|| route(req.uri().path(), req.uri().query()))
        .flatten();
    let (Some(route), Some(template)) = (wanted, p.page.html.as_deref()) else {
        return next.run(req).await;
    };
    match p.db.run(move |c| prepare(c, route)).await {
        Ok(Some(prepared)) => {
            // A page the reader can already read starts the app after it is painted.
            let written = p.written_page.as_ref();
            let template = written.map_or(template, |(html, _)| html.as_str());
            let mut res = Html(page(template, prepared)).into_response();
            let headers = res.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            if let Some(v) = written.and_then(|(_, csp)| HeaderValue::from_str(csp).ok()) {
                headers.insert(header::CONTENT_SECURITY_POLICY, v);
            }
            res
        }
        Ok(None) => next.run(req).await,
        Err(e) => {
            tracing::warn!("page served without its data: {e:?}");
            next.run(req).await
        }
    }
}

fn data(path: &str, json: &Json) -> String {
    json.as_ref()
        .map(|j| {
            format!(
                "<script type=\"application/json\" data-broadsheet-path=\"{}\">{}</script>",
                escape(path),
                json_in_script(j)
            )
        })
        .unwrap_or_default()
}

/// The masthead and the main column, as the app renders them, for the app to replace.
fn shell(main: &str, sections: &[Section], current: &str) -> String {
    // The current page's link is marked: Home on the front page (`current` is empty), else its section.
    let mark = |slug: &str| {
        if slug == current {
            " aria-current=\"page\""
        } else {
            ""
        }
    };
    let mut nav = format!("<li><a href=\"/\"{}>Home</a></li>", mark(""));
    for s in sections {
        nav.push_str(&format!(
            "<li><a href=\"/{}\"{}>{}</a></li>",
            escape(&s.slug),
            mark(&s.slug),
            escape(&s.name)
        ));
    }
    nav.push_str("<li><a href=\"/latest\">Latest</a></li>");
    format!(
        "<div id=\"prerender\"><a class=\"skip-link\" href=\"#main\">Skip to content</a><header class=\"masthead\">\
         <div class=\"masthead-inner\"><a class=\"site-name\" href=\"/\">Broadsheet</a>\
         <p class=\"tagline\">For people who run public services</p></div>\
         <nav class=\"section-nav\" aria-label=\"Sections\"><ul>{nav}</ul></nav></header>\
         <div class=\"page\"><main id=\"main\" tabindex=\"-1\">{main}</main>\
         <aside class=\"rails\" aria-label=\"More from Broadsheet\"></aside></div></div>"
    )
}

/// Where the body's content starts: just after `<body>` or `<body …>`.
fn body_start(html: &str) -> Option<usize> {
    let open = html.find("<body")?;
    Some(open + html[open..].find('>')? + 1)
}

/// index.html with the title, the page's main column and its API answers written in.
fn page(template: &str, p: Prepared) -> String {
    let mut html = match &p.title {
        Some(t) => template.replacen(
            "<title>Broadsheet</title>",
            &format!("<title>{} | Broadsheet</title>", escape(t)),
            1,
        ),
        None => template.to_string(),
    };
    if let Some(at) = body_start(&html) {
        html.insert_str(at, &shell(&p.main.0, &p.sections, &p.main.1));
    }
    let json: String = p.data.iter().map(|(path, j)| data(path, j)).collect();
    if let Some(at) = html.rfind("</body>") {
        html.insert_str(at, &json);
    }
    html
}

#[cfg(test)]
mod tests {
    use super::{route, Route};

    #[test]
    fn only_the_front_sections_and_articles_are_prerendered() {
        assert_eq!(
            route("/housing/a-story", None),
            Some(Route::Article("housing".into(), "a-story".into()))
        );
        assert_eq!(
            route("/housing", None),
            Some(Route::Section("housing".into()))
        );
        assert_eq!(route("/", None), Some(Route::Front));
        assert_eq!(route("/", Some("")), Some(Route::Front));
        assert_eq!(route("/housing", Some("page=2")), None);
        assert_eq!(route("/latest", None), None);
        assert_eq!(route("/embed", None), None);
        assert_eq!(route("/icons/favicon.svg", None), None);
        assert_eq!(route("/embed/housing", None), None);
        assert_eq!(route("/kinds/interview", None), None);
        assert_eq!(route("/a/b/c", None), None);
        assert_eq!(route("//", None), None);
    }
}
