//! The addresses a CMS uses to reach a Broadsheet site: its webhooks and its editors' previews. The server routes
//! them, the service worker leaves them alone, and the WordPress plugin (integrations/wordpress) is tested
//! against them.

/// Where a CMS says something changed: `POST {WEBHOOK_PATH}/{source}` (`wordpress`, `ghost`), signed.
pub const WEBHOOK_PATH: &str = "/webhooks";
/// An editor's preview of a draft: `GET {PREVIEW_PATH}/{source}/{id}?expires=…&signature=…`, a signed, short-lived
/// link the CMS's Preview button opens. Never cached, never indexed.
pub const PREVIEW_PATH: &str = "/preview";
