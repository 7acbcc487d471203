//! The site's public address, for every absolute URL the server writes (canonical links, feeds, sitemaps,
//! widgets, oEmbed): the `--public-url` setting, or else the request's own host.

use axum::http::{header, HeaderMap, Uri};
use broadsheet_views::head::Site;

/// The configured public URL, if any.
#[derive(Debug, Clone, Default)]
pub struct PublicUrl {
    configured: Option<Site>,
}

impl PublicUrl {
    /// `url` is `--public-url` (`https://news.example`); empty or unset means "from each request".
    pub fn new(url: Option<&str>) -> PublicUrl {
        PublicUrl {
            configured: url.filter(|u| !u.trim().is_empty()).map(Site::new),
        }
    }

    /// The site as readers reach it: the configured URL, or `http://` and the request's host (its `Host` header,
    /// or the authority of an HTTP/2 request; letters, digits, dots, hyphens, brackets and a port only), or
    /// `http://localhost`. Set `--public-url` in production: a request's host is the client's word.
    pub fn site(&self, headers: &HeaderMap, uri: &Uri) -> Site {
        if let Some(site) = &self.configured {
            return site.clone();
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| uri.authority().map(|a| a.as_str()))
            .filter(|h| {
                !h.is_empty()
                    && h.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
            })
            .unwrap_or("localhost");
        Site::new(&format!("http://{host}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_then_host_then_localhost() {
        let mut headers = HeaderMap::new();
        let uri = Uri::from_static("/");
        assert_eq!(
            PublicUrl::new(None).site(&headers, &uri).origin,
            "http://localhost"
        );
        headers.insert(header::HOST, "news.test:8080".parse().unwrap());
        assert_eq!(
            PublicUrl::new(Some("")).site(&headers, &uri).origin,
            "http://news.test:8080"
        );
        headers.insert(header::HOST, "evil\".test".parse().unwrap());
        assert_eq!(
            PublicUrl::new(None).site(&headers, &uri).origin,
            "http://localhost"
        );
        let configured = PublicUrl::new(Some("https://news.example/"));
        assert_eq!(
            configured.site(&headers, &uri).origin,
            "https://news.example"
        );
    }
}
