//! The comment page, `GET`/`POST {COMMENT_PATH}/{section}/{slug}`: the form as a page of its own, served without
//! the app. A post that breaks a rule, is refused or fails comes back as the form with everything the reader
//! wrote and what to do; a post that is taken answers what happens next and links back to the article.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use broadsheet_content::{comment_href, NewComment};
use broadsheet_store::db::queries;
use broadsheet_views::comment_form::CommentMain;
use broadsheet_views::head::Head;

use super::posting::{new_key, take, thanks, valid_key};
use crate::http::client_ip::ClientIp;
use crate::http::extract::ArticleAddress;
use crate::http::AppError;
use crate::prerender::{server_page, Main};
use crate::AppState;

/// The article's headline and whether it takes comments; `None` when there is no article there.
async fn article(
    st: &AppState,
    section: &str,
    slug: &str,
) -> Result<Option<(String, bool)>, AppError> {
    let (section, slug) = (section.to_string(), slug.to_string());
    Ok(st
        .db
        .run(move |c| queries::article(c, &section, &slug))
        .await?
        .map(|(_, a)| (a.headline, a.comments_open)))
}

async fn page(
    st: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    status: StatusCode,
    main: Main,
) -> Response {
    let site = st.public_url.site(headers, uri);
    let title = match &main {
        Main::Comment(m) => m.title(),
        _ => "Page not found".into(),
    };
    // A form for one article: nobody's to index.
    let head = Head::server_page(&site, uri.path(), &title, "Add your comment.", true);
    server_page(&st.prerender, site, status, head, move |_| main).await
}

/// The form for `(section, slug)` as `new` left it, with `error`'s messages.
fn form(
    address: (String, String),
    headline: String,
    new: NewComment,
    error: Option<&AppError>,
) -> Main {
    let (section, slug) = address;
    Main::Comment(CommentMain::Form {
        section,
        slug,
        headline,
        name: new.name,
        body: new.body,
        // A key that is not one (a tampered form) is replaced, or every sending would be refused.
        key: new.key.filter(|k| valid_key(k)).unwrap_or_else(new_key),
        errors: error.map(|e| e.fields().to_vec()).unwrap_or_default(),
        failure: error.map(|e| e.message().to_string()),
    })
}

/// `GET`: the empty form, or a page saying the article takes no comments.
pub async fn form_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ArticleAddress { section, slug }: ArticleAddress,
) -> Response {
    let (status, main) = match article(&st, &section, &slug).await {
        Ok(Some((headline, true))) => (
            StatusCode::OK,
            form((section, slug), headline, NewComment::default(), None),
        ),
        Ok(Some((headline, false))) => (
            StatusCode::FORBIDDEN,
            Main::Comment(CommentMain::Done {
                section,
                slug,
                headline,
                message: AppError::comments_closed().message().to_string(),
            }),
        ),
        Ok(None) => (StatusCode::NOT_FOUND, Main::NotFound),
        Err(e) => {
            tracing::error!(cause = e.cause(), path = %comment_href(&section, &slug), "comment page failed");
            (e.status(), Main::NotFound)
        }
    };
    page(&st, &headers, &uri, status, main).await
}

/// `POST`: takes the form (`name`, `body`, `key`, `website`).
pub async fn post(
    State(st): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    ArticleAddress { section, slug }: ArticleAddress,
    body: Bytes,
) -> Response {
    let new = NewComment::from_form(&body);
    let headline = match article(&st, &section, &slug).await {
        Ok(Some((headline, _))) => headline,
        Ok(None) => return page(&st, &headers, &uri, StatusCode::NOT_FOUND, Main::NotFound).await,
        Err(e) => {
            tracing::error!(cause = e.cause(), "comment page failed");
            let main = form((section, slug), String::new(), new, Some(&e));
            return page(&st, &headers, &uri, e.status(), main).await;
        }
    };
    let address = (section.clone(), slug.clone());
    let (status, main) = match take(&st, client, address.clone(), new.clone()).await {
        Ok((_, taken)) => (
            StatusCode::OK,
            Main::Comment(CommentMain::Done {
                section,
                slug,
                headline,
                message: thanks(taken).to_string(),
            }),
        ),
        Err(e) => {
            if let Some(cause) = e.cause() {
                tracing::error!(cause, "comment not taken");
            }
            (e.status(), form(address, headline, new, Some(&e)))
        }
    };
    page(&st, &headers, &uri, status, main).await
}
