//! Posting a comment: what a reader sends, the rules it must meet (shared, so the app checks inline exactly what
//! the server enforces), and what the server answers.

use serde::{Deserialize, Serialize};

use crate::{has_visible, without_unpaired_bidi};

/// The most characters of a display name.
pub const NAME_MAX: usize = 60;
/// The most characters of a comment.
pub const BODY_MAX: usize = 3000;
/// The most links a comment may hold.
pub const LINKS_MAX: usize = 3;

/// The server page where a reader writes a comment on an article: `{COMMENT_PATH}/{section}/{slug}` (GET shows
/// the form, POST takes it as a plain form and answers a page). The app links to it with a full navigation: the
/// form's code stays out of the wasm that every reader downloads (docs/performance.md).
pub const COMMENT_PATH: &str = "/comment";

/// The comment page of the article `/{section}/{slug}`.
pub fn comment_href(section: &str, slug: &str) -> String {
    format!("{COMMENT_PATH}/{section}/{slug}")
}

/// A comment as a reader posts it. No e-mail or other personal data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewComment {
    /// The display name shown with the comment: at most 60 characters as sent, on one line, with at least one
    /// character a reader can see (a rule JSON Schema cannot state: breaking it is `422`).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
    pub name: String,
    /// Plain text; line breaks are kept. At most 3000 characters as sent and 3 links, with at least one character
    /// a reader can see (`422` otherwise).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 3000))]
    pub body: String,
    /// Chosen by the client for this draft; posting the same key again stores nothing new (safe retries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{8,64}$"))]
    pub key: Option<String>,
    /// Left empty by people; a form field hidden from them that bots fill in (honeypot).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
}

impl NewComment {
    /// A comment as the comment page's plain form sends it (`application/x-www-form-urlencoded`: `name`, `body`,
    /// `key`, `website`); missing fields are empty, a missing or empty key is none.
    pub fn from_form(body: &[u8]) -> NewComment {
        let mut out = NewComment::default();
        for (key, value) in form_urlencoded::parse(body) {
            match &*key {
                "name" => out.name = value.into_owned(),
                "body" => out.body = value.into_owned(),
                "key" if !value.is_empty() => out.key = Some(value.into_owned()),
                "website" => out.website = value.into_owned(),
                _ => {}
            }
        }
        out
    }
}

/// Where a comment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    /// Waiting for an editor.
    Pending,
    /// Shown to readers.
    Published,
    /// Turned down by an editor.
    Rejected,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Published => "published",
            CommentStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<CommentStatus> {
        match s {
            "pending" => Some(CommentStatus::Pending),
            "published" => Some(CommentStatus::Published),
            "rejected" => Some(CommentStatus::Rejected),
            _ => None,
        }
    }
}

/// The answer to a post: the stored comment's id and whether readers see it yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostedComment {
    pub id: i64,
    pub status: CommentStatus,
    /// A sentence for the reader ("Thanks, your comment will appear once an editor has approved it.").
    pub message: String,
}

/// A problem with one field of a posted form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// `name` or `body`.
    pub field: String,
    /// What to change, in words for the reader.
    pub message: String,
}

impl FieldError {
    fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// How many links a text holds (`http://`, `https://`, `www.`), however they are written.
pub fn count_links(text: &str) -> usize {
    let lower = text.to_lowercase();
    ["http://", "https://"]
        .iter()
        .map(|p| lower.matches(p).count())
        .sum::<usize>()
        + lower
            .match_indices("www.")
            .filter(|(i, _)| !lower[..*i].ends_with("//"))
            .count()
}

impl NewComment {
    /// The name and body as they are stored: without unpaired bidi controls (`text::without_unpaired_bidi`),
    /// trimmed, with Windows line endings made plain.
    pub fn cleaned(&self) -> (String, String) {
        (
            without_unpaired_bidi(&self.name).trim().to_string(),
            without_unpaired_bidi(&self.body.replace("\r\n", "\n"))
                .trim()
                .to_string(),
        )
    }

