//! Telling shared caches what changed: the keys a change touched are purged at every `--purge-url`.
//!
//! - `xkey+http://host:port/`: Varnish with the xkey module (varnish-modules). One `PURGE` request whose
//!   `xkey-purge` header lists the keys, separated by spaces; the VCL in `docs/deploying.md` answers it.
//! - `http://…` or `https://…`: a webhook, sent `POST` with `{"surrogate_keys": ["article:policy/x", …]}`,
//!   for a CDN's purge API (Fastly's purge by surrogate key, Cloudflare's by cache tag) behind a small adapter.
//!
//! Each purge is sent again [`REPURGE_AFTER`] later: a cache miss that read the database just before the change
//! was committed, and was stored just after the first purge, would otherwise keep the old answer for a day.
//!
//! A failed purge is retried twice (after 0.2 s and 1 s), then logged and reported: the answers it should have
//! purged expire after `s-maxage` as they would without purging.

use std::time::Duration;

use reqwest::{Method, Url};
use tokio_util::task::TaskTracker;

use super::Keys;

/// The header that carries the keys to a Varnish purge (read by `xkey.purge` in the VCL).
pub const XKEY_PURGE: &str = "xkey-purge";
/// Bytes of keys per purge request, so that the header stays well under Varnish's 8 KB `http_req_hdr_len`.
const BYTES_PER_REQUEST: usize = 4096;
const RETRY_AFTER: [Duration; 2] = [Duration::from_millis(200), Duration::from_secs(1)];
/// When a purge is sent the second time.
pub const REPURGE_AFTER: Duration = Duration::from_secs(2);

/// Where purges go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Varnish's xkey purge, at this URL.
    Xkey(Url),
    /// A webhook, at this URL.
    Webhook(Url),
}

impl Target {
    /// Reads one `--purge-url`. Errors name the URL and what is wrong with it.
    pub fn parse(raw: &str) -> Result<Target, String> {
        let raw = raw.trim();
        let (xkey, rest) = match raw.strip_prefix("xkey+") {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let url = Url::parse(rest).map_err(|e| format!("--purge-url {raw}: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "--purge-url {raw}: use xkey+http://, http:// or https://"
            ));
        }
        Ok(if xkey {
            Target::Xkey(url)
        } else {
            Target::Webhook(url)
        })
    }
}

/// The caches to purge, and the HTTP client that does it.
#[derive(Debug, Clone)]
pub struct Purger {
    targets: Vec<Target>,
    /// `None` when there is nothing to purge.
    client: Option<reqwest::Client>,
    /// The second sendings still to come (shared by clones).
    again: TaskTracker,
}

impl Purger {
    /// A purger for every URL in `urls`; an error names the first bad one.
    pub fn new(urls: &[String]) -> Result<Purger, String> {
        let targets = urls
            .iter()
            .filter(|u| !u.trim().is_empty())
            .map(|u| Target::parse(u))
            .collect::<Result<Vec<_>, _>>()?;
        if targets.is_empty() {
            return Ok(Purger::inactive());
        }
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| format!("cannot make the purge client: {e}"))?;
        Ok(Purger {
            targets,
            client: Some(client),
            again: TaskTracker::new(),
        })
    }

    /// A purger with no cache to purge.
    pub fn inactive() -> Purger {
        Purger {
            targets: Vec::new(),
            client: None,
            again: TaskTracker::new(),
        }
    }

    /// True when there is a cache to purge.
    pub fn is_active(&self) -> bool {
        !self.targets.is_empty()
    }

    /// Purges `keys` at every target, each retried as the module says, and again [`REPURGE_AFTER`] later in the
    /// background. `Err` lists what failed the first time (also logged).
    pub async fn purge(&self, keys: &Keys) -> Result<(), Vec<String>> {
        let first = self.send_all(keys).await;
        if self.is_active() && !keys.is_empty() {
            let (purger, keys) = (self.clone(), keys.clone());
            self.again.spawn(async move {
                tokio::time::sleep(REPURGE_AFTER).await;
                let _ = purger.send_all(&keys).await;
            });
        }
        first
    }

    /// Waits until every second sending started so far is done (for a command about to exit): about
    /// [`REPURGE_AFTER`] after the last purge, at once when there was none.
    pub async fn settle(&self) {
        self.again.close();
        self.again.wait().await;
        self.again.reopen();
    }

    async fn send_all(&self, keys: &Keys) -> Result<(), Vec<String>> {
        let Some(client) = &self.client else {
            return Ok(());
        };
        if keys.is_empty() {
            return Ok(());
        }
        let mut chunks: Vec<Vec<&str>> = vec![Vec::new()];
        let mut size = 0;
        for key in keys.iter() {
            if size + key.len() + 1 > BYTES_PER_REQUEST && size > 0 {
                chunks.push(Vec::new());
                size = 0;
            }
            size += key.len() + 1;
            if let Some(last) = chunks.last_mut() {
                last.push(key);
            }
        }
        let mut failures = Vec::new();
        for target in &self.targets {
            for chunk in &chunks {
                if let Err(e) = send(client, target, chunk).await {
                    tracing::warn!("purge failed: {e}");
                    failures.push(e);
                }
            }
        }
        tracing::info!(keys = keys.len(), targets = self.targets.len(), "purged");
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures)
        }
    }
}

