//! The partner widget as a partner configures it: its URL and the snippet to paste. Pure, so tested natively.
//! The rules are the contract's (`broadsheet_content::widget`): the limits are its constants, and the tests hold
//! the themes, the URL and the snippet's defaults to it (the app does not call its parser, which costs the wasm
//! bytes it does not need).

use broadsheet_content::widget::{MAX_LIMIT, MIN_LIMIT};

/// Themes a widget can take.
pub const THEMES: [(&str, &str); 3] = [
    ("auto", "Follow the reader's setting"),
    ("light", "Light"),
    ("dark", "Dark"),
];

/// What a partner chose on the `/embed` page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetChoice {
    pub section: String,
    pub section_name: String,
    pub limit: u32,
    pub theme: String,
    pub images: bool,
    pub dates: bool,
    pub standfirst: bool,
}

impl WidgetChoice {
    /// The widget's address on this site (as the loader builds it, without `origin` and `id`).
    pub fn src(&self) -> String {
        let b = |v: bool| u8::from(v);
        format!(
            "/embed/{}?limit={}&theme={}&images={}&dates={}&standfirst={}",
            self.section,
            self.limit.clamp(MIN_LIMIT, MAX_LIMIT),
            self.theme,
            b(self.images),
            b(self.dates),
            b(self.standfirst)
        )
    }

    /// The copy-paste snippet for a page elsewhere; `origin` is this site's (`https://broadsheet.example`).
    /// Options at their defaults are left out; the link inside is what readers without JavaScript see.
    pub fn snippet(&self, origin: &str) -> String {
        let mut attrs = format!(
            "data-broadsheet-widget data-section=\"{}\" data-limit=\"{}\" data-theme=\"{}\"",
            self.section,
            self.limit.clamp(MIN_LIMIT, MAX_LIMIT),
            self.theme
        );
        for (on, default, name) in [
            (self.images, false, "images"),
            (self.dates, true, "dates"),
            (self.standfirst, false, "standfirst"),
        ] {
            if on != default {
                attrs.push_str(&format!(" data-{name}=\"{}\"", u8::from(on)));
            }
        }
        let name = self
            .section_name
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!(
            "<div {attrs}><a href=\"{origin}/{}\">{name} news on Broadsheet</a></div>\n\
             <script src=\"{origin}/embed.js\" async></script>",
            self.section
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::widget::{Theme, WidgetOptions, DEFAULT_LIMIT, FLAGS};

    #[test]
    fn the_builder_follows_the_contract() {
        let themes: Vec<(&str, &str)> =
            Theme::ALL.iter().map(|t| (t.as_str(), t.label())).collect();
        assert_eq!(THEMES.to_vec(), themes, "the themes, the default first");
        let d = WidgetOptions::default();
        assert_eq!((d.limit, d.theme.as_str()), (DEFAULT_LIMIT, THEMES[0].0));
        assert_eq!(
            FLAGS,
            [("images", false), ("dates", true), ("standfirst", false)]
        );
        for (limit, theme, images, dates, standfirst) in [
            (5, Theme::Auto, false, true, false),
            (40, Theme::Dark, true, false, true),
            (0, Theme::Light, false, false, false),
        ] {
            let c = WidgetChoice {
                limit,
                theme: theme.as_str().into(),
                images,
                dates,
                standfirst,
                ..choice()
            };
            let o = WidgetOptions {
                limit,
                theme,
                images,
                dates,
                standfirst,
            };
            assert_eq!(c.src(), format!("/embed/{}?{}", c.section, o.to_query()));
            assert!(
                c.snippet("https://x").contains(&o.data_attributes()),
                "{o:?}"
            );
        }
    }

    fn choice() -> WidgetChoice {
        WidgetChoice {
            section: "health-and-social-care".into(),
            section_name: "Health & Social Care".into(),
            limit: 5,
            theme: "auto".into(),
            images: false,
            dates: true,
            standfirst: false,
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
            limit: 40,
            theme: "dark".into(),
            images: true,
            dates: false,
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
