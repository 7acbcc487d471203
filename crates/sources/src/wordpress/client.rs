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

    /// One answer of `path` (under `/wp-json/wp/v2/`) with `query`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, SourceError> {
        Ok(self.get_page(path, query).await?.0)
    }

    /// One answer, with the listing's page count and total (`X-WP-TotalPages`, `X-WP-Total`) when it says them.
    async fn get_page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<(T, Option<u32>, Option<u64>), SourceError> {
        let mut address = url::Url::parse(&format!("{}/wp-json/wp/v2/{path}", self.base))
            .map_err(|e| SourceError::Config(format!("bad address for {path}: {e}")))?;
        address.query_pairs_mut().extend_pairs(query);
        let (value, headers) = self.http.get_json(address, self.auth.as_ref()).await?;
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let pages = number("x-wp-totalpages").map(|p| p.min(u64::from(u32::MAX)) as u32);
        Ok((value, pages, number("x-wp-total")))
    }

    /// Every item of a listing, page by page (`per_page=100`), or the first error. Without `X-WP-TotalPages`
    /// (a proxy may drop it) pages are read until a short one. A listing that ends with fewer items than its
    /// first page's `X-WP-Total` (a page shifted while it was read) is an error, not a shorter site.
    pub async fn all<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<T>, SourceError> {
        let mut out = Vec::new();
        let mut expected = None;
        for page in 1..=MAX_PAGES {
            let mut q = query.to_vec();
            q.push(("per_page", PER_PAGE.to_string()));
            q.push(("page", page.to_string()));
            let (items, pages, total): (Vec<T>, _, _) = self.get_page(path, &q).await?;
            if page == 1 {
                expected = total;
            }
            let short = items.len() < PER_PAGE as usize;
            out.extend(items);
            let last = match pages {
                Some(pages) => page >= pages,
                None => short,
            };
            if last {
                break;
            }
        }
        match expected {
            Some(total) if (out.len() as u64) < total => Err(SourceError::Garbled {
                url: format!("{}/wp-json/wp/v2/{path}", self.base),
                message: format!("the listing held {} of the {total} it announced", out.len()),
            }),
            _ => Ok(out),
        }
    }
}