/// One purge request, retried as the module says.
async fn send(client: &reqwest::Client, target: &Target, keys: &[&str]) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 0..=RETRY_AFTER.len() {
        if attempt > 0 {
            tokio::time::sleep(RETRY_AFTER[attempt - 1]).await;
        }
        let request = match target {
            Target::Xkey(url) => client
                .request(
                    Method::from_bytes(b"PURGE").unwrap_or(Method::POST),
                    url.clone(),
                )
                .header(XKEY_PURGE, keys.join(" ")),
            Target::Webhook(url) => client
                .post(url.clone())
                .json(&serde_json::json!({ "surrogate_keys": keys })),
        };
        match request.send().await {
            Ok(res) if res.status().is_success() => return Ok(()),
            Ok(res) => last = format!("{} answered {}", url_of(target), res.status()),
            Err(e) => last = format!("{}: {e}", url_of(target)),
        }
    }
    Err(last)
}

fn url_of(target: &Target) -> &Url {
    match target {
        Target::Xkey(u) | Target::Webhook(u) => u,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purge_urls_name_their_kind() {
        assert!(matches!(
            Target::parse("xkey+http://127.0.0.1:6081/"),
            Ok(Target::Xkey(u)) if u.as_str() == "http://127.0.0.1:6081/"
        ));
        assert!(matches!(
            Target::parse("https://purge.example/hook"),
            Ok(Target::Webhook(_))
        ));
        assert!(Target::parse("ftp://x/").is_err());
        assert!(Target::parse("xkey+nonsense").is_err());
    }

    #[tokio::test]
    async fn a_webhook_gets_every_key_in_requests_under_the_limit_and_again_before_settle_returns()
    {
        use std::sync::{Arc, Mutex};
        let got: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
        let hook = {
            let got = got.clone();
            move |axum::Json(body): axum::Json<serde_json::Value>| async move {
                got.lock().unwrap().push(body);
                "ok"
            }
        };
        let app = axum::Router::new().route("/hook", axum::routing::post(hook));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });

        let purger = Purger::new(&[format!("http://{addr}/hook")]).unwrap();
        let keys =
            Keys::of((0..300).map(|i| format!("article:transport/a-long-generated-slug-{i:04}")));
        purger.purge(&keys).await.unwrap();
        let first = got.lock().unwrap().len();
        assert!(first >= 2, "300 long keys do not fit one request");
        purger.settle().await;

        let requests = got.lock().unwrap().clone();
        assert_eq!(
            requests.len(),
            2 * first,
            "every request sent again before settle returns"
        );
        let mut seen: Vec<String> = Vec::new();
        for body in &requests {
            let chunk: Vec<String> = body["surrogate_keys"]
                .as_array()
                .expect("a list of keys")
                .iter()
                .map(|k| k.as_str().unwrap_or_default().to_string())
                .collect();
            assert!(chunk.iter().map(|k| k.len() + 1).sum::<usize>() <= BYTES_PER_REQUEST);
            seen.extend(chunk);
        }
        seen.sort();
        let mut expected: Vec<String> = keys
            .iter()
            .flat_map(|k| [k.to_string(), k.to_string()])
            .collect();
        expected.sort();
        assert_eq!(seen, expected, "each key twice, no other");
    }
}
