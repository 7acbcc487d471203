//! The content folder's photos, measured: a raster image's width and height are its file's.

use std::path::Path;

use broadsheet_content::{Author, Image};

use super::Problem;

use crate::media::STORE_PATH;

/// Gives the content folder's raster images among `shown` (site paths under `/media/`, which have responsive
/// copies) the width and height of their files in `images`, the folder they are served from: the copies are
/// made at the widths the file has, whatever the front matter or authors.toml says. Notes say which sizes were
/// corrected and which files are missing.
pub fn measure<'a>(shown: impl IntoIterator<Item = &'a mut Image>, dir: &Path) -> Vec<String> {
    let images = dir.join("images");
    let mut notes = Vec::new();
    for image in shown {
        let local = broadsheet_content::responsive::split(&image.url).is_some()
            && !image.url.starts_with(&format!("{STORE_PATH}/"));
        let Some(name) = image.url.strip_prefix("/media/").filter(|_| local) else {
            continue;
        };
        if let Some(twin) = twin(&images, name) {
            notes.push(format!(
                "image {}: {twin} in the images folder has the same name, so their WebP copies would be one \
                 picture; rename one of them",
                image.url
            ));
        }
        let file = images.join(name);
        let size = std::fs::read(&file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::upright::upright_size(&bytes)
                    .ok_or_else(|| "not a JPEG, PNG or WebP".to_string())
            });
        match size {
            Ok((w, h)) => {
                if (w, h) != (image.width, image.height) {
                    notes.push(format!(
                        "image {}: the file is {w}×{h}, not {}×{} as written; its own size is used",
                        image.url, image.width, image.height
                    ));
                    (image.width, image.height) = (w, h);
                }
            }
            Err(e) => notes.push(format!(
                "image {}: not a readable image in the images folder ({e})",
                image.url
            )),
        }
    }
    notes
}

/// Another raster image of the same name beside `name` in `images` (`a.png` beside `a.jpg`): the responsive
/// rule names WebP copies by the stem alone (`a-640w.webp`), so the two would share theirs.
fn twin(images: &Path, name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    ["jpg", "jpeg", "png", "webp"]
        .iter()
        .filter(|e| **e != ext)
        .map(|e| format!("{stem}.{e}"))
        .find(|n| images.join(n).is_file())
}

/// [`measure`] for the authors' photos of `dir/authors.toml`; a problem of that file for each note.
pub fn photos(authors: &mut [Author], dir: &Path) -> Vec<Problem> {
    let photos = authors.iter_mut().filter_map(|a| a.photo.as_mut());
    measure(photos, dir)
        .into_iter()
        .map(|message| Problem {
            path: dir.join("authors.toml"),
            line: 1,
            message,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::png_header;
    use broadsheet_content::Article;

    #[test]
    fn the_content_folders_photos_take_their_files_size() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/harbour.png"), png_header(1600, 900)).unwrap();
        let image =
            |url: &str| serde_json::json!({"url": url, "width": 1200, "height": 675, "alt": ""});
        let mut a: Article = serde_json::from_value(serde_json::json!({
            "section": {"slug": "news", "name": "News"}, "slug": "a", "kind": "news", "headline": "A",
            "standfirst": "", "published": "2026-12-01T09:00:00Z", "comments_open": false, "comment_count": 0,
            "image": image("/media/harbour.png"),
            "body": [{"type": "image", "image": image("/media/gone.jpg")},
                     {"type": "image", "image": image("/media/drawing.svg")}]
        }))
        .unwrap();
        let notes = measure(crate::media::images(&mut a), dir.path());
        let lead = a.image.as_ref().unwrap();
        assert_eq!((lead.width, lead.height), (1600, 900));
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("1600×900, not 1200×675"), "{notes:?}");
        assert!(notes[1].contains("/media/gone.jpg"), "{notes:?}");
    }

    #[test]
    fn two_photos_of_one_name_are_noted_as_their_webp_copies_would_be_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        for name in ["quay.jpg", "quay.png"] {
            std::fs::write(dir.path().join("images").join(name), png_header(800, 450)).unwrap();
        }
        let mut image = Image {
            url: "/media/quay.jpg".into(),
            width: 800,
            height: 450,
            alt: String::new(),
            caption: None,
            credit: None,
        };
        let notes = measure([&mut image], dir.path());
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("quay.png"), "{notes:?}");
    }

    #[test]
    fn an_authors_photo_takes_its_files_size_noted_against_authors_toml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/ruth.png"), png_header(400, 400)).unwrap();
        let mut authors = [Author {
            slug: "ruth".into(),
            name: "Ruth".into(),
            role: None,
            bio: String::new(),
            photo: Some(Image {
                url: "/media/ruth.png".into(),
                width: 96,
                height: 96,
                alt: String::new(),
                caption: None,
                credit: None,
            }),
            links: vec![],
        }];
        let problems = photos(&mut authors, dir.path());
        let photo = authors[0].photo.as_ref().unwrap();
        assert_eq!((photo.width, photo.height), (400, 400));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].path.ends_with("authors.toml"));
    }
}
