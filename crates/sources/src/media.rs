//! Broadsheet's own copies of a CMS's images: each image an article shows is downloaded once, checked to be an
//! image, stored under its content's hash and served from the site (`/media/store/{hash}.{ext}`, immutable). A
//! CMS outage or a renamed upload then breaks no page, and the page's CSP can keep `img-src 'self'`.
//!
//! An image that cannot be copied (the CMS is down, the file is not an image, or over [`MAX_BYTES`]) keeps the
//! CMS's address, noted; the next sync tries again. Widths for `srcset` are not made yet.

use std::path::{Path, PathBuf};

use broadsheet_content::{Article, Block, Image};
use sha2::{Digest, Sha256};

use crate::remote::Http;

/// Where copies are served from, under the site's `/media`.
pub const STORE_PATH: &str = "/media/store";
/// The largest image copied, in bytes (20 MiB, above any photo a newsroom publishes).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// A folder of copied images.
#[derive(Debug, Clone)]
pub struct MediaStore {
    dir: PathBuf,
    http: Http,
}

impl MediaStore {
    /// A store in `dir` (created when missing).
    pub fn open(dir: &Path) -> Result<MediaStore, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(MediaStore {
            dir: dir.to_path_buf(),
            http: Http::new().map_err(|e| e.to_string())?,
        })
    }

    /// Copies every image `article` shows (lead image, image blocks, video posters) from the CMS at `cms` (its
    /// address) and points them at the copies; notes say which could not be copied. Images on other hosts are
    /// left as they are: the server fetches nothing an author's markup points it at elsewhere (an intranet
    /// address, a cloud's metadata service).
    pub async fn localise(&self, article: &mut Article, cms: &str, notes: &mut Vec<String>) {
        let host = url::Url::parse(cms)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string));
        for image in images(article) {
            if url::Url::parse(&image.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                == host
            {
                self.localise_image(image, notes).await;
            }
        }
    }

    async fn localise_image(&self, image: &mut Image, notes: &mut Vec<String>) {
        match self.copy(&image.url).await {
            Ok((path, width, height)) => {
                image.url = path;
                // The file's own size wins over what the markup said (and fills a size it did not say).
                image.width = width;
                image.height = height;
            }
            Err(why) => notes.push(format!(
                "image {} not copied to the site ({why}); shown from the CMS",
                image.url
            )),
        }
    }

    /// Downloads `url` and stores it under its hash; its site path, width and height.
    async fn copy(&self, url: &str) -> Result<(String, u32, u32), String> {
        let bytes = self
            .http
            .get_bytes(url, MAX_BYTES)
            .await
            .map_err(|e| e.to_string())?;
        let size = imagesize::blob_size(&bytes).map_err(|_| "not an image".to_string())?;
        let ext = match imagesize::image_type(&bytes) {
            Ok(imagesize::ImageType::Jpeg) => "jpg",
            Ok(imagesize::ImageType::Png) => "png",
            Ok(imagesize::ImageType::Gif) => "gif",
            Ok(imagesize::ImageType::Webp) => "webp",
            _ => return Err("not a JPEG, PNG, GIF or WebP image".into()),
        };
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = format!("{hash}.{ext}");
        let path = self.dir.join(&name);
        if !path.exists() {
            // Written beside, then renamed: a reader never gets half a file.
            let part = self.dir.join(format!(".{name}.part"));
            std::fs::write(&part, &bytes).map_err(|e| format!("could not write it: {e}"))?;
            std::fs::rename(&part, &path).map_err(|e| format!("could not write it: {e}"))?;
        }
        let (w, h) = (u32::try_from(size.width), u32::try_from(size.height));
        Ok((
            format!("{STORE_PATH}/{name}"),
            w.unwrap_or(0),
            h.unwrap_or(0),
        ))
    }
}

/// Every image `article` shows: its lead image, image blocks and video posters.
fn images(article: &mut Article) -> Vec<&mut Image> {
    let mut out: Vec<&mut Image> = article.image.iter_mut().collect();
    for block in &mut article.body {
        match block {
            Block::Image { image } => out.push(image),
            Block::Video { video } => out.extend(video.poster.iter_mut()),
            _ => {}
        }
    }
    out
}

/// Makes the CMS's site-relative image addresses (`/wp-content/uploads/…`) absolute against `cms`, its address:
/// on Broadsheet's site they would name nothing.
pub fn absolutise(article: &mut Article, cms: &str) {
    let base = cms.trim_end_matches('/');
    for image in images(article) {
        if image.url.starts_with('/') && !image.url.starts_with("//") {
            image.url = format!("{base}{}", image.url);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_relative_images_of_a_cms_name_its_files() {
        let mut a: Article = serde_json::from_value(serde_json::json!({
            "section": {"slug": "news", "name": "News"}, "slug": "a", "kind": "news", "headline": "A",
            "standfirst": "", "published": "2026-12-01T09:00:00Z", "comments_open": false, "comment_count": 0,
            "image": {"url": "/wp-content/uploads/a.jpg", "width": 1, "height": 1, "alt": ""},
            "body": [{"type": "image", "image": {"url": "https://cdn.example/b.jpg", "width": 1, "height": 1,
                      "alt": ""}}]
        }))
        .unwrap();
        absolutise(&mut a, "https://cms.example/");
        let urls: Vec<String> = images(&mut a).iter().map(|i| i.url.clone()).collect();
        assert_eq!(
            urls,
            [
                "https://cms.example/wp-content/uploads/a.jpg",
                "https://cdn.example/b.jpg"
            ]
        );
    }
}
