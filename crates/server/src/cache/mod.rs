//! Caching by browsers and shared caches (a CDN, Varnish): what each answer may be kept for, what it depends
//! on, and telling the shared caches what a change made stale.
//!
//! - [`keys`]: surrogate keys (`Surrogate-Key`, which the VCL in `docs/deploying.md` copies to Varnish's
//!   `xkey`), named after what an answer shows: an article, a section, a topic, the front page, the rails.
//! - [`policy`]: `Cache-Control` for browsers and for shared caches, set by one middleware on every answer
//!   that names its keys.
//! - [`purge`]: after an import, a comment published or moderated, the keys the change touched are purged at
//!   every `--purge-url`;
//! - [`deploy`]: a new build of the app or new images purge the pages and images they change.

pub mod deploy;
pub mod policy;
pub mod purge;

/// Surrogate keys are the store's: its answers and its write path name them.
pub use broadsheet_store::keys;
pub use broadsheet_store::keys::{DependsOn, Keys};
pub use policy::CachePolicy;
pub use purge::Purger;
