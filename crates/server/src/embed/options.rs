//! A widget's options, from its query string: every value is optional, and a bad one falls back to its default
//! (a partner's typo must still give a working box).

use std::collections::HashMap;

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
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// What a widget shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetOptions {
    pub limit: u32,
    pub theme: Theme,
    pub images: bool,
    pub dates: bool,
    pub standfirst: bool,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            limit: DEFAULT_LIMIT,
            theme: Theme::Auto,
            images: false,
            dates: true,
            standfirst: false,
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
    /// Reads the options; `limit` is clamped to 1–10, unknown values take the default.
    pub fn from_query(q: &HashMap<String, String>) -> Self {
        let d = WidgetOptions::default();
        let limit = q
            .get("limit")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .map_or(d.limit, |n| n.clamp(1, i64::from(MAX_LIMIT)) as u32);
        let theme = match q.get("theme").map(|s| s.trim()) {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        };
        WidgetOptions {
            limit,
            theme,
            images: flag(q.get("images"), d.images),
            dates: flag(q.get("dates"), d.dates),
            standfirst: flag(q.get("standfirst"), d.standfirst),
        }
    }

    /// The options as a query string (without `?`), in a fixed order: the canonical form of a widget URL.
    pub fn to_query(&self) -> String {
        let b = |v: bool| if v { "1" } else { "0" };
        format!(
            "limit={}&theme={}&images={}&dates={}&standfirst={}",
            self.limit,
            self.theme.as_str(),
            b(self.images),
            b(self.dates),
            b(self.standfirst)
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
            "limit=5&theme=auto&images=1&dates=0&standfirst=0"
        );
    }
}
