//! Readers' comments: taking one (`posting`, which the API's JSON endpoint uses too) and the comment page
//! (`page`, `broadsheet_content::COMMENT_PATH`), the plain form the app links to.

mod page;
mod posting;

use axum::routing::get;
use axum::Router;
use broadsheet_content::COMMENT_PATH;

pub use posting::{take, thanks, CommentSettings};

use crate::AppState;

/// The comment page: `GET` shows the form, `POST` takes it.
pub fn router() -> Router<AppState> {
    Router::new().route(
        &format!("{COMMENT_PATH}/{{section}}/{{slug}}"),
        get(page::form_page).post(page::post),
    )
}
