//! Image intake, both sides: the server's `dossiers::attachments::content_type` (the type sniffed
//! from the bytes, an image's size in pixels read from its header, over 50 megapixels refused),
//! and the core's `dossiers::photos::prepare` (a photo over 2,000 px or carrying EXIF/XMP is
//! re-encoded as a JPEG; anything else is kept as it was).
//!
//! Properties, checked with readers other than the ones under test (kamadak-exif for EXIF, a full
//! decode for the size): the server's type is the bytes' signature, and an image it accepts is
//! not bigger once decoded than its header said; a photo the core keeps as it was is small and
//! carries no EXIF; one it re-encodes is a JPEG that decodes, within 2,000 px, with no EXIF and no
//! XMP.

#![no_main]

use std::io::Cursor;

use citizen_core::dossiers::photos::{prepare, MAX_SIDE};
use citizen_protocol::forms::FileType;
use citizen_server::dossiers::attachments::{content_type, MAX_IMAGE_PIXELS};
use image::{ImageDecoder, ImageFormat, ImageReader};
use libfuzzer_sys::fuzz_target;

/// A full decode of more than this is left out: it proves nothing more than a small one and
/// would make each run take seconds.
const DECODE_PIXELS: u64 = 4_000_000;

fn has_exif(bytes: &[u8]) -> bool {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .is_ok()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The header's size, as a different path through the decoder reads it.
fn header_size(bytes: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
    let reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.into_decoder().ok().map(|d| d.dimensions())
}

fn decoded_size(bytes: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
    let image = ImageReader::with_format(Cursor::new(bytes), format)
        .decode()
        .ok()?;
    Some((image.width(), image.height()))
}

fuzz_target!(|data: &[u8]| {
    // The server.
    let sniffed = FileType::sniff(data);
    match content_type(data) {
        Ok(file_type) => {
            assert_eq!(Some(file_type), sniffed);
            let format = match file_type {
                FileType::Jpeg => Some(ImageFormat::Jpeg),
                FileType::Png => Some(ImageFormat::Png),
                FileType::Pdf => None,
            };
            if let Some(format) = format {
                let (w, h) = header_size(data, format).expect("an accepted image has a header");
                let pixels = u64::from(w) * u64::from(h);
                assert!(pixels <= MAX_IMAGE_PIXELS);
                if pixels <= DECODE_PIXELS {
                    if let Some(decoded) = decoded_size(data, format) {
                        assert_eq!(decoded, (w, h), "the header understated the picture");
                    }
                }
            }
        }
        Err((status, reason)) => {
            assert!(matches!(status.as_u16(), 415 | 422), "{status} {reason}");
            if sniffed.is_none() {
                assert_eq!(status.as_u16(), 415);
            }
        }
    }

    // The core, as `dossiers::attach` calls it: the type from the bytes first.
    let Some(file_type) = sniffed else { return };
    if file_type != FileType::Pdf {
        // The decode `prepare` may do is the cost this target pays per run; keep it bounded.
        let claimed = ImageReader::new(Cursor::new(data))
            .with_guessed_format()
            .ok()
            .and_then(|r| r.into_dimensions().ok());
        let pixels = claimed.map_or(0, |(w, h)| u64::from(w) * u64::from(h));
        if pixels > citizen_core::dossiers::photos::MAX_PIXELS {
            // A decompression bomb: refused before it is decoded.
            assert!(
                prepare(data.to_vec(), file_type).is_err(),
                "{claimed:?} taken"
            );
            return;
        }
        if pixels > 4 * DECODE_PIXELS {
            return;
        }
    }
    let Ok((out, kept_type)) = prepare(data.to_vec(), file_type) else {
        return;
    };
    if file_type == FileType::Pdf {
        assert_eq!((out.as_slice(), kept_type), (data, FileType::Pdf));
        return;
    }
    if out == data {
        assert_eq!(kept_type, file_type);
        let format = if file_type == FileType::Jpeg {
            ImageFormat::Jpeg
        } else {
            ImageFormat::Png
        };
        let (w, h) = header_size(data, format).expect("a kept photo has a header");
        assert!(w.max(h) <= MAX_SIDE, "{w}×{h} kept as it was");
        assert!(!has_exif(data), "a photo with EXIF kept as it was");
    } else {
        assert_eq!(kept_type, FileType::Jpeg);
        assert_eq!(FileType::sniff(&out), Some(FileType::Jpeg));
        let (w, h) = decoded_size(&out, ImageFormat::Jpeg).expect("a re-encoded photo decodes");
        assert!(w.max(h) <= MAX_SIDE);
        assert!(!has_exif(&out), "EXIF survived re-encoding");
        assert!(!contains(&out, b"Exif\0\0"));
        assert!(!contains(&out, b"http://ns.adobe.com/xap/1.0/"));
    }
});
