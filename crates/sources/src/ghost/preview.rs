//! An editor's preview of a Ghost draft, by the post's uuid (the address Ghost's own preview uses, `/p/{uuid}/`,
//! unguessable): read with an Admin API key and turned into the article it would be, by the same mapping as a
//! sync. Nothing is written.
//!
//! The Admin API token is a JWT (HS256) made for each request: header `kid` = the key's id, claims `iat`, `exp`
//! (five minutes later) and `aud: "/admin/"`, signed with the key's secret decoded from hex
//! (<https://ghost.org/docs/admin-api/#token-authentication>).

use std::collections::HashMap;

use broadsheet_content::Article;
use serde::{Deserialize, Serialize};

use super::map::{self, Lookup};
use super::wire::Post;
use super::Ghost;
use crate::remote::{Auth, SourceError};

/// How long an Admin API token lives, in seconds (Ghost refuses more than five minutes).
const TOKEN_LIFE_S: u64 = 300;

#[derive(Serialize)]
struct Claims {
    iat: u64,
    exp: u64,
    aud: &'static str,
}

/// `{"posts": [...]}` from the Admin API.
#[derive(Deserialize)]
struct Posts {
    posts: Vec<Post>,
}

/// A Ghost Admin API key, `{id}:{secret}` as Ghost shows it.
#[derive(Clone)]
pub struct AdminKey {
    id: String,
    secret: Vec<u8>,
}

impl std::fmt::Debug for AdminKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AdminKey({}:…)", self.id)
    }
}

impl AdminKey {
    /// Reads `{id}:{hex secret}`; the error says what is wrong without repeating the secret.
    pub fn parse(key: &str) -> Result<AdminKey, SourceError> {
        let bad = |why: &str| SourceError::Config(format!("the Ghost Admin API key {why}"));
        let (id, secret) = key
            .trim()
            .split_once(':')
            .ok_or_else(|| bad("is not `id:secret`"))?;
        let secret = hex::decode(secret).map_err(|_| bad("has a secret that is not hex"))?;
        if id.is_empty() || secret.is_empty() {
            return Err(bad("is not `id:secret`"));
        }
        Ok(AdminKey {
            id: id.to_string(),
            secret,
        })
    }

    /// A token for the next five minutes, as the `Authorization` header's value: `Ghost <jwt>`.
    fn authorization(&self) -> Result<String, SourceError> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
        header.kid = Some(self.id.clone());
        let claims = Claims {
            iat: now,
            exp: now + TOKEN_LIFE_S,
            aud: "/admin/",
        };
        let key = jsonwebtoken::EncodingKey::from_secret(&self.secret);
        jsonwebtoken::encode(&header, &claims, &key)
            .map(|jwt| format!("Ghost {jwt}"))
            .map_err(|e| SourceError::Config(format!("the Admin API token could not be made: {e}")))
    }
}

impl Ghost {
    /// The article the post with `uuid` would be if published now, with the conversion's notes; `None` when
    /// Ghost has no such post. `sections` are the store's, slug → name.
    pub async fn preview(
        &self,
        admin: &AdminKey,
        uuid: &str,
        sections: &HashMap<String, String>,
    ) -> Result<Option<(Article, Vec<String>)>, SourceError> {
        let ok = uuid.len() == 36 && uuid.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        if !ok {
            return Ok(None);
        }
        let mut url = url::Url::parse(&format!("{}/ghost/api/admin/posts/", self.base))
            .map_err(|e| SourceError::Config(format!("bad address: {e}")))?;
        url.query_pairs_mut()
            .append_pair("filter", &format!("uuid:'{uuid}'"))
            .append_pair("formats", "html")
            .append_pair("include", "tags,authors");
        let auth = Auth::Header {
            name: "authorization",
            value: admin.authorization()?,
        };
        let (found, _): (Posts, _) = self.http.get_json(url, Some(&auth)).await?;
        // Only drafts and scheduled posts: a published post's uuid is in every Content API answer, and its preview
        // would show a members-only or paid post in full to anyone (Ghost's own `/p/{uuid}/` sends a published
        // post to its address instead).
        let Some(mut post) = found
            .posts
            .into_iter()
            .next()
            .filter(|p| matches!(p.status.as_str(), "draft" | "scheduled"))
        else {
            return Ok(None);
        };
        // A draft has no publication time yet: as if published now. It is shown in full, whatever its visibility:
        // the link is the editor's, by an unguessable uuid that no reader's page holds.
        if map::utc(post.published_at.as_deref()).is_none() {
            post.published_at = Some(chrono::Utc::now().to_rfc3339());
        }
        post.visibility = "public".into();
        let mut sizes = HashMap::new();
        if let Some(image) = post.feature_image.as_deref() {
            if let Some(size) = self.http.image_size(image).await {
                sizes.insert(image.to_string(), size);
            }
        }
        let lookup = Lookup {
            sections,
            mapping: &self.mapping,
            sizes: &sizes,
        };
        let crate::sync::Mapped { entry, notes, .. } = map::entry(&post, &lookup)
            .map_err(|why| SourceError::Config(format!("the draft cannot be shown: {why}")))?;
        Ok(Some((entry.article, notes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_admin_key_is_read_and_a_wrong_one_named_without_its_secret() {
        let key = AdminKey::parse("6751a0c2e4b0:0a1b2c3d").unwrap();
        assert_eq!(key.id, "6751a0c2e4b0");
        assert_eq!(key.secret, [0x0a, 0x1b, 0x2c, 0x3d]);
        assert!(key.authorization().unwrap().starts_with("Ghost ey"));
        let err = AdminKey::parse("6751a0c2e4b0:not-hex-secret")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("not-hex-secret"), "{err}");
        assert!(AdminKey::parse("no-colon").is_err());
    }
}
