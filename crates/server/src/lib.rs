//! The Broadsheet reference server: the content API (`/api/v1`) over SQLite, and the built app with SPA
//! fallback. See `docs/content-api.md` and `docs/deploying.md`.
// Leptos views nest deeply in types; rendering them (ssr) needs a deeper query limit than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod cache;
pub mod comments;
pub mod config;
pub mod embed;
pub mod feeds;
pub mod html;
pub mod http;
pub mod newsletter;
pub mod openapi;
pub mod prerender;
pub mod reads;
pub mod redirects;
pub mod search;
pub mod sitemaps;
pub mod sources;

use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::response::IntoResponse;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use broadsheet_store::Db;
pub use config::Config;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// This instance's search index, fed from the store (`broadsheet_store::search::feed`), and its turns.
    pub search: Arc<search::Searches>,
    /// The site's public URL, for absolute links (feeds, sitemaps).
    pub public_url: http::public_url::PublicUrl,
    pub comments: Arc<comments::CommentSettings>,
    pub embed: Arc<embed::EmbedSettings>,
    pub newsletter: Arc<broadsheet_newsletter::Newsletter>,
    /// Sign-ups per client, with the comments' limits.
    pub signups: Arc<broadsheet_store::db::rate_limit::RateLimiter>,
    /// The pages the server alone serves are rendered through it.
    pub prerender: Arc<prerender::Prerender>,
    /// The shared caches told what a comment or moderation changed (`--purge-url`).
    pub purger: Arc<cache::Purger>,
    /// Peers whose `X-Forwarded-For` is believed (`--trusted-proxies`).
    pub trusted_proxies: Arc<Vec<std::net::IpAddr>>,
    /// Most read: the day's readers (hashed) and the counts waiting to be written.
    pub reads: Arc<reads::Reads>,
}

fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim()).ok()),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([
                Method::GET,
                Method::HEAD,
                Method::POST,
                Method::DELETE,
                Method::OPTIONS,
            ])
            .allow_headers([
                header::CONTENT_TYPE,
                header::IF_NONE_MATCH,
                header::AUTHORIZATION,
            ])
            .expose_headers([header::ETAG])
            .max_age(Duration::from_secs(600)),
    )
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    http::AppError::internal("a handler panicked").into_response()
}

