//! `/embed`: the page for partner sites. Pick a section, a count and a theme, see the widget, copy the snippet.
//! The server alone renders it (a page few readers open does not ride in every reader's wasm: 8.4 KB brotli,
//! docs/performance.md); it works with no script: the form is a `GET` to the same page, which answers with the
//! preview and the snippet for what was chosen. `public/embed-builder.js` adds the copy button.

use broadsheet_content::widget::{Theme, WidgetOptions, BUILDER_PATH, MAX_LIMIT, MIN_LIMIT};
use broadsheet_content::Section;
use leptos::prelude::*;

/// The page's title and `h1`.
pub const EMBED_BUILDER_TITLE: &str = "Broadsheet headlines on your site";
/// The query field that says the form was sent: without it, every flag takes its default; with it, a flag not
/// ticked is off (a form leaves an unticked box out).
pub const SENT_FIELD: &str = "chosen";

/// What the partner chose, and what the page needs to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedBuilderMain {
    /// The sections to choose from, in the masthead's order.
    pub sections: Vec<Section>,
    /// The chosen section's slug: one of `sections`, or the first.
    pub section: String,
    pub options: WidgetOptions,
    /// This site's origin as partners reach it (`https://broadsheet.example`), for the snippet.
    pub origin: String,
}

/// One flag's checkbox: ticked sends `1`; the server reads an absent flag as off once [`SENT_FIELD`] is there.
fn check(name: &'static str, label: &'static str, on: bool) -> impl IntoView {
    let id = format!("embed-{name}");
    view! {
        <div class="check">
            <input type="checkbox" id=id.clone() name=name value="1" checked=on/>
            <label for=id>{label}</label>
        </div>
    }
}

/// The builder's main column.
#[component]
pub fn EmbedBuilderView(main: EmbedBuilderMain) -> impl IntoView {
    let EmbedBuilderMain {
        sections,
        section,
        options,
        origin,
    } = main;
    let name = sections
        .iter()
        .find(|s| s.slug == section)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let snippet = options.snippet(&origin, &section, &name);
    let src = options.src(&section);
    let height = options.estimated_height();
    let section_options = sections
        .into_iter()
        .map(|s| {
            let selected = s.slug == section;
            view! { <option value=s.slug selected=selected>{s.name}</option> }
        })
        .collect_view();
    let theme_options = Theme::ALL
        .into_iter()
        .map(
            |t| view! { <option value=t.as_str() selected=t == options.theme>{t.label()}</option> },
        )
        .collect_view();
    view! {
        <link rel="stylesheet" href=crate::FORMS_STYLESHEET/>
        <div class="embed-builder">
            <h1 tabindex="-1">{EMBED_BUILDER_TITLE}</h1>
            <p class="standfirst">"Councils, trade bodies and local papers can show a section's latest headlines in a
                small box that links readers to Broadsheet. Choose what it shows, then copy the snippet into your page."</p>
            <form class="embed-form" method="get" action=BUILDER_PATH>
                <input type="hidden" name=SENT_FIELD value="1"/>
                <div class="field">
                    <label for="embed-section">"Section"</label>
                    <select id="embed-section" name="section">{section_options}</select>
                </div>
                <div class="field">
                    <label for="embed-limit">"Headlines"</label>
                    <p class="hint" id="embed-limit-hint">"From " {MIN_LIMIT} " to " {MAX_LIMIT} "."</p>
                    <input id="embed-limit" name="limit" type="number" min=MIN_LIMIT max=MAX_LIMIT
                        inputmode="numeric" aria-describedby="embed-limit-hint" value=options.limit.to_string()/>
                </div>
                <div class="field">
                    <label for="embed-theme">"Theme"</label>
                    <select id="embed-theme" name="theme">{theme_options}</select>
                </div>
                <fieldset class="field">
                    <legend>"Show with each headline"</legend>
                    {check("dates", "Date", options.dates)}
                    {check("images", "Picture", options.images)}
                    {check("standfirst", "Summary", options.standfirst)}
                    {check("most_read", "Most read instead of newest", options.most_read)}
                </fieldset>
                <p class="embed-submit"><button type="submit" class="button">"Show preview and snippet"</button></p>
            </form>
            <h2>"Preview"</h2>
            <iframe class="embed-preview" title="Preview of your widget" src=src height=height.to_string()></iframe>
            <h2 id="embed-snippet-heading">"Your snippet"</h2>
            // Not a `<textarea>`: Leptos writes a textarea's children unescaped (tachys's `ESCAPE_CHILDREN` is
            // false for it), so text in one could close it. A `<pre>`'s text is escaped like any other.
            <pre id="embed-snippet" class="embed-snippet" tabindex="0" aria-labelledby="embed-snippet-heading"><code>{snippet}</code></pre>
            <p class="embed-copy" hidden><button type="button" class="button">"Copy snippet"</button></p>
            <p class="form-status" role="status"></p>
            <p>"The widget sets no cookies and stores nothing. It cannot navigate or script your page; if you
                sandbox it, allow scripts, same-origin and popups (so headlines open in a new tab). Sites that
                take oEmbed can paste the widget's address instead."</p>
            <script src="/embed-builder.js" defer></script>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn section(slug: &str, name: &str) -> Section {
        Section {
            slug: slug.into(),
            name: name.into(),
            description: String::new(),
        }
    }

    fn render(main: EmbedBuilderMain) -> Html {
        let html = Owner::new().with(|| view! { <EmbedBuilderView main=main/> }.to_html());
        Html::parse_fragment(&html)
    }

    fn one(doc: &Html, css: &str) -> String {
        let sel = Selector::parse(css).expect("a valid selector");
        doc.select(&sel)
            .next()
            .map(|e| e.html())
            .unwrap_or_else(|| panic!("no {css}"))
    }

    #[test]
    fn the_page_shows_the_chosen_widget_and_its_snippet_as_text() {
        let doc = render(EmbedBuilderMain {
            sections: vec![
                section("housing", "Housing"),
                section("finance", "Finance & <Tax>"),
            ],
            section: "finance".into(),
            options: WidgetOptions {
                limit: 3,
                theme: Theme::Dark,
                ..WidgetOptions::default()
            },
            origin: "https://broadsheet.example".into(),
        });
        assert!(one(&doc, "#embed-section option[selected]").contains("value=\"finance\""));
        assert!(one(&doc, "#embed-theme option[selected]").contains("value=\"dark\""));
        assert!(one(&doc, "#embed-limit").contains("value=\"3\""));
        assert!(one(&doc, "#embed-dates").contains("checked"));
        assert!(!one(&doc, "#embed-images").contains("checked"));
        assert!(one(&doc, "iframe").contains("src=\"/embed/finance?limit=3&amp;theme=dark"));
        // The snippet is the `pre`'s text, never markup of this page.
        let sel = Selector::parse("#embed-snippet").expect("selector");
        let text: String = doc.select(&sel).flat_map(|e| e.text()).collect();
        assert!(text
            .starts_with("<div data-broadsheet-widget data-section=\"finance\" data-limit=\"3\""));
        assert!(text.contains("Finance &amp; &lt;Tax&gt; news on Broadsheet"));
        assert_eq!(
            doc.select(&Selector::parse("div[data-broadsheet-widget]").expect("selector"))
                .count(),
            0
        );
    }
}
