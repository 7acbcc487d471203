//! The reading endpoints: each turns its parameters into an [`Ask`] and answers what [`answer`] gives, with its
//! surrogate keys and lifetime; the first paint (`crate::prerender`) asks the same way.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use broadsheet_content::limits::{MAX_QUERY_CHARS, MAX_TAG_BYTES};
use broadsheet_content::{Kind, SearchSort};

use super::docs::{ArticlePath, PageParams, SectionPath};
use crate::cache::policy::{brief, with_keys, MaxAge, NoStore, Revalidate};
use crate::http::extract::{self, ArticleAddress, Listed, SlugOf};
use crate::http::AppError;
use crate::AppState;
use broadsheet_store::answer::{answer, Answered, Ask, Lifetime, Unanswered};
use broadsheet_store::search::SearchRequest;

impl From<Unanswered> for AppError {
    fn from(e: Unanswered) -> Self {
        match e {
            Unanswered::NotFound(message) => AppError::not_found(message),
            Unanswered::Store(e) => AppError::from(e),
        }
    }
}

/// The answer to `ask` as the API's JSON, with its keys and lifetime for the cache layers.
pub(super) async fn respond(st: &AppState, ask: Ask) -> Result<Response, AppError> {
    let Answered {
        answer: found,
        keys,
        lifetime,
    } = {
        let _turn = st.search.turn(&ask).await;
        let index = st.search.index.clone();
        st.db.run(move |c| Ok(answer(c, &index, &ask))).await??
    };
    let json = found.to_json().map_err(AppError::internal)?;
    let mut res = with_keys(
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            json,
        )
            .into_response(),
        keys,
    );
    match lifetime {
        Lifetime::Shared => {}
        Lifetime::Revalidate => {
            res.extensions_mut().insert(Revalidate);
        }
        Lifetime::Brief => brief(&mut res),
        Lifetime::Live => {
            res.extensions_mut()
                .insert(MaxAge(broadsheet_content::live::CHANGES_MAX_AGE));
        }
        Lifetime::Unstored => {
            res.extensions_mut().insert(NoStore);
        }
    }
    Ok(res)
}

/// The front page's curated collections.
#[utoipa::path(get, path = "/api/v1/front", tag = "pages",
    responses((status = 200, description = "Top stories and a block per section", body = broadsheet_content::FrontPage)))]
pub async fn front(State(st): State<AppState>) -> Result<Response, AppError> {
    respond(&st, Ask::Front).await
}

/// Every section, in navigation order.
#[utoipa::path(get, path = "/api/v1/sections", tag = "sections",
    responses((status = 200, description = "The sections", body = broadsheet_content::Sections)))]
pub async fn sections(State(st): State<AppState>) -> Result<Response, AppError> {
    respond(&st, Ask::Sections).await
}

/// One section's articles, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/sections/{section}", tag = "sections",
    params(SectionPath, PageParams),
    responses((status = 200, description = "A page of the section", body = broadsheet_content::Listing),
              (status = 400, description = "Bad page or limit", body = broadsheet_content::ApiError),
              (status = 404, description = "No such section", body = broadsheet_content::ApiError)))]
pub async fn section(
    State(st): State<AppState>,
    SlugOf(slug, _): SlugOf<extract::Section>,
    listed: Listed,
) -> Result<Response, AppError> {
    let at = listed.window();
    respond(&st, Ask::Section { slug, at }).await
}

/// Every article newest first, optionally of one kind or filed under one topic.
#[utoipa::path(get, path = "/api/v1/articles", tag = "articles",
    params(("kind" = Option<Kind>, Query, description = "Only this kind (`other` names no kind: 404)"),
           ("tag" = Option<String>, Query, min_length = 1, pattern = r"\S", description = "Only articles filed under this topic: its slug, or a tag as written (`Council housing`), which is made a slug. `/topics/{topic}` is the topic's own page"),
           PageParams),
    responses((status = 200, description = "A page of articles", body = broadsheet_content::Listing),
              (status = 400, description = "Bad page or limit, or an empty kind or tag", body = broadsheet_content::ApiError),
              (status = 404, description = "A kind or topic that does not exist, named in the message", body = broadsheet_content::ApiError)))]
pub async fn articles(State(st): State<AppState>, listed: Listed) -> Result<Response, AppError> {
    let at = listed.window();
    let q = listed.query;
    for (name, value) in [("kind", &q.kind), ("tag", &q.tag)] {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(AppError::bad_parameter(format!(
                "{name} must not be empty."
            )));
        }
    }
    let kind = match q.kind.as_deref() {
        Some(k) => Some(
            Kind::from_slug(k)
                .ok_or_else(|| AppError::not_found(format!("There is no kind “{k}”.")))?,
        ),
        None => None,
    };
    let topic = match q.tag.as_deref() {
        Some(t) if t.len() > MAX_TAG_BYTES => {
            return Err(AppError::not_found(format!(
                "There is no topic of over {MAX_TAG_BYTES} bytes."
            )))
        }
        Some(t) => match broadsheet_content::topic_slug(t) {
            slug if slug.is_empty() => {
                return Err(AppError::not_found(format!("There is no topic “{t}”.")))
            }
            slug => Some(slug),
        },
        None => None,
    };
    respond(&st, Ask::Articles { kind, topic, at }).await
}

/// An article's query: a live blog's page.
#[derive(Debug, serde::Deserialize)]
pub struct LivePageQuery {
    page: Option<String>,
}

