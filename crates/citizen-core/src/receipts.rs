//! Biên lai: the receipt of a paid invoice as a one-page A4 PDF, in the resident's language, for
//! them to keep, print or send on. Labels come from the same Fluent files as the UI
//! (`receipt-pdf-*`); the text is set in DejaVu Sans, embedded and subset, with a ToUnicode map so
//! that the Vietnamese can be searched, copied and read back.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use citizen_protocol::payments::{Invoice, Receipt};
use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, TextItem,
};
use time::format_description::well_known::Rfc3339;
use time::macros::{format_description, offset};
use time::OffsetDateTime;
use unicode_normalization::UnicodeNormalization;

use crate::i18n::{Locale, Messages};

/// DejaVu Sans 2.37, unmodified; its licence is `fonts/LICENSE`.
static REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    /// The invoice carries no receipt: no payment has been accepted for it.
    #[error("invoice has no receipt: it is not paid")]
    NotPaid,
    #[error("receipt could not be rendered: {0}")]
    Render(String),
}

/// The receipt of a paid invoice as a PDF document, in the resident's language.
pub fn receipt_pdf(invoice: &Invoice, locale: Locale) -> Result<Vec<u8>, ReceiptError> {
    let receipt = invoice.receipt.as_ref().ok_or(ReceiptError::NotPaid)?;
    let fonts = Fonts::load()?;
    let page = lay_out(invoice, receipt, locale, &fonts)?;

    let text = |key: &str| messages().get(locale, key);
    let mut doc = PdfDocument::new(&format!("{} {}", text("receipt-pdf-title"), receipt.number));
    let now = printpdf::DateTime::now_utc();
    doc.metadata.info.creation_date = now;
    doc.metadata.info.modification_date = now;
    doc.metadata.info.metadata_date = now;
    doc.metadata.info.author = text("receipt-pdf-authority");
    doc.metadata.info.creator = text("app-name");
    let ops = page.into_ops(&mut doc)?;
    let mut warnings = Vec::new();
    let bytes = doc
        .with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)])
        .save(&PdfSaveOptions::default(), &mut warnings);
    for warning in &warnings {
        tracing::debug!(?warning, "receipt PDF");
    }
    Ok(bytes)
}

/// The page: the issuer, the title, one row per fact of the payment, and the footer.
fn lay_out<'a>(
    invoice: &Invoice,
    receipt: &Receipt,
    locale: Locale,
    fonts: &'a Fonts,
) -> Result<Page<'a>, ReceiptError> {
    let messages = messages();
    let text = |key: &str| messages.get(locale, key);
    let paid_at = vietnam_time(&receipt.paid_at)?;
    let mut page = Page {
        fonts,
        draws: Vec::new(),
    };

    // The issuer, top left, as administrative papers have it: centred over a short rule.
    let mut y = PAGE_HEIGHT - MARGIN;
    let authority = text("receipt-pdf-authority");
    let app_name = text("app-name");
    let column = page
        .width(BOLD, &authority)
        .max(page.width(REGULAR, &app_name));
    let column_centre = MARGIN + column / 2.0;
    page.centred_at(BOLD, column_centre, y, &authority);
    y -= 15.0;
    page.centred_at(REGULAR, column_centre, y, &app_name);
    y -= 7.0;
    page.rule(column_centre - 30.0, column_centre + 30.0, y);

    y -= 70.0;
    for line in page.wrap(TITLE, &text("receipt-pdf-title"), PAGE_WIDTH - 2.0 * MARGIN) {
        page.centred_at(TITLE, PAGE_WIDTH / 2.0, y, &line);
        y -= 22.0;
    }
    y -= 25.0;

    let rows = rows(invoice, receipt, locale, messages, &paid_at);
    let label_width = rows
        .iter()
        .map(|row| page.width(LABEL, &row.label))
        .fold(0.0, f32::max)
        + 14.0;
    let value_x = MARGIN + label_width.min(MAX_LABEL_WIDTH);
    let value_width = PAGE_WIDTH - MARGIN - value_x;
    for row in &rows {
        let style = if row.strong { STRONG } else { VALUE };
        let label_lines = page.wrap(LABEL, &row.label, value_x - MARGIN - 8.0);
        let value_lines = page.wrap(style, &row.value, value_width);
        for (i, line) in label_lines.iter().enumerate() {
            page.text(LABEL, MARGIN, y - i as f32 * LINE_HEIGHT, line);
        }
        for (i, line) in value_lines.iter().enumerate() {
            page.text(style, value_x, y - i as f32 * LINE_HEIGHT, line);
        }
        y -= label_lines.len().max(value_lines.len()) as f32 * LINE_HEIGHT + ROW_GAP;
    }

    y -= 10.0;
    page.rule(MARGIN, PAGE_WIDTH - MARGIN, y);
    y -= 20.0;
    for line in page.wrap(
        FOOTER,
        &text("receipt-pdf-footer"),
        PAGE_WIDTH - 2.0 * MARGIN,
    ) {
        page.centred_at(FOOTER, PAGE_WIDTH / 2.0, y, &line);
        y -= 13.0;
    }
    if y < MARGIN {
        // One page is all a receipt has; text this long means a field is not what it should be.
        return Err(ReceiptError::Render(
            "the receipt does not fit on one page".to_owned(),
        ));
    }
    Ok(page)
}

