use serde::{Deserialize, Serialize};

use crate::Teaser;

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
