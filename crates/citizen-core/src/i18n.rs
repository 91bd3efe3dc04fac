//! Messages from `locales/` (Project Fluent through i18n-embed), the same files the UI reads.

use std::collections::HashMap;

use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::unic_langid::LanguageIdentifier;
use i18n_embed::LanguageLoader;
use rust_embed::RustEmbed;

use crate::error::CoreError;

#[derive(RustEmbed)]
#[folder = "../../locales"]
struct Localizations;

/// The languages the product speaks; Vietnamese is the default and the fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    Vi,
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Result<Locale, CoreError> {
        match s {
            "vi" => Ok(Locale::Vi),
            "en" => Ok(Locale::En),
            other => Err(CoreError::UnknownLocale(other.chars().take(16).collect())),
        }
    }
}

/// One loader per language, loaded once.
pub struct Messages {
    vi: FluentLanguageLoader,
    en: FluentLanguageLoader,
}

impl Messages {
    pub fn load() -> Messages {
        Messages {
            vi: loader("vi"),
            en: loader("en"),
        }
    }

    fn loader(&self, locale: Locale) -> &FluentLanguageLoader {
        match locale {
            Locale::Vi => &self.vi,
            Locale::En => &self.en,
        }
    }

    pub fn get(&self, locale: Locale, key: &str) -> String {
        self.loader(locale).get(key)
    }

    pub fn get_with(&self, locale: Locale, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<&str, String> = args.iter().cloned().collect();
        self.loader(locale).get_args(key, args)
    }

    /// The resident-facing message for an error, with its arguments filled in.
    pub fn error_message(&self, locale: Locale, error: &CoreError) -> String {
        let key = error.code().message_key();
        match error {
            CoreError::QueryTooLong { max } => {
                self.get_with(locale, &key, &[("max", max.to_string())])
            }
            _ => self.get(locale, &key),
        }
    }
}

fn loader(lang: &str) -> FluentLanguageLoader {
    let fallback: LanguageIdentifier = "vi".parse().expect("valid language id");
    let wanted: LanguageIdentifier = lang.parse().expect("valid language id");
    let loader = FluentLanguageLoader::new("citizen", fallback);
    // The files are embedded at compile time; a failure here is a build defect, caught by tests.
    loader
        .load_languages(&Localizations, &[wanted])
        .expect("embedded locales load");
    // Unicode isolation marks would end up inside log lines, PDFs and test assertions. Only
    // bundles already loaded take the setting, so it comes after loading.
    loader.set_use_isolating(false);
    loader
}

#[cfg(test)]
mod tests {
    use super::*;
    use citizen_protocol::error::ErrorCode;

    #[test]
    fn every_error_code_has_a_message_in_both_languages() {
        let messages = Messages::load();
        for locale in [Locale::Vi, Locale::En] {
            for code in ErrorCode::ALL {
                assert!(
                    messages.loader(locale).has(&code.message_key()),
                    "{} lacks {}",
                    locale.as_str(),
                    code.message_key()
                );
            }
        }
    }

    #[test]
    fn every_form_problem_has_a_message_in_both_languages() {
        let messages = Messages::load();
        for locale in [Locale::Vi, Locale::En] {
            for problem in citizen_protocol::forms::FieldProblem::examples() {
                let key = problem.message_key();
                assert!(
                    messages.loader(locale).has(key),
                    "{} lacks {key}",
                    locale.as_str()
                );
            }
        }
    }

    #[test]
    fn arguments_are_filled_in() {
        let messages = Messages::load();
        let msg = messages.error_message(Locale::En, &CoreError::QueryTooLong { max: 200 });
        assert!(msg.contains("200"), "{msg}");
        assert_ne!(
            messages.error_message(Locale::Vi, &CoreError::QueryNoWords),
            messages.error_message(Locale::En, &CoreError::QueryNoWords)
        );
    }
}
