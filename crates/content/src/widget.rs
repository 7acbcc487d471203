//! A partner widget's options, defined once: the server reads them from a widget's query string, the snippet
//! builder writes them, and `public/embed.js` (the loader partners paste) is tested against them. Every value is
//! optional, and a bad one falls back to its default (a partner's typo must still give a working box).

use std::collections::HashMap;

/// The page for partners that builds a widget's snippet (`/embed`; a widget itself is `/embed/{section}`). The
/// server alone serves it.
pub const BUILDER_PATH: &str = "/embed";

/// A live blog's widget: `{LIVE_WIDGET_PATH}/{section}/{slug}`, its latest posts (`limit`, `theme` and `dates`
/// apply; the loader's `data-live="{section}/{slug}"` makes one).
pub const LIVE_WIDGET_PATH: &str = "/embed/live";

/// The fewest headlines a widget shows.
pub const MIN_LIMIT: u32 = 1;
/// The most headlines a widget shows.
pub const MAX_LIMIT: u32 = 10;
/// Headlines shown when the snippet does not say.
pub const DEFAULT_LIMIT: u32 = 5;

/// Light, dark, or following the reader's system setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    Auto,
}

impl Theme {
    /// Every theme, the default ([`Theme::Auto`]) first.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The theme named `s`; `None` for any other value.
    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// What the snippet builder calls it.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::Auto => "Follow the reader's setting",
        }
    }

    /// Its value in URLs and attributes: `light`, `dark`, `auto`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// The on/off options by name, with their defaults, in the order a widget URL names them.
pub const FLAGS: [(&str, bool); 4] = [
    ("images", false),
    ("dates", true),
    ("standfirst", false),
    ("most_read", false),
];

/// What a widget shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetOptions {
    pub limit: u32,
    pub theme: Theme,
    pub images: bool,
    pub dates: bool,
    pub standfirst: bool,
    /// The section's most read articles (`crate::reads`) instead of its newest.
    pub most_read: bool,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            limit: DEFAULT_LIMIT,
            theme: Theme::Auto,
            images: false,
            dates: true,
            standfirst: false,
            most_read: false,
        }
    }
}

fn flag(raw: Option<&String>, default: bool) -> bool {
    match raw.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("1" | "true" | "yes" | "on") => true,
        Some("0" | "false" | "no" | "off") => false,
        _ => default,
    }
}

impl WidgetOptions {
    /// Reads the options; `limit` is clamped to [`MIN_LIMIT`]–[`MAX_LIMIT`], unknown values take the default.
    pub fn from_query(q: &HashMap<String, String>) -> Self {
        let d = WidgetOptions::default();
        let limit = q
            .get("limit")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .map_or(d.limit, |n| {
                n.clamp(i64::from(MIN_LIMIT), i64::from(MAX_LIMIT)) as u32
            });
        let theme = q
            .get("theme")
            .and_then(|s| Theme::parse(s.trim()))
            .unwrap_or(d.theme);
        WidgetOptions {
            limit,
            theme,
            images: flag(q.get("images"), d.images),
            dates: flag(q.get("dates"), d.dates),
            standfirst: flag(q.get("standfirst"), d.standfirst),
            most_read: flag(q.get("most_read"), d.most_read),
        }
    }

    /// The options as a query string (without `?`), in a fixed order (the flags in [`FLAGS`]'s): the canonical
    /// form of a widget URL. `limit` is clamped as [`WidgetOptions::from_query`] clamps it. Every value is a
    /// number or a theme's name, so nothing needs encoding.
    pub fn to_query(&self) -> String {
        let b = u8::from;
        format!(
            "limit={}&theme={}&images={}&dates={}&standfirst={}&most_read={}",
            self.limit.clamp(MIN_LIMIT, MAX_LIMIT),
            self.theme.as_str(),
            b(self.images),
            b(self.dates),
            b(self.standfirst),
            b(self.most_read)
        )
    }

    /// The snippet's `data-` attributes after `data-section`: limit and theme always, each flag only where it is
    /// not its default ([`FLAGS`]), as `data-images="1"`.
    pub fn data_attributes(&self) -> String {
        let mut out = format!(
            "data-limit=\"{}\" data-theme=\"{}\"",
            self.limit.clamp(MIN_LIMIT, MAX_LIMIT),
            self.theme.as_str()
        );
        let d = WidgetOptions::default();
        for (name, on, default) in [
            ("images", self.images, d.images),
            ("dates", self.dates, d.dates),
            ("standfirst", self.standfirst, d.standfirst),
            ("most_read", self.most_read, d.most_read),
        ] {
            if on != default {
                out.push_str(&format!(" data-{name}=\"{}\"", u8::from(on)));
            }
        }
        out
    }

    /// The widget's address on this site for `section`, without `origin` and `id` (which the loader adds):
    /// `/embed/housing?limit=5&theme=auto&images=0&dates=1&standfirst=0&most_read=0`.
    pub fn src(&self, section: &str) -> String {
        format!("/embed/{section}?{}", self.to_query())
    }

