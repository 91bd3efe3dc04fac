//! Photos are made small on the device before they are kept or sent: a phone's 12-megapixel
//! picture of a paper form is 4–8 MB, and a village's connection is slow. The long side is cut to
//! 2,000 px, which keeps a printed page legible, and the result is a JPEG — re-encoding also
//! drops the camera's metadata (place, time, device), which an officer does not need. A small
//! photo that carries such metadata (EXIF, XMP) is re-encoded for that reason alone: a street
//! report's photo must not tell where the resident lives unless they chose to say so.

use std::io::Cursor;

use citizen_protocol::forms::FileType;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{ImageDecoder, ImageReader};

use crate::error::CoreError;

/// The longest side a kept photo may have, in pixels.
pub const MAX_SIDE: u32 = 2_000;
const JPEG_QUALITY: u8 = 85;

/// More pixels than any phone camera makes: a file claiming more is a decompression bomb, refused
/// before it is decoded.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The bytes to keep for a file of `file_type`: a photo larger than [`MAX_SIDE`], or carrying
/// camera metadata, comes back re-encoded as a JPEG; anything else comes back as it was.
pub fn prepare(bytes: Vec<u8>, file_type: FileType) -> Result<(Vec<u8>, FileType), CoreError> {
    if file_type == FileType::Pdf {
        return Ok((bytes, file_type));
    }
    let unreadable = |e: image::ImageError| CoreError::AttachmentRejected(format!("photo: {e}"));
    let mut header = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| CoreError::AttachmentRejected(e.to_string()))?
        .into_decoder()
        .map_err(unreadable)?;
    let (width, height) = header.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(CoreError::AttachmentRejected(format!(
            "photo of {width}×{height} pixels"
        )));
    }
    let metadata = header.exif_metadata().ok().flatten().is_some()
        || header.xmp_metadata().ok().flatten().is_some()
        || carries_metadata(&bytes);
    drop(header);
    if width.max(height) <= MAX_SIDE && !metadata {
        return Ok((bytes, file_type));
    }
    let photo = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| CoreError::AttachmentRejected(e.to_string()))?
        .decode()
        .map_err(unreadable)?;
    // Triangle keeps text sharp enough at a fraction of Lanczos' cost on a phone.
    let small = if width.max(height) > MAX_SIDE {
        photo.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle)
    } else {
        photo
    }
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
        metadata,
        "photo re-encoded"
    );
    Ok((out, FileType::Jpeg))
}

/// Whether the file carries metadata where the decoders' header read does not look: a PNG's
/// eXIf or text chunk after the picture data, a JPEG's EXIF, XMP or IPTC segment between scans,
/// or anything trailing the end of the image (a motion photo's video, a vendor's trailer).
///
/// The structure is walked rather than searched: a four-letter chunk name turns up by chance in
/// about one megabyte-sized photo in a thousand, and a search re-encoded those photos for nothing.
/// A structure that cannot be walked to its end counts as carrying metadata: re-encoding costs
/// only time, keeping costs privacy. (img-parts reads these containers too, but it stops at the
/// first scan and panics on a truncated file.)
fn carries_metadata(bytes: &[u8]) -> bool {
    match FileType::sniff(bytes) {
        Some(FileType::Png) => png_carries_metadata(bytes),
        Some(FileType::Jpeg) => jpeg_carries_metadata(bytes),
        _ => true,
    }
}

fn png_carries_metadata(bytes: &[u8]) -> bool {
    const METADATA: [&[u8; 4]; 4] = [b"eXIf", b"iTXt", b"tEXt", b"zTXt"];
    let mut rest = &bytes[8..];
    loop {
        let Some((length, kind)) = rest.get(..8).map(|head| {
            (
                u32::from_be_bytes([head[0], head[1], head[2], head[3]]),
                &head[4..8],
            )
        }) else {
            return true;
        };
        if METADATA.iter().any(|name| kind == *name) {
            return true;
        }
        // Length, type, data, CRC.
        let Some(end) = usize::try_from(length).ok().and_then(|n| n.checked_add(12)) else {
            return true;
        };
        let Some(after) = rest.get(end..) else {
            return true;
        };
        if kind == b"IEND" {
            return !after.is_empty();
        }
        rest = after;
    }
}