/// The whole application: API, app files, and the layers every response passes through. Starts the newsletter's
/// mail delivery in the background.
pub fn app(config: &Config, db: Db, newsletter: Arc<broadsheet_newsletter::Newsletter>) -> Router {
    broadsheet_newsletter::spawn_delivery(db.clone(), newsletter.clone());
    let search = search::open(config, &db);
    search::spawn_catch_up(db.clone(), search.index.clone());
    let page = Arc::new(http::static_files::IndexPage::load(&config.dist, &[]));
    let prerender = Arc::new(prerender::Prerender::new(
        db.clone(),
        search.clone(),
        page.clone(),
        config.public_url.as_deref(),
    ));
    let purger = cache::Purger::new(&config.purge_url).unwrap_or_else(|e| {
        // `main` checks the URLs before it gets here; a caller that did not is told, and nothing is purged.
        tracing::error!("{e}: nothing will be purged");
        cache::Purger::inactive()
    });
    let policy = cache::CachePolicy::new(purger.is_active(), config.shared_max_age);
    let redirect_db = db.clone();
    let reads = Arc::new(reads::Reads::default());
    reads::spawn_flusher(db.clone(), reads.clone());
    let state = AppState {
        reads,
        purger: Arc::new(purger),
        trusted_proxies: Arc::new(config.trusted_proxies.clone()),
        public_url: http::public_url::PublicUrl::new(config.public_url.as_deref()),
        db,
        search,
        comments: Arc::new(comments::CommentSettings {
            policy: config.comment_policy,
            token: config.moderation_token.clone(),
            limiter: broadsheet_store::db::rate_limit::RateLimiter::new(
                "comments",
                config.comment_limit,
                Duration::from_secs(config.comment_window),
            ),
        }),
        signups: Arc::new(broadsheet_store::db::rate_limit::RateLimiter::new(
            "newsletter",
            config.comment_limit,
            Duration::from_secs(config.comment_window),
        )),
        embed: Arc::new(embed::EmbedSettings::new(
            &config.embed_ancestors.join(" "),
            config.public_url.clone(),
        )),
        newsletter,
        prerender: prerender.clone(),
    };
    let sources_state = sources::SourcesState::start(config, &state);
    let widgets = embed::router().with_state(state.clone());
    let feeds = feeds::router().with_state(state.clone());
    let sitemaps = sitemaps::router().with_state(state.clone());
    let newsletter_pages = newsletter::router().with_state(state.clone());
    let comment_page = comments::router().with_state(state.clone());
    let mut api = api::router()
        .merge(newsletter::api_router())
        .merge(embed::api_router())
        .merge(reads::api_router())
        .merge(openapi::router())
        .with_state(state)
        .layer(axum::middleware::from_fn(api::default_cache_control));
    if let Some(cors) = cors(&config.cors_origins) {
        api = api.layer(cors);
    }
    Router::new()
        .nest("/api/v1", api)
        .merge(widgets)
        .merge(feeds)
        .merge(sitemaps)
        .merge(newsletter_pages)
        .merge(comment_page)
        .merge(sources::router(sources_state))
        .merge(http::static_files::router(
            config.dist.clone(),
            (config.content.join("images"), config.media_store.clone()),
            page.clone(),
        ))
        .layer(axum::middleware::from_fn_with_state(
            prerender,
            prerender::middleware,
        ))
        .layer(axum::middleware::from_fn_with_state(
            redirect_db,
            redirects::middleware,
        ))
        .layer(axum::middleware::from_fn_with_state(
            policy,
            cache::policy::headers,
        ))
        // Outside the policy, so that a 304 carries the Cache-Control and Surrogate-Key the 200 would.
        .layer(axum::middleware::from_fn(http::conditional::conditional))
        .layer(axum::middleware::from_fn_with_state(
            page,
            http::static_files::csp,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        // Outside the panic catcher, so that a panic's 500 is logged like any other failure.
        .layer(axum::middleware::from_fn(http::log_errors))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// Opens the database and imports the content unless told not to; problems are logged, not fatal.
pub fn prepare(config: &Config) -> Result<Db, String> {
    open_and_import(config).map(|(db, _)| db)
}

/// [`prepare`], and the surrogate keys of what the import changed (none without an import), to purge.
pub fn open_and_import(config: &Config) -> Result<(Db, cache::Keys), String> {
    let db = match &config.database_url {
        Some(url) => {
            let connections = config
                .database_connections
                .map_or_else(Db::default_connections, usize::from);
            Db::connect_with(url, connections)
                .map_err(|e| format!("cannot open the database: {e}"))?
        }
        None => Db::open(&config.db)
            .map_err(|e| format!("cannot open database {}: {e}", config.db.display()))?,
    };
    if config.no_import {
        return Ok((db, cache::Keys::new()));
    }
    let report = db
        .with_conn(|c| Ok(broadsheet_sources::markdown::import_dir(c, &config.content)))
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    for p in &report.problems {
        tracing::warn!("skipped: {p}");
    }
    for n in &report.notes {
        tracing::warn!("imported with a change: {n}");
    }
    tracing::info!(
        sections = report.sections,
        articles = report.articles,
        removed = report.removed,
        problems = report.problems.len(),
        notes = report.notes.len(),
        changed = report.purge.len(),
        "content imported"
    );
    Ok((db, report.purge))
}

/// Resolves when the process gets SIGINT or SIGTERM. The handlers are installed when this is called (not when
/// first polled), so a signal that comes right after the "ready" line is not lost.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let int = signal(SignalKind::interrupt()).ok();
        let term = signal(SignalKind::terminate()).ok();
        async move {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! { _ = wait(int) => {}, _ = wait(term) => {} }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves on `listener` until `shutdown` resolves, finishing requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    // Without TCP_NODELAY a response written in two parts (headers, then a file body) waits ~40 ms for the
    // client's delayed ACK.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!("could not set TCP_NODELAY: {e}");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
