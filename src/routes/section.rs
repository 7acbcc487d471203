use broadsheet_content::is_valid_slug;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{ListingView, NotFound};

/// `/:section`: a section's articles, newest first, with pagination.
#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("section").filter(|s| is_valid_slug(s)));
    move || match slug.get() {
        None => view! { <NotFound/> }.into_any(),
        Some(s) => {
            let s2 = s.clone();
            view! {
                <ListingView api_path=Signal::derive(move || Some(format!("/sections/{s}")))
                    base=Signal::derive(move || format!("/{s2}"))/>
            }
            .into_any()
        }
    }
}
