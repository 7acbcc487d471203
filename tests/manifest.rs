//! The web app manifest: every field an install dialog needs, and every image it names is a real file of the
//! declared size and type.

use std::path::Path;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(root().join("public/manifest.webmanifest")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Width and height from a PNG's IHDR chunk; panics if the file is not a PNG.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    assert_eq!(&bytes[12..16], b"IHDR");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

/// Checks one image entry (`src`, `sizes`, `type`) against the file in public/.
fn check_image(entry: &Value) {
    let src = entry["src"].as_str().unwrap();
    assert!(src.starts_with('/'), "{src} is not site-absolute");
    let file = root().join("public").join(src.trim_start_matches('/'));
    assert!(file.is_file(), "{src} does not exist in public/");
    let sizes = entry["sizes"].as_str().unwrap();
    match entry["type"].as_str().unwrap() {
        "image/png" => {
            let (w, h) = png_size(&file);
            assert_eq!(
                sizes,
                format!("{w}x{h}"),
                "{src} declares {sizes}, is {w}x{h}"
            );
        }
        "image/svg+xml" => {
            assert_eq!(sizes, "any");
            assert!(std::fs::read_to_string(&file).unwrap().contains("<svg"));
        }
        other => panic!("{src}: unexpected type {other}"),
    }
}

#[test]
fn manifest_has_every_field_an_install_needs() {
    let m = manifest();
    for field in [
        "name",
        "short_name",
        "description",
        "start_url",
        "scope",
        "theme_color",
        "background_color",
    ] {
        assert!(
            m[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field} missing"
        );
    }
    assert!(
        m["short_name"].as_str().unwrap().len() <= 12,
        "short_name fits under an icon"
    );
    assert_eq!(m["display"], "standalone");
    assert_eq!(m["scope"], "/");
    assert!(m["start_url"].as_str().unwrap().starts_with('/'));
    let index = std::fs::read_to_string(root().join("index.html")).unwrap();
    let theme = m["theme_color"].as_str().unwrap();
    assert!(index.contains(&format!("<meta name=\"theme-color\" content=\"{theme}\">")));
    assert!(index.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"));
}

#[test]
fn icons_exist_at_their_declared_sizes_with_a_maskable_one() {
    let m = manifest();
    let icons = m["icons"].as_array().unwrap();
    icons.iter().for_each(check_image);
    let png = |size: &str, purpose: &str| {
        icons.iter().any(|i| {
            i["type"] == "image/png"
                && i["sizes"] == size
                && i["purpose"]
                    .as_str()
                    .unwrap_or("any")
                    .split(' ')
                    .any(|p| p == purpose)
        })
    };
    assert!(png("192x192", "any") && png("512x512", "any") && png("512x512", "maskable"));
}

#[test]
fn shortcuts_and_screenshots_point_at_real_things() {
    let m = manifest();
    let shortcuts = m["shortcuts"].as_array().unwrap();
    assert!(shortcuts.len() >= 3);
    let sections = std::fs::read_to_string(root().join("content/sections.toml")).unwrap();
    for s in shortcuts {
        let url = s["url"].as_str().unwrap();
        let slug = url.trim_start_matches('/');
        assert!(
            slug == "latest" || sections.contains(&format!("slug = \"{slug}\"")),
            "shortcut {url} is not a section"
        );
        s["icons"].as_array().unwrap().iter().for_each(check_image);
    }
    let shots = m["screenshots"].as_array().unwrap();
    for factor in ["narrow", "wide"] {
        assert!(
            shots.iter().any(|s| s["form_factor"] == factor),
            "no {factor} screenshot"
        );
    }
    shots.iter().for_each(check_image);
}
