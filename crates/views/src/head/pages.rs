//! The heads of the pages whose data says most about them: the front page, listings, authors and articles, with
//! their JSON-LD (schema.org, Google's article and breadcrumb guidelines).

use broadsheet_content::{Article, Author, Feed, FeedFormat, FeedScope, FrontPage, Listing, Page};

use super::json_ld::*;
use super::*;

impl Head {
    /// The front page: `WebSite` and `Organization`.
    pub fn front(site: &Site, _front: &FrontPage) -> Head {
        let mut h = Head::new(site, "", SITE_DESCRIPTION, "/");
        let home = h.canonical.clone();
        h.json_ld = written(|| {
            vec![
                ld(&WebSite {
                    context: CONTEXT,
                    kind: "WebSite",
                    name: SITE_NAME,
                    description: SITE_DESCRIPTION,
                    url: &home,
                    in_language: "en-GB",
                    publisher: organization(site),
                }),
                ld(&WithContext {
                    context: CONTEXT,
                    thing: organization(site),
                }),
            ]
        });
        h
    }

    /// A listing (section, kind, latest, topic) at `page`: `CollectionPage` with an `ItemList` of its articles.
    /// An author's listing is their profile ([`Head::author`]); search results are not to be indexed.
    pub fn listing(site: &Site, page: &Page, listing: &Listing) -> Head {
        if let Some(author) = &listing.author {
            return Head::author(site, page, author);
        }
        if let Some(search) = &listing.search {
            let title = if search.query.trim().is_empty() {
                "Search".to_string()
            } else {
                format!("Search: {}", search.query.trim())
            };
            let mut h = Head::new(site, &title, "Search Broadsheet's articles.", &page.href());
            h.noindex = true;
            return h;
        }
        let n = page.page_number();
        let page_title = if n > 1 {
            format!("{}, page {n}", listing.title)
        } else {
            listing.title.clone()
        };
        let mut h = Head::new(site, &page_title, &listing.description, &page.href());
        if matches!(page, Page::Section { .. } | Page::Topic { .. }) {
            h = h.with_feeds(site, Some(page), &format!("{SITE_NAME}: {}", listing.title));
        }
        let images = listing.articles.iter().filter_map(|t| t.image.as_ref());
        if let Some(first) = images.filter_map(|i| preview_image(site, i)).next() {
            h.image = first;
        }
        h.json_ld = written(|| {
            let items = listing
                .articles
                .iter()
                .enumerate()
                .map(|(i, t)| ListItem {
                    kind: "ListItem",
                    position: i + 1,
                    name: Some(&t.headline),
                    item: t.path().and_then(|p| site.absolute(&p)).unwrap_or_default(),
                })
                .collect();
            vec![ld(&CollectionPage {
                context: CONTEXT,
                kind: "CollectionPage",
                name: &page_title,
                description: &listing.description,
                url: &h.canonical,
                main_entity: ItemList {
                    kind: "ItemList",
                    item_list_element: items,
                },
            })]
        });
        h
    }

    /// An author's page: `og:type` profile, `ProfilePage` whose main entity is the author as a `Person`.
    pub fn author(site: &Site, page: &Page, a: &Author) -> Head {
        let n = page.page_number();
        let page_title = if n > 1 {
            format!("{}, page {n}", a.name)
        } else {
            a.name.clone()
        };
        let description = if a.bio.is_empty() {
            format!("Articles by {} on {SITE_NAME}.", a.name)
        } else {
            a.bio.clone()
        };
        let mut h = Head::new(site, &page_title, &description, &page.href()).with_feeds(
            site,
            Some(page),
            &format!("{SITE_NAME}: {}", a.name),
        );
        h.og_type = "profile";
        if let Some(i) = a.photo.as_ref().and_then(|i| preview_image(site, i)) {
            h.image = i;
        }
        h.json_ld = written(|| {
            vec![ld(&ProfilePage {
                context: CONTEXT,
                kind: "ProfilePage",
                url: &h.canonical,
                main_entity: Person {
                    kind: "Person",
                    name: &a.name,
                    job_title: a.role.as_deref(),
                    url: Some(h.canonical.clone()),
                    description: (!a.bio.is_empty()).then_some(a.bio.as_str()),
                    image: a.photo.as_ref().and_then(|i| site.absolute(&i.url)),
                    same_as: a
                        .links
                        .iter()
                        .filter_map(|l| site.absolute(&l.url))
                        .collect(),
                },
            })]
        });
        h
    }

