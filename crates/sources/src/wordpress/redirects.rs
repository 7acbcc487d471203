//! A WordPress site's old addresses, so that links to it keep working after the switch: each post's permalink
//! (`link`, whatever the permalink structure) and `/?p={id}` lead to the article; category archives to their
//! section, tag archives to their topic, author archives to the author's page.

use broadsheet_content::{Page, FIRST_PAGE};
use broadsheet_store::db::redirects::normalise;
use broadsheet_store::db::write::{Redirect, RedirectTo};

use super::map::{self, Lookup};
use super::wire::Post;

/// The path of an address on the site (`https://wp.example/2018/06/05/slug/` → `/2018/06/05/slug`), normalised.
fn path_of(link: &str) -> Option<String> {
    let u = url::Url::parse(link).ok()?;
    normalise(u.path(), u.query())
}

/// The old addresses of `posts` (those written) and of the site's archives.
pub fn of_site(posts: &[&Post], l: &Lookup) -> Vec<Redirect> {
    let mut out = Vec::new();
    for p in posts {
        let to = RedirectTo::Article {
            source_id: p.id.to_string(),
        };
        out.extend(path_of(&p.link).map(|path| Redirect {
            path,
            to: to.clone(),
        }));
        out.push(Redirect {
            path: format!("/?p={}", p.id),
            to,
        });
    }
    for cat in l.categories.values() {
        if let (Some(path), Some(section)) = (path_of(&cat.link), map::category_section(cat, l)) {
            let page = Page::Section {
                section: section.slug,
                page: FIRST_PAGE,
            };
            out.push(Redirect {
                path,
                to: RedirectTo::Page(page.href()),
            });
        }
    }
    for tag in l.tags.values() {
        let topic = map::topic(tag);
        if let (Some(path), false) = (path_of(&tag.link), topic.slug.is_empty()) {
            let href = Page::Topic {
                topic: topic.slug,
                page: FIRST_PAGE,
            }
            .href();
            out.push(Redirect {
                path,
                to: RedirectTo::Page(href),
            });
        }
    }
    for u in l.users.values() {
        if let (Some(path), Some(page)) = (path_of(&u.link), Page::author(&map::author_slug(u))) {
            out.push(Redirect {
                path,
                to: RedirectTo::Page(page.href()),
            });
        }
    }
    out
}
