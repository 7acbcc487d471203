//! Tests of pictures: srcsets, captions, lazy loading, galleries.

use super::srcset_candidates;
use crate::html::testing::*;
use broadsheet_content::{Block, Image};

const UP: &str = "https://example.org/wp-content/uploads/2024/05";

#[test]
fn srcset_candidates_in_order_with_widths() {
    assert_eq!(
        srcset_candidates(
            " /a-300.jpg 300w,/a-1024.jpg   1024w ,\n https://cdn.example.org/c_fill,w_600/a.jpg 600w, /a@2x.jpg 2x, /plain.jpg"
        ),
        vec![
            ("/a-300.jpg".to_string(), 300),
            ("/a-1024.jpg".to_string(), 1024),
            ("https://cdn.example.org/c_fill,w_600/a.jpg".to_string(), 600),
            ("/a@2x.jpg".to_string(), 0),
            ("/plain.jpg".to_string(), 0),
        ]
    );
    // As browsers read it: a comma is only a separator after white space or at the URL's end.
    assert_eq!(
        srcset_candidates("/x.jpg,/y.jpg 10w"),
        vec![("/x.jpg,/y.jpg".into(), 10)]
    );
    assert_eq!(
        srcset_candidates("/x.jpg, /y.jpg 10w"),
        vec![("/x.jpg".into(), 0), ("/y.jpg".into(), 10)]
    );
    assert!(srcset_candidates(" , ").is_empty());
}

