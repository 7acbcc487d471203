//! Broadsheet's own copies of a CMS's images: each image an article shows is downloaded once, checked to be an
//! image, stored under its content's hash and served from the site (`/media/store/{hash}.{ext}`, immutable). A
//! CMS outage or a renamed upload then breaks no page, and readers' browsers ask only the site for pictures.
//!
//! An image that cannot be copied (the CMS is down, the file is not an image, or over [`MAX_BYTES`]) keeps the
//! CMS's address, noted; the next sync tries again. The smaller and WebP copies that `srcset` names
//! (`broadsheet_content::responsive` has the rule) are the CMS's own files where it made the picture at a rule's
//! width ([`Sizes`]), copied by the sync; the server makes the others when first asked for
//! (`crates/server/src/http/image_copies.rs`). A copy is remembered by its CMS address, so a sync does not
//! download it again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use broadsheet_content::responsive::{allowed, split, Format};
use broadsheet_content::{Article, Author, Block, Image};
use sha2::{Digest, Sha256};

use crate::remote::Http;

/// Where copies are served from, under the site's `/media`.
pub const STORE_PATH: &str = "/media/store";
/// How long a Gravatar's copy is used before it is copied again (a day).
const GRAVATAR_KEPT: std::time::Duration = std::time::Duration::from_secs(24 * 3600);
/// The largest image copied, in bytes (20 MiB, above any photo a newsroom publishes).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The store's folder of the smaller and WebP copies that `srcset` names: `copies/store/` for the store's
/// images, `copies/content/` for the content folder's. The server makes them; a sync puts the CMS's own there.
pub const COPIES: &str = "copies";
/// Under [`COPIES`]: the store's images' copies.
pub const STORE_COPIES: &str = "store";
/// Under [`COPIES`]: the content folder's images' copies.
pub const CONTENT_COPIES: &str = "content";