    /// An article: `og:type` article with its `article:*` facts, `NewsArticle` and `BreadcrumbList`.
    pub fn article(site: &Site, a: &Article) -> Head {
        // Slugs from the API make a path only if valid; an article without a valid address (it cannot be reached
        // at one) names the front page.
        let path =
            Page::article(&a.section.slug, &a.slug).map_or_else(|| "/".to_string(), |p| p.href());
        let mut h = Head::new(site, &a.headline, &a.standfirst, &path);
        if a.live.is_some() {
            // A live blog's own feed of its posts, beside the site's.
            let scope = FeedScope::Live {
                section: a.section.slug.clone(),
                slug: a.slug.clone(),
            };
            let feeds = FeedFormat::ALL
                .into_iter()
                .map(|format| Feed {
                    scope: scope.clone(),
                    format,
                })
                .collect();
            h.add_feeds(site, feeds, &format!("{}: updates", a.headline));
        }
        h.og_type = "article";
        if let Some(i) = a.image.as_ref().and_then(|i| preview_image(site, i)) {
            h.image = i;
        }
        let modified = a.updated.clone().unwrap_or_else(|| a.published.clone());
        h.article = Some(ArticleFacts {
            published: a.published.clone(),
            modified: modified.clone(),
            section: a.section.name.clone(),
            tags: a.topics.iter().map(|t| t.name.clone()).collect(),
        });
        h.json_ld = written(|| {
            let section_url = Page::section(&a.section.slug)
                .and_then(|p| site.absolute(&p.href()))
                .unwrap_or_else(|| format!("{}/", site.origin));
            let home = format!("{}/", site.origin);
            vec![
                ld(&NewsArticle {
                    context: CONTEXT,
                    kind: if a.live.is_some() {
                        "LiveBlogPosting"
                    } else {
                        "NewsArticle"
                    },
                    headline: &a.headline,
                    description: &a.standfirst,
                    // Search engines read SVG too: the article's own image, whatever its format.
                    image: a
                        .image
                        .iter()
                        .filter_map(|i| site.absolute(&i.url))
                        .collect(),
                    date_published: &a.published,
                    date_modified: &modified,
                    author: a
                        .authors
                        .iter()
                        .map(|b| Person {
                            kind: "Person",
                            name: &b.name,
                            job_title: b.role.as_deref(),
                            url: b
                                .slug
                                .as_deref()
                                .and_then(Page::author)
                                .and_then(|p| site.absolute(&p.href())),
                            ..Person::default()
                        })
                        .collect(),
                    publisher: organization(site),
                    main_entity_of_page: &h.canonical,
                    article_section: &a.section.name,
                    keywords: a.topics.iter().map(|t| t.name.as_str()).collect(),
                    coverage_start_time: a.live.as_ref().map(|l| l.coverage_start.as_str()),
                    coverage_end_time: a.live.as_ref().and_then(|l| l.coverage_end.as_deref()),
                    live_blog_update: a
                        .live
                        .iter()
                        .flat_map(|l| &l.posts)
                        .map(|p| blog_posting(&h.canonical, p))
                        .collect(),
                }),
                ld(&BreadcrumbList {
                    context: CONTEXT,
                    kind: "BreadcrumbList",
                    item_list_element: vec![
                        ListItem {
                            kind: "ListItem",
                            position: 1,
                            name: Some("Home"),
                            item: home,
                        },
                        ListItem {
                            kind: "ListItem",
                            position: 2,
                            name: Some(&a.section.name),
                            item: section_url,
                        },
                        ListItem {
                            kind: "ListItem",
                            position: 3,
                            name: Some(&a.headline),
                            item: h.canonical.clone(),
                        },
                    ],
                }),
            ]
        });
        h
    }
}
