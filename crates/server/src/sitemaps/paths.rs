//! The sitemaps' addresses: the index, the pages, the articles by month (in parts of at most
//! [`MAX_URLS`]), and the news sitemap.

pub use broadsheet_store::db::sitemaps::MAX_URLS;

/// One of the sitemaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    /// `/sitemap.xml`: the index of all the others.
    Index,
    /// `/sitemaps/pages.xml`: the front page, sections, latest, kinds, topics and authors.
    Pages,
    /// `/sitemaps/articles-2026-11.xml`, `…-2026-11-2.xml`: the articles published in a month (`YYYY-MM`),
    /// part `part` (from 1) of at most [`MAX_URLS`].
    Articles { month: String, part: u32 },
    /// `/sitemaps/news.xml`: articles published in the last 48 hours, for Google News.
    News,
}

fn is_month(m: &str) -> bool {
    let b = m.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
        && matches!(
            &m[5..],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

impl Sitemap {
    pub fn href(&self) -> String {
        match self {
            Sitemap::Index => "/sitemap.xml".into(),
            Sitemap::Pages => "/sitemaps/pages.xml".into(),
            Sitemap::Articles { month, part: 1 } => format!("/sitemaps/articles-{month}.xml"),
            Sitemap::Articles { month, part } => format!("/sitemaps/articles-{month}-{part}.xml"),
            Sitemap::News => "/sitemaps/news.xml".into(),
        }
    }

    /// The sitemap at `path`, if it is one.
    pub fn parse(path: &str) -> Option<Sitemap> {
        match path {
            "/sitemap.xml" => return Some(Sitemap::Index),
            "/sitemaps/pages.xml" => return Some(Sitemap::Pages),
            "/sitemaps/news.xml" => return Some(Sitemap::News),
            _ => {}
        }
        let name = path
            .strip_prefix("/sitemaps/articles-")?
            .strip_suffix(".xml")?;
        let (month, part) = match name.get(7..) {
            Some("") => (name, 1),
            Some(rest) => (
                &name[..7],
                rest.strip_prefix('-')?.parse().ok().filter(|p| *p >= 2)?,
            ),
            None => return None,
        };
        is_month(month).then(|| Sitemap::Articles {
            month: month.to_string(),
            part,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_and_others_are_refused() {
        for s in [
            Sitemap::Index,
            Sitemap::Pages,
            Sitemap::News,
            Sitemap::Articles {
                month: "2026-11".into(),
                part: 1,
            },
            Sitemap::Articles {
                month: "2026-11".into(),
                part: 3,
            },
        ] {
            assert_eq!(Sitemap::parse(&s.href()), Some(s));
        }
        for bad in [
            "/sitemaps/articles-2026-13.xml",
            "/sitemaps/articles-2026-11-1.xml",
            "/sitemaps/articles-2026-11-x.xml",
            "/sitemaps/articles-26-11.xml",
            "/sitemaps/other.xml",
        ] {
            assert_eq!(Sitemap::parse(bad), None, "{bad}");
        }
    }
}
