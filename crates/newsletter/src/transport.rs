//! Where mail goes: an SMTP relay (`smtp://`, `smtps://`, with a pool of connections) or an outbox folder of
//! `.eml` files, behind one `send`.

use std::path::{Path, PathBuf};

use lettre::address::Envelope;
use lettre::{FileTransport, SmtpTransport, Transport as _};

/// The outbox's folder of messages still being written (same file system, so a rename moves them in whole).
const INCOMING: &str = ".incoming";

/// Where mail goes.
pub enum Transport {
    /// An SMTP relay (`smtp://host:port`, `smtps://user:pass@host`, as lettre reads them).
    Smtp(SmtpTransport),
    /// `.eml` files in a folder, for development (no relay configured). Lettre writes each into the hidden
    /// `.incoming` folder beside them, and it is moved in whole: a reader of the folder never sees half a message.
    Outbox(FileTransport, PathBuf),
}

/// Why a message did not go.
#[derive(Debug)]
pub enum SendError {
    /// The relay refused it for good (5xx): not retried.
    Permanent(String),
    /// The relay asked to try later (4xx), or could not be reached: retried with backoff.
    Transient(String),
}

impl Transport {
    /// The relay at `smtp_url`, or else the outbox folder (created).
    pub fn new(smtp_url: Option<&str>, outbox: &Path) -> Result<Transport, String> {
        match smtp_url {
            Some(url) => SmtpTransport::from_url(url)
                .map(|b| {
                    Transport::Smtp(b.timeout(Some(std::time::Duration::from_secs(20))).build())
                })
                .map_err(|e| format!("--smtp-url: {e}")),
            None => {
                // Made when the first message is written; printed at start as a full path, so a developer can
                // open the confirmation mail.
                let dir = std::path::absolute(outbox).unwrap_or_else(|_| outbox.to_path_buf());
                Ok(Transport::Outbox(
                    FileTransport::new(dir.join(INCOMING)),
                    dir,
                ))
            }
        }
    }

    /// Where mail goes, for people: the relay's URL is not repeated (it may hold a password).
    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp(_) => "the SMTP relay".into(),
            Transport::Outbox(_, dir) => format!("the outbox folder {}", dir.display()),
        }
    }

    /// Hands one message to the relay or writes it to the outbox.
    pub fn send(&self, envelope: &Envelope, raw: &[u8]) -> Result<(), SendError> {
        match self {
            Transport::Smtp(t) => t.send_raw(envelope, raw).map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Transport::Outbox(t, dir) => {
                let outbox_error = |e: std::io::Error| {
                    SendError::Transient(format!("outbox {}: {e}", dir.display()))
                };
                std::fs::create_dir_all(dir.join(INCOMING)).map_err(outbox_error)?;
                let id = t
                    .send_raw(envelope, raw)
                    .map_err(|e| SendError::Transient(e.to_string()))?;
                let name = format!("{id}.eml");
                std::fs::rename(dir.join(INCOMING).join(&name), dir.join(&name))
                    .map_err(outbox_error)
            }
        }
    }
}