/// An article by section and slug; a live blog's older page with `page=with:{post id}`.
#[utoipa::path(get, path = "/api/v1/articles/{section}/{slug}", tag = "articles",
    params(ArticlePath, ("page" = Option<String>, Query, description = "A live blog's page holding a post: `with:{post id}`; the first page without")),
    responses((status = 200, description = "The article", body = broadsheet_content::Article),
              (status = 404, description = "No such article", body = broadsheet_content::ApiError)))]
pub async fn article(
    State(st): State<AppState>,
    ArticleAddress { section, slug }: ArticleAddress,
    query: Result<axum::extract::Query<LivePageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    // A live blog's page: `with:{post id}`; anything else is the first page, as for a page's address.
    let with = query
        .ok()
        .and_then(|q| q.0.page)
        .and_then(|p| broadsheet_content::live::post_of_page(&p).map(str::to_string));
    respond(
        &st,
        Ask::Article {
            section,
            slug,
            with,
        },
    )
    .await
}

/// An article's published comments, oldest first. Browsers ask each time (the ETag makes that a cheap `304`);
/// the article's key is purged when an editor approves one.
#[utoipa::path(get, path = "/api/v1/articles/{section}/{slug}/comments", tag = "articles",
    params(ArticlePath),
    responses((status = 200, description = "Published comments", body = broadsheet_content::CommentsPage),
              (status = 404, description = "No such article", body = broadsheet_content::ApiError)))]
pub async fn comments(
    State(st): State<AppState>,
    ArticleAddress { section, slug }: ArticleAddress,
) -> Result<Response, AppError> {
    respond(&st, Ask::Comments { section, slug }).await
}

/// The rails shown beside every page: one response, cacheable, shared.
#[utoipa::path(get, path = "/api/v1/rails", tag = "pages",
    responses((status = 200, description = "Every rail", body = broadsheet_content::Rails)))]
pub async fn rails(State(st): State<AppState>) -> Result<Response, AppError> {
    respond(&st, Ask::Rails).await
}

/// Ranked full-text search over headlines, standfirsts, topics and bodies (`broadsheet_store::search`: the query syntax).
#[utoipa::path(get, path = "/api/v1/search", tag = "articles",
    params(("q" = Option<String>, Query, max_length = 500, description = "What to look for: words (all must match, stemmed, the last also as a prefix), \"a phrase\", -excluded, a OR b. At most 500 characters; none, or nothing to look for, finds nothing"),
           ("section" = Option<String>, Query, pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120, description = "Only this section's articles (a slug)"),
           ("sort" = Option<SearchSort>, Query, description = "`relevance` (the default; newer first among equals) or `date`"),
           PageParams),
    responses((status = 200, description = "A page of results, with matched ranges and counts by section; none for a query with nothing to look for", body = broadsheet_content::Listing),
              (status = 400, description = "Query over 500 characters, an unknown or empty sort, bad page or limit", body = broadsheet_content::ApiError),
              (status = 404, description = "A section that does not exist, named in the message", body = broadsheet_content::ApiError)))]
pub async fn search(State(st): State<AppState>, listed: Listed) -> Result<Response, AppError> {
    let at = listed.window();
    let q = listed.query;
    let query = q.q.unwrap_or_default();
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_parameter(format!(
            "q can be at most {MAX_QUERY_CHARS} characters."
        )));
    }
    let sort = match q.sort.as_deref() {
        None => SearchSort::Relevance,
        Some(s) => SearchSort::parse(s)
            .ok_or_else(|| AppError::bad_parameter("sort must be relevance or date."))?,
    };
    let section = q.section;
    if let Some(s) = section
        .as_deref()
        .filter(|s| !broadsheet_content::is_valid_slug(s))
    {
        return Err(AppError::not_found(format!("There is no section “{s}”.")));
    }
    let request = SearchRequest {
        query,
        section,
        sort,
        page: at.page,
        limit: at.limit,
    };
    respond(&st, Ask::Search(request)).await
}

/// `200 {"status":"ok"}` when the database answers a query, else `503` (`AppError`); never cached.
pub async fn health(State(st): State<AppState>) -> Result<Response, AppError> {
    st.db
        .run(|c| c.query_row("SELECT 1", (), |r| r.get::<_, i64>(0)))
        .await
        .map_err(|_| AppError::unavailable("The database does not answer."))?;
    let mut res = Json(serde_json::json!({ "status": "ok" })).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// Any other path under the API.
pub async fn not_found() -> AppError {
    AppError::not_found("There is no API endpoint at this address.")
}

/// `?section=` of the most read list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct MostReadParams {
    /// Only this section's articles (its slug).
    pub section: Option<String>,
}

/// The most read articles of the last day, among those published in the last week: the site's, or one section's.
/// Empty when counting has stopped (`broadsheet_content::reads`). Kept by caches for a short while, not purged.
#[utoipa::path(get, path = "/api/v1/most-read", tag = "most read", params(MostReadParams),
    responses((status = 200, description = "The list, as a rail", body = broadsheet_content::Rail),
              (status = 404, description = "No such section", body = broadsheet_content::ApiError)))]
pub async fn most_read(
    State(st): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<MostReadParams>,
) -> Result<Response, AppError> {
    let section = match q.section.map(|s| s.trim().to_string()) {
        Some(s) if !broadsheet_content::is_valid_slug(&s) => {
            return Err(AppError::not_found(format!("There is no section “{s}”.")))
        }
        s => s,
    };
    respond(&st, Ask::MostRead { section }).await
}
