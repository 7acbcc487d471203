use broadsheet_content::{Kind, Listing};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{use_page, NotFound};
use crate::api::FetchError;
use crate::components::meta::PageMeta;
use crate::components::offline::PageFailure;
use crate::components::pagination::Pager;
use crate::components::states::Placeholder;
use crate::components::teaser::TeaserList;
use crate::load::{use_api, Load};

/// A paginated listing of articles from `api_path` (with `page` added), shown at `base`.
#[component]
pub fn ListingView(api_path: Signal<Option<String>>, base: Signal<String>) -> impl IntoView {
    let page = use_page();
    let listing = use_api::<Listing>(move || {
        let path = api_path.get()?;
        let sep = if path.contains('?') { '&' } else { '?' };
        Some(format!("{path}{sep}page={}", page.get()))
    });
    let retry = Callback::new(move |_| listing.retry());
    crate::navigation::ready_after(listing);
    move || match listing.state.get() {
        Load::Loading => view! { <Placeholder lines=20/> }.into_any(),
        Load::Failed(FetchError::NotFound) => view! { <NotFound/> }.into_any(),
        Load::Failed(e) => view! { <PageFailure error=e retry=retry/> }.into_any(),
        Load::Ready(l) => {
            let base = base.get();
            view! {
                <PageMeta title=l.title.clone() description=l.description.clone() path=base.clone()/>
                <header class="listing-header">
                    <h1 tabindex="-1">{l.title.clone()}</h1>
                    <p class="standfirst">{l.description.clone()}</p>
                </header>
                {if l.articles.is_empty() {
                    view! { <p class="empty">"There are no articles on this page."</p> }.into_any()
                } else {
                    view! { <TeaserList teasers=l.articles level=2/> }.into_any()
                }}
                <Pager meta=l.meta base=base/>
            }
            .into_any()
        }
    }
}

/// `/latest`: the newest news from every section.
#[component]
pub fn LatestPage() -> impl IntoView {
    view! {
        <ListingView api_path=Signal::derive(|| Some("/articles?kind=news".to_string()))
            base=Signal::derive(|| "/latest".to_string())/>
    }
}

/// `/kinds/:kind`: every piece of one kind (the rails' full listings).
#[component]
pub fn KindPage() -> impl IntoView {
    let params = use_params_map();
    let kind = Memo::new(move |_| params.read().get("kind").and_then(|k| Kind::from_slug(&k)));
    move || {
        match kind.get() {
        None => view! { <NotFound/> }.into_any(),
        Some(k) => view! {
            <ListingView api_path=Signal::derive(move || Some(format!("/articles?kind={}", k.slug())))
                base=Signal::derive(move || format!("/kinds/{}", k.slug()))/>
        }
        .into_any(),
    }
    }
}
