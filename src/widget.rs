//! The partner widget as a partner configures it on `/embed`: its URL and the snippet to paste, from the
//! contract's options (`broadsheet_content::widget`). Pure, so tested natively.

use broadsheet_content::widget::WidgetOptions;

/// What a partner chose on the `/embed` page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetChoice {
    pub section: String,
    pub section_name: String,
    pub options: WidgetOptions,
}

impl WidgetChoice {
    /// The widget's address on this site (as the loader builds it, without `origin` and `id`).
    pub fn src(&self) -> String {
        format!("/embed/{}?{}", self.section, self.options.to_query())
    }

    /// The copy-paste snippet for a page elsewhere; `origin` is this site's (`https://broadsheet.example`).
    /// Options at their defaults are left out; the link inside is what readers without JavaScript see.
    pub fn snippet(&self, origin: &str) -> String {
        let name = self
            .section_name
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!(
            "<div data-broadsheet-widget data-section=\"{}\" {}><a href=\"{origin}/{}\">{name} news on Broadsheet</a></div>\n\
             <script src=\"{origin}/embed.js\" async></script>",
            self.section,
            self.options.data_attributes(),
            self.section
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::widget::Theme;

    fn choice() -> WidgetChoice {
        WidgetChoice {
            section: "health-and-social-care".into(),
            section_name: "Health & Social Care".into(),
            options: WidgetOptions::default(),
        }
    }

    #[test]
    fn snippet_names_only_what_differs_from_the_defaults() {
        let s = choice().snippet("https://broadsheet.example");
        assert_eq!(
            s,
            "<div data-broadsheet-widget data-section=\"health-and-social-care\" data-limit=\"5\" data-theme=\"auto\">\
             <a href=\"https://broadsheet.example/health-and-social-care\">Health &amp; Social Care news on Broadsheet</a>\
             </div>\n<script src=\"https://broadsheet.example/embed.js\" async></script>"
        );
        let c = WidgetChoice {
            options: WidgetOptions {
                limit: 40,
                theme: Theme::Dark,
                images: true,
                dates: false,
                standfirst: false,
            },
            ..choice()
        };
        let s = c.snippet("http://x");
        assert!(
            s.contains("data-limit=\"10\" data-theme=\"dark\" data-images=\"1\" data-dates=\"0\">")
        );
        assert_eq!(
            c.src(),
            "/embed/health-and-social-care?limit=10&theme=dark&images=1&dates=0&standfirst=0"
        );
    }
}
