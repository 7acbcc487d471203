//! Reading a CMS over HTTP(S): one GET at a time with a timeout, and errors that name the address and the
//! source's status. Shared by the WordPress and Ghost sources.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

/// How long one request may take before the read gives up.
const TIMEOUT: Duration = Duration::from_secs(30);
/// How much of an error answer's body a message quotes, in characters.
const QUOTED: usize = 300;

/// Why a read failed. Nothing was written.
#[derive(Debug)]
pub enum SourceError {
    /// A setting is wrong (the site's address, a key, the mapping file).
    Config(String),
    /// The site could not be reached or did not answer in time.
    Unreachable { url: String, message: String },
    /// The site answered with an error status.
    Status {
        url: String,
        status: u16,
        message: String,
    },
    /// The site answered something that is not its API's JSON.
    Garbled { url: String, message: String },
    /// The store failed.
    Store(String),
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceError::Config(m) | SourceError::Store(m) => f.write_str(m),
            SourceError::Unreachable { url, message } => {
                write!(f, "{url} did not answer: {message}")
            }
            SourceError::Status {
                url,
                status,
                message,
            } => write!(f, "{url} answered {status}: {message}"),
            SourceError::Garbled { url, message } => {
                write!(
                    f,
                    "{url} answered something that is not the API's JSON: {message}"
                )
            }
        }
    }
}

/// How a request proves who asks. Its `Debug` names the kind, never the secret.
#[derive(Clone)]
pub enum Auth {
    /// HTTP Basic (WordPress's application passwords).
    Basic { user: String, password: String },
    /// A header's value, made for each request (Ghost's Admin API token).
    Header { name: &'static str, value: String },
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Basic { user, .. } => write!(f, "Basic({user}:…)"),
            Auth::Header { name, .. } => write!(f, "Header({name}: …)"),
        }
    }
}

/// An HTTP client for a CMS's API, counting its requests (clones share the count).
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    sent: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Http {
    pub fn new() -> Result<Http, SourceError> {
        // Redirects are followed on the same host only: a CMS that moves to https, not a post's image that sends
        // the server elsewhere.
        let same_host = reqwest::redirect::Policy::custom(|attempt| {
            let first = attempt
                .previous()
                .first()
                .and_then(|u| u.host_str().map(str::to_string));
            if attempt.previous().len() > 5 || attempt.url().host_str() != first.as_deref() {
                attempt.stop()
            } else {
                attempt.follow()
            }
        });
        let client = reqwest::Client::builder()
            .redirect(same_host)
            .timeout(TIMEOUT)
            .user_agent(concat!("Broadsheet/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SourceError::Config(format!("HTTP client: {e}")))?;
        Ok(Http {
            client,
            sent: Default::default(),
        })
    }

    /// How many requests this client has sent.
    pub fn requests(&self) -> usize {
        self.sent.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// GETs `url` and reads its JSON answer, with the answer's headers.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        url: url::Url,
        auth: Option<&Auth>,
    ) -> Result<(T, HeaderMap), SourceError> {
        let shown = redacted(&url);
        self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut req = self.client.get(url);
        match auth {
            Some(Auth::Basic { user, password }) => req = req.basic_auth(user, Some(password)),
            Some(Auth::Header { name, value }) => req = req.header(*name, value),
            None => {}
        }
        // reqwest's message names the URL, key and all: the redacted one is said instead.
        let unreachable = |e: reqwest::Error| SourceError::Unreachable {
            url: shown.clone(),
            message: e.without_url().to_string(),
        };
        let res = req.send().await.map_err(unreachable)?;
        let status = res.status();
        if !status.is_success() {
            let body = res.text().await.unwrap_or_default();
            return Err(SourceError::Status {
                url: shown,
                status: status.as_u16(),
                message: body.chars().take(QUOTED).collect(),
            });
        }
        let headers = res.headers().clone();
        let bytes = res.bytes().await.map_err(unreachable)?;
        let value = serde_json::from_slice(&bytes).map_err(|e| SourceError::Garbled {
            url: shown,
            message: e.to_string(),
        })?;
        Ok((value, headers))
    }
}

impl Http {
    /// The width and height of the image at `url`, read from its first bytes (a `Range` request: the header of
    /// every common format fits in them); `None` when it cannot be read.
    pub async fn image_size(&self, url: &str) -> Option<(u32, u32)> {
        let res = self
            .client
            .get(url)
            .header(
                reqwest::header::RANGE,
                format!("bytes=0-{}", IMAGE_HEAD - 1),
            )
            .send()
            .await
            .ok()?;
        if !res.status().is_success() {
            return None;
        }
        // A server that ignores `Range` sends the whole file: only the head is read.
        let mut head = Vec::new();
        let mut res = res;
        while head.len() < IMAGE_HEAD {
            match res.chunk().await.ok()? {
                Some(chunk) => head.extend_from_slice(&chunk),
                None => break,
            }
        }
        head.truncate(IMAGE_HEAD);
        crate::upright::upright_size(&head)
    }
}

impl Http {
    /// The body of `url`, refused when over `max` bytes.
    pub async fn get_bytes(&self, url: &str, max: usize) -> Result<Vec<u8>, SourceError> {
        self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let parsed =
            url::Url::parse(url).map_err(|e| SourceError::Config(format!("{url}: {e}")))?;
        let shown = redacted(&parsed);
        let unreachable = |e: reqwest::Error| SourceError::Unreachable {
            url: shown.clone(),
            message: e.without_url().to_string(),
        };
        let mut res = self.client.get(parsed).send().await.map_err(unreachable)?;
        if !res.status().is_success() {
            return Err(SourceError::Status {
                url: shown,
                status: res.status().as_u16(),
                message: String::new(),
            });
        }
        let mut body = Vec::new();
        while let Some(chunk) = res.chunk().await.map_err(unreachable)? {
            if body.len() + chunk.len() > max {
                return Err(SourceError::Garbled {
                    url: shown,
                    message: format!("over {max} bytes"),
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// How many bytes of an image are read for its size.
const IMAGE_HEAD: usize = 64 * 1024;

/// A site address checked: http(s), without a trailing slash.
pub fn site_address(base: &str) -> Result<String, SourceError> {
    let parsed = url::Url::parse(base)
        .map_err(|e| SourceError::Config(format!("“{base}” is not a site address: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(SourceError::Config(format!(
            "“{base}” is not an http(s) address"
        )));
    }
    Ok(base.trim_end_matches('/').to_string())
}

/// `url` for messages and logs, without a `key` parameter (Ghost's Content API key is sent in the query).
fn redacted(url: &url::Url) -> String {
    let mut shown = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "key" {
                "hidden".into()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    if !pairs.is_empty() {
        shown.query_pairs_mut().clear().extend_pairs(pairs);
    }
    shown.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_key_never_reaches_a_message() {
        let u = url::Url::parse("http://ghost.example/ghost/api/content/posts/?key=secret&page=2")
            .unwrap();
        let shown = redacted(&u);
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("page=2"), "{shown}");
    }

    #[test]
    fn only_http_sites_are_read() {
        assert_eq!(
            site_address("https://news.example/").unwrap(),
            "https://news.example"
        );
        assert!(site_address("ftp://news.example").is_err());
        assert!(site_address("news.example").is_err());
    }
}
