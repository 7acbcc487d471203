//! First visits: the server renders the page with the app's own views (`crates/views`, Leptos `ssr`), so
//! readers, crawlers and link-preview fetchers get the whole page (head, masthead, main column, rails, footer)
//! before any script runs. The page carries no copy of its API answers: the app starts once the page is painted
//! and fetches them, building its own page hidden beside this one and swapping in when ready (`src/startup.rs`).
//! Inline JSON doubled an article's HTML (49 KB, 28 KB of it data), which then overran TCP's first congestion
//! window (about 14 KB) and cost the first paint a round trip (docs/performance.md). A static host without this
//! server still serves a working app.
//!
//! Which page a path is, and the API answer it shows, come from the content crate's `Page`. Unknown pages answer
//! `404` with the not-found page and `noindex`; a missing file answers a plain `404` (`http::static_files`).

mod deferred;
pub mod preview;
mod render;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use broadsheet_content::{Page, Section, Sections};
use broadsheet_views::head::{Head, Site};

use crate::cache::policy::{NoStore, Revalidate};
use crate::cache::{keys, Keys};
use crate::html::escape;
use crate::http::public_url::PublicUrl;
use crate::http::security::script_hash;
use crate::http::static_files::{IndexPage, SpaFallback};
use broadsheet_store::answer::{answer, Answer, Ask, Lifetime, Unanswered};
use broadsheet_store::db::{queries, Db};
use broadsheet_store::search::Search;
pub use render::Main;
use render::RailsCache;

/// What the middleware needs: the database, the page template, the template for pages written as HTML, and the
/// public URL.
pub struct Prerender {
    db: Db,
    search: Arc<crate::search::Searches>,
    page: Arc<IndexPage>,
    /// index.html as a page written as HTML is served: the app started after the page is painted, and the policy
    /// that allows that new start script by hash. `None` when the template is not in the shape Trunk writes.
    written_page: Option<(String, String)>,
    /// The configured public URL; without one, each request's `Host`.
    public_url: PublicUrl,
    /// The rails' HTML, kept while the rails are the same.
    rails: Arc<RailsCache>,
}

impl Prerender {
    /// Prepares the template once, at start.
    pub fn new(
        db: Db,
        search: Arc<crate::search::Searches>,
        page: Arc<IndexPage>,
        public_url: Option<&str>,
    ) -> Self {
        let written_page = page
            .html
            .as_deref()
            .filter(|html| render::body_start(html).is_some())
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
            search,
            page,
            written_page,
            public_url: PublicUrl::new(public_url),
            rails: Arc::new(RailsCache::new()),
        }
    }

    /// The site's public URL (`http::public_url`).
    fn site(&self, req: &Request) -> Site {
        self.public_url.site(req.headers(), req.uri())
    }
}

/// A page ready to write: its status, head, and the body's server-rendered frame (none for pages the app alone
/// draws).
pub struct Prepared {
    status: StatusCode,
    head: Head,
    body: Option<String>,
    /// The preload of its largest image (`render::preload`), or empty.
    preload: String,
    /// What the page shows, for shared caches (`crate::cache::keys`).
    keys: Keys,
    /// No cache may keep it: a search answered without the newest writes (`Lifetime::Unstored`).
    unstored: bool,
}

/// The page's data from the database, and the page rendered with the views. `None` for `page` is the
/// not-found page; so is a section or article that does not exist, or a listing page past the last.
fn prepare(
    c: &broadsheet_store::db::Conn,
    search: &Search,
    page: Option<Page>,
    site: &Site,
    cache: &RailsCache,
) -> broadsheet_store::db::DbResult<Prepared> {
    let sections = Sections {
        sections: queries::sections(c)?,
    };
    let rails = queries::rails(c)?;
    let mut keys = page.as_ref().map(keys::page).unwrap_or_default();
    keys.add(keys::APP);
    keys.depend_on(&sections);
    keys.depend_on(&rails);
    let mut unstored = false;
    let found = match page.clone() {
        Some(p) => find(c, search, p, site, &mut keys, &mut unstored)?,
        None => None,
    };
    let (status, head, main) = match found {
        Some((head, main)) => (StatusCode::OK, head, main),
        None => (
            StatusCode::NOT_FOUND,
            Head::not_found(site),
            Some(Main::NotFound),
        ),
    };
    let rails_json = serde_json::to_string(&rails);
    let preload = main
        .as_ref()
        .and_then(Main::lcp_image)
        .map(render::preload)
        .unwrap_or_default();
    let body = main.map(|main| {
        let json = rails_json.as_deref().unwrap_or_default();
        render::frame(
            main,
            page.as_ref(),
            &sections.sections,
            (rails.rails, json),
            cache,
        )
    });
    Ok(Prepared {
        status,
        head,
        preload,
        body,
        keys,
        unstored,
    })
}

