//! Tests of embeds, players and Ghost's cards.

use super::video_url;
use crate::html::testing::*;
use broadsheet_content::{Block, Video};

#[test]
fn youtube_and_vimeo_urls_become_their_canonical_page() {
    let yt = Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ".to_string());
    for url in [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "http://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=30s",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ#t=1",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed",
        "//www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ] {
        assert_eq!(video_url(url), yt, "{url}");
    }
    let vimeo = |s: &str| Some(s.to_string());
    assert_eq!(
        video_url("https://vimeo.com/76979871"),
        vimeo("https://vimeo.com/76979871")
    );
    assert_eq!(
        video_url("https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1"),
        vimeo("https://vimeo.com/76979871/8272103f6e")
    );
    assert_eq!(
        video_url("https://vimeo.com/channels/staffpicks/76979871"),
        vimeo("https://vimeo.com/76979871")
    );
    for url in [
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC123",
        "https://evil.example/youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/embed/dQw4w9WgXcQ",
        "javascript:alert('https://youtu.be/dQw4w9WgXcQ')",
        "https://vimeo.com/about",
    ] {
        assert_eq!(video_url(url), None, "{url}");
    }
}

#[test]
fn a_gutenberg_youtube_embed_whose_oembed_failed_is_still_a_video() {
    let html = "<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube \
                wp-embed-aspect-16-9 wp-has-aspect-ratio\"><div class=\"wp-block-embed__wrapper\">\n\
                https://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div><figcaption class=\"wp-element-caption\">\
                The leader&#8217;s speech</figcaption></figure>";
    let (blocks, notes) = convert(html);
    assert_eq!(
        blocks,
        vec![video(
            "The leader’s speech",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        )]
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn gutenberg_and_ghost_embeds_with_players() {
    let html = "<figure class=\"wp-block-embed is-type-video is-provider-vimeo wp-block-embed-vimeo\">\
                <div class=\"wp-block-embed__wrapper\">\n<iframe title=\"Council meeting, 4 June\" \
                src=\"https://player.vimeo.com/video/76979871?h=8272103f6e&amp;dnt=1&amp;app_id=122963\" width=\"640\" \
                height=\"360\" allowfullscreen></iframe>\n</div></figure>\
                <figure class=\"kg-card kg-embed-card\"><iframe width=\"200\" height=\"113\" \
                src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed\" frameborder=\"0\" allowfullscreen \
                title=\"\"></iframe></figure>\
                <p><iframe src=\"https://www.youtube-nocookie.com/embed/aaaaaaaaaaa\" title=\"Bare frame\"></iframe></p>";
    assert_eq!(
        blocks(html),
        vec![
            video(
                "Council meeting, 4 June",
                "https://vimeo.com/76979871/8272103f6e"
            ),
            video("Video", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            video("Bare frame", "https://www.youtube.com/watch?v=aaaaaaaaaaa"),
        ]
    );
}

#[test]
fn other_embeds_become_a_link_or_the_tweet_as_a_quote() {
    let html = "<figure class=\"wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter\">\
                <div class=\"wp-block-embed__wrapper\">\n<blockquote class=\"twitter-tweet\" data-width=\"550\">\
                <p lang=\"en\" dir=\"ltr\">Polls are open until 10pm.</p>&mdash; Example Council (@examplecouncil) \
                <a href=\"https://twitter.com/examplecouncil/status/1790000000000000000\">May 2, 2024</a></blockquote>\
                <script async src=\"https://platform.twitter.com/widgets.js\"></script>\n</div></figure>\
                <figure class=\"wp-block-embed is-type-rich is-provider-spotify wp-block-embed-spotify\">\
                <div class=\"wp-block-embed__wrapper\">\nhttps://open.spotify.com/episode/abc\n</div></figure>";
    let (blocks, notes) = convert(html);
    assert_eq!(
        blocks,
        vec![
            Block::Quote {
                content: vec![t("Polls are open until 10pm.")],
                attribution: Some("Example Council (@examplecouncil) May 2, 2024".into())
            },
            para(vec![link(
                "https://open.spotify.com/episode/abc",
                vec![t("https://open.spotify.com/episode/abc")]
            )]),
        ]
    );
    assert_eq!(
        notes,
        vec![
            "embedded twitter post shown as a quote",
            "embedded spotify post shown as a link: https://open.spotify.com/episode/abc",
        ]
    );
}

#[test]
fn unrecognised_frames_are_dropped_with_their_host() {
    let (blocks, notes) = convert(
        "<p>See the map:</p><iframe src=\"https://maps.example.com:8443/embed?pb=1\" width=\"600\"></iframe>\
         <iframe srcdoc=\"<p>hi</p>\"></iframe>",
    );
    assert_eq!(blocks, vec![p("See the map:")]);
    assert_eq!(
        notes,
        vec![
            "embedded frame from maps.example.com left out",
            "embedded frame from no address left out"
        ]
    );
}

#[test]
fn ghost_bookmark_card() {
    let html = "<figure class=\"kg-card kg-bookmark-card\"><a class=\"kg-bookmark-container\" \
                href=\"https://council.example.gov/budget\"><div class=\"kg-bookmark-content\">\
                <div class=\"kg-bookmark-title\">Budget 2026</div><div class=\"kg-bookmark-description\">The \
                council&#x27;s spending plans.</div><div class=\"kg-bookmark-metadata\"><img class=\"kg-bookmark-icon\" \
                src=\"https://council.example.gov/favicon.ico\" alt=\"\"><span class=\"kg-bookmark-author\">Example \
                Council</span></div></div><div class=\"kg-bookmark-thumbnail\"><img src=\"https://council.example.gov/og.jpg\" \
                alt=\"\" onerror=\"this.style.display = 'none'\"></div></a></figure>";
    let (blocks, notes) = convert(html);
    assert_eq!(
        blocks,
        vec![para(vec![
            link("https://council.example.gov/budget", vec![t("Budget 2026")]),
            t(" — The council's spending plans."),
        ])]
    );
    assert_eq!(notes.len(), 1);
    assert!(noted(&notes, "bookmark card shown as a link"));
}

#[test]
fn ghost_callout_and_toggle_cards() {
    let html = "<div class=\"kg-card kg-callout-card kg-callout-card-grey\"><div class=\"kg-callout-emoji\">💡</div>\
                <div class=\"kg-callout-text\">Polling stations open at <b><strong style=\"white-space: pre-wrap;\">7am\
                </strong></b>.</div></div>\
                <div class=\"kg-card kg-toggle-card\" data-kg-toggle-state=\"close\"><div class=\"kg-toggle-heading\">\
                <h4 class=\"kg-toggle-heading-text\"><span style=\"white-space: pre-wrap;\">When is the vote?</span></h4>\
                <button class=\"kg-toggle-card-icon\" aria-label=\"Expand toggle to read content\"><svg viewBox=\"0 0 24 24\">\
                <path d=\"M23.25,7.311\"></path></svg></button></div><div class=\"kg-toggle-content\"><p><span \
                style=\"white-space: pre-wrap;\">On 4 June.</span></p><p>Polls close at 10pm.</p></div></div>";
    let (blocks, notes) = convert(html);
    assert_eq!(
        blocks,
        vec![
            para(vec![
                t("Polling stations open at "),
                strong(vec![strong(vec![t("7am")])]),
                t(".")
            ]),
            heading(3, "When is the vote?"),
            p("On 4 June."),
            p("Polls close at 10pm."),
        ]
    );
    assert_eq!(
        notes,
        vec![
            "callout box shown as a plain paragraph (its emoji left out)",
            "toggle card shown open: its heading, then its text",
        ]
    );
}

#[test]
fn ghost_video_and_audio_cards_and_plain_players() {
    let m = "https://blog.example.com/content/media/2024/05";
    let html = format!(
        "<figure class=\"kg-card kg-video-card kg-width-regular kg-card-hascaption\" data-kg-thumbnail=\"{m}/clip_thumb.jpg\">\
         <div class=\"kg-video-container\"><video src=\"{m}/clip.mp4\" poster=\"https://img.spacergif.org/v1/1280x720/0a/spacer.png\" \
         width=\"1280\" height=\"720\" playsinline preload=\"metadata\"></video><div class=\"kg-video-overlay\">\
         <button class=\"kg-video-large-play-icon\" aria-label=\"Play video\"><svg></svg></button></div>\
         <div class=\"kg-video-player-container\"><div class=\"kg-video-player\"><span class=\"kg-video-current-time\">0:00</span>\
         <div class=\"kg-video-time\">/<span class=\"kg-video-duration\">1:05</span></div><input type=\"range\" max=\"100\" value=\"0\">\
         <button class=\"kg-video-playback-rate\">1&#215;</button></div></div></div><figcaption><p><span>The count</span></p>\
         </figcaption></figure>\
         <div class=\"kg-card kg-audio-card\"><img src=\"\" alt=\"audio-thumbnail\" class=\"kg-audio-thumbnail kg-audio-hide\">\
         <div class=\"kg-audio-player-container\"><audio src=\"{m}/interview.mp3\" preload=\"metadata\"></audio>\
         <div class=\"kg-audio-title\">The interview</div><div class=\"kg-audio-player\"><span class=\"kg-audio-current-time\">0:00</span>\
         </div></div></div>\
         <figure class=\"wp-block-video\"><video controls src=\"/wp-content/uploads/rally.mp4\"></video>\
         <figcaption class=\"wp-element-caption\">The rally</figcaption></figure>"
    );
    let (blocks, notes) = convert(&html);
    assert_eq!(
        blocks,
        vec![
            Block::Video {
                video: Video {
                    title: "The count".into(),
                    url: format!("{m}/clip.mp4"),
                    duration: Some(65),
                    poster: None
                }
            },
            para(vec![link(
                &format!("{m}/interview.mp3"),
                vec![t("The interview")]
            )]),
            video("The rally", "/wp-content/uploads/rally.mp4"),
        ]
    );
    assert_eq!(
        notes,
        vec![format!(
            "audio player shown as a link to its file: {m}/interview.mp3"
        )]
    );
}
