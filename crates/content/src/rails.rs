use serde::{Deserialize, Serialize};

use crate::{Kind, Teaser};

/// One sidebar box: a heading, a link to its full listing, and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rail {
    /// Stable identifier (`latest`, `editors_comment`, …).
    pub id: String,
    pub title: String,
    /// App path of the full listing (`/kinds/interview`).
    pub link: String,
    pub link_label: String,
    pub items: Vec<Teaser>,
}

/// Every rail, in the order the page shows them; one cacheable response shared by every page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rails {
    pub rails: Vec<Rail>,
}

/// What one rail shows: the newest `items` pieces of `kind` under the kind's [`Kind::title`], with a link to
/// the kind's listing labelled `link_label`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RailSpec {
    /// [`Rail::id`].
    pub id: &'static str,
    pub kind: Kind,
    /// How many teasers, newest first.
    pub items: u32,
    pub link_label: &'static str,
}

/// The rails beside every page, in the order shown. Editorial copy, here so that the server's answer and its
/// tests read one list.
pub const RAIL_SPECS: [RailSpec; 8] = [
    RailSpec {
        id: "latest",
        kind: Kind::News,
        items: 5,
        link_label: "View all news",
    },
    RailSpec {
        id: "editors_comment",
        kind: Kind::Editorial,
        items: 1,
        link_label: "More from the editor",
    },
    RailSpec {
        id: "last_word",
        kind: Kind::LastWord,
        items: 1,
        link_label: "More last word articles",
    },
    RailSpec {
        id: "blog",
        kind: Kind::Blog,
        items: 2,
        link_label: "More blog posts from the Kestrel",
    },
    RailSpec {
        id: "opinion",
        kind: Kind::Opinion,
        items: 4,
        link_label: "More comment",
    },
    RailSpec {
        id: "interviews",
        kind: Kind::Interview,
        items: 4,
        link_label: "More interviews",
    },
    RailSpec {
        id: "videos",
        kind: Kind::Video,
        items: 3,
        link_label: "More from Broadsheet TV",
    },
    RailSpec {
        id: "focus",
        kind: Kind::Feature,
        items: 3,
        link_label: "More focus features",
    },
];

crate::reads_fields!(Rail {
    id: String,
    title: String,
    link: String,
    link_label: String,
    items: Vec<Teaser>,
});
crate::reads_fields!(Rails { rails: Vec<Rail> });
