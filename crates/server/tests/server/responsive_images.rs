//! Responsive images of the demo content's photos: the copies `srcset` names are made on request at the rule's
//! widths only, in WebP and the photo's own format, and the first paint offers them (`<picture>`, `srcset`,
//! `sizes`, the preload of the largest image).

use crate::common::{self, client, get_json, get_page};

/// The status, content type and pixel width and height of the image at `path`.
async fn image(base: &str, path: &str) -> (u16, String, Option<(usize, usize)>) {
    let res = client().get(format!("{base}{path}")).send().await.unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = res.bytes().await.unwrap();
    let size = imagesize::blob_size(&bytes)
        .ok()
        .map(|s| (s.width, s.height));
    (status, kind, size)
}

#[tokio::test]
async fn copies_are_made_at_the_rules_widths_and_nothing_else() {
    let s = common::start().await;
    let photo = "/media/terraced-street-at-dusk";
    for (path, kind, size) in [
        ("-640w.webp", "image/webp", (640, 360)),
        ("-320w.jpg", "image/jpeg", (320, 180)),
        ("-1600w.webp", "image/webp", (1600, 900)),
        // The second time from the copy kept on disk.
        ("-640w.webp", "image/webp", (640, 360)),
    ] {
        let got = image(&s.base, &format!("{photo}{path}")).await;
        assert_eq!(got, (200, kind.to_string(), Some(size)), "{path}");
    }
    for path in [
        // Not a width of the rule; the original's own format at its own width is the original itself.
        format!("{photo}-641w.webp"),
        format!("{photo}-1600w.jpg"),
        format!("{photo}-3200w.webp"),
        // A vector image has no copies; nor has a file that is not there.
        "/media/housing-1-640w.webp".to_string(),
        "/media/no-such-photo-640w.webp".to_string(),
        "/media/..%2f..%2ftest-640w.webp".to_string(),
    ] {
        assert_eq!(image(&s.base, &path).await.0, 404, "{path}");
    }
}

#[tokio::test]
async fn the_first_paint_offers_webp_copies_and_preloads_the_lead_image() {
    let s = common::start().await;
    let address = "/housing/eastmoor-extends-selective-landlord-licensing-scheme";
    let (_, article) = get_json(&format!("{}/api/v1/articles{address}", s.base)).await;
    // The front matter says 1200 × 675; the file is 1600 × 900, and its size is what the API gives.
    assert_eq!(article["image"]["width"], 1600);
    assert_eq!(article["image"]["height"], 900);

    let (status, _, html) = get_page(&format!("{}{address}", s.base)).await;
    assert_eq!(status, 200);
    let webp = "/media/terraced-street-at-dusk-320w.webp 320w, /media/terraced-street-at-dusk-640w.webp 640w, \
                /media/terraced-street-at-dusk-960w.webp 960w, /media/terraced-street-at-dusk-1280w.webp 1280w, \
                /media/terraced-street-at-dusk-1600w.webp 1600w";
    let preload = html.find("<link rel=\"preload\" as=\"image\" type=\"image/webp\"");
    let picture = html.find(&format!(
        "<picture><source type=\"image/webp\" srcset=\"{webp}\""
    ));
    assert!(preload.is_some() && picture.is_some(), "{html}");
    assert!(preload < html.find("</head>"), "the preload is in the head");
    assert!(html.contains(&format!("imagesrcset=\"{webp}\"")));
    assert!(html.contains("/media/terraced-street-at-dusk-1280w.jpg 1280w, /media/terraced-street-at-dusk.jpg 1600w\""));
    // Every candidate the page names is served.
    for candidate in webp.split(", ") {
        let path = candidate.split(' ').next().unwrap();
        assert_eq!(image(&s.base, path).await.0, 200, "{path}");
    }
}