/// A CMS's own sized files of its images, by the image's address: each file's address and width in pixels
/// (WordPress's `media_details.sizes`, the other candidates of a body picture's `srcset`). Those at a width of
/// the responsive rule become that width's copy as they are, rather than being made again by the server.
pub type Sizes = HashMap<String, Vec<(String, u32)>>;

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
    /// address) and points them at the copies, with the CMS's own files at the rule's widths (`sizes`, by the
    /// image's address); notes say which could not be copied. Images on other hosts are left as they are: the
    /// server fetches nothing an author's markup points it at elsewhere (an intranet address, a cloud's
    /// metadata service).
    pub async fn localise(
        &self,
        article: &mut Article,
        cms: &str,
        sizes: &Sizes,
        notes: &mut Vec<String>,
    ) {
        for image in images(article) {
            if same_host(&image.url, cms) {
                let sized = sizes.get(&image.url).cloned().unwrap_or_default();
                self.localise_image(image, notes).await;
                let sized = sized.into_iter().filter(|(u, _)| same_host(u, cms));
                self.copy_sizes(image, sized.collect()).await;
            }
        }
    }

    /// Copies the CMS's own files of `image` (now a store path) that the responsive rule names as its copies in
    /// its own format, unless there already: `sized` is each file's address and width. A file is taken only when
    /// it is the same picture at that width ([`same_picture`]); the server makes the rest. Nothing is noted: a
    /// size not copied costs the server a resize, not the reader a picture.
    async fn copy_sizes(&self, image: &Image, sized: Vec<(String, u32)>) {
        let Some((stem, ext)) = split(&image.url) else {
            return;
        };
        let name = stem.rsplit('/').next().unwrap_or(stem);
        let dir = self.dir.join(COPIES).join(STORE_COPIES);
        for (url, width) in sized {
            let to = dir.join(format!("{name}-{width}w.{ext}"));
            if !allowed(image.width, width, Format::Own) || to.is_file() {
                continue;
            }
            let bytes = match self.http.get_bytes(&url, MAX_BYTES).await {
                Ok(bytes) if same_picture(&bytes, ext, width, image) => bytes,
                Ok(_) => {
                    tracing::debug!(
                        "{url} is not {} at {width} px: left to the server",
                        image.url
                    );
                    continue;
                }
                Err(e) => {
                    tracing::debug!("{url} not copied ({e}): left to the server");
                    continue;
                }
            };
            if let Err(e) = write_whole(&dir, &to, &bytes) {
                tracing::warn!("{} not written: {e}", to.display());
            }
        }
    }

    /// Copies the authors' photos (on the CMS's host or Gravatar's, after [`drop_foreign_photos`]) as
    /// [`MediaStore::localise`] does an article's images. A Gravatar is asked for with `d=404`, so a user without
    /// one has no photo rather than Gravatar's placeholder; one that cannot be copied is dropped, so that readers'
    /// browsers never ask Gravatar.
    pub async fn localise_photos(&self, authors: &mut [Author], notes: &mut Vec<String>) {
        for author in authors {
            let Some(photo) = author.photo.as_mut() else {
                continue;
            };
            let gravatar = is_gravatar(&photo.url);
            if gravatar {
                photo.url = without_placeholder(&photo.url);
            }
            let mut said = Vec::new();
            self.localise_image(photo, &mut said).await;
            if gravatar && !photo.url.starts_with(STORE_PATH) {
                author.photo = None;
                continue;
            }
            notes.extend(
                said.into_iter()
                    .map(|n| format!("author {}: {n}", author.slug)),
            );
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

    /// The copy of `url` made by an earlier sync (`by-url/`, one small file per address naming the copy and its
    /// size), when its file is still there: a CMS's upload keeps its address and its bytes, so a sync does not
    /// download every image again. An upload replaced under the same address keeps the first copy until the
    /// store's `by-url/` is cleared.
    fn copied(&self, url: &str) -> Option<(String, u32, u32)> {
        // A Gravatar keeps its address when its owner changes the picture: copied again after a day.
        let record = self.by_url(url);
        let age = std::fs::metadata(&record)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if is_gravatar(url) && age.is_none_or(|a| a > GRAVATAR_KEPT) {
            return None;
        }
        let kept = std::fs::read_to_string(record).ok()?;
        let mut parts = kept.split_whitespace();
        let (name, w, h) = (parts.next()?, parts.next()?, parts.next()?);
        let ok = !name.contains('/') && self.dir.join(name).is_file();
        ok.then(|| {
            Some((
                format!("{STORE_PATH}/{name}"),
                w.parse().ok()?,
                h.parse().ok()?,
            ))
        })?
    }

    /// Notes that `name` (`w` × `h` pixels) is the copy of `url`, for [`MediaStore::copied`].
    fn remember(&self, url: &str, name: &str, w: u32, h: u32) -> std::io::Result<()> {
        let by_url = self.by_url(url);
        let part = by_url.with_extension("part");
        std::fs::create_dir_all(self.dir.join("by-url"))?;
        std::fs::write(&part, format!("{name} {w} {h}\n"))?;
        std::fs::rename(&part, &by_url)
    }

    fn by_url(&self, url: &str) -> PathBuf {
        self.dir
            .join("by-url")
            .join(hex(&Sha256::digest(url.as_bytes())))
    }

    /// Downloads `url` and stores it under its hash (or finds the copy made before); its site path, width and
    /// height.
    async fn copy(&self, url: &str) -> Result<(String, u32, u32), String> {
        if let Some(copied) = self.copied(url) {
            return Ok(copied);
        }
        let bytes = self
            .http
            .get_bytes(url, MAX_BYTES)
            .await
            .map_err(|e| e.to_string())?;
        let (w, h) = crate::upright::upright_size(&bytes).ok_or("not an image")?;
        let ext = match imagesize::image_type(&bytes) {
            Ok(imagesize::ImageType::Jpeg) => "jpg",
            Ok(imagesize::ImageType::Png) => "png",
            Ok(imagesize::ImageType::Gif) => "gif",
            Ok(imagesize::ImageType::Webp) => "webp",
            _ => return Err("not a JPEG, PNG, GIF or WebP image".into()),
        };
        let hash = hex(&Sha256::digest(&bytes));
        let name = format!("{hash}.{ext}");
        let path = self.dir.join(&name);
        if !path.exists() {
            write_whole(&self.dir, &path, &bytes)
                .map_err(|e| format!("could not write it: {e}"))?;
        }
        // Remembered for the next sync; a failure to remember only costs a download then.
        if let Err(e) = self.remember(url, &name, w, h) {
            tracing::warn!("image copy {name} of {url} not remembered: {e}");
        }
        Ok((format!("{STORE_PATH}/{name}"), w, h))
    }
}

/// Writes `bytes` to `to` in `dir` (made when missing) beside, then renames: a reader never gets half a file.
fn write_whole(dir: &Path, to: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let name = to.file_name().and_then(|n| n.to_str()).unwrap_or("copy");
    let part = dir.join(format!(".{name}.part"));
    std::fs::write(&part, bytes)?;
    std::fs::rename(&part, to)
}

/// Whether `bytes` are `original` at `width` pixels in the format of `ext`: the same proportions (the height
/// within a pixel of the original's, scaled, as WordPress and Ghost round it), so a crop (WordPress's 150×150
/// `thumbnail`) is never taken for a smaller copy.
fn same_picture(bytes: &[u8], ext: &str, width: u32, original: &Image) -> bool {
    let format = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Jpeg) => matches!(ext, "jpg" | "jpeg"),
        Ok(imagesize::ImageType::Png) => ext == "png",
        Ok(imagesize::ImageType::Webp) => ext == "webp",
        _ => false,
    };
    let Some((w, h)) = crate::upright::upright_size(bytes) else {
        return false;
    };
    format && w == width && same_proportions((w, h), (original.width, original.height))
}

/// Whether a picture of `size` (width, height) is one of `original` at that width: its height within a pixel of
/// the original's, scaled, as WordPress and Ghost round it. A crop is not.
pub fn same_proportions(size: (u32, u32), original: (u32, u32)) -> bool {
    let scaled = u64::from(original.1) * u64::from(size.0);
    let expected = (scaled + u64::from(original.0) / 2) / u64::from(original.0.max(1));
    u64::from(size.1).abs_diff(expected) <= 1
}

