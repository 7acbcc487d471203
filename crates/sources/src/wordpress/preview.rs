//! An editor's preview: a draft (or its newest autosave, when that is newer) read with the application password
//! and turned into the article it would be, by the same mapping as a sync. Nothing is written.

use std::collections::HashMap;

use broadsheet_content::Article;

use super::map::{self, Lookup};
use super::wire::{Media, Post, Term, User};
use super::WordPress;
use crate::remote::SourceError;

impl WordPress {
    /// The article post `id` would be if published now, with the conversion's notes. Needs an application
    /// password (`SourceError::Config` without one); `sections` are the store's, slug → name.
    pub async fn preview(
        &self,
        id: u64,
        sections: &HashMap<String, String>,
    ) -> Result<(Article, Vec<String>), SourceError> {
        if !self.client.authenticated() {
            return Err(SourceError::Config(
                "previews need the WordPress user's application password".into(),
            ));
        }
        let edit = [("context", "edit".to_string())];
        let mut post: Post = self.client.get(&format!("posts/{id}"), &edit).await?;
        let autosaves: Vec<Post> = self
            .client
            .all(&format!("posts/{id}/autosaves"), &[])
            .await?;
        if let Some(newer) = autosaves
            .into_iter()
            .filter(|a| a.modified_gmt > post.modified_gmt)
            .max_by(|a, b| a.modified_gmt.cmp(&b.modified_gmt))
        {
            post.title = newer.title;
            post.content = newer.content;
            post.excerpt = newer.excerpt;
            post.modified_gmt = newer.modified_gmt;
        }
        // A draft has no publication time or slug yet: as if published now, at a stand-in address.
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string();
        post.date_gmt = post
            .date_gmt
            .filter(|d| map::utc(Some(d)).is_some())
            .or(Some(now));
        if post.slug.is_empty() {
            post.slug = format!("draft-{id}");
        }
        let categories = self.terms_of("categories", &post.categories).await?;
        let tags = self.terms_of("tags", &post.tags).await?;
        let mut users = HashMap::new();
        // An author who has published nothing is hidden from an editor without `list_users`: the preview then
        // has no byline, which the sync will have.
        if post.author != 0 {
            let path = format!("users/{}", post.author);
            if let Ok(u) = self.client.get::<User>(&path, &[]).await {
                users.insert(u.id, u);
            }
        }
        let mut media = HashMap::new();
        if post.featured_media != 0 {
            let path = format!("media/{}", post.featured_media);
            if let Ok(m) = self.client.get::<Media>(&path, &edit).await {
                media.insert(m.id, m);
            }
        }
        let lookup = Lookup {
            categories: &categories,
            tags: &tags,
            users: &users,
            media: &media,
            sections,
            mapping: &self.mapping,
        };
        let crate::sync::Mapped { entry, notes, .. } = map::entry(&post, &lookup)
            .map_err(|why| SourceError::Config(format!("post {id} cannot be shown: {why}")))?;
        Ok((entry.article, notes))
    }

    async fn terms_of(&self, path: &str, ids: &[u64]) -> Result<HashMap<u64, Term>, SourceError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let include = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let terms: Vec<Term> = self.client.all(path, &[("include", include)]).await?;
        Ok(terms.into_iter().map(|t| (t.id, t)).collect())
    }
}
