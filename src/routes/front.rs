use broadsheet_content::{FrontPage as Front, Page};
use broadsheet_views::head::Head;
use broadsheet_views::listing::{FrontHeading, FrontView};
use leptos::prelude::*;

use crate::components::offline::PageFailure;
use crate::components::states::Placeholder;
use crate::load::{use_api, Load};

/// The front page: top stories, then a block per section.
#[component]
pub fn FrontPage() -> impl IntoView {
    // Behind the server's HTML, the top stories (parsing the page's JSON and building them) take a task of their
    // own, and so does each section block after them (the views ask `build_region`).
    let start = crate::startup::next_task_while_hidden();
    let front = use_api::<Front>(move || start.get().then(|| Page::Front.api_path()).flatten());
    let retry = Callback::new(move |_| front.retry());
    crate::navigation::ready_after(front.erased());
    view! {
        <FrontHeading/>
        {move || match front.get() {
            Load::Loading => view! { <Placeholder lines=30/> }.into_any(),
            Load::Failed(e) => view! { <PageFailure error=e retry=retry/> }.into_any(),
            Load::Ready(f) => {
                crate::head::set(&Head::front(&crate::head::site(), &f));
                view! { <FrontView front=f/> }.into_any()
            }
        }}
    }
}
