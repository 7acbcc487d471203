//! `GET /embed`: the page for partners, a server page (`broadsheet_views::embed_builder`). Its form is a `GET` to
//! itself: `?chosen=1&section=housing&limit=3&theme=dark&dates=1`, read with the widgets' own rules
//! (`WidgetOptions::from_query`), so a bad value falls back to its default as a widget's would.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use broadsheet_content::widget::{WidgetOptions, FLAGS};
use broadsheet_views::embed_builder::{EmbedBuilderMain, SENT_FIELD};
use broadsheet_views::head::Head;

use crate::prerender::{server_page, Main};
use crate::AppState;

/// The options in `query`. Once the form was sent ([`SENT_FIELD`]), a flag it left out was unticked: off, not
/// its default.
pub fn chosen_options(mut query: HashMap<String, String>) -> WidgetOptions {
    if query.contains_key(SENT_FIELD) {
        for (name, _) in FLAGS {
            query.entry(name.to_string()).or_insert_with(|| "0".into());
        }
    }
    WidgetOptions::from_query(&query)
}

/// The builder with what the query chose: the section named if the site has it, else the first.
pub async fn builder(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let wanted = query.get("section").cloned().unwrap_or_default();
    let options = chosen_options(query);
    let site = st.public_url.site(&headers, &uri);
    let origin = site.origin.clone();
    let head = Head::embed_builder(&site);
    server_page(&st.prerender, site, StatusCode::OK, head, move |sections| {
        let section = sections
            .iter()
            .find(|s| s.slug == wanted)
            .or(sections.first())
            .map(|s| s.slug.clone())
            .unwrap_or_default();
        Main::EmbedBuilder(EmbedBuilderMain {
            sections: sections.to_vec(),
            section,
            options,
            origin,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unticked_flag_is_off_once_the_form_is_sent() {
        let q = |pairs: &[(&str, &str)]| -> HashMap<String, String> {
            pairs.iter().map(|&(k, v)| (k.into(), v.into())).collect()
        };
        let first_visit = chosen_options(q(&[]));
        assert_eq!(first_visit, WidgetOptions::default());
        assert!(first_visit.dates, "dates are on by default");
        let sent = chosen_options(q(&[("chosen", "1"), ("images", "1"), ("limit", "3")]));
        assert!(!sent.dates, "the date box was unticked");
        assert!(sent.images);
        assert!(!sent.standfirst);
        assert_eq!(sent.limit, 3);
    }
}