/// A4 in points, and the page's furniture.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 62.0;
const MAX_LABEL_WIDTH: f32 = 190.0;
const LINE_HEIGHT: f32 = 15.5;
const ROW_GAP: f32 = 8.0;

#[derive(Debug, Clone, Copy)]
struct Style {
    bold: bool,
    size: f32,
}

const TITLE: Style = Style {
    bold: true,
    size: 16.0,
};
const BOLD: Style = Style {
    bold: true,
    size: 11.0,
};
const REGULAR: Style = Style {
    bold: false,
    size: 11.0,
};
const LABEL: Style = REGULAR;
const VALUE: Style = BOLD;
const STRONG: Style = Style {
    bold: true,
    size: 12.0,
};
const FOOTER: Style = Style {
    bold: false,
    size: 9.5,
};

/// One "label: value" line of the receipt.
struct Row {
    label: String,
    value: String,
    strong: bool,
}

fn rows(
    invoice: &Invoice,
    receipt: &Receipt,
    locale: Locale,
    messages: &Messages,
    paid_at: &str,
) -> Vec<Row> {
    let row = |key: &str, value: String| Row {
        label: format!("{}:", messages.get(locale, key)),
        value,
        strong: false,
    };
    let localized = |l: &citizen_protocol::catalog::Localized| match locale {
        Locale::Vi => l.vi.clone(),
        Locale::En => l.en.clone(),
    };
    vec![
        row("receipt-pdf-number", receipt.number.clone()),
        row("receipt-pdf-payer", invoice.payer.clone()),
        row("receipt-pdf-payee", localized(&invoice.payee)),
        row("receipt-pdf-description", localized(&invoice.description)),
        row("receipt-pdf-dossier", invoice.dossier_code.clone()),
        Row {
            strong: true,
            ..row(
                "receipt-pdf-amount",
                messages.get_with(
                    locale,
                    "receipt-pdf-amount-value",
                    &[("amount", amount(receipt.amount_vnd, locale))],
                ),
            )
        },
        row(
            "receipt-pdf-method",
            messages.get(
                locale,
                &format!("receipt-pdf-method-{}", receipt.method.as_str()),
            ),
        ),
        row("receipt-pdf-transaction", receipt.transaction_no.clone()),
        row(
            "receipt-pdf-paid-at",
            messages.get_with(
                locale,
                "receipt-pdf-paid-at-value",
                &[("time", paid_at.to_owned())],
            ),
        ),
        row("receipt-pdf-reference", invoice.reference.clone()),
    ]
}

/// Whole đồng with thousands grouped: "135.000" in Vietnamese, "135,000" in English.
fn amount(vnd: u64, locale: Locale) -> String {
    let separator = match locale {
        Locale::Vi => '.',
        Locale::En => ',',
    };
    let digits = vnd.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// An RFC 3339 instant as a clock in Việt Nam reads it (UTC+7, no daylight saving):
/// `dd/mm/yyyy HH:MM`.
fn vietnam_time(rfc3339: &str) -> Result<String, ReceiptError> {
    let at = OffsetDateTime::parse(rfc3339, &Rfc3339)
        .map_err(|e| ReceiptError::Render(format!("paid_at {rfc3339:?}: {e}")))?;
    at.to_offset(offset!(+7))
        .format(format_description!("[day]/[month]/[year] [hour]:[minute]"))
        .map_err(|e| ReceiptError::Render(format!("paid_at {rfc3339:?}: {e}")))
}

/// The labels' catalogue, loaded once.
fn messages() -> &'static Messages {
    static MESSAGES: OnceLock<Messages> = OnceLock::new();
    MESSAGES.get_or_init(Messages::load)
}

