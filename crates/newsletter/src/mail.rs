//! Messages, built with lettre: the confirmation, and each reader's copy of an edition. Every message has a
//! plain-text and an HTML part (`multipart/alternative`), a `Message-ID`, and the links and headers a reader
//! needs to leave: `List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) and,
//! on editions, `List-Id` (RFC 2919).

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

/// A reader's own links, absolute.
#[derive(Debug, Clone)]
pub struct ReaderLinks {
    pub unsubscribe: String,
    pub preferences: String,
}

/// What one message says and to whom.
pub struct Outgoing<'a> {
    pub from: &'a Mailbox,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: String,
    pub html: String,
    /// `<…>` included.
    pub message_id: String,
    pub links: &'a ReaderLinks,
    /// `List-Id`: (description, id) as in `The Week <weekly.newsletter.example.org>`.
    pub list_id: Option<(&'a str, String)>,
}

/// Why a message could not be built: the recipient's address no longer parses (it did when stored).
#[derive(Debug)]
pub struct BuildError(pub String);

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn header(name: &str, value: String) -> Result<HeaderValue, BuildError> {
    let name = HeaderName::new_from_ascii(name.to_string())
        .map_err(|_| BuildError(format!("bad header name {name}")))?;
    Ok(HeaderValue::new(name, value))
}

/// The whole message (RFC 5322), ready for SMTP.
pub fn build(m: Outgoing<'_>) -> Result<Vec<u8>, BuildError> {
    let to: Mailbox =
        m.to.parse()
            .map_err(|e| BuildError(format!("recipient {}: {e}", m.to)))?;
    let mut builder = Message::builder()
        .from(m.from.clone())
        .to(to)
        .subject(m.subject)
        .message_id(Some(m.message_id))
        .raw_header(header(
            "List-Unsubscribe",
            format!("<{}>", m.links.unsubscribe),
        )?)
        .raw_header(header(
            "List-Unsubscribe-Post",
            "List-Unsubscribe=One-Click".into(),
        )?);
    if let Some((name, id)) = m.list_id {
        builder = builder.raw_header(header("List-Id", format!("{name} <{id}>"))?);
    }
    let message = builder
        .multipart(MultiPart::alternative_plain_html(m.text, m.html))
        .map_err(|e| BuildError(e.to_string()))?;
    Ok(message.formatted())
}

/// The `@host` part of Message-IDs and List-Ids: the public URL's host, else the from address's domain.
pub fn id_host(public_url: &str, from: &Mailbox) -> String {
    public_url
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', ':']).next().unwrap_or_default())
        .filter(|h| !h.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| from.email.domain().to_string())
}
