//! Newsletters: the editions a reader can sign up for, what the sign-up form sends, and the addresses of the
//! pages and the API endpoint that handle it. The app, the server's pages and the emails all use these.

use serde::{Deserialize, Serialize};

/// The sign-up page, and where the plain (script-free) sign-up form posts (`application/x-www-form-urlencoded`).
pub const NEWSLETTER_PATH: &str = "/newsletter";
/// The confirmation link's page: `?token=…` (double opt-in).
pub const CONFIRM_PATH: &str = "/newsletter/confirm";
/// A subscriber's preferences: `?token=…`, no login.
pub const PREFERENCES_PATH: &str = "/newsletter/preferences";
/// Unsubscribing: `?token=…`. A `POST` here unsubscribes at once (RFC 8058 one-click, and the page's button).
pub const UNSUBSCRIBE_PATH: &str = "/newsletter/unsubscribe";
/// The privacy notice the sign-up form's consent line links to.
pub const PRIVACY_PATH: &str = "/privacy";
/// The API endpoint the app posts a [`NewSignup`] to, as JSON, under [`crate::API_BASE`]; it answers a
/// [`SignupAnswer`] (202), or an `ApiError` with `fields` (422) or `Retry-After` (429).
pub const SIGNUP_API_PATH: &str = "/newsletter/signups";

/// What every accepted sign-up is told, whether the address was new, pending or already confirmed (so the answer
/// never reveals who is subscribed).
pub const CHECK_INBOX: &str = "Check your inbox to confirm. If this address is new to us, we have sent it a link that works for 48 hours.";

/// How long a confirmation link works, in hours; unconfirmed sign-ups are deleted after it.
pub const CONFIRM_HOURS: u64 = 48;

/// A newsletter a reader can receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Edition {
    /// The week's round-up, on Fridays: the editor's comment, then the week's articles by section.
    Weekly,
    /// A short briefing each weekday morning: the last day's articles by section.
    Daily,
}

impl Edition {
    /// Every edition, in the order the form lists them.
    pub const ALL: [Edition; 2] = [Edition::Weekly, Edition::Daily];

    /// The form value and the stored name: `weekly`, `daily`.
    pub fn slug(self) -> &'static str {
        match self {
            Edition::Weekly => "weekly",
            Edition::Daily => "daily",
        }
    }

    /// The edition named by `slug`.
    pub fn parse(slug: &str) -> Option<Edition> {
        Edition::ALL.into_iter().find(|e| e.slug() == slug)
    }

    /// Its name, as the form and the emails show it.
    pub fn name(self) -> &'static str {
        match self {
            Edition::Weekly => "The Week",
            Edition::Daily => "Morning Briefing",
        }
    }

    /// When it comes and what is in it, in a few words.
    pub fn description(self) -> &'static str {
        match self {
            Edition::Weekly => {
                "Every Friday: the week's public-sector news, with the editor's view."
            }
            Edition::Daily => "Weekday mornings: the last day's stories in five minutes.",
        }
    }

    /// How many days of articles one edition covers.
    pub fn period_days(self) -> i64 {
        match self {
            Edition::Weekly => 7,
            Edition::Daily => 1,
        }
    }
}

/// A sign-up as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSignup {
    /// The address as the reader typed it: at most 254 bytes (RFC 5321), and one a mail relay takes (`422`
    /// otherwise, naming the field).
    #[cfg_attr(feature = "openapi", schema(format = Email, min_length = 1, max_length = 254))]
    pub email: String,
    /// The editions chosen; at least one.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub editions: Vec<Edition>,
    /// Left empty by people; a form field hidden from them that bots fill in (honeypot).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
}

impl NewSignup {
    /// Reads the plain form's body (`email=…&editions=weekly&editions=daily&website=`). Unknown editions and
    /// fields are ignored; a repeated edition counts once.
    pub fn from_form(body: &[u8]) -> NewSignup {
        let mut out = NewSignup::default();
        for (key, value) in form_urlencoded::parse(body) {
            match &*key {
                "email" => out.email = value.into_owned(),
                "website" => out.website = value.into_owned(),
                "editions" => {
                    if let Some(e) = Edition::parse(&value) {
                        if !out.editions.contains(&e) {
                            out.editions.push(e);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// The answer to an accepted sign-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupAnswer {
    /// What to tell the reader: [`CHECK_INBOX`].
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_form_is_read_like_the_json() {
        let form = NewSignup::from_form(
            b"email=Ann%40Example.org&editions=weekly&editions=daily&editions=weekly&editions=monthly&website=&x=1",
        );
        assert_eq!(
            form,
            NewSignup {
                email: "Ann@Example.org".into(),
                editions: vec![Edition::Weekly, Edition::Daily],
                website: String::new(),
            }
        );
        let json: NewSignup =
            serde_json::from_str(r#"{"email":"Ann@Example.org","editions":["weekly","daily"]}"#)
                .unwrap();
        assert_eq!(json, form);
    }

    #[test]
    fn editions_round_trip_by_slug() {
        for e in Edition::ALL {
            assert_eq!(Edition::parse(e.slug()), Some(e));
            assert_eq!(
                serde_json::to_string(&e).unwrap(),
                format!("\"{}\"", e.slug())
            );
        }
        assert_eq!(Edition::parse("monthly"), None);
    }
}
