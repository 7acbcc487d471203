//! Reading the REST API: one GET at a time, every page of a listing, and errors that name the address and the
//! source's status. A listing is whole or an error: a page that fails fails the read, so nothing is removed on a
//! partial listing.

use std::time::Duration;

use serde::de::DeserializeOwned;

use super::SourceError;

/// The most a listing page holds (`per_page` is capped at 100 by WordPress).
pub const PER_PAGE: u32 = 100;
/// A listing longer than this many pages is refused (10 million posts): a loop guard, not a limit of the site.
const MAX_PAGES: u32 = 100_000;
/// How long one request may take before the read gives up.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A WordPress site's REST API: `{base}/wp-json/wp/v2/…`, anonymous or with an application password.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    /// The site's address without a trailing slash.
    base: String,
    auth: Option<(String, String)>,
}

impl Client {
    /// `base` is the site's address (`https://news.example`); `auth` a user and application password.
    pub fn new(base: &str, auth: Option<(String, String)>) -> Result<Client, SourceError> {
        let parsed = url::Url::parse(base)
            .map_err(|e| SourceError::Config(format!("“{base}” is not a site address: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(SourceError::Config(format!(
                "“{base}” is not an http(s) address"
            )));
        }
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .user_agent(concat!("Broadsheet/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SourceError::Config(format!("HTTP client: {e}")))?;
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_string(),
            auth,
        })
    }

    /// True with an application password (drafts and previews can be read).
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
        let shown = address.to_string();
        let mut req = self.http.get(address);
        if let Some((user, password)) = &self.auth {
            req = req.basic_auth(user, Some(password));
        }
        let res = req.send().await.map_err(|e| SourceError::Unreachable {
            url: shown.clone(),
            message: e.to_string(),
        })?;
        let status = res.status();
        if !status.is_success() {
            let body = res.text().await.unwrap_or_default();
            return Err(SourceError::Status {
                url: shown,
                status: status.as_u16(),
                message: body.chars().take(300).collect(),
            });
        }
        let pages = res
            .headers()
            .get("x-wp-totalpages")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(1);
        let bytes = res.bytes().await.map_err(|e| SourceError::Unreachable {
            url: shown.clone(),
            message: e.to_string(),
        })?;
        let value = serde_json::from_slice(&bytes).map_err(|e| SourceError::Garbled {
            url: shown,
            message: e.to_string(),
        })?;
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
