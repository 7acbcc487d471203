//! An article's comments: the count, the published comments as plain text, or an invitation to be first.

use broadsheet_content::{comment_href, Comment, CommentsPage, Page};
use leptos::prelude::*;

use super::states::{Failure, Placeholder};
use crate::load::{use_api, Load};

/// "1 comment", "3 comments".
pub fn count_label(n: u32) -> String {
    if n == 1 {
        "1 comment".to_string()
    } else {
        format!("{n} comments")
    }
}

/// The comments region: the list, and the link to the comment page (`COMMENT_PATH`, a server page: the form's code
/// is not in the wasm). While the list is loading or has failed, the link shows all the same, going by `open`,
/// what the article said about comments; once the list is there, by what the list says.
#[component]
pub fn Comments(
    path: String,
    /// Whether the article takes comments (`Article::comments_open`).
    open: bool,
) -> impl IntoView {
    let page = Page::parse(&path, None);
    let api_path = page.as_ref().and_then(|p| p.comments_api_path());
    let form = match page {
        Some(Page::Article { section, slug, .. }) => Some(comment_href(&section, &slug)),
        _ => None,
    };
    let comments = use_api::<CommentsPage>(move || api_path.clone());
    let retry = Callback::new(move |_| comments.retry());
    // Whether the form shows; a memo, so a refreshed list leaves the form (and what it says) alone.
    let article_open = open;
    let open = Memo::new(move |_| {
        comments
            .with_ready(|page| page.comments_open)
            .unwrap_or(article_open)
    });
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">"Comments"</h2>
            {move || match comments.get() {
                Load::Loading => view! { <Placeholder lines=3/> }.into_any(),
                Load::Failed(e) => view! { <Failure error=e retry=retry/> }.into_any(),
                Load::Ready(page) if page.comments.is_empty() => view! {
                    <p class="empty">"No comments yet. Be the first to have your say."</p>
                }.into_any(),
                Load::Ready(page) => view! {
                    <p class="comment-count">{count_label(page.total)}</p>
                    <ol class="comment-list">
                        {page.comments.into_iter().map(|c| view! { <CommentItem comment=c/> }).collect_view()}
                    </ol>
                }.into_any(),
            }}
            {move || if open.get() {
                // A full navigation: the comment page is the server's.
                view! { <p class="comment-add"><a class="button" href=form.clone() rel="external">"Add your comment"</a></p> }.into_any()
            } else {
                view! { <p class="closed">"Comments are closed on this article."</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn CommentItem(comment: Comment) -> impl IntoView {
    let date = broadsheet_content::dates::display(&comment.posted, true);
    view! {
        // An id, so a link can point at one comment (`…#comment-12`).
        <li class="comment" id=format!("comment-{}", comment.id)>
            <p class="comment-meta"><strong class="comment-author" dir="auto">{comment.author}</strong> " · "
                <time datetime=comment.posted>{date}</time></p>
            // Plain text; CSS keeps the line breaks (white-space: pre-line).
            <p class="comment-body" dir="auto">{comment.body}</p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::count_label;

    #[test]
    fn labels() {
        assert_eq!(count_label(0), "0 comments");
        assert_eq!(count_label(1), "1 comment");
        assert_eq!(count_label(7), "7 comments");
    }
}
