//! A Ghost site's old addresses: each post's `url` to the article, tag pages to their topic, author pages to the
//! author's page (`/tag/buses/`, `/author/ruth/`).

use broadsheet_content::{Page, FIRST_PAGE};
use broadsheet_store::db::redirects::normalise;
use broadsheet_store::db::write::{Redirect, RedirectTo};

use super::map;
use super::wire::{Author, Post, Tag};

fn path_of(link: &str) -> Option<String> {
    let u = url::Url::parse(link).ok()?;
    normalise(u.path(), u.query())
}

/// The old addresses of `posts` (those written), of the public tags and of the authors.
pub fn of_site(posts: &[&Post], tags: &[Tag], authors: &[Author]) -> Vec<Redirect> {
    let mut out: Vec<Redirect> = posts
        .iter()
        .filter_map(|p| {
            Some(Redirect {
                path: path_of(&p.url)?,
                to: RedirectTo::Article {
                    source_id: p.id.clone(),
                },
            })
        })
        .collect();
    for t in tags.iter().filter(|t| t.visibility != "internal") {
        let topic = map::topic(t);
        if let (Some(path), false) = (path_of(&t.url), topic.slug.is_empty()) {
            let page = Page::Topic {
                topic: topic.slug,
                page: FIRST_PAGE,
            };
            out.push(Redirect {
                path,
                to: RedirectTo::Page(page.href()),
            });
        }
    }
    for a in authors {
        if let (Some(path), Some(page)) = (path_of(&a.url), Page::author(&a.slug)) {
            out.push(Redirect {
                path,
                to: RedirectTo::Page(page.href()),
            });
        }
    }
    out
}
