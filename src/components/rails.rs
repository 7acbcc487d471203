//! The sidebar rails: one request for all of them, shared by every page. A failing rail column never takes
//! down the page, and the reverse. The boxes are the views' (`broadsheet_views::rails`).

use broadsheet_content::reads::MOST_READ_API_PATH;
use broadsheet_content::{Rail, Rails, RAILS_API_PATH};
use broadsheet_views::rails::{RailBox, RailList};
use leptos::prelude::*;

use super::states::{Failure, Placeholder};
use crate::load::{use_api, Load};

/// The rails' content. Behind the server's HTML (which has them) they are built hidden, in a task of their own,
/// before the app shows itself; otherwise at once.
#[component]
pub fn RailsColumn() -> impl IntoView {
    let start = crate::startup::next_task_while_hidden();
    let rails = use_api::<Rails>(move || start.get().then(|| RAILS_API_PATH.to_string()));
    let retry = Callback::new(move |_| rails.retry());
    Effect::new(move |_| {
        if rails.settled() {
            crate::startup::look_again();
        }
    });
    move || match rails.get() {
        Load::Loading => view! { <Placeholder lines=24 class="rails-placeholder"/> }.into_any(),
        Load::Failed(e) => view! { <Failure error=e retry=retry/> }.into_any(),
        Load::Ready(r) => view! { <RailList rails=r.rails/><MostRead/> }.into_any(),
    }
}

/// Most read, last in the column (so nothing moves when it arrives), after the app is on screen. Shown only from a
/// fresh answer with items: when counting has stopped, the request fails or the reader is offline (the service
/// worker keeps no copy), there is no box.
#[component]
fn MostRead() -> impl IntoView {
    let shown = crate::startup::after_shown_if_hidden();
    let page = crate::page::use_current();
    // A section's own list on its pages, the site's elsewhere; asked again (and refreshed) as the reader moves on.
    let list = use_api::<Rail>(move || {
        let section = match page.get() {
            Some(broadsheet_content::Page::Section { section, .. }) => {
                format!("?section={section}")
            }
            _ => String::new(),
        };
        shown
            .get()
            .then(|| format!("{MOST_READ_API_PATH}{section}"))
    });
    move || match list.get() {
        Load::Ready(rail) if !rail.items.is_empty() => Some(view! { <RailBox rail=rail/> }),
        _ => None,
    }
}