fn parse_font(bytes: &[u8]) -> Result<ParsedFont, ReceiptError> {
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(bytes, 0, &mut warnings)
        .ok_or_else(|| ReceiptError::Render(format!("font unreadable: {warnings:?}")))
}

/// The two faces, whole: text is measured with them, and each is subset to what the page uses.
struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl Fonts {
    fn load() -> Result<Fonts, ReceiptError> {
        Ok(Fonts {
            regular: parse_font(REGULAR_TTF)?,
            bold: parse_font(BOLD_TTF)?,
        })
    }

    fn face(&self, style: Style) -> &ParsedFont {
        if style.bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}

/// `font` cut down to the glyphs of `chars` (and .notdef), with its Unicode cmap, so that the
/// PDF carries a few kilobytes of font rather than the whole 700 kB face. printpdf keeps the
/// subset's glyph ids in the content stream and writes /W and /ToUnicode from the subset.
fn subset(
    bytes: &[u8],
    font: &ParsedFont,
    chars: &BTreeSet<char>,
) -> Result<ParsedFont, ReceiptError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};

    let render = |e: &dyn std::fmt::Display| ReceiptError::Render(format!("font subset: {e}"));
    let glyphs: BTreeSet<u16> = chars
        .iter()
        .filter_map(|&c| font.lookup_glyph_index(u32::from(c)))
        .filter(|&gid| gid != 0)
        .collect();
    // .notdef comes first, as the subsetter requires.
    let glyphs: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let data = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| render(&e))?;
    let provider = data.table_provider(0).map_err(|e| render(&e))?;
    let subset =
        allsorts::subset::subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| render(&e))?;
    parse_font(&subset)
}

/// What is drawn, laid out before the fonts are subset to it.
enum Draw {
    Text {
        style: Style,
        x: f32,
        y: f32,
        text: String,
    },
    Rule {
        from: f32,
        to: f32,
        y: f32,
    },
}

/// The page being laid out: positions are in points from the bottom-left corner, as in PDF.
struct Page<'a> {
    fonts: &'a Fonts,
    draws: Vec<Draw>,
}

impl Page<'_> {
    /// How wide `text` is set in `style`, in points (advance widths; the writer does not kern).
    fn width(&self, style: Style, text: &str) -> f32 {
        let font = self.fonts.face(style);
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                u32::from(font.get_glyph_width(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 * style.size / f32::from(font.units_per_em.max(1))
    }

    fn text(&mut self, style: Style, x: f32, y: f32, text: &str) {
        self.draws.push(Draw::Text {
            style,
            x,
            y,
            text: clean(text),
        });
    }

    fn centred_at(&mut self, style: Style, centre: f32, y: f32, text: &str) {
        let text = clean(text);
        let x = centre - self.width(style, &text) / 2.0;
        self.text(style, x, y, &text);
    }

    /// A thin horizontal rule.
    fn rule(&mut self, from: f32, to: f32, y: f32) {
        self.draws.push(Draw::Rule { from, to, y });
    }

    /// `text` in lines no wider than `max` points, broken between words (and inside a word only
    /// when it alone is too wide).
    fn wrap(&self, style: Style, text: &str, max: f32) -> Vec<String> {
        let text = clean(text);
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(style, &candidate) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.width(style, &line) > max && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The page's operations, with each face subset to the characters set in it and added to
    /// `doc`.
    fn into_ops(self, doc: &mut PdfDocument) -> Result<Vec<Op>, ReceiptError> {
        let mut ids = Vec::with_capacity(2);
        for (bytes, bold) in [(REGULAR_TTF, false), (BOLD_TTF, true)] {
            let chars: BTreeSet<char> = self
                .draws
                .iter()
                .filter_map(|draw| match draw {
                    Draw::Text { style, text, .. } if style.bold == bold => Some(text.chars()),
                    _ => None,
                })
                .flatten()
                .collect();
            let face = if bold {
                &self.fonts.bold
            } else {
                &self.fonts.regular
            };
            let missing = chars
                .iter()
                .filter(|&&c| face.lookup_glyph_index(u32::from(c)).is_none())
                .count();
            if missing > 0 {
                // Shown as empty boxes; the text itself stays out of the log (names are in it).
                tracing::warn!(missing, bold, "receipt text has characters the font lacks");
            }
            ids.push(doc.add_font(&subset(bytes, face, &chars)?));
        }
        let mut ops = Vec::new();
        for draw in self.draws {
            match draw {
                Draw::Text { style, x, y, text } => ops.extend([
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(ids[usize::from(style.bold)].clone()),
                        size: Pt(style.size),
                    },
                    Op::SetTextCursor {
                        pos: Point { x: Pt(x), y: Pt(y) },
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(text)],
                    },
                    Op::EndTextSection,
                ]),
                Draw::Rule { from, to, y } => {
                    let point = |x: f32| LinePoint {
                        p: Point { x: Pt(x), y: Pt(y) },
                        bezier: false,
                    };
                    ops.extend([
                        Op::SaveGraphicsState,
                        Op::SetOutlineColor {
                            col: Color::Greyscale(Greyscale::new(0.4, None)),
                        },
                        Op::SetOutlineThickness { pt: Pt(0.6) },
                        Op::DrawLine {
                            line: Line {
                                points: vec![point(from), point(to)],
                                is_closed: false,
                            },
                        },
                        Op::RestoreGraphicsState,
                    ]);
                }
            }
        }
        Ok(ops)
    }
}

