// Fluent messages for the UI. The .ftl files are shared with the Rust core (i18n-embed), so the
// same `error-<code>` texts appear whichever side produced the error.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import viSource from '../../../locales/vi/citizen.ftl?raw';
import enSource from '../../../locales/en/citizen.ftl?raw';

export type Locale = 'vi' | 'en';
export type MessageArgs = Record<string, FluentVariable>;

export const LOCALES: readonly Locale[] = ['vi', 'en'];
export const DEFAULT_LOCALE: Locale = 'vi';

/** The BCP 47 tag used for Intl formatting and the `lang` attribute. */
export const LOCALE_TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

export const FTL_SOURCES: Record<Locale, string> = { vi: viSource, en: enSource };

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

function buildBundle(locale: Locale): FluentBundle {
  const bundle = new FluentBundle(LOCALE_TAGS[locale], { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(FTL_SOURCES[locale]));
  for (const error of errors) console.error(`[i18n] ${locale}: ${error.message}`);
  return bundle;
}

const bundles: Record<Locale, FluentBundle> = { vi: buildBundle('vi'), en: buildBundle('en') };

export function hasMessage(locale: Locale, key: string): boolean {
  return bundles[locale].hasMessage(key);
}

/**
 * Formats message `key` in `locale`. A missing key falls back to Vietnamese, then to the key
 * itself, so a gap is visible but never crashes the screen.
 */
export function translate(locale: Locale, key: string, args?: MessageArgs): string {
  for (const candidate of [locale, DEFAULT_LOCALE]) {
    const bundle = bundles[candidate];
    const message = bundle.getMessage(key);
    if (message?.value) {
      const errors: Error[] = [];
      const text = bundle.formatPattern(message.value, args ?? null, errors);
      for (const error of errors) console.warn(`[i18n] ${candidate}/${key}: ${error.message}`);
      return text;
    }
  }
  console.warn(`[i18n] missing message: ${key}`);
  return key;
}

/** Every message id defined in one .ftl source (for tests and tooling). */
export function messageIds(source: string): string[] {
  const resource = new FluentResource(source);
  return resource.body.map((entry) => entry.id).filter((id) => !id.startsWith('-'));
}
