//! Signed links: a token names a subscriber and what the link may do, and carries an HMAC-SHA-256 (RFC 2104) of
//! that under the site's secret, so it cannot be made or changed without the secret. No login is needed.
//!
//! Shape: `base64url(payload) "." base64url(mac)`, payload `purpose "." subscriber "." expires "." nonce`
//! (`expires` in Unix seconds, 0 for never). A confirmation token's nonce is the sign-up's, cleared when it
//! is used (single use); a manage token's is the subscriber's, fixed while they are subscribed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What a link may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirm a sign-up (double opt-in).
    Confirm,
    /// Change preferences or unsubscribe.
    Manage,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Confirm => "confirm",
            Purpose::Manage => "manage",
        }
    }
}

/// What a verified token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub subscriber: i64,
    pub nonce: String,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not one of ours: malformed, another purpose, or a wrong signature.
    Invalid,
    /// Ours, but past its time.
    Expired,
}

/// The site's signing key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    pub fn new(key: &[u8]) -> Signer {
        Signer { key: key.to_vec() }
    }

    fn mac(&self, payload: &str) -> Hmac<Sha256> {
        // HMAC takes a key of any length; this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(payload.as_bytes());
        mac
    }

    /// A token for `purpose` on `subscriber` with `nonce`, good until `expires` (Unix seconds; 0: always).
    pub fn sign(&self, purpose: Purpose, subscriber: i64, expires: i64, nonce: &str) -> String {
        let payload = format!("{}.{subscriber}.{expires}.{nonce}", purpose.as_str());
        let mac = self.mac(&payload).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(mac)
        )
    }

    /// The claims of `token` if it is ours, for `purpose`, and in time at `now` (Unix seconds).
    pub fn verify(&self, token: &str, purpose: Purpose, now: i64) -> Result<Claims, Refused> {
        let (payload, mac) = token.trim().split_once('.').ok_or(Refused::Invalid)?;
        let payload = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| Refused::Invalid)?;
        let mac = URL_SAFE_NO_PAD.decode(mac).map_err(|_| Refused::Invalid)?;
        let payload = String::from_utf8(payload).map_err(|_| Refused::Invalid)?;
        // Compared in constant time by the hmac crate.
        self.mac(&payload)
            .verify_slice(&mac)
            .map_err(|_| Refused::Invalid)?;
        let mut parts = payload.splitn(4, '.');
        let (Some(p), Some(id), Some(expires), Some(nonce)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Refused::Invalid);
        };
        if p != purpose.as_str() {
            return Err(Refused::Invalid);
        }
        let subscriber = id.parse().map_err(|_| Refused::Invalid)?;
        let expires: i64 = expires.parse().map_err(|_| Refused::Invalid)?;
        if expires != 0 && now > expires {
            return Err(Refused::Expired);
        }
        Ok(Claims {
            subscriber,
            nonce: nonce.to_string(),
        })
    }
}

/// 16 random bytes as 22 URL-safe characters: a nonce, or (32 bytes) a secret.
pub fn random(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    if getrandom::fill(&mut buf).is_err() {
        // The OS's source failed (it does not on Linux once booted): fall back to a time- and address-based
        // value, never a fixed one.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let seed = t ^ (&buf as *const _ as usize as u128);
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (seed >> ((i % 16) * 8)) as u8;
        }
    }
    URL_SAFE_NO_PAD.encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_says_who_until_when_and_for_what() {
        let s = Signer::new(b"secret");
        let t = s.sign(Purpose::Confirm, 42, 1_000, "n1");
        assert_eq!(
            s.verify(&t, Purpose::Confirm, 999),
            Ok(Claims {
                subscriber: 42,
                nonce: "n1".into()
            })
        );
        assert_eq!(s.verify(&t, Purpose::Confirm, 1_001), Err(Refused::Expired));
        assert_eq!(s.verify(&t, Purpose::Manage, 999), Err(Refused::Invalid));
        assert_eq!(
            Signer::new(b"other").verify(&t, Purpose::Confirm, 999),
            Err(Refused::Invalid)
        );
        let m = s.sign(Purpose::Manage, 7, 0, "n2");
        assert!(
            s.verify(&m, Purpose::Manage, i64::MAX).is_ok(),
            "never expires"
        );
    }

    #[test]
    fn a_changed_token_is_refused() {
        let s = Signer::new(b"secret");
        let t = s.sign(Purpose::Manage, 42, 0, "n1");
        let (payload, mac) = t.split_once('.').unwrap();
        let forged = URL_SAFE_NO_PAD.encode("manage.43.0.n1");
        assert_eq!(
            s.verify(&format!("{forged}.{mac}"), Purpose::Manage, 0),
            Err(Refused::Invalid)
        );
        for bad in [
            "",
            ".",
            "abc",
            &format!("{payload}."),
            &format!("{payload}.{mac}x"),
        ] {
            assert_eq!(
                s.verify(bad, Purpose::Manage, 0),
                Err(Refused::Invalid),
                "{bad}"
            );
        }
        assert_ne!(random(16), random(16));
        assert_eq!(random(16).len(), 22);
    }
}