/// Text as it is set: composed (NFC), so that each Vietnamese letter is one glyph of the font
/// whatever form the server sent it in, with control characters made spaces and invisible
/// direction marks dropped (Fluent wraps arguments in isolation marks; a PDF would show a box).
fn clean(text: &str) -> String {
    text.nfc()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use citizen_protocol::catalog::Localized;
    use citizen_protocol::payments::{InvoiceStatus, PaymentMethod};

    fn paid_invoice() -> Invoice {
        Invoice {
            reference: "H57HT2611230007L1".to_owned(),
            dossier_code: "H57.HT-261123-0007".to_owned(),
            amount_vnd: 135_000,
            payer: "Nguyễn Thị Hương".to_owned(),
            payee: Localized::new("Sở Giao thông vận tải", "Department of Transport"),
            description: Localized::new(
                "Lệ phí Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
                "Fee: Exchange of a driving licence issued by the transport sector",
            ),
            status: InvoiceStatus::Paid,
            issued_at: "2026-11-23T01:00:00Z".to_owned(),
            expires_at: "2026-11-30T01:00:00Z".to_owned(),
            vietqr: "000201010212".to_owned(),
            receipt: Some(Receipt {
                number: "BL-2026-000042".to_owned(),
                amount_vnd: 135_000,
                // 23:35 in UTC is already the next day in Việt Nam.
                paid_at: "2026-11-23T23:35:10Z".to_owned(),
                method: PaymentMethod::Gateway,
                transaction_no: "14412345".to_owned(),
            }),
        }
    }

    /// The text of a PDF as an extractor that shares nothing with the writer reads it.
    fn extract(pdf: &[u8]) -> String {
        let text = pdf_extract::extract_text_from_mem(pdf).expect("extractable PDF");
        text.nfc().collect()
    }

    #[test]
    fn a_vietnamese_receipt_reads_back_in_vietnamese() {
        let pdf = receipt_pdf(&paid_invoice(), Locale::Vi).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = extract(&pdf);
        for expected in [
            "BIÊN LAI THU PHÍ, LỆ PHÍ",
            "UBND TỈNH THỪA THIÊN HUẾ",
            "Số biên lai:",
            "BL-2026-000042",
            "Người nộp:",
            "Nguyễn Thị Hương",
            "Sở Giao thông vận tải",
            "Lệ phí Đổi giấy phép lái xe",
            "H57.HT-261123-0007",
            "135.000 đồng",
            "Cổng thanh toán",
            "14412345",
            "24/11/2026 06:35",
            "H57HT2611230007L1",
            "Biên lai điện tử",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
    }

    #[test]
    fn an_english_receipt_reads_back_in_english() {
        let mut invoice = paid_invoice();
        if let Some(receipt) = &mut invoice.receipt {
            receipt.method = PaymentMethod::BankTransfer;
        }
        let pdf = receipt_pdf(&invoice, Locale::En).unwrap();
        let text = extract(&pdf);
        for expected in [
            "Receipt number:",
            "BL-2026-000042",
            "Nguyễn Thị Hương",
            "Department of Transport",
            "H57.HT-261123-0007",
            "135,000 VND",
            "Bank transfer (VietQR)",
            "24/11/2026 06:35",
            "H57HT2611230007L1",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
        assert!(!text.contains("135.000"), "{text}");
    }

    #[test]
    fn the_font_is_subset_not_embedded_whole() {
        let pdf = receipt_pdf(&paid_invoice(), Locale::Vi).unwrap();
        assert!(
            pdf.len() < REGULAR_TTF.len() / 4,
            "{} bytes: is the font embedded whole?",
            pdf.len()
        );
    }

    #[test]
    fn every_character_set_has_a_glyph_in_its_font() {
        let fonts = Fonts::load().unwrap();
        let invoice = paid_invoice();
        let receipt = invoice.receipt.as_ref().unwrap();
        for locale in [Locale::Vi, Locale::En] {
            let page = lay_out(&invoice, receipt, locale, &fonts).unwrap();
            for draw in &page.draws {
                if let Draw::Text { style, text, .. } = draw {
                    for c in text.chars() {
                        assert!(
                            fonts
                                .face(*style)
                                .lookup_glyph_index(u32::from(c))
                                .is_some(),
                            "{c:?} (U+{:04X}) in {text:?} has no glyph",
                            u32::from(c)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn an_unpaid_invoice_has_no_receipt() {
        let mut invoice = paid_invoice();
        invoice.receipt = None;
        invoice.status = InvoiceStatus::Unpaid;
        assert!(matches!(
            receipt_pdf(&invoice, Locale::Vi),
            Err(ReceiptError::NotPaid)
        ));
    }

    #[test]
    fn a_receipt_with_a_bad_timestamp_is_refused_not_guessed() {
        let mut invoice = paid_invoice();
        if let Some(receipt) = &mut invoice.receipt {
            receipt.paid_at = "hôm qua".to_owned();
        }
        assert!(matches!(
            receipt_pdf(&invoice, Locale::Vi),
            Err(ReceiptError::Render(_))
        ));
    }

    #[test]
    fn amounts_are_grouped_as_each_language_writes_them() {
        assert_eq!(amount(0, Locale::Vi), "0");
        assert_eq!(amount(999, Locale::Vi), "999");
        assert_eq!(amount(135_000, Locale::Vi), "135.000");
        assert_eq!(amount(1_234_567, Locale::En), "1,234,567");
        assert_eq!(amount(10_000_000, Locale::Vi), "10.000.000");
    }

    #[test]
    fn paid_at_is_shown_in_vietnam_time() {
        assert_eq!(
            vietnam_time("2026-11-23T23:35:10Z").unwrap(),
            "24/11/2026 06:35"
        );
        assert_eq!(
            vietnam_time("2026-01-05T02:04:00+00:00").unwrap(),
            "05/01/2026 09:04"
        );
    }

    #[test]
    fn every_receipt_label_is_in_both_languages() {
        let keys = [
            "receipt-pdf-authority",
            "receipt-pdf-title",
            "receipt-pdf-number",
            "receipt-pdf-payer",
            "receipt-pdf-payee",
            "receipt-pdf-description",
            "receipt-pdf-dossier",
            "receipt-pdf-amount",
            "receipt-pdf-amount-value",
            "receipt-pdf-method",
            "receipt-pdf-method-gateway",
            "receipt-pdf-method-bank-transfer",
            "receipt-pdf-transaction",
            "receipt-pdf-paid-at",
            "receipt-pdf-paid-at-value",
            "receipt-pdf-reference",
            "receipt-pdf-footer",
        ];
        // Read the files themselves: a loader would quietly fall back to Vietnamese.
        for (lang, file) in [
            ("vi", include_str!("../../../locales/vi/citizen.ftl")),
            ("en", include_str!("../../../locales/en/citizen.ftl")),
        ] {
            for key in keys {
                assert!(
                    file.lines().any(|l| l.starts_with(&format!("{key} ="))),
                    "{lang} lacks {key}"
                );
            }
        }
    }

    #[test]
    fn long_values_wrap_inside_the_column() {
        let fonts = Fonts::load().unwrap();
        let page = Page {
            fonts: &fonts,
            draws: Vec::new(),
        };
        let text = "Lệ phí Đổi giấy phép lái xe do ngành Giao thông vận tải cấp";
        let lines = page.wrap(VALUE, text, 150.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| page.width(VALUE, l) <= 150.0));
        assert_eq!(lines.join(" "), text);
        let unbroken = page.wrap(VALUE, &"Ư".repeat(40), 100.0);
        assert!(unbroken.len() > 1);
        assert_eq!(unbroken.concat(), "Ư".repeat(40));
    }

    #[test]
    fn decomposed_text_is_set_composed() {
        // "Hương" as some systems send it: base letters and combining marks.
        let decomposed = "Hu\u{31b}o\u{31b}ng";
        assert_eq!(clean(decomposed), "Hương");
        let mut invoice = paid_invoice();
        invoice.payer = format!("Nguyê\u{303}n Thị {decomposed}");
        let text = extract(&receipt_pdf(&invoice, Locale::Vi).unwrap());
        assert!(text.contains("Nguyễn Thị Hương"), "{text}");
    }
}