#[test]
fn gutenberg_image_block() {
    let html = format!(
        "<figure class=\"wp-block-image size-large\"><img decoding=\"async\" width=\"1024\" height=\"683\" \
         src=\"{UP}/chamber-1024x683.jpg\" alt=\"The council chamber\" class=\"wp-image-12\" \
         srcset=\"{UP}/chamber-1024x683.jpg 1024w, {UP}/chamber-300x200.jpg 300w, {UP}/chamber.jpg 1600w\" \
         sizes=\"(max-width: 1024px) 100vw, 1024px\" /><figcaption class=\"wp-element-caption\">The chamber \
         on <em>Tuesday</em>.</figcaption></figure>"
    );
    let (blocks, notes) = convert(&html);
    let url = format!("{UP}/chamber-1024x683.jpg");
    assert_eq!(
        blocks,
        vec![captioned(
            &url,
            1024,
            683,
            "The council chamber",
            "The chamber on Tuesday."
        )]
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn missing_dimensions_stay_zero_and_are_noted() {
    let (blocks, notes) = convert(
        "<p><img src=\"/media/a.jpg\" alt=\"\" srcset=\"/media/a-800.jpg 800w, /media/a-1600.jpg 1600w\"></p>\
         <img src=\"/media/b.jpg\" width=\"100%\" height=\"auto\" alt=\"B\">",
    );
    assert_eq!(
        blocks,
        vec![
            image("/media/a.jpg", 1600, 0, ""),
            image("/media/b.jpg", 0, 0, "B")
        ]
    );
    assert_eq!(
        notes,
        vec![
            "image without width/height: /media/a.jpg (the sync fills them in when it downloads the file)",
            "image without width/height: /media/b.jpg (the sync fills them in when it downloads the file)",
        ]
    );
}

#[test]
fn a_lazy_placeholder_and_its_noscript_copy_make_one_image() {
    let html = format!(
        "<figure class=\"wp-block-image\"><img src=\"data:image/svg+xml,%3Csvg%3E\" data-src=\"{UP}/a.jpg\" \
         width=\"800\" height=\"600\" alt=\"A\" class=\"lazyload\"><noscript><img src=\"{UP}/a-full.jpg\" \
         width=\"800\" height=\"600\" alt=\"A\"></noscript><figcaption>Cap</figcaption></figure>"
    );
    let (blocks, notes) = convert(&html);
    assert_eq!(
        blocks,
        vec![captioned(&format!("{UP}/a.jpg"), 800, 600, "A", "Cap")]
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn a_placeholder_without_a_source_gives_way_to_its_noscript_copy() {
    let html = format!(
        "<div class=\"wp-caption\"><img src=\"data:image/gif;base64,R0lGOD\" width=\"640\" height=\"480\" alt=\"\">\
         <noscript><img src=\"{UP}/b.jpg\" width=\"640\" height=\"480\" alt=\"B\"></noscript>\
         <p class=\"wp-caption-text\">Bee</p></div><noscript><img src=\"{UP}/b.jpg\" alt=\"again\"></noscript>"
    );
    let (blocks, notes) = convert(&html);
    assert_eq!(
        blocks,
        vec![captioned(&format!("{UP}/b.jpg"), 640, 480, "B", "Bee")]
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn classic_caption_shortcode_output() {
    let html = format!(
        "<div id=\"attachment_5\" style=\"width: 310px\" class=\"wp-caption aligncenter\">\
         <a href=\"{UP}/march.jpg\"><img aria-describedby=\"caption-attachment-5\" class=\"size-medium wp-image-5\" \
         src=\"{UP}/march-300x200.jpg\" alt=\"Marchers\" width=\"300\" height=\"200\" /></a>\
         <p id=\"caption-attachment-5\" class=\"wp-caption-text\">The march &#8211; Saturday</p></div>\
         <p>Text after.</p>"
    );
    assert_eq!(
        blocks(&html),
        vec![
            captioned(
                &format!("{UP}/march-300x200.jpg"),
                300,
                200,
                "Marchers",
                "The march – Saturday"
            ),
            p("Text after."),
        ]
    );
}

#[test]
fn classic_gallery_shortcode_output() {
    let html = format!(
        "<div id='gallery-1' class='gallery galleryid-55 gallery-columns-3 gallery-size-thumbnail'>\
         <figure class='gallery-item'>\n<div class='gallery-icon landscape'>\n<a href='https://example.org/?attachment_id=61'>\
         <img width=\"150\" height=\"150\" src=\"{UP}/a-150x150.jpg\" class=\"attachment-thumbnail\" alt=\"\" /></a>\n</div>\n\
         <figcaption class='wp-caption-text gallery-caption' id='gallery-1-61'>\n First\n </figcaption></figure>\
         <figure class='gallery-item'><div class='gallery-icon portrait'><a href='https://example.org/?attachment_id=62'>\
         <img width=\"150\" height=\"150\" src=\"{UP}/b-150x150.jpg\" alt=\"Second picture\" /></a></div></figure>\n</div>"
    );
    let (blocks, notes) = convert(&html);
    assert_eq!(
        blocks,
        vec![
            captioned(&format!("{UP}/a-150x150.jpg"), 150, 150, "", "First"),
            image(&format!("{UP}/b-150x150.jpg"), 150, 150, "Second picture"),
        ]
    );
    assert_eq!(
        notes,
        vec!["gallery of 2 pictures shown as 2 image blocks, one after another"]
    );
}

#[test]
fn gutenberg_gallery_with_nested_images_and_its_own_caption() {
    let fig = |n: &str, cap: &str| {
        format!(
            "<figure class=\"wp-block-image size-large\"><img width=\"1024\" height=\"768\" src=\"{UP}/{n}.jpg\" \
             alt=\"{n}\" class=\"wp-image-7\"/>{cap}</figure>"
        )
    };
    let html = format!(
        "<figure class=\"wp-block-gallery has-nested-images columns-default is-cropped wp-block-gallery-1 is-layout-flex\">\
         {}{}<figcaption class=\"blocks-gallery-caption wp-element-caption\">Both ends of the march</figcaption></figure>",
        fig("a", "<figcaption class=\"wp-element-caption\">North</figcaption>"),
        fig("b", "")
    );
    let (blocks, notes) = convert(&html);
    assert_eq!(
        blocks,
        vec![
            captioned(&format!("{UP}/a.jpg"), 1024, 768, "a", "North"),
            image(&format!("{UP}/b.jpg"), 1024, 768, "b"),
            p("Both ends of the march"),
        ]
    );
    assert_eq!(notes.len(), 1);
}

#[test]
fn ghost_image_and_gallery_cards() {
    let g = "https://blog.example.com/content/images/2024/05";
    let html = format!(
        "<figure class=\"kg-card kg-image-card kg-card-hascaption\"><img src=\"{g}/hall.jpg\" class=\"kg-image\" \
         alt=\"Town hall\" loading=\"lazy\" width=\"2000\" height=\"1333\" srcset=\"{g}/size/w600/hall.jpg 600w, \
         {g}/hall.jpg 2000w\" sizes=\"(min-width: 720px) 720px\"><figcaption><span style=\"white-space: pre-wrap;\">\
         Photo: Jo Bloggs</span></figcaption></figure>\
         <figure class=\"kg-card kg-gallery-card kg-width-wide kg-card-hascaption\"><div class=\"kg-gallery-container\">\
         <div class=\"kg-gallery-row\"><div class=\"kg-gallery-image\"><img src=\"{g}/a.jpg\" width=\"1200\" height=\"800\" \
         loading=\"lazy\" alt></div><div class=\"kg-gallery-image\"><img src=\"{g}/b.jpg\" width=\"800\" height=\"1200\" \
         loading=\"lazy\" alt></div></div></div><figcaption><p><span>From both ends</span></p></figcaption></figure>"
    );
    let (blocks, notes) = convert(&html);
    assert_eq!(
        blocks,
        vec![
            captioned(
                &format!("{g}/hall.jpg"),
                2000,
                1333,
                "Town hall",
                "Photo: Jo Bloggs"
            ),
            image(&format!("{g}/a.jpg"), 1200, 800, ""),
            image(&format!("{g}/b.jpg"), 800, 1200, ""),
            p("From both ends"),
        ]
    );
    assert_eq!(
        notes,
        vec!["gallery of 2 pictures shown as 2 image blocks, one after another"]
    );
}

#[test]
fn a_cite_in_the_caption_is_the_credit() {
    let html = "<figure><img src=\"/media/a.jpg\" width=\"4\" height=\"3\" alt=\"A\">\
                <figcaption>Flooded road <cite>Jo Bloggs/Agency</cite></figcaption></figure>";
    let Block::Image { image } = &blocks(html)[0] else {
        panic!("not an image")
    };
    assert_eq!(
        *image,
        Image {
            url: "/media/a.jpg".into(),
            width: 4,
            height: 3,
            alt: "A".into(),
            caption: Some("Flooded road".into()),
            credit: Some("Jo Bloggs/Agency".into()),
        }
    );
}

#[test]
fn images_with_unusable_sources_are_dropped_with_their_caption_noted() {
    let (blocks, notes) = convert(
        "<figure><img src=\"javascript:alert(1)\" alt=\"x\"><figcaption>Lost caption</figcaption></figure>\
         <img src=\"uploads/rel.jpg\"><img src=\"//cdn.example.org/a.jpg\"><img alt=\"nothing\"><p>End</p>",
    );
    assert_eq!(blocks, vec![p("End")]);
    assert_eq!(
        notes,
        vec![
            "image left out: its source `javascript:alert(1)` is not a web address; its caption was “Lost caption”",
            "image left out: its source `uploads/rel.jpg` is not a web address",
            "image left out: its source `//cdn.example.org/a.jpg` is not a web address",
            "image left out: it has no source",
        ]
    );
}

#[test]
fn an_image_in_a_paragraph_splits_it_and_a_link_around_it_is_dropped() {
    let html = "<p>Before <a href=\"/media/full.jpg\"><img src=\"/media/a.jpg\" width=\"4\" height=\"3\" alt=\"A\"></a> after</p>";
    assert_eq!(
        blocks(html),
        vec![p("Before"), image("/media/a.jpg", 4, 3, "A"), p("after")]
    );
}