    /// Every rule the comment breaks, in form order; empty when it may be posted.
    pub fn problems(&self) -> Vec<FieldError> {
        let (name, body) = self.cleaned();
        let mut out = Vec::new();
        if !has_visible(&name) {
            out.push(FieldError::new(
                "name",
                "Enter the name to show with your comment.",
            ));
        } else if self.name.chars().count() > NAME_MAX {
            out.push(FieldError::new(
                "name",
                format!("Your name can be at most {NAME_MAX} characters."),
            ));
        } else if name.chars().any(char::is_control) {
            out.push(FieldError::new("name", "Your name must be on one line."));
        }
        if !has_visible(&body) {
            out.push(FieldError::new("body", "Write your comment."));
        } else if self.body.chars().count() > BODY_MAX {
            out.push(FieldError::new(
                "body",
                format!("Your comment can be at most {BODY_MAX} characters."),
            ));
        } else if count_links(&body) > LINKS_MAX {
            out.push(FieldError::new(
                "body",
                format!("A comment can hold at most {LINKS_MAX} links."),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(name: &str, body: &str) -> NewComment {
        NewComment {
            name: name.into(),
            body: body.into(),
            ..Default::default()
        }
    }

    fn fields(c: &NewComment) -> Vec<String> {
        c.problems().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_plain_comment_passes() {
        assert!(comment("Ann", "Good piece.\nThanks.").problems().is_empty());
    }

    #[test]
    fn empty_and_invisible_text_is_refused() {
        assert_eq!(fields(&comment("", "")), ["name", "body"]);
        assert_eq!(fields(&comment("  \t", " \n ")), ["name", "body"]);
        assert_eq!(
            fields(&comment("\u{200B}\u{FEFF}", "\u{00AD}")),
            ["name", "body"]
        );
        // Blanks that are not white space: Braille blanks, a Hangul filler, marks with no base.
        assert_eq!(
            fields(&comment("\u{2800}\u{2800}\u{2800}", "\u{3164}")),
            ["name", "body"]
        );
        assert_eq!(fields(&comment("\u{0301}\u{0301}", "ok")), ["name"]);
    }

    #[test]
    fn lengths_count_characters_as_sent() {
        // As the OpenAPI document's maxLength counts them: every character sent, spaces around included.
        let name = "é".repeat(NAME_MAX);
        assert!(comment(&name, "ok").problems().is_empty());
        assert_eq!(fields(&comment(&format!(" {name}"), "ok")), ["name"]);
        assert_eq!(fields(&comment(&format!("{name}e"), "ok")), ["name"]);
        assert!(comment("Ann", &"ü".repeat(BODY_MAX)).problems().is_empty());
        assert_eq!(fields(&comment("Ann", &"ü".repeat(BODY_MAX + 1))), ["body"]);
    }

    #[test]
    fn names_are_one_line_and_links_are_capped() {
        assert_eq!(fields(&comment("Ann\nBell", "ok")), ["name"]);
        let three = "see https://a.example, http://b.example and www.c.example";
        assert!(comment("Ann", three).problems().is_empty());
        assert_eq!(count_links("https://www.a.example HTTPS://b.example"), 2);
        assert_eq!(
            fields(&comment("Ann", &format!("{three} www.d.example"))),
            ["body"]
        );
    }

    #[test]
    fn cleaning_trims_and_normalises_line_endings() {
        let c = comment("  Ann ", "\r\n one\r\ntwo \r\n");
        assert_eq!(c.cleaned(), ("Ann".to_string(), "one\ntwo".to_string()));
        let bidi = comment("Ann\u{202E} ", "\u{2067}שלום\u{2069}\r\nok\u{202B}");
        assert_eq!(
            bidi.cleaned(),
            ("Ann".to_string(), "\u{2067}שלום\u{2069}\nok".to_string())
        );
    }
}