type Found = Option<(Head, Option<Main>)>;

/// The page's head and main column, from the same [`answer`] the API gives at the page's `Page::api_path`, and
/// the keys of that answer (and whether no cache may keep it); `None` where there is no such page, or a listing
/// page past its last.
fn find(
    c: &broadsheet_store::db::Conn,
    search: &Search,
    page: Page,
    site: &Site,
    keys: &mut Keys,
    unstored: &mut bool,
) -> broadsheet_store::db::DbResult<Found> {
    let Some(ask) = Ask::for_page(&page) else {
        return Ok(match page {
            Page::Saved => Some((Head::saved(site), None)),
            _ => None,
        });
    };
    let answered = match answer(c, search, &ask) {
        Ok(answered) => answered,
        Err(Unanswered::NotFound(_)) => return Ok(None),
        Err(Unanswered::Store(e)) => return Err(e),
    };
    keys.extend(answered.keys.clone());
    *unstored = answered.lifetime == Lifetime::Unstored;
    Ok(match answered.answer {
        Answer::Front(f) => Some((Head::front(site, &f), Some(Main::Front(f)))),
        Answer::Article(a) => Some((Head::article(site, &a), Some(Main::Article(a)))),
        // No results is an answer (page 1 always exists); only a page past the last is not found.
        Answer::Listing(l) if l.meta.has_page(page.page_number()) => {
            Some((Head::listing(site, &page, &l), Some(Main::Listing(l, page))))
        }
        _ => None,
    })
}

/// Serves every page of the site as HTML with its true status. Other paths go on; where they end
/// at the app's fallback (no file, no API route), the not-found page is served instead. A database error serves
/// the app alone, as a static host would, with `503` ([`unavailable`]).
pub async fn middleware(State(p): State<Arc<Prerender>>, req: Request, next: Next) -> Response {
    if !(req.method() == Method::GET || req.method() == Method::HEAD) || p.page.html.is_none() {
        return next.run(req).await;
    }
    let site = p.site(&req);
    let page = Page::parse(req.uri().path(), req.uri().query());
    if page.is_none() {
        let res = next.run(req).await;
        if res.extensions().get::<SpaFallback>().is_none() {
            return res;
        }
        return respond(&p, None, site)
            .await
            .unwrap_or_else(|| unavailable(res));
    }
    match respond(&p, page, site).await {
        Some(res) => res,
        None => unavailable(next.run(req).await),
    }
}

/// The app alone, as a static host would serve it, but `503` with `Retry-After` and never stored: a shared
/// cache keeps serving the page it has (stale-if-error) and the app, which starts anyway, retries the API.
fn unavailable(mut res: Response) -> Response {
    *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    res
}

