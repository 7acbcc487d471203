use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Broadsheet's reference content server: the content API over SQLite, and the built app.
#[derive(Debug, Parser)]
#[command(name = "broadsheet-server", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the app (the default).
    Serve,
    /// Import the content folder into the database and exit; prints what was done and any problems.
    Import,
    /// Print the OpenAPI document of the content API.
    Openapi,
    /// Moderate readers' comments at the terminal.
    Comments {
        #[command(subcommand)]
        action: CommentsAction,
    },
    /// Write to a live blog at the terminal: post, edit, delete, pin, end.
    Live {
        #[command(subcommand)]
        action: LiveAction,
    },
    /// Build and send a newsletter edition.
    Newsletter {
        #[command(subcommand)]
        action: NewsletterAction,
    },
    /// What is held about newsletter subscribers: export, delete, counts.
    Subscribers {
        #[command(subcommand)]
        action: SubscribersAction,
    },
    /// Read a CMS into the database through the one write path, purge what changed, and exit. The first sync
    /// reads everything; later ones what changed (docs/sources.md).
    Sync {
        #[command(subcommand)]
        source: SyncSource,
    },
    /// The search index (docs/search.md).
    Search {
        #[command(subcommand)]
        action: SearchAction,
    },
}

/// What to do with the search index.
#[derive(Debug, Subcommand)]
pub enum SearchAction {
    /// Rebuild `--search-index` from every article in the store, printing progress, and exit. Run it with the
    /// instance stopped (one process writes an index folder at a time).
    Reindex,
}

/// A CMS to read.
#[derive(Debug, Subcommand)]
pub enum SyncSource {
    /// A WordPress site, over its REST API (`/wp-json/wp/v2/`).
    Wordpress {
        /// The site's address, like https://news.example.
        url: String,
        /// A user with an application password (drafts and previews); published posts need none.
        #[arg(long, requires = "app_password")]
        user: Option<String>,
        /// The user's application password (Users → Profile → Application Passwords).
        #[arg(long, env = "BROADSHEET_WP_APP_PASSWORD", hide_env_values = true)]
        app_password: Option<String>,
        /// A TOML file mapping categories to sections (`fallback = "news"`, `[sections] politics = "finance"`).
        #[arg(long)]
        mapping: Option<std::path::PathBuf>,
    },
    /// A Ghost site, over its Content API (`/ghost/api/content/`).
    Ghost {
        /// The site's address, like https://news.example.
        url: String,
        /// A Content API key (Settings → Integrations → a custom integration).
        #[arg(long, env = "BROADSHEET_GHOST_CONTENT_KEY", hide_env_values = true)]
        content_key: String,
        /// A TOML file mapping primary tags to sections (`fallback = "news"`, `[sections] politics = "finance"`).
        #[arg(long)]
        mapping: Option<std::path::PathBuf>,
    },
}

