use broadsheet_content::{Article, Page};
use broadsheet_views::article::{ArticleView, ArticleViewProps};
use broadsheet_views::head::Head;
use broadsheet_views::live::LiveState;
use broadsheet_views::teaser::TeaserList;
use leptos::prelude::*;

use super::NotFound;
use crate::api::FetchError;
use crate::components::comments::Comments;
use crate::components::offline::{PageFailure, SaveButton};
use crate::components::states::Placeholder;
use crate::load::{use_api, Load};
use broadsheet_views::subscribe::PlainSubscribeBox;

/// `/:section/:slug`: an article.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let current = crate::page::use_current();
    // While the router moves to another route, the URL already names the next page; this one keeps its own.
    let page = Memo::new(move |before: Option<&Option<Page>>| match current.get() {
        Some(p @ Page::Article { .. }) => Some(p),
        None => None,
        Some(_) => before.cloned().flatten(),
    });
    // Behind the server's HTML, the article (parsing its JSON and building it) takes a task of its own.
    let start = crate::startup::next_task_while_hidden();
    let article = use_api::<Article>(move || {
        let p = page.get()?;
        start.get().then(|| p.api_path()).flatten()
    });
    let retry = Callback::new(move |_| article.retry());
    crate::navigation::ready_after(article.erased());
    move || match (page.get(), article.get()) {
        (None, _) | (_, Load::Failed(FetchError::NotFound)) => view! { <NotFound/> }.into_any(),
        (_, Load::Loading) => {
            view! { <Placeholder lines=24 class="article-placeholder"/> }.into_any()
        }
        (_, Load::Failed(e)) => view! { <PageFailure error=e retry=retry/> }.into_any(),
        (Some(p), Load::Ready(a)) => view! { <FullArticle article=a path=p.href()/> }.into_any(),
    }
}

/// The article with what the app adds: saving, the subscribe box, and below them related articles and comments.
#[component]
fn FullArticle(article: Article, path: String) -> impl IntoView {
    // At start-up, what follows the article comes in the task after the article is on screen: it is there sooner,
    // and neither task is long.
    let below = crate::startup::after_shown_if_hidden();
    let save = view! { <SaveButton article=article.clone() path=path.clone()/> }.into_any();
    let related = article.related.clone();
    let comments_open = article.comments_open;
    let head = Head::article(&crate::head::site(), &article);
    crate::reads::count(path.clone());
    // A live blog's state and its "new updates" action, which the poller keeps.
    let live = article.live.as_deref().map(|live| {
        let state = LiveState::new(live);
        let reveal = crate::live::follow(&article.section.slug, &article.slug, live, state);
        (state, reveal)
    });
    // One call whatever the kind: a second `view!` would be a second copy of the props' builder in the wasm.
    let article = ArticleView(ArticleViewProps {
        article,
        save: Some(save),
        live_state: live.map(|(state, _)| state),
        reveal: live.map(|(_, reveal)| reveal),
    });
    view! {
        {article}
        // In the server's first paint too: it must not leave the page at takeover.
        <PlainSubscribeBox/>
        {move || below.get().then(|| {
            // The page's title and metadata: the server's HTML carries them until then.
            crate::head::set(&head);
            view! {
                {(!related.is_empty()).then(|| view! {
                    <section class="related" aria-labelledby="related-heading">
                        <h2 id="related-heading">"Related articles"</h2>
                        <TeaserList teasers=related.clone()/>
                    </section>
                })}
                <Comments path=path.clone() open=comments_open/>
            }
        }.into_any())}
    }
}
