//! HTTP concerns shared by every route: validators, static files, security headers.

pub mod etag;
pub mod public_url;
pub mod rate_limit;
pub mod security;
pub mod static_files;
