//! Folding Vietnamese text for search: what a resident types without accents, in any case, with
//! "i" for "y", must meet the catalogue's properly written names.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lowercases, strips diacritics (including đ/Đ, which are letters of their own and not a
/// combining mark, so Unicode decomposition alone — and SQLite's `remove_diacritics` — keeps
/// them), folds "y" into "i" (residents write "ky" and "ki" alike), and turns every run of
/// non-alphanumeric characters into one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            'y' | 'Y' => 'i',
            c if c.is_alphanumeric() => c,
            _ => {
                pending_space = !out.is_empty();
                continue;
            }
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The searchable words of a query, folded; characters with no letter or digit drop out, so
/// nothing a resident types can reach the full-text query syntax.
pub fn words(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_d_fold_away() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ki khai sinh");
        assert_eq!(fold("ĐĂNG KÝ"), "dang ki");
        assert_eq!(fold("đăng ký khai sinh"), "dang ki khai sinh");
        assert_eq!(fold("dang ky khai sinh"), "dang ki khai sinh");
        assert_eq!(fold("dang ki khai sinh"), "dang ki khai sinh");
    }

    #[test]
    fn punctuation_becomes_single_spaces() {
        assert_eq!(fold("  Hộ tịch — (cấp xã)!! "), "ho tich cap xa");
        assert_eq!(fold("\"*()^:"), "");
    }

    #[test]
    fn precomposed_and_decomposed_input_fold_alike() {
        let decomposed: String = "Thừa Thiên Huế".nfd().collect();
        assert_eq!(fold(&decomposed), fold("Thừa Thiên Huế"));
        assert_eq!(fold("Thừa Thiên Huế"), "thua thien hue");
    }

    #[test]
    fn words_drop_symbols_and_emoji() {
        assert_eq!(
            words("🙂 giấy-phép  \"lái xe\" OR *"),
            ["giai", "phep", "lai", "xe", "or"]
        );
        assert!(words("🙂 !!! ").is_empty());
    }
}
