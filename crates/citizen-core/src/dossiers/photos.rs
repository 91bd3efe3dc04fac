//! Photos are made small on the device before they are kept or sent: a phone's 12-megapixel
//! picture of a paper form is 4–8 MB, and a village's connection is slow. The long side is cut to
//! 2,000 px, which keeps a printed page legible, and the result is a JPEG — re-encoding also
//! drops the camera's metadata (place, time, device), which an officer does not need.

use std::io::Cursor;

use citizen_protocol::forms::FileType;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::ImageReader;

use crate::error::CoreError;

/// The longest side a kept photo may have, in pixels.
pub const MAX_SIDE: u32 = 2_000;
const JPEG_QUALITY: u8 = 85;

/// The bytes to keep for a file of `file_type`: a photo larger than [`MAX_SIDE`] comes back
/// downscaled as a JPEG; anything else comes back as it was.
pub fn prepare(bytes: Vec<u8>, file_type: FileType) -> Result<(Vec<u8>, FileType), CoreError> {
    if file_type == FileType::Pdf {
        return Ok((bytes, file_type));
    }
    let unreadable = |e: image::ImageError| CoreError::AttachmentRejected(format!("photo: {e}"));
    let (width, height) = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| CoreError::AttachmentRejected(e.to_string()))?
        .into_dimensions()
        .map_err(unreadable)?;
    if width.max(height) <= MAX_SIDE {
        return Ok((bytes, file_type));
    }
    let photo = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| CoreError::AttachmentRejected(e.to_string()))?
        .decode()
        .map_err(unreadable)?;
    // Triangle keeps text sharp enough at a fraction of Lanczos' cost on a phone.
    let small = photo
        .resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle)
        .into_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&small)
        .map_err(unreadable)?;
    tracing::debug!(
        width,
        height,
        bytes_in = bytes.len(),
        bytes_out = out.len(),
        "photo downscaled"
    );
    Ok((out, FileType::Jpeg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn dimensions(bytes: &[u8]) -> (u32, u32) {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .unwrap()
            .into_dimensions()
            .unwrap()
    }

    #[test]
    fn a_large_photo_becomes_a_jpeg_with_its_long_side_at_2000() {
        let (bytes, file_type) = prepare(png(3_000, 1_200), FileType::Png).unwrap();
        assert_eq!(file_type, FileType::Jpeg);
        assert_eq!(FileType::sniff(&bytes), Some(FileType::Jpeg));
        assert_eq!(dimensions(&bytes), (2_000, 800));
    }

    #[test]
    fn small_photos_and_pdfs_are_kept_as_they_are() {
        let small = png(800, 600);
        assert_eq!(
            prepare(small.clone(), FileType::Png).unwrap(),
            (small, FileType::Png)
        );
        let pdf = b"%PDF-1.7 ...".to_vec();
        assert_eq!(
            prepare(pdf.clone(), FileType::Pdf).unwrap(),
            (pdf, FileType::Pdf)
        );
    }

    #[test]
    fn a_photo_that_does_not_decode_is_refused() {
        let broken = vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        assert!(matches!(
            prepare(broken, FileType::Jpeg),
            Err(CoreError::AttachmentRejected(_))
        ));
    }
}
