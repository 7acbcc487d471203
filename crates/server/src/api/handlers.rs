use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use broadsheet_content::{
    Article, CommentsPage, FrontPage, Kind, Listing, Pagination, Rails, SearchSort, Sections,
};

use super::params::{self, ArticleAddress, Listed, SlugOf};
use super::AppError;
use crate::cache::keys;
use crate::cache::policy::{Cached, Revalidate};
use crate::cache::Keys;
use crate::db::{queries, ListFilter};
use crate::search::{self, query::MAX_QUERY_CHARS, SearchRequest};
use crate::AppState;

/// An answer shared caches may keep, with the surrogate keys it depends on (`crate::cache::keys`).
pub(super) type CachedResult<T> = Result<Cached<Json<T>>, AppError>;

/// `answer` with the keys it depends on and `structural`, the keys that decide what it holds.
pub(super) fn cached<T: keys::DependsOn>(answer: T, structural: Keys) -> Cached<Json<T>> {
    let mut keys = structural;
    keys.depend_on(&answer);
    Cached(Json(answer), keys)
}

/// The front page's curated collections.
#[utoipa::path(get, path = "/api/v1/front", tag = "pages",
    responses((status = 200, description = "Top stories and a block per section", body = FrontPage)))]
pub async fn front(State(st): State<AppState>) -> CachedResult<FrontPage> {
    let front = st.db.run(queries::front).await?;
    Ok(cached(front, Keys::new()))
}

/// Every section, in navigation order.
#[utoipa::path(get, path = "/api/v1/sections", tag = "sections",
    responses((status = 200, description = "The sections", body = Sections)))]
pub async fn sections(State(st): State<AppState>) -> CachedResult<Sections> {
    let sections = st.db.run(queries::sections).await?;
    Ok(cached(Sections { sections }, Keys::new()))
}

/// One section's articles, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/sections/{section}", tag = "sections",
    params(("section" = String, Path, description = "Section slug"),
           ("page" = Option<u32>, Query, description = "1-based page"),
           ("limit" = Option<u32>, Query, description = "Articles a page, 1 to 50 (clamped), default 12")),
    responses((status = 200, description = "A page of the section", body = Listing),
              (status = 400, description = "Bad page or limit", body = broadsheet_content::ApiError),
              (status = 404, description = "No such section", body = broadsheet_content::ApiError)))]
pub async fn section(
    State(st): State<AppState>,
    SlugOf(slug, _): SlugOf<params::Section>,
    listed: Listed,
) -> CachedResult<Listing> {
    listing_by_slug::<params::Section>(st, slug, listed, queries::section_listing).await
}

/// The listing `find` gives for `slug`, a page at a time, keyed by `K::key`; 404 when `find` finds nothing. The
/// section, topic and author pages all answer this way.
pub(super) async fn listing_by_slug<K: params::Named>(
    st: AppState,
    slug: String,
    listed: Listed,
    find: fn(&crate::db::Conn, &str, u32, u32) -> crate::db::DbResult<Option<Listing>>,
) -> CachedResult<Listing> {
    let (page, limit, key) = (listed.page, listed.limit, K::key(&slug));
    st.db
        .run(move |c| find(c, &slug, page, limit))
        .await?
        .map(|listing| cached(listing, Keys::of([key])))
        .ok_or_else(|| AppError::not_found(format!("There is no {} at this address.", K::NAME)))
}

/// Every article newest first, optionally of one kind or with one tag.
#[utoipa::path(get, path = "/api/v1/articles", tag = "articles",
    params(("kind" = Option<Kind>, Query, description = "Only this kind"),
           ("tag" = Option<String>, Query, description = "Only articles filed under this topic: its slug, or a tag as written (`Council housing`), which is made a slug. `/topics/{topic}` is the topic's own page"),
           ("page" = Option<u32>, Query), ("limit" = Option<u32>, Query)),
    responses((status = 200, description = "A page of articles", body = Listing),
              (status = 400, description = "Bad parameter", body = broadsheet_content::ApiError)))]
pub async fn articles(
    State(st): State<AppState>,
    Listed {
        page,
        limit,
        query: q,
    }: Listed,
) -> CachedResult<Listing> {
    let kind = match q.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(
            Kind::from_slug(k)
                .ok_or_else(|| AppError::bad_parameter("kind is not a known kind."))?,
        ),
        None => None,
    };
    let tag = q
        .tag
        .filter(|t| t.len() <= 200)
        .map(|t| broadsheet_content::topic_slug(&t))
        .filter(|t| !t.is_empty());
    let (title, description) = queries::listing_heading(kind, tag.as_deref());
    let mut structural = Keys::new();
    if let Some(k) = kind {
        structural.add(keys::kind(k));
    }
    if let Some(t) = &tag {
        structural.add(keys::topic(t));
    }
    if structural.is_empty() {
        structural.add(keys::ARTICLES);
    }
    let filter = ListFilter {
        kind,
        tag,
        ..Default::default()
    };
    let (articles, total) = st
        .db
        .run(move |c| queries::list(c, &filter, page, limit))
        .await?;
    let listing = Listing {
        title,
        description,
        section: None,
        articles,
        meta: Pagination::new(page, limit, total),
        author: None,
        search: None,
    };
    Ok(cached(listing, structural))
}

