//! An article's comments: the count, the published comments as plain text, or an invitation to be first.

use broadsheet_content::{Comment, CommentsPage, Page};
use leptos::prelude::*;

use super::comment_form::CommentForm;
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

#[component]
pub fn Comments(path: String) -> impl IntoView {
    let api_path = Page::parse(&path, None).and_then(|p| p.comments_api_path());
    let comments = use_api::<CommentsPage>(move || api_path.clone());
    let retry = Callback::new(move |_| comments.retry());
    // Whether the form shows; a memo, so a refreshed list leaves the form (and what it says) alone.
    let open = Memo::new(move |_| match &*comments.state.read() {
        Load::Ready(page) => Some(page.comments_open),
        _ => None,
    });
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">"Comments"</h2>
            {move || match comments.state.get() {
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
            {move || match open.get() {
                Some(true) => view! { <CommentForm path=path.clone() on_posted=retry/> }.into_any(),
                Some(false) => view! { <p class="closed">"Comments are closed on this article."</p> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn CommentItem(comment: Comment) -> impl IntoView {
    let date = broadsheet_content::dates::display(&comment.posted, true);
    view! {
        <li class="comment">
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