/// The first 12 bytes of a SHA-256 digest in hex: a file name (24 characters).
fn hex(digest: &[u8]) -> String {
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// Drops the authors' photos that are neither on the host of `cms` nor Gravatar's (where WordPress keeps most
/// users' avatars): the server copies images from the CMS and from Gravatar, never from a host an author's profile
/// points it at. Without a media store to copy them into (`copying` false), Gravatar's are dropped too: a reader's
/// browser would otherwise ask Gravatar, which learns who reads whom.
pub fn drop_foreign_photos(authors: &mut [Author], cms: &str, copying: bool) {
    for author in authors {
        if author
            .photo
            .as_ref()
            .is_some_and(|p| !(same_host(&p.url, cms) || (copying && is_gravatar(&p.url))))
        {
            author.photo = None;
        }
    }
}

/// An `https` address on Gravatar (`gravatar.com` or a subdomain, as `secure.gravatar.com`).
fn is_gravatar(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| {
        u.scheme() == "https"
            && u.host_str()
                .is_some_and(|h| h == "gravatar.com" || h.ends_with(".gravatar.com"))
    })
}

/// A Gravatar address that answers 404 for a user without one (`d=404`), instead of a placeholder.
fn without_placeholder(url: &str) -> String {
    let Ok(mut u) = url::Url::parse(url) else {
        return url.to_string();
    };
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| k != "d" && k != "default")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    u.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("d", "404");
    u.to_string()
}

/// Whether `url` is on the host of `cms` (a site's address).
fn same_host(url: &str, cms: &str) -> bool {
    let host = |u: &str| {
        url::Url::parse(u)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
    };
    host(url).is_some() && host(url) == host(cms)
}

/// Every image `article` shows: its lead image, image blocks and video posters.
pub(crate) fn images(article: &mut Article) -> Vec<&mut Image> {
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

/// The first bytes of a PNG of `w` × `h` pixels: enough for `imagesize` to read its size (tests' images).
#[cfg(test)]
pub(crate) fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_photos_are_taken_from_the_cms_and_gravatar_only() {
        let author = |url: &str| Author {
            slug: "a".into(),
            name: "A".into(),
            role: None,
            bio: String::new(),
            photo: Some(Image {
                url: url.into(),
                width: 96,
                height: 96,
                alt: String::new(),
                caption: None,
                credit: None,
            }),
            links: vec![],
        };
        let mut authors = [
            author("https://secure.gravatar.com/avatar/0b1c?s=96&d=mm&r=g"),
            author("https://cms.example/wp-content/uploads/ruth-96x96.jpg"),
            author("http://secure.gravatar.com/avatar/0b1c"),
            author("https://gravatar.com.evil.example/avatar/0b1c"),
            author("not a url"),
        ];
        let mut uncopied = authors.clone();
        drop_foreign_photos(&mut uncopied, "https://cms.example/", false);
        let kept: Vec<bool> = uncopied.iter().map(|a| a.photo.is_some()).collect();
        assert_eq!(kept, [false, true, false, false, false]);
        drop_foreign_photos(&mut authors, "https://cms.example/", true);
        let kept: Vec<bool> = authors.iter().map(|a| a.photo.is_some()).collect();
        assert_eq!(kept, [true, true, false, false, false]);
        assert_eq!(
            without_placeholder("https://secure.gravatar.com/avatar/0b1c?s=96&d=mm&r=g"),
            "https://secure.gravatar.com/avatar/0b1c?s=96&r=g&d=404"
        );
    }

    #[test]
    fn a_copy_is_found_by_its_address_while_its_file_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::open(dir.path()).unwrap();
        let url = "https://cms.example/wp-content/uploads/harbour.jpg";
        std::fs::write(dir.path().join("ab12.jpg"), b"a photo").unwrap();
        store.remember(url, "ab12.jpg", 1200, 750).unwrap();
        assert_eq!(
            store.copied(url),
            Some(("/media/store/ab12.jpg".to_string(), 1200, 750))
        );
        assert_eq!(store.copied("https://cms.example/other.jpg"), None);
        std::fs::remove_file(dir.path().join("ab12.jpg")).unwrap();
        assert_eq!(
            store.copied(url),
            None,
            "a copy whose file is gone is made again"
        );
    }

    #[test]
    fn only_the_same_picture_at_the_width_is_taken_for_a_copy() {
        let original = Image {
            url: "/media/store/ab12.png".into(),
            width: 1200,
            height: 750,
            alt: String::new(),
            caption: None,
            credit: None,
        };
        assert!(same_picture(&png_header(640, 400), "png", 640, &original));
        assert!(
            same_picture(&png_header(640, 401), "png", 640, &original),
            "rounded"
        );
        assert!(
            !same_picture(&png_header(640, 640), "png", 640, &original),
            "a crop"
        );
        assert!(
            !same_picture(&png_header(600, 375), "png", 640, &original),
            "another width"
        );
        assert!(
            !same_picture(&png_header(640, 400), "jpg", 640, &original),
            "another format"
        );
        assert!(!same_picture(b"not an image", "png", 640, &original));
    }

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