/// What an editor does with the newsletter.
#[derive(Debug, Subcommand)]
pub enum NewsletterAction {
    /// Build an edition from its period's articles and send it to its confirmed subscribers. Run again after a
    /// failure or a kill, it sends to the rest and to nobody twice.
    Send {
        /// weekly or daily.
        #[arg(long)]
        edition: String,
        /// The edition's date (the last day it covers), like 2026-11-27; default today (UTC).
        #[arg(long)]
        date: Option<String>,
        /// Say how many would receive it and write one sample to the outbox folder; send nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Subscriber data, for readers' requests and the editor.
#[derive(Debug, Subcommand)]
pub enum SubscribersAction {
    /// Print everything held about an address, as JSON.
    Export { email: String },
    /// Delete an address and the record of mail sent to it.
    Delete { email: String },
    /// Subscribers by edition and state.
    Counts,
}

/// What an editor does with comments.
#[derive(Debug, Subcommand)]
pub enum CommentsAction {
    /// List comments, pending ones by default.
    List {
        /// pending, published or rejected.
        #[arg(long, default_value = "pending")]
        status: String,
    },
    /// Publish a comment.
    Approve { id: i64 },
    /// Turn a comment down (kept, not shown).
    Reject { id: i64 },
    /// Delete a comment for good.
    Delete { id: i64 },
}

/// An editor's change to a live blog, named by its address (`housing/council-meeting-live`). A post's text is
/// Markdown read from standard input.
#[derive(Debug, Clone, Subcommand)]
pub enum LiveAction {
    /// Add a post, published now.
    Post {
        blog: String,
        #[arg(long)]
        title: Option<String>,
        /// List it among the key events.
        #[arg(long)]
        key_event: bool,
    },
    /// Replace a post's title and text (and flag); it shows as updated now.
    Edit {
        blog: String,
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        key_event: bool,
    },
    /// Delete a post.
    Delete { blog: String, id: String },
    /// Pin a post above the stream, or unpin with no id.
    Pin { blog: String, id: Option<String> },
    /// End the blog: coverage ends now and readers' pages stop asking for updates.
    End { blog: String },
    /// Take an ended blog up again.
    Reopen { blog: String },
}

/// What happens to a reader's comment when it is posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CommentPolicy {
    /// Held until an editor approves it.
    Moderate,
    /// Shown at once.
    Publish,
}

/// Settings, from flags or their environment variables.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(
        long,
        env = "BROADSHEET_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: SocketAddr,
    /// The store: `postgres://user:password@host:port/database` for PostgreSQL (several instances may share it;
    /// add `?sslmode=require` for TLS, checked against the system's CAs or SSL_CERT_FILE), or `sqlite://path`.
    /// Unset: the SQLite file of --db.
    #[arg(
        long,
        env = "BROADSHEET_DATABASE_URL",
        hide_env_values = true,
        global = true
    )]
    pub database_url: Option<String>,
    /// PostgreSQL connections this instance keeps open at most, 4 to 1000. Default: twice this machine's cores, 4
    /// to 16 (PostgreSQL's rule is twice the database's cores plus its disks, shared by every instance).
    #[arg(
        long,
        env = "BROADSHEET_DATABASE_CONNECTIONS",
        value_parser = clap::value_parser!(u16).range(4..=1000),
        global = true
    )]
    pub database_connections: Option<u16>,
    /// SQLite database file; created on first start. Ignored with --database-url.
    #[arg(
        long,
        env = "BROADSHEET_DB",
        default_value = "broadsheet.db",
        global = true
    )]
    pub db: PathBuf,
    /// Content folder (sections.toml, articles/, images/), imported at start.
    #[arg(
        long,
        env = "BROADSHEET_CONTENT",
        default_value = "content",
        global = true
    )]
    pub content: PathBuf,
    /// Where copies of a CMS's images are kept (`broadsheet_sources::media`), served under `/media/store/`.
    #[arg(
        long,
        env = "BROADSHEET_MEDIA_STORE",
        default_value = "media-store",
        global = true
    )]
    pub media_store: PathBuf,
    /// The folder of this instance's search index (each instance keeps its own; it is fed from the store and
    /// rebuilt from it when missing). Default: none, an index in memory built at start.
    #[arg(long, env = "BROADSHEET_SEARCH_INDEX", global = true)]
    pub search_index: Option<PathBuf>,
    /// Searches that run at once; more wait their turn, first come first served (docs/search.md). Default: twice
    /// the cores.
    #[arg(long, env = "BROADSHEET_SEARCH_TURNS", global = true)]
    pub search_turns: Option<usize>,
    /// The built app (Trunk's dist folder).
    #[arg(long, env = "BROADSHEET_DIST", default_value = "dist", global = true)]
    pub dist: PathBuf,
    /// Origins allowed to call the API from a browser (CORS), comma separated; `*` for any. Default: none.
    #[arg(
        long,
        env = "BROADSHEET_CORS_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub cors_origins: Vec<String>,
    /// Skip the import at start (serve the database as it is).
    #[arg(long, env = "BROADSHEET_NO_IMPORT", global = true)]
    pub no_import: bool,
    /// Whether readers' comments wait for an editor or appear at once.
    #[arg(
        long,
        env = "BROADSHEET_COMMENT_POLICY",
        value_enum,
        default_value = "moderate",
        global = true
    )]
    pub comment_policy: CommentPolicy,
    /// The token that moderation requests must bear (`Authorization: Bearer …`). Unset: moderation over HTTP is off.
    #[arg(
        long,
        env = "BROADSHEET_MODERATION_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub moderation_token: Option<String>,
    /// How many comments one client may post per window.
    #[arg(
        long,
        env = "BROADSHEET_COMMENT_LIMIT",
        default_value_t = 5,
        global = true
    )]
    pub comment_limit: u32,
    /// The rate limit's window, in seconds.
    #[arg(
        long,
        env = "BROADSHEET_COMMENT_WINDOW",
        default_value_t = 600,
        global = true
    )]
    pub comment_window: u64,
    /// Who may frame the partner widgets (`/embed/...` only): `*`, or origins separated by commas.
    #[arg(
        long,
        env = "BROADSHEET_EMBED_ANCESTORS",
        value_delimiter = ',',
        default_value = "*",
        global = true
    )]
    pub embed_ancestors: Vec<String>,
    /// The site's public origin, for absolute links in oEmbed answers (e.g. `https://broadsheet.example`).
    /// Unset: taken from each request's Host header.
    #[arg(long, env = "BROADSHEET_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// The SMTP relay newsletter mail goes through: `smtp://127.0.0.1:2525`, `smtps://user:pass@host`,
    /// `smtp://host:587?tls=required`. Unset: mail is written to the outbox folder instead.
    #[arg(
        long,
        env = "BROADSHEET_SMTP_URL",
        hide_env_values = true,
        global = true
    )]
    pub smtp_url: Option<String>,
    /// Where mail goes without an SMTP relay: one `.eml` file per message.
    #[arg(
        long,
        env = "BROADSHEET_MAIL_OUTBOX",
        default_value = "outbox",
        global = true
    )]
    pub mail_outbox: PathBuf,
    /// The newsletter's sender.
    #[arg(
        long,
        env = "BROADSHEET_MAIL_FROM",
        default_value = "Broadsheet <newsletter@broadsheet.localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Seconds before the first retry of mail the relay did not take; doubled each time, at most an hour.
    #[arg(
        long,
        env = "BROADSHEET_MAIL_RETRY",
        default_value_t = 30,
        global = true
    )]
    pub mail_retry: u64,
    /// The key newsletter links are signed with (16 characters or more). Unset: one is made once and kept in
    /// the database.
    #[arg(
        long,
        env = "BROADSHEET_NEWSLETTER_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub newsletter_secret: Option<String>,
    /// Shared caches to purge when content changes, comma separated or the flag repeated:
    /// `xkey+http://127.0.0.1:6081/` for Varnish with the xkey module (a `PURGE` request whose `xkey-purge`
    /// header names the keys; the VCL in docs/deploying.md), or an `http(s)://` webhook that is sent
    /// `POST {"surrogate_keys": [...]}` (a CDN's purge API behind a small adapter). Unset: nothing is purged.
    #[arg(
        long,
        env = "BROADSHEET_PURGE_URL",
        value_delimiter = ',',
        global = true
    )]
    pub purge_url: Vec<String>,
    /// The addresses of the caches or load balancers in front (comma separated): from these peers the client's
    /// address, for the rate limits, is taken from `X-Forwarded-For`. Default: none (the TCP peer is the client).
    #[arg(
        long,
        env = "BROADSHEET_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Seconds shared caches may keep an answer (`s-maxage`). Default: a day with --purge-url, else 60.
    #[arg(long, env = "BROADSHEET_SHARED_MAX_AGE", global = true)]
    pub shared_max_age: Option<u32>,
    #[command(flatten)]
    pub sources: SourcesConfig,
}

