// The current UI language as Svelte 5 state, plus `t()`. Reading `t()` in a template or `$derived`
// subscribes to the locale, so the whole UI re-renders when the language switches.
import type { ErrorBody } from './generated/ErrorBody';
import {
  DEFAULT_LOCALE,
  LOCALE_TAGS,
  hasMessage,
  isLocale,
  translate,
  type Locale,
  type MessageArgs,
} from './i18n';

/** localStorage key: a UI preference only (never personal data). */
export const LOCALE_STORAGE_KEY = 'cds.locale';

const state = $state<{ locale: Locale }>({ locale: readStoredLocale() });

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** True when the resident chose a language before (so the core should be told on start). */
export function hasStoredLocale(): boolean {
  try {
    return isLocale(globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return false;
  }
}

export function currentLocale(): Locale {
  return state.locale;
}

export function currentLocaleTag(): string {
  return LOCALE_TAGS[state.locale];
}

/** Switches the UI language, remembers it, and updates `<html lang>`. */
export function setCurrentLocale(locale: Locale): void {
  state.locale = locale;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage may be unavailable (private mode, kiosk); the switch still works for this session.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function t(key: string, args?: MessageArgs): string {
  return translate(state.locale, key, args);
}

/**
 * The resident-facing text for an error. The core localizes its errors itself, with their
 * arguments filled in (the limits they cite are its rules, not the UI's), in the locale the UI
 * set; only errors born in the UI (code `internal`, e.g. no backend at all) are looked up here.
 */
export function errorText(error: ErrorBody): string {
  const key = `error-${error.code}`;
  if (error.code === 'internal' && hasMessage(state.locale, key)) return t(key);
  return error.message || t('error-internal');
}
