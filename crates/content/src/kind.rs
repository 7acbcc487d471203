use serde::{Deserialize, Serialize};

/// What kind of piece an article is. Design differences (an opinion column, an interview) are data, not
/// separate components.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    News,
    Opinion,
    Editorial,
    Interview,
    Blog,
    Video,
    LastWord,
    Feature,
    /// A live blog: timestamped posts that readers' pages keep up to date (`crate::live`).
    Live,
    /// A kind this client does not know yet (forward compatibility).
    #[serde(other)]
    Other,
}

impl Kind {
    /// Every kind an editor can use, in a stable order.
    pub const ALL: [Kind; 9] = [
        Kind::News,
        Kind::Opinion,
        Kind::Editorial,
        Kind::Interview,
        Kind::Blog,
        Kind::Video,
        Kind::LastWord,
        Kind::Feature,
        Kind::Live,
    ];

    /// The slug used in URLs and in the API (`last_word`).
    pub fn slug(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Opinion => "opinion",
            Kind::Editorial => "editorial",
            Kind::Interview => "interview",
            Kind::Blog => "blog",
            Kind::Video => "video",
            Kind::LastWord => "last_word",
            Kind::Feature => "feature",
            Kind::Live => "live",
            Kind::Other => "other",
        }
    }

    /// Parses a kind slug; `None` for anything unknown.
    pub fn from_slug(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// A label for readers ("Editor's comment").
    pub fn label(self) -> &'static str {
        match self {
            Kind::News => "News",
            Kind::Opinion => "Comment",
            Kind::Editorial => "Editor's comment",
            Kind::Interview => "Interview",
            Kind::Blog => "The Kestrel's blog",
            Kind::Video => "Video",
            Kind::LastWord => "Last word",
            Kind::Feature => "Focus",
            Kind::Live => "Live",
            Kind::Other => "Article",
        }
    }

    /// The one name of every piece of this kind together: its listing's title (`/kinds/{kind}`, `/latest`), its
    /// rail's heading and its feed's title. [`Kind::label`] is the name of one piece (a teaser's kicker).
    pub fn title(self) -> &'static str {
        match self {
            Kind::News => "Latest news",
            Kind::Opinion => "Comment",
            Kind::Editorial => "Editor's comment",
            Kind::Interview => "Interviews",
            Kind::Blog => "The Kestrel's daily blog",
            Kind::Video => "Broadsheet TV",
            Kind::LastWord => "Last word",
            Kind::Feature => "Public sector focus",
            Kind::Live => "Live coverage",
            Kind::Other => "Everything",
        }
    }

    /// One sentence under the listing's title.
    pub fn description(self) -> &'static str {
        match self {
            Kind::News => "The newest news from every section.",
            Kind::Opinion => "Every comment piece, newest first.",
            Kind::Editorial => "Every editor's comment, newest first.",
            Kind::Interview => "Every interview, newest first.",
            Kind::Blog => "Every post of the Kestrel's blog, newest first.",
            Kind::Video => "Every video, newest first.",
            Kind::LastWord => "Every last word, newest first.",
            Kind::Feature => "Every focus feature, newest first.",
            Kind::Live => "Every live blog, newest first.",
            Kind::Other => "Every article, newest first.",
        }
    }
}

// Any other name is `Other`, as serde's `#[serde(other)]` reads it.
crate::reads_name!(Kind, |s| Some(Kind::from_slug(s).unwrap_or(Kind::Other)));
