//! An image's size as it is shown: its file's width and height, turned by its EXIF orientation.

/// An image's width and height in pixels as it is shown: its file's, turned by its EXIF orientation. A phone's
/// photo stored sideways (orientations 5–8) has them swapped: browsers show it upright, and the server makes its
/// copies upright, so its `width` and `height` (and the widths of its copies) are the upright ones. `bytes` may be
/// the file's head only; without the orientation there, the stored size. `None` when it is not an image.
pub fn upright_size(bytes: &[u8]) -> Option<(u32, u32)> {
    use image::metadata::Orientation::{Rotate270, Rotate270FlipH, Rotate90, Rotate90FlipH};
    use image::ImageDecoder;
    let size = imagesize::blob_size(bytes).ok()?;
    let (w, h) = (
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    );
    let orientation = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_decoder().ok())
        .and_then(|mut d| d.orientation().ok());
    let sideways = matches!(
        orientation,
        Some(Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
    );
    Some(if sideways { (h, w) } else { (w, h) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::png_header;

    /// A JPEG of `w` × `h` pixels stored sideways: EXIF orientation 6 (turn 90° clockwise to show it), as a
    /// phone writes it.
    fn sideways_jpeg(w: u32, h: u32) -> Vec<u8> {
        let mut jpeg = Vec::new();
        let pixels = image::RgbImage::new(w, h);
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode_image(&pixels)
            .unwrap();
        // An APP1 segment after SOI: "Exif", then a little-endian TIFF header and one IFD entry, 0x0112 = 6.
        let mut exif = b"Exif\0\0II\x2a\0\x08\0\0\0\x01\0".to_vec();
        exif.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]);
        let length = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
        let mut out = jpeg[..2].to_vec();
        out.extend([0xff, 0xe1, length[0], length[1]]);
        out.extend(exif);
        out.extend(&jpeg[2..]);
        out
    }

    #[test]
    fn a_photo_stored_sideways_is_measured_as_it_is_shown() {
        assert_eq!(upright_size(&sideways_jpeg(40, 20)), Some((20, 40)));
        assert_eq!(upright_size(&png_header(40, 20)), Some((40, 20)));
        assert_eq!(upright_size(b"not an image"), None);
    }
}
