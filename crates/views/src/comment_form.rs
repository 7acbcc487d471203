//! The comment page (`broadsheet_content::COMMENT_PATH`): the form a reader writes a comment in, a plain `POST`
//! form the server answers with a page, so it works with or without the app and its code is not in the wasm every
//! reader downloads. After a mistake the form comes back with what the reader wrote and a message at each field
//! (an error summary first, whose links go to the fields).

use broadsheet_content::{comment_href, FieldError, Page, BODY_MAX, NAME_MAX};
use leptos::prelude::*;

/// The comment page's main column.
#[derive(Debug, Clone, PartialEq)]
pub enum CommentMain {
    /// The form, empty or with what was sent, what was wrong with it and what to do (`failure`).
    Form {
        section: String,
        slug: String,
        headline: String,
        name: String,
        body: String,
        /// The draft's key, sent again with the form: a post sent twice (a double click, a reload) is stored once.
        key: String,
        errors: Vec<FieldError>,
        failure: Option<String>,
    },
    /// What happened, with a link back to the article's comments.
    Done {
        section: String,
        slug: String,
        headline: String,
        message: String,
    },
}

impl CommentMain {
    /// The page's `<title>`: "Error: …" when the form has mistakes, as GOV.UK does.
    pub fn title(&self) -> String {
        match self {
            CommentMain::Form { errors, .. } if !errors.is_empty() => {
                "Error: Add your comment".into()
            }
            CommentMain::Form { .. } => "Add your comment".into(),
            CommentMain::Done { .. } => "Thank you for your comment".into(),
        }
    }
}

fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// The back link to the article's comments.
fn back(section: &str, slug: &str, headline: String) -> impl IntoView {
    let href = Page::article(section, slug).map(|p| format!("{}#comments-heading", p.href()));
    view! { <p class="back"><a href=href>"Back to “" <bdi>{headline}</bdi> "”"</a></p> }
}

/// The comment page.
#[component]
pub fn CommentView(main: CommentMain) -> impl IntoView {
    let title = main.title();
    let body = match main {
        CommentMain::Done {
            section,
            slug,
            headline,
            message,
        } => view! {
            <div class="form-status" role="status"><p class="success">{message}</p></div>
            {back(&section, &slug, headline)}
        }
        .into_any(),
        CommentMain::Form {
            section,
            slug,
            headline,
            name,
            body,
            key,
            errors,
            failure,
        } => {
            let field = |id: &'static str| {
                let error = error_for(&errors, id);
                let described = match &error {
                    Some(_) => format!("comment-{id}-hint comment-{id}-error"),
                    None => format!("comment-{id}-hint"),
                };
                let invalid = error.is_some().then_some("true");
                let message = error.map(
                    |m| view! { <p class="field-error" id=format!("comment-{id}-error")>{m}</p> },
                );
                (described, invalid, message)
            };
            let (name_described, name_invalid, name_error) = field("name");
            let (body_described, body_invalid, body_error) = field("body");
            let summary = (!errors.is_empty()).then(|| view! {
                <div class="failure" role="alert" aria-labelledby="comment-errors-h">
                    <h2 id="comment-errors-h">"There is a problem"</h2>
                    <ul>{errors.iter().map(|e| view! { <li><a href=format!("#comment-{}", e.field)>{e.message.clone()}</a></li> }).collect_view()}</ul>
                </div>
            });
            let failure = failure
                .filter(|_| errors.is_empty())
                .map(|m| view! { <div class="form-status" role="alert"><p class="failure-text">{m}</p></div> });
            view! {
                <p>"On “" <bdi>{headline.clone()}</bdi> "”"</p>
                {summary}
                {failure}
                <form class="comment-form" method="post" action=comment_href(&section, &slug) novalidate>
                    <input type="hidden" name="key" value=key/>
                    <div class="field">
                        <label for="comment-name">"Your name"</label>
                        <p class="hint" id="comment-name-hint">{format!("Shown with your comment. Up to {NAME_MAX} characters.")}</p>
                        {name_error}
                        <input id="comment-name" name="name" type="text" autocomplete="nickname" value=name
                            aria-describedby=name_described aria-invalid=name_invalid/>
                    </div>
                    <div class="field">
                        <label for="comment-body">"Your comment"</label>
                        <p class="hint" id="comment-body-hint">{format!("Plain text, up to {BODY_MAX} characters and 3 links. An editor may check it before it appears.")}</p>
                        {body_error}
                        <textarea id="comment-body" name="body" rows="8"
                            aria-describedby=body_described aria-invalid=body_invalid>{body}</textarea>
                    </div>
                    <div class="trap" aria-hidden="true">
                        <label for="comment-website">"Leave this empty"</label>
                        <input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off"/>
                    </div>
                    <button type="submit" class="button">"Post comment"</button>
                </form>
                {back(&section, &slug, headline)}
            }
            .into_any()
        }
    };
    view! {
        <link rel="stylesheet" href=crate::FORMS_STYLESHEET/>
        <div class="comment-page"><h1 tabindex="-1">{title}</h1>{body}</div>
    }
}
