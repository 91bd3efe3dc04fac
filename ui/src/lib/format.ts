// Locale-aware formatting of the numbers and dates a resident sees.
import type { Localized } from './generated/Localized';
import { LOCALE_TAGS, translate, type Locale } from './i18n';

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

/** A fee in đồng, always in Vietnamese currency style (e.g. "50.000 ₫"), or "Miễn phí"/"Free". */
export function formatFee(feeVnd: number, locale: Locale): string {
  if (feeVnd <= 0) return translate(locale, 'procedure-fee-free');
  return vnd.format(feeVnd);
}

/** "5 ngày làm việc" / "1 working day" / "5 working days". */
export function formatDays(days: number, locale: Locale): string {
  return translate(locale, 'procedure-days', { days });
}

/**
 * An RFC 3339 instant as a local date and time in the resident's language. `timeZone` is for tests;
 * the app shows the device's own time zone. An unparsable value is shown as given.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}

/**
 * A calendar date (ISO 8601 "YYYY-MM-DD", as the e-ID gives a birth date) in the resident's
 * language. Formatted in UTC so the day never shifts with the device's time zone.
 */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A bilingual text in the resident's language; Vietnamese when the English is missing. */
export function localized(text: Localized, locale: Locale): string {
  return (locale === 'en' ? text.en : text.vi) || text.vi;
}
