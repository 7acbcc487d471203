//! Every `<img>` of a page: sized (width and height, so it takes its space before it loads), and for the site's
//! raster images responsive, as a `<picture>` offering WebP copies before the image's own format, each with its
//! `srcset` and the `sizes` of where it is shown (`broadsheet_content::responsive` has the rule).

use broadsheet_content::responsive::{srcset, Format};
use broadsheet_content::{safe_href, Image};
use leptos::prelude::*;

/// How an image loads: `Lazy` (near the viewport), `Eager`, or `First` (eager, high priority: the page's largest
/// element).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ImageLoading {
    Lazy,
    Eager,
    First,
}

/// `sizes` of a figure in an article: the article's column (`.article-body`, at most 42rem; the page's padding
/// is 1rem a side).
pub const FIGURE_SIZES: &str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";
/// `sizes` of an article's lead image: the page's main column (style/main.css `.page`: at most 76rem with 1rem
/// of padding a side; from 60rem a 20rem rail beside it after a 2rem gap).
pub const LEAD_SIZES: &str =
    "(min-width: 76rem) 52rem, (min-width: 60rem) calc(100vw - 24rem), calc(100vw - 2rem)";
/// `sizes` of a teaser's image: 20rem in a rail beside the main column (from 60rem); below that, up to the
/// column's width (a rail's teasers are then full width; a listing's are 12rem from 36rem, which this
/// overstates rather than show a rail's picture blurred).
pub const TEASER_SIZES: &str = "(min-width: 60rem) 20rem, calc(100vw - 2rem)";
/// `sizes` of an author's photo (`.author-photo`).
pub const AUTHOR_SIZES: &str = "6rem";
/// `sizes` of a partner widget's thumbnail (72 px).
pub const WIDGET_SIZES: &str = "72px";

/// What a picture shows and how: `alt` is the text alternative (empty for a decorative image), `class` the
/// `<img>`'s class.
pub struct Shown {
    pub alt: String,
    pub class: &'static str,
    pub sizes: &'static str,
    pub loading: ImageLoading,
}

/// `image` as a `<picture>` (offering WebP copies first when the site has copies of it), shown at `width` × `height` CSS
/// pixels (the image's own when `None`); nothing when its URL fails the safe-URL rule.
pub fn picture(image: &Image, shown: Shown, size: Option<(u32, u32)>) -> Option<AnyView> {
    let src = safe_href(&image.url)?.to_string();
    let (width, height) = size.unwrap_or((image.width, image.height));
    let Shown {
        alt,
        class,
        sizes,
        loading,
    } = shown;
    let own = srcset(image, Format::Own);
    let webp = own.as_ref().and_then(|_| srcset(image, Format::Webp));
    let sizes = own.is_some().then_some(sizes);
    Some(
        view! {
            <picture>
                {webp.map(|w| view! { <source type="image/webp" srcset=w sizes=sizes/> })}
                <img class=class src=src srcset=own sizes=sizes alt=alt
                    width=width height=height loading=if loading == ImageLoading::Lazy { "lazy" } else { "eager" }
                    decoding="async" fetchpriority=(loading == ImageLoading::First).then_some("high")/>
            </picture>
        }
        .into_any(),
    )
}

#[component]
pub fn ImagePreload(image: Image, sizes: &'static str) -> impl IntoView {
    srcset(&image, Format::Webp).map(|webp| {
        view! {
            <link rel="preload" r#as="image" r#type="image/webp" imagesrcset=webp imagesizes=sizes
                fetchpriority="high"/>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(url: &str, loading: ImageLoading) -> String {
        let image = Image {
            url: url.into(),
            width: 800,
            height: 450,
            alt: "A harbour".into(),
            caption: None,
            credit: None,
        };
        let shown = Shown {
            alt: image.alt.clone(),
            class: "figure-image",
            sizes: FIGURE_SIZES,
            loading,
        };
        picture(&image, shown, None)
            .map(|v| v.to_html())
            .unwrap_or_default()
    }

    #[test]
    fn a_site_photo_offers_webp_first_then_its_own_format() {
        let out = html("/media/store/ab12.jpg", ImageLoading::First);
        let webp = out.find("<source type=\"image/webp\"").unwrap();
        let img = out.find("<img").unwrap();
        assert!(webp < img, "{out}");
        assert!(out.contains("/media/store/ab12-640w.webp 640w, /media/store/ab12-800w.webp 800w"));
        assert!(out.contains("srcset=\"/media/store/ab12-320w.jpg 320w, /media/store/ab12-640w.jpg 640w, /media/store/ab12.jpg 800w\""));
        assert!(out.contains("width=\"800\"") && out.contains("height=\"450\""));
        assert!(out.contains("fetchpriority=\"high\"") && out.contains("loading=\"eager\""));
        assert_eq!(out.matches(FIGURE_SIZES).count(), 2, "{out}");
    }

    #[test]
    fn the_preload_names_the_webp_copies_the_picture_offers() {
        let image = Image {
            url: "/media/store/ab12.jpg".into(),
            width: 700,
            height: 400,
            alt: String::new(),
            caption: None,
            credit: None,
        };
        let out = view! { <ImagePreload image=image sizes=FIGURE_SIZES/> }.to_html();
        assert!(
            out.starts_with("<link rel=\"preload\" as=\"image\" type=\"image/webp\""),
            "{out}"
        );
        assert!(out.contains("imagesrcset=\"/media/store/ab12-320w.webp 320w, /media/store/ab12-640w.webp 640w, /media/store/ab12-700w.webp 700w\""), "{out}");
        assert!(out.contains(&format!("imagesizes=\"{FIGURE_SIZES}\"")));
    }

    #[test]
    fn other_images_have_no_copies_and_unsafe_ones_are_nothing() {
        let out = html("/media/housing-1.svg", ImageLoading::Lazy);
        assert!(
            out.starts_with("<picture>") && out.contains("<img") && !out.contains("<source"),
            "{out}"
        );
        assert!(!out.contains("srcset") && !out.contains("sizes"), "{out}");
        assert!(out.contains("loading=\"lazy\"") && !out.contains("fetchpriority"));
        assert_eq!(html("javascript:alert(1)", ImageLoading::Lazy), "");
    }
}