/// An article by section and slug.
#[utoipa::path(get, path = "/api/v1/articles/{section}/{slug}", tag = "articles",
    params(("section" = String, Path), ("slug" = String, Path)),
    responses((status = 200, description = "The article", body = Article),
              (status = 404, description = "No such article", body = broadsheet_content::ApiError)))]
pub async fn article(
    State(st): State<AppState>,
    ArticleAddress { section, slug }: ArticleAddress,
) -> CachedResult<Article> {
    let found = st
        .db
        .run(move |c| queries::article(c, &section, &slug))
        .await?;
    found
        .map(|(_, a)| cached(a, Keys::new()))
        .ok_or_else(|| AppError::not_found("There is no article at this address."))
}

/// An article's published comments, oldest first.
#[utoipa::path(get, path = "/api/v1/articles/{section}/{slug}/comments", tag = "articles",
    params(("section" = String, Path), ("slug" = String, Path)),
    responses((status = 200, description = "Published comments", body = CommentsPage),
              (status = 404, description = "No such article", body = broadsheet_content::ApiError)))]
pub async fn comments(
    State(st): State<AppState>,
    ArticleAddress { section, slug }: ArticleAddress,
) -> Result<axum::response::Response, AppError> {
    let key = keys::article(&section, &slug);
    let found = st
        .db
        .run(move |c| {
            let Some((id, article)) = queries::article(c, &section, &slug)? else {
                return Ok(None);
            };
            Ok(Some((queries::comments(c, id)?, article.comments_open)))
        })
        .await?;
    let (comments, comments_open) =
        found.ok_or_else(|| AppError::not_found("There is no article at this address."))?;
    // Comments change as editors approve them: the article's key is purged when they do, and browsers ask
    // each time (the ETag makes that a cheap 304).
    let mut res = Cached(
        Json(CommentsPage {
            total: comments.len() as u32,
            comments,
            comments_open,
        }),
        Keys::of([key]),
    )
    .into_response();
    res.extensions_mut().insert(Revalidate);
    Ok(res)
}

/// The rails shown beside every page: one response, cacheable, shared.
#[utoipa::path(get, path = "/api/v1/rails", tag = "pages",
    responses((status = 200, description = "Every rail", body = Rails)))]
pub async fn rails(State(st): State<AppState>) -> CachedResult<Rails> {
    let rails = st.db.run(queries::rails).await?;
    Ok(cached(rails, Keys::new()))
}

/// Ranked full-text search over headlines, standfirsts, topics and bodies (`crate::search`: the query syntax).
#[utoipa::path(get, path = "/api/v1/search", tag = "articles",
    params(("q" = String, Query, description = "What to look for: words (all must match, stemmed, the last also as a prefix), \"a phrase\", -excluded, a OR b. At most 500 characters"),
           ("section" = Option<String>, Query, description = "Only this section's articles (a slug)"),
           ("sort" = Option<SearchSort>, Query, description = "`relevance` (the default; newer first among equals) or `date`"),
           ("page" = Option<u32>, Query), ("limit" = Option<u32>, Query)),
    responses((status = 200, description = "A page of results, with matched ranges and counts by section; none for a query with nothing to look for", body = Listing),
              (status = 400, description = "Query over 500 characters, unknown sort, bad page or limit", body = broadsheet_content::ApiError),
              (status = 404, description = "A section slug that cannot exist (a valid slug that names no section finds nothing)", body = broadsheet_content::ApiError)))]
pub async fn search(
    State(st): State<AppState>,
    Listed {
        page,
        limit,
        query: q,
    }: Listed,
) -> CachedResult<Listing> {
    let query = q.q.unwrap_or_default();
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_parameter(format!(
            "q can be at most {MAX_QUERY_CHARS} characters."
        )));
    }
    let sort = match q.sort.as_deref().filter(|s| !s.is_empty()) {
        None => SearchSort::Relevance,
        Some(s) => SearchSort::parse(s)
            .ok_or_else(|| AppError::bad_parameter("sort must be relevance or date."))?,
    };
    let section = q.section.filter(|s| !s.is_empty());
    if let Some(s) = &section {
        params::slug_of(s, "section")?;
    }
    let request = SearchRequest {
        query,
        section,
        sort,
        page,
        limit,
    };
    let listing = st.db.run(move |c| search::search(c, &request)).await?;
    Ok(cached(listing, Keys::of([keys::SEARCH])))
}

/// The OpenAPI document of this API.
pub async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        super::openapi_json(),
    )
}

/// `200 {"status":"ok"}` when the database answers a query, else `503` (`AppError`); never cached.
pub async fn health(State(st): State<AppState>) -> Result<axum::response::Response, AppError> {
    st.db
        .run(|c| c.query_row("SELECT 1", (), |r| r.get::<_, i64>(0)))
        .await
        .map_err(|_| AppError::unavailable("The database does not answer."))?;
    let mut res = Json(serde_json::json!({ "status": "ok" })).into_response();
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

/// Any other path under the API.
pub async fn not_found() -> AppError {
    AppError::not_found("There is no API endpoint at this address.")
}
