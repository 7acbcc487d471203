use broadsheet_content::{FrontPage as Front, SectionBlock};
use leptos::prelude::*;

use crate::components::meta::PageMeta;
use crate::components::offline::PageFailure;
use crate::components::states::Placeholder;
use crate::components::teaser::TeaserList;
use crate::load::{use_api, Load};

/// The front page: top stories, then a block per section.
#[component]
pub fn FrontPage() -> impl IntoView {
    // Behind the server's HTML, the top stories (parsing the page's JSON and building them) take a task of their
    // own, and so does each section block after them.
    let start = crate::startup::next_task_while_hidden();
    let front = use_api::<Front>(move || start.get().then(|| "/front".to_string()));
    let retry = Callback::new(move |_| front.retry());
    crate::navigation::ready_after(front);
    view! {
        <PageMeta title=String::new()
            description="News, comment and analysis for people who run public services.".to_string()
            path="/".to_string()/>
        <h1 class="visually-hidden" tabindex="-1">"Broadsheet: the front page"</h1>
        {move || match front.state.get() {
            Load::Loading => view! { <Placeholder lines=30/> }.into_any(),
            Load::Failed(e) => view! { <PageFailure error=e retry=retry/> }.into_any(),
            Load::Ready(f) => view! {
                <section class="top-stories" aria-labelledby="top-stories-heading">
                    <h2 id="top-stories-heading">"Top stories"</h2>
                    <TeaserList teasers=f.top_stories/>
                </section>
                {f.sections.into_iter().filter(|b| !b.articles.is_empty()).map(|b| {
                    let built = crate::startup::next_task_while_hidden();
                    move || built.get().then(|| section_block(b.clone()))
                }).collect_view()}
            }.into_any(),
        }}
    }
}

/// One section's block: its heading, linked to the section, and its latest teasers.
fn section_block(b: SectionBlock) -> AnyView {
    let id = format!("front-{}", b.section.slug);
    let labelled_by = id.clone();
    view! {
        <section class="front-section" aria-labelledby=labelled_by>
            <h2 id=id><a href=format!("/{}", b.section.slug)>{b.section.name}</a></h2>
            <TeaserList teasers=b.articles/>
        </section>
    }
    .into_any()
}
