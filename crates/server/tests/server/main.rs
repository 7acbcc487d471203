//! The server's integration tests, one binary (`cargo test -p broadsheet-server --test server`): one link instead of
//! one per file, which keeps a clean build small on disk and quick to link. Each module is the suite of one feature.

mod common;

mod api;
mod archive_import;
mod comment_page;
mod comments;
mod conditional;
mod embed;
mod feeds;
mod ghost;
mod instances;
mod live;
mod module_graph;
mod most_read;
mod newsletter;
mod parity;
mod postgres_tls;
mod prerender;
mod process;
mod responsive_images;
mod schema;
mod search;
mod search_engine;
mod sitemaps;
mod static_files;
mod varnish;
mod wordpress;
mod wordpress_site;