    /// The copy-paste snippet for a partner's page: the widget's `div` with its `data-` attributes, whose link is
    /// what readers without JavaScript see, then the loader from `origin` (`https://broadsheet.example`). It is
    /// text for the partner to paste, so the section's name is HTML-escaped here; `section` is a slug.
    pub fn snippet(&self, origin: &str, section: &str, section_name: &str) -> String {
        let name = section_name
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!(
            "<div data-broadsheet-widget data-section=\"{section}\" {}>\
             <a href=\"{origin}/{section}\">{name} news on Broadsheet</a></div>\n\
             <script src=\"{origin}/embed.js\" async></script>",
            self.data_attributes()
        )
    }

    /// A height in CSS pixels that fits the widget without the loader (plain iframes, oEmbed).
    pub fn estimated_height(&self) -> u32 {
        let row = match (self.images, self.standfirst) {
            (true, _) => 88,
            (false, true) => 96,
            (false, false) => 52,
        } + if self.dates { 20 } else { 0 };
        96 + self.limit * row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn limits_are_clamped_and_bad_values_fall_back() {
        assert_eq!(WidgetOptions::from_query(&q(&[("limit", "0")])).limit, 1);
        assert_eq!(WidgetOptions::from_query(&q(&[("limit", "99")])).limit, 10);
        assert_eq!(WidgetOptions::from_query(&q(&[("limit", "-4")])).limit, 1);
        assert_eq!(WidgetOptions::from_query(&q(&[("limit", "x")])).limit, 5);
        let o =
            WidgetOptions::from_query(&q(&[("theme", "neon"), ("images", "1"), ("dates", "0")]));
        assert_eq!(o.theme, Theme::Auto);
        assert!(o.images && !o.dates && !o.standfirst);
        assert_eq!(
            o.to_query(),
            "limit=5&theme=auto&images=1&dates=0&standfirst=0&most_read=0"
        );
    }

    /// The value of `var NAME = …;` in the partners' loader.
    fn loader_declaration(name: &str) -> String {
        let js = include_str!("../../../public/embed.js");
        let line = js
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(&format!("var {name} = ")))
            .unwrap_or_else(|| panic!("embed.js declares {name}"));
        line[format!("var {name} = ").len()..]
            .trim_end_matches(';')
            .to_string()
    }

    #[test]
    fn the_partners_loader_follows_these_rules() {
        assert_eq!(
            loader_declaration("LIMIT"),
            format!("{{ min: {MIN_LIMIT}, max: {MAX_LIMIT}, dflt: {DEFAULT_LIMIT} }}")
        );
        let themes: Vec<String> = Theme::ALL
            .iter()
            .map(|t| format!("'{}'", t.as_str()))
            .collect();
        assert_eq!(
            loader_declaration("THEMES"),
            format!("[{}]", themes.join(", "))
        );
        assert_eq!(WidgetOptions::default().theme, Theme::ALL[0]);
        let flags: Vec<String> = FLAGS
            .iter()
            .map(|(name, on)| format!("{name}: {}", u8::from(*on)))
            .collect();
        assert_eq!(
            loader_declaration("FLAGS"),
            format!("{{ {} }}", flags.join(", "))
        );
        assert_eq!(loader_declaration("LIVE"), format!("'{LIVE_WIDGET_PATH}'"));
        let d = WidgetOptions::default();
        assert_eq!(
            FLAGS,
            [
                ("images", d.images),
                ("dates", d.dates),
                ("standfirst", d.standfirst),
                ("most_read", d.most_read)
            ]
        );
    }

    #[test]
    fn the_snippet_names_only_what_differs_from_the_defaults() {
        let d = WidgetOptions::default();
        assert_eq!(
            d.snippet("https://broadsheet.example", "health-and-social-care", "Health & <Social> Care"),
            "<div data-broadsheet-widget data-section=\"health-and-social-care\" data-limit=\"5\" data-theme=\"auto\">\
             <a href=\"https://broadsheet.example/health-and-social-care\">Health &amp; &lt;Social&gt; Care news on Broadsheet</a>\
             </div>\n<script src=\"https://broadsheet.example/embed.js\" async></script>"
        );
        let o = WidgetOptions {
            limit: 40,
            theme: Theme::Dark,
            images: true,
            dates: false,
            standfirst: false,
            most_read: false,
        };
        assert!(o
            .snippet("http://x", "housing", "Housing")
            .contains("data-limit=\"10\" data-theme=\"dark\" data-images=\"1\" data-dates=\"0\">"));
        assert_eq!(
            o.src("housing"),
            "/embed/housing?limit=10&theme=dark&images=1&dates=0&standfirst=0&most_read=0"
        );
        // What the builder writes, a widget reads back the same.
        let back = WidgetOptions::from_query(&q(&[
            ("limit", "10"),
            ("theme", "dark"),
            ("images", "1"),
            ("dates", "0"),
        ]));
        assert_eq!(back, WidgetOptions { limit: 10, ..o });
    }
}
