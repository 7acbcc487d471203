//! HTTP concerns shared by every route: the one error type, the client's address, the extractors that reject
//! into that error, conditional GET, static files, security headers.

pub mod client_ip;
pub mod conditional;
mod error;
pub mod extract;
pub mod image_copies;
pub mod public_url;

pub mod security;
pub mod static_files;

pub use error::{log_errors, AppError};