/// The page as HTML, with the keys it depends on; `None` on a database error (logged).
async fn respond(p: &Arc<Prerender>, page: Option<Page>, site: Site) -> Option<Response> {
    let template = p.page.html.as_deref()?;
    let origin = site.origin.clone();
    let (rails, search) = (p.rails.clone(), p.search.index.clone());
    // A search page waits for its turn as the API's search does.
    let _turn = match page.as_ref().and_then(Ask::for_page) {
        Some(ask) => p.search.turn(&ask).await,
        None => None,
    };
    let mut prepared = match p
        .db
        .run(move |c| prepare(c, &search, page, &site, &rails))
        .await
    {
        Ok(prepared) => prepared,
        Err(e) => {
            tracing::warn!("page served as the app alone, without its HTML: {e:?}");
            return None;
        }
    };
    // A page the reader can already read starts the app after it is painted.
    let written = p.written_page.as_ref().filter(|_| prepared.body.is_some());
    let template = written.map_or(template, |(html, _)| html.as_str());
    let status = prepared.status;
    let keys = std::mem::take(&mut prepared.keys);
    let unstored = prepared.unstored;
    let mut res = (status, Html(write(template, prepared, &origin))).into_response();
    res.extensions_mut().insert(keys);
    if unstored {
        res.extensions_mut().insert(NoStore);
    } else {
        res.extensions_mut().insert(Revalidate);
    }
    let headers = res.headers_mut();
    if let Some(v) = written.and_then(|(_, csp)| HeaderValue::from_str(csp).ok()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    Some(res)
}

/// index.html with the page's head (and the public URL the app makes its heads with) and its body written in: one
/// pass over the template into a string of the right size, since a page is tens of
/// kilobytes and inserting into it moved the rest each time.
fn write(template: &str, p: Prepared, public_url: &str) -> String {
    const TITLE: &str = "<title>Broadsheet</title>";
    let mut head = render::head(p.head);
    head.push_str(&p.preload);
    head.push_str(&format!(
        "<meta name=\"broadsheet-public-url\" content=\"{}\">",
        escape(public_url)
    ));
    let (before, after, head) = match template.split_once(TITLE) {
        Some((before, after)) => (before, after, head),
        None => ("", template, String::new()),
    };
    let body_at = render::body_start(after).filter(|_| p.body.is_some());
    let end_at = after.rfind("</body>").unwrap_or(after.len());
    let body = p.body.as_deref().unwrap_or_default();
    let mut html = String::with_capacity(template.len() + head.len() + body.len());
    html.push_str(before);
    html.push_str(&head);
    match body_at {
        Some(at) if at <= end_at => {
            html.push_str(&after[..at]);
            html.push_str(body);
            html.push_str(&after[at..end_at]);
        }
        _ => html.push_str(&after[..end_at]),
    }
    html.push_str(&after[end_at..]);
    html
}

/// A page the server alone serves (the newsletter's pages, the privacy notice, the page for partners): the site's
/// frame around the main column that `main` makes from the section list, in index.html without the app's script,
/// so it works with no script at all and the app's router never sees an address it does not know.
pub async fn server_page(
    p: &Arc<Prerender>,
    site: Site,
    status: StatusCode,
    head: Head,
    main: impl FnOnce(&[Section]) -> Main + Send + 'static,
) -> Response {
    match page_without_app(p, &site, status, head, String::new(), main).await {
        Ok(html) => {
            let mut res = (status, Html(html)).into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(res) => res,
    }
}

/// index.html without the app's script, with `head`, and the site's frame around the main column that `main`
/// makes from the section list, `banner` above it. The page's HTML, or the answer to give instead: the head's
/// title when the app is not built. Without the store, the frame has no sections and no rails.
pub(super) async fn page_without_app(
    p: &Arc<Prerender>,
    site: &Site,
    status: StatusCode,
    head: Head,
    banner: String,
    main: impl FnOnce(&[Section]) -> Main + Send + 'static,
) -> Result<String, Response> {
    let Some(template) = p.page.html.as_deref().map(deferred::without_app) else {
        return Err((status, head.title).into_response());
    };
    // The masthead's sections and the rails; without the store (it is down), the page is written without
    // them: a server page (a form sent back with what the reader wrote) must not become an error.
    let fetched =
        p.db.run(|c| Ok((queries::sections(c)?, queries::rails(c)?)))
            .await;
    let (sections, rails_answer) = match fetched {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(error = %e, "a server page without its sections and rails");
            (Vec::new(), broadsheet_content::Rails { rails: Vec::new() })
        }
    };
    let json = serde_json::to_string(&rails_answer).unwrap_or_default();
    let body = render::frame(
        main(&sections),
        None,
        &sections,
        (rails_answer.rails, &json),
        &p.rails,
    );
    let prepared = Prepared {
        status,
        head,
        preload: String::new(),
        body: Some(format!("{banner}{body}")),
        keys: Keys::new(),
        unstored: false,
    };
    Ok(write(&template, prepared, &site.origin))
}
