//! Reading WordPress's REST API: every page of a listing (`X-WP-TotalPages`), or the first error. A listing is
//! whole or an error: a page that fails fails the read, so nothing is removed on a partial listing.

use serde::de::DeserializeOwned;

use crate::remote::{site_address, Auth, Http, SourceError};

/// The most a listing page holds (`per_page` is capped at 100 by WordPress).
pub const PER_PAGE: u32 = 100;
/// A listing longer than this many pages is refused (10 million posts): a loop guard, not a limit of the site.
const MAX_PAGES: u32 = 100_000;

/// A WordPress site's REST API: `{base}/wp-json/wp/v2/…`, anonymous or with an application password.
#[derive(Debug, Clone)]
pub struct Client {
    http: Http,
    /// The site's address without a trailing slash.
    pub base: String,
    auth: Option<Auth>,
}

impl Client {
    /// `base` is the site's address (`https://news.example`); `auth` a user and application password.
    pub fn new(base: &str, auth: Option<(String, String)>) -> Result<Client, SourceError> {
        Ok(Client {
            http: Http::new()?,
            base: site_address(base)?,
            auth: auth.map(|(user, password)| Auth::Basic { user, password }),
        })
    }

    /// How many requests this client has sent.
    pub fn requests(&self) -> usize {
        self.http.requests()
    }

    /// True with an application password (drafts, autosaves and previews can be read).
    pub fn authenticated(&self) -> bool {
        self.auth.is_some()
    }

    /// One answer of `path` (under `/wp-json/wp/v2/`) with `query`, and the listing's page count
    /// (`X-WP-TotalPages`, 1 when absent).
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<(T, u32), SourceError> {
        let mut address = url::Url::parse(&format!("{}/wp-json/wp/v2/{path}", self.base))
            .map_err(|e| SourceError::Config(format!("bad address for {path}: {e}")))?;
        address.query_pairs_mut().extend_pairs(query);
        let (value, headers) = self.http.get_json(address, self.auth.as_ref()).await?;
        let pages = headers
            .get("x-wp-totalpages")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(1);
        Ok((value, pages))
    }

    /// Every item of a listing, page by page (`per_page=100`), or the first error.
    pub async fn all<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<T>, SourceError> {
        let mut out = Vec::new();
        let mut page = 1;
        loop {
            let mut q = query.to_vec();
            q.push(("per_page", PER_PAGE.to_string()));
            q.push(("page", page.to_string()));
            let (items, pages): (Vec<T>, u32) = self.get(path, &q).await?;
            out.extend(items);
            if page >= pages.min(MAX_PAGES) {
                return Ok(out);
            }
            page += 1;
        }
    }
}
