//! Broadsheet's content sources. Each reads what it holds into a `broadsheet_store::db::write::Batch` of the
//! contract's types (sections, topics, authors, articles with typed bodies) with notes of what it changed, and
//! writes nothing itself: the store's one write path does (`broadsheet_store::db::write::apply`).
//!
//! - [`markdown`]: the `content/` folder of Markdown files with TOML front matter (docs/content-format.md), the
//!   default source and the tests' own.
//! - [`wordpress`], [`ghost`]: a CMS's API read on demand (`sync`), sharing [`remote`], [`mapping`] and [`sync`].
//! - [`html`]: a post's rendered HTML (WordPress, Ghost) into typed blocks, for the sources that read those CMSs.
//! - [`media`]: the media store of a CMS's images; [`upright`]: an image's size as shown (EXIF orientation).

pub mod ghost;
pub mod html;
pub mod mapping;
pub mod markdown;
pub mod media;
pub mod remote;
pub mod sync;
pub mod upright;
pub mod wordpress;