fn jpeg_carries_metadata(bytes: &[u8]) -> bool {
    const SOS: u8 = 0xDA;
    const EOI: u8 = 0xD9;
    let mut at = 2;
    loop {
        match bytes.get(at..at + 2) {
            None => return true,
            Some([0xFF, 0xFF]) => at += 1, // fill byte before a marker
            Some([0xFF, EOI]) => return bytes[at + 2..].iter().any(|&b| b != 0),
            Some([0xFF, 0x01 | 0xD0..=0xD7]) => at += 2, // markers without a segment
            Some([0xFF, marker]) => {
                let marker = *marker;
                let Some(&[high, low]) = bytes.get(at + 2..at + 4) else {
                    return true;
                };
                let length = usize::from(u16::from_be_bytes([high, low]));
                let Some(segment) = bytes.get(at + 4..at + 2 + length).filter(|_| length >= 2)
                else {
                    return true;
                };
                let metadata = match marker {
                    0xE1 => {
                        segment.starts_with(b"Exif\0\0")
                            || segment.starts_with(b"http://ns.adobe.com/")
                    }
                    0xED => segment.starts_with(b"Photoshop 3.0\0"),
                    _ => false,
                };
                if metadata {
                    return true;
                }
                at += 2 + length;
                if marker == SOS {
                    // The scan's data: a 0xFF in it is followed by 0x00 (stuffing) or a restart
                    // marker; any other pair is the next marker.
                    let Some(next) = bytes[at..]
                        .windows(2)
                        .position(|w| w[0] == 0xFF && !matches!(w[1], 0x00 | 0xD0..=0xD7 | 0xFF))
                    else {
                        return true;
                    };
                    at += next;
                }
            }
            Some(_) => return true,
        }
    }
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
    fn a_small_photo_with_camera_metadata_loses_it() {
        let mut with_exif = Vec::new();
        let mut encoder = JpegEncoder::new_with_quality(&mut with_exif, 90);
        // EXIF naming a GPS position: what a phone writes into every photo it takes.
        let mut exif = b"MM\0*\0\0\0\x08".to_vec();
        exif.extend_from_slice(
            b"\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a\0\0\0\0GPS-16.4637-107.5909",
        );
        image::ImageEncoder::set_exif_metadata(&mut encoder, exif).unwrap();
        let picture = RgbImage::from_fn(640, 480, |x, _| image::Rgb([(x % 256) as u8, 90, 40]));
        image::ImageEncoder::write_image(
            encoder,
            picture.as_raw(),
            640,
            480,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
        assert!(
            contains(&with_exif, b"GPS-16.4637"),
            "the test photo has its EXIF"
        );
        let (kept, file_type) = prepare(with_exif, FileType::Jpeg).unwrap();
        assert_eq!(file_type, FileType::Jpeg);
        assert_eq!(dimensions(&kept), (640, 480));
        assert!(!contains(&kept, b"GPS-16.4637"), "the EXIF is gone");
        assert!(!contains(&kept, b"Exif"), "no EXIF segment at all");
    }

    /// Found by `fuzz/fuzz_targets/image_intake.rs`: EXIF after the picture data was not seen,
    /// and a small PNG carrying it was kept as it was.
    #[test]
    fn exif_after_the_picture_data_is_dropped_too() {
        let plain = png(64, 48);
        let mut exif = b"MM\0*\0\0\0\x08".to_vec();
        exif.extend_from_slice(
            b"\0\x01\x01\x0e\0\x02\0\0\0\x14\0\0\0\x1a\0\0\0\0GPS 16.4637 107.5909\0",
        );
        let mut chunk = (exif.len() as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(b"eXIf");
        chunk.extend_from_slice(&exif);
        chunk.extend_from_slice(&crc32(&chunk[4..]).to_be_bytes());
        // Before IEND, the last 12 bytes.
        let at = plain.len() - 12;
        let late = [&plain[..at], &chunk, &plain[at..]].concat();
        assert!(contains(&late, b"GPS 16.4637"));
        let (kept, file_type) = prepare(late, FileType::Png).unwrap();
        assert_eq!(file_type, FileType::Jpeg);
        assert_eq!(dimensions(&kept), (64, 48));
        assert!(!contains(&kept, b"GPS 16.4637"), "the EXIF is gone");
    }

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([
                (x * 7 % 256) as u8,
                (y * 13 % 256) as u8,
                ((x ^ y) % 256) as u8,
            ])
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&picture)
            .unwrap();
        out
    }

    /// Found by `tests/tests/outbox_kill_trials.rs`: a photo of noise was re-encoded because its
    /// picture data held the bytes "tEXt" by chance (about one photo of 1 MB in a thousand).
    #[test]
    fn metadata_names_inside_the_picture_data_are_not_metadata() {
        let mut photo = jpeg(320, 240);
        let scan = photo.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        let mut at = scan + 200;
        for name in [
            &b"tEXt"[..],
            b"eXIf",
            b"Exif\0\0",
            b"http://ns.adobe.com/xap/1.0/",
        ] {
            while photo[at - 1] == 0xFF {
                at += 1;
            }
            photo[at..at + name.len()].copy_from_slice(name);
            at += name.len() + 50;
        }
        assert!(contains(&photo, b"tEXt") && contains(&photo, b"Exif\0\0"));
        assert_eq!(
            prepare(photo.clone(), FileType::Jpeg).unwrap(),
            (photo, FileType::Jpeg)
        );
    }

    #[test]
    fn anything_after_the_end_of_the_image_is_dropped() {
        // What a phone's motion photo appends: a video, after the picture's end marker.
        let trailer = b"\0\0\0\x18ftypmp42 a video of the street, with its GPS track";
        let jpeg_with_trailer = [jpeg(320, 240).as_slice(), trailer].concat();
        let (kept, file_type) = prepare(jpeg_with_trailer, FileType::Jpeg).unwrap();
        assert_eq!(file_type, FileType::Jpeg);
        assert_eq!(dimensions(&kept), (320, 240));
        assert!(!contains(&kept, b"GPS track"));

        let png_with_trailer = [png(64, 48).as_slice(), trailer].concat();
        let (kept, file_type) = prepare(png_with_trailer, FileType::Png).unwrap();
        assert_eq!(file_type, FileType::Jpeg);
        assert!(!contains(&kept, b"GPS track"));

        // Zero padding after the end is not a trailer.
        let padded = [jpeg(320, 240).as_slice(), &[0; 16]].concat();
        assert_eq!(
            prepare(padded.clone(), FileType::Jpeg).unwrap(),
            (padded, FileType::Jpeg)
        );
    }

    #[test]
    fn a_truncated_photo_is_not_kept_as_it_was() {
        let mut photo = jpeg(320, 240);
        photo.truncate(photo.len() - 2);
        if let Ok((kept, _)) = prepare(photo.clone(), FileType::Jpeg) {
            assert_ne!(kept, photo);
        }
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_it_is_decoded() {
        // A valid PNG header claiming 100,000 × 100,000 pixels, with almost nothing behind it.
        let mut bomb = Vec::new();
        let encoder = image::codecs::png::PngEncoder::new(&mut bomb);
        let row = vec![0u8; 100_000];
        let _ = image::ImageEncoder::write_image(
            encoder,
            &row,
            100_000,
            1,
            image::ExtendedColorType::L8,
        );
        // Rewrite the IHDR height from 1 to 100,000 (and its CRC, which the header check reads).
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(matches!(
            prepare(bomb, FileType::Png),
            Err(CoreError::AttachmentRejected(why)) if why.contains("100000×100000")
        ));
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
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
