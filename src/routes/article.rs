use broadsheet_content::{is_valid_slug, Article, Kind};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::NotFound;
use crate::api::FetchError;
use crate::components::blocks::{Body, Figure};
use crate::components::comments::Comments;
use crate::components::meta::{ArticleJsonLd, PageMeta};
use crate::components::offline::{PageFailure, SaveButton};
use crate::components::states::Placeholder;
use crate::components::subscribe::SubscribeBox;
use crate::components::teaser::TeaserList;
use crate::dates;
use crate::load::{use_api, Load};

/// `/:section/:slug`: an article.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let path = Memo::new(move |_| {
        let p = params.read();
        let (section, slug) = (p.get("section")?, p.get("slug")?);
        (is_valid_slug(&section) && is_valid_slug(&slug)).then(|| format!("/{section}/{slug}"))
    });
    // Behind the server's HTML, the article (parsing its JSON and building it) takes a task of its own.
    let start = crate::startup::next_task_while_hidden();
    let article = use_api::<Article>(move || {
        let path = path.get()?;
        start.get().then(|| format!("/articles{path}"))
    });
    let retry = Callback::new(move |_| article.retry());
    crate::navigation::ready_after(article);
    move || match (path.get(), article.state.get()) {
        (None, _) | (_, Load::Failed(FetchError::NotFound)) => view! { <NotFound/> }.into_any(),
        (_, Load::Loading) => {
            view! { <Placeholder lines=24 class="article-placeholder"/> }.into_any()
        }
        (_, Load::Failed(e)) => view! { <PageFailure error=e retry=retry/> }.into_any(),
        (Some(p), Load::Ready(a)) => view! { <ArticleView article=a path=p/> }.into_any(),
    }
}

#[component]
fn ArticleView(article: Article, path: String) -> impl IntoView {
    let a = article.clone();
    let kind_class = format!("article kind-{}", a.kind.slug().replace('_', "-"));
    let kicker = if a.kind == Kind::News {
        a.section.name.clone()
    } else {
        format!("{} · {}", a.section.name, a.kind.label())
    };
    let published = dates::format(&a.published, true);
    let updated = a.updated.clone().map(|u| (dates::format(&u, true), u));
    // At start-up, what follows the article comes in the task after the article is on screen: it is there sooner,
    // and neither task is long.
    let below = crate::startup::after_shown_if_hidden();
    let related = a.related.clone();
    view! {
        <article class=kind_class>
            <header class="article-header">
                <p class="kicker"><a href=format!("/{}", a.section.slug)>{kicker}</a></p>
                <h1 tabindex="-1">{a.headline.clone()}</h1>
                <p class="standfirst">{a.standfirst.clone()}</p>
                // The lead image comes before the byline and dates, whose length depends on the reader's time zone,
                // so it sits at the same place in the server's HTML and in the app's rendering.
                {a.image.clone().map(|img| view! { <Figure image=img lead=true/> })}
                <p class="meta">
                    {a.byline.clone().map(|b| view! {
                        <span class="byline">"By " <strong>{b.name}</strong>
                            {b.role.map(|r| view! { <span class="byline-role">", " {r}</span> })}
                        </span>
                    })}
                    <span class="dates">
                        <time datetime=a.published.clone()>{published}</time>
                        {updated.map(|(text, iso)| view! { <span class="updated">"Updated " <time datetime=iso>{text}</time></span> })}
                    </span>
                </p>
                <SaveButton article=article.clone() path=path.clone()/>
            </header>
            <Body blocks=a.body.clone()/>
            {(!a.tags.is_empty()).then(|| view! {
                <ul class="tags" aria-label="Tags">
                    {a.tags.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}
                </ul>
            })}
        </article>
        {move || below.get().then(|| view! {
            // The page's title and metadata: the server's HTML carries them until then.
            <PageMeta title=a.headline.clone() description=a.standfirst.clone() path=path.clone() og_type="article"
                image=a.image.as_ref().map(|i| i.url.clone()).unwrap_or_default()/>
            <ArticleJsonLd article=article.clone()/>
            <SubscribeBox/>
            {(!related.is_empty()).then(|| view! {
                <section class="related" aria-labelledby="related-heading">
                    <h2 id="related-heading">"Related articles"</h2>
                    <TeaserList teasers=related.clone()/>
                </section>
            })}
            <Comments path=path.clone()/>
        }.into_any())}
    }
}