/// CMSs a running site syncs from, on an interval and when their webhook says something changed
/// (docs/sources.md). The same reads as `broadsheet-server sync`.
#[derive(Debug, Clone, Default, Args)]
pub struct SourcesConfig {
    /// A WordPress site to sync from, like https://news.example.
    #[arg(long, env = "BROADSHEET_WORDPRESS_URL")]
    pub wordpress_url: Option<String>,
    /// The WordPress user of the application password.
    #[arg(
        long,
        env = "BROADSHEET_WORDPRESS_USER",
        requires = "wordpress_app_password"
    )]
    pub wordpress_user: Option<String>,
    /// The WordPress user's application password.
    #[arg(
        long,
        env = "BROADSHEET_WORDPRESS_APP_PASSWORD",
        hide_env_values = true
    )]
    pub wordpress_app_password: Option<String>,
    /// A Ghost site to sync from.
    #[arg(long, env = "BROADSHEET_GHOST_URL", requires = "ghost_content_key")]
    pub ghost_url: Option<String>,
    /// The Ghost site's Content API key.
    #[arg(long, env = "BROADSHEET_GHOST_CONTENT_KEY", hide_env_values = true)]
    pub ghost_content_key: Option<String>,
    /// The Ghost site's Admin API key (`id:secret`), for editors' previews of drafts (`/preview/ghost/{uuid}`).
    #[arg(long, env = "BROADSHEET_GHOST_ADMIN_KEY", hide_env_values = true)]
    pub ghost_admin_key: Option<String>,
    /// A TOML file mapping categories and primary tags to sections.
    #[arg(long, env = "BROADSHEET_SOURCE_MAPPING")]
    pub source_mapping: Option<PathBuf>,
    /// Seconds between syncs of each CMS (a webhook syncs at once).
    #[arg(long, env = "BROADSHEET_SYNC_INTERVAL", default_value_t = 300)]
    pub sync_interval: u64,
    /// The secret webhooks sign with (Ghost's webhook secret; the WordPress plugin's `BROADSHEET_WEBHOOK_SECRET`).
    /// Without it the webhook endpoints answer 404.
    #[arg(long, env = "BROADSHEET_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
}
