//! Webhook signatures: `sha256=<hex>, t=<unix milliseconds>`, the hex being HMAC-SHA256 with the shared secret
//! over the raw body followed by the timestamp's digits. This is Ghost's `X-Ghost-Signature` (Ghost 5,
//! `core/server/services/webhooks/webhook-trigger.js`); the WordPress plugin in docs/sources.md signs its POSTs the
//! same way in `X-Broadsheet-Signature`, so one check serves both.

use std::collections::VecDeque;
use std::sync::Mutex;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How far a signature's time may be from the server's, either way, in milliseconds (5 minutes): an older one
/// is a replay, or a clock to fix.
pub const WINDOW_MS: i64 = 5 * 60 * 1000;

/// Why a signature is refused (the 401's message).
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    Missing,
    Malformed,
    Stale,
    /// A preview link past its time (or claiming more than a day).
    Expired,
    Wrong,
    Replayed,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refused::Missing => "The request is not signed.",
            Refused::Malformed => "The signature is not `sha256=<hex>, t=<milliseconds>`.",
            Refused::Stale => "The signature's time is more than five minutes from the server's.",
            Refused::Expired => {
                "This preview link has expired: open the preview from the editor again."
            }
            Refused::Wrong => "The signature does not match the body and the shared secret.",
            Refused::Replayed => "This signed request was already received.",
        })
    }
}

/// The hex HMAC-SHA256 of `body` followed by `t`, with `secret`.
pub fn sign(secret: &[u8], body: &[u8], t: &str) -> String {
    // `new_from_slice` accepts a key of any length for HMAC; the error arm cannot be reached.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(body);
    mac.update(t.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `sha256=<hex>, t=<ms>` → (hex, ms).
fn parse(header: &str) -> Option<(String, String)> {
    let mut hex = None;
    let mut t = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("sha256", v)) => hex = Some(v.trim().to_ascii_lowercase()),
            Some(("t", v)) => t = Some(v.trim().to_string()),
            _ => {}
        }
    }
    Some((hex?, t?))
}

/// Checks signatures, remembering those seen within the window so that a captured request sent again is refused.
pub struct Verifier {
    secret: Vec<u8>,
    seen: Mutex<VecDeque<(i64, String)>>,
}

impl Verifier {
    pub fn new(secret: &str) -> Verifier {
        Verifier {
            secret: secret.as_bytes().to_vec(),
            seen: Mutex::new(VecDeque::new()),
        }
    }

    /// Accepts `header` for `body` at `now_ms`, or says why not.
    pub fn check(&self, header: Option<&str>, body: &[u8], now_ms: i64) -> Result<(), Refused> {
        let (hex, t) = parse(header.ok_or(Refused::Missing)?).ok_or(Refused::Malformed)?;
        let at: i64 = t.parse().map_err(|_| Refused::Malformed)?;
        if now_ms.abs_diff(at) > WINDOW_MS as u64 {
            return Err(Refused::Stale);
        }
        if !same(&sign(&self.secret, body, &t), &hex) {
            return Err(Refused::Wrong);
        }
        let Ok(mut seen) = self.seen.lock() else {
            return Err(Refused::Replayed);
        };
        while seen
            .front()
            .is_some_and(|(when, _)| now_ms - when > 2 * WINDOW_MS)
        {
            seen.pop_front();
        }
        if seen.iter().any(|(_, s)| *s == hex) {
            return Err(Refused::Replayed);
        }
        seen.push_back((now_ms, hex));
        Ok(())
    }
}

/// How long a preview link may still have to live, in seconds (a day): a link that claims more was not made by
/// the plugin, whose links live ten minutes.
pub const MAX_LINK_LIFE_S: i64 = 24 * 60 * 60;

impl Verifier {
    /// Accepts a signed link to `subject` (`wordpress:12`) that expires at `expires` (unix seconds), signed as a
    /// webhook is (the hex HMAC of the subject followed by `expires`), at `now_s`. A link may be opened again until
    /// it expires.
    pub fn check_link(
        &self,
        subject: &str,
        expires: &str,
        signature: &str,
        now_s: i64,
    ) -> Result<(), Refused> {
        let at: i64 = expires.parse().map_err(|_| Refused::Malformed)?;
        if at < now_s || at > now_s + MAX_LINK_LIFE_S {
            return Err(Refused::Expired);
        }
        let expected = sign(&self.secret, subject.as_bytes(), expires);
        if !same(&expected, &signature.to_ascii_lowercase()) {
            return Err(Refused::Wrong);
        }
        Ok(())
    }
}

/// Constant-time comparison, so the time taken says nothing of how much of a guess was right.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_780_000_000_000;

    fn header(secret: &str, body: &[u8], t: i64) -> String {
        format!(
            "sha256={}, t={t}",
            sign(secret.as_bytes(), body, &t.to_string())
        )
    }

    #[test]
    fn a_signed_request_passes_once() {
        let v = Verifier::new("s3cret");
        let h = header("s3cret", b"{\"post\":{}}", NOW - 1000);
        assert_eq!(v.check(Some(&h), b"{\"post\":{}}", NOW), Ok(()));
        assert_eq!(
            v.check(Some(&h), b"{\"post\":{}}", NOW),
            Err(Refused::Replayed)
        );
    }

    #[test]
    fn forged_stale_and_missing_signatures_are_refused() {
        let v = Verifier::new("s3cret");
        let body = b"{\"post\":{}}";
        assert_eq!(v.check(None, body, NOW), Err(Refused::Missing));
        assert_eq!(
            v.check(Some("sha256=zz"), body, NOW),
            Err(Refused::Malformed)
        );
        let forged = header("guess", body, NOW);
        assert_eq!(v.check(Some(&forged), body, NOW), Err(Refused::Wrong));
        let tampered = header("s3cret", b"{\"post\":{\"x\":1}}", NOW);
        assert_eq!(v.check(Some(&tampered), body, NOW), Err(Refused::Wrong));
        let old = header("s3cret", body, NOW - WINDOW_MS - 1);
        assert_eq!(v.check(Some(&old), body, NOW), Err(Refused::Stale));
    }

    #[test]
    fn a_preview_link_opens_until_it_expires_and_only_for_its_post() {
        let v = Verifier::new("s3cret");
        let now = 1_780_000_000;
        let expires = (now + 600).to_string();
        let sig = sign(b"s3cret", b"wordpress:12", &expires);
        assert_eq!(v.check_link("wordpress:12", &expires, &sig, now), Ok(()));
        assert_eq!(
            v.check_link("wordpress:12", &expires, &sig, now),
            Ok(()),
            "again"
        );
        assert_eq!(
            v.check_link("wordpress:13", &expires, &sig, now),
            Err(Refused::Wrong)
        );
        assert_eq!(
            v.check_link("wordpress:12", &expires, &sig, now + 601),
            Err(Refused::Expired)
        );
        let far = (now + MAX_LINK_LIFE_S + 1).to_string();
        let far_sig = sign(b"s3cret", b"wordpress:12", &far);
        assert_eq!(
            v.check_link("wordpress:12", &far, &far_sig, now),
            Err(Refused::Expired)
        );
    }
}
