import { describe, expect, it } from 'vitest';
import adminLevelSource from './generated/AdminLevel.ts?raw';
import errorCodeSource from './generated/ErrorCode.ts?raw';
import fieldSource from './generated/Field.ts?raw';
import onlineLevelSource from './generated/OnlineLevel.ts?raw';
import reportStatusSource from './generated/ReportStatus.ts?raw';
import { FTL_SOURCES, LOCALES, hasMessage, messageIds, translate } from './i18n';
import invoiceStatusSource from './generated/InvoiceStatus.ts?raw';
import paymentMethodSource from './generated/PaymentMethod.ts?raw';
import dossierStatusSource from './generated/DossierStatus.ts?raw';

/** The string literals of a generated `export type X = "a" | "b";` union. */
function unionValues(source: string): string[] {
  const body = source.slice(source.indexOf('export type'));
  const values = [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  expect(values.length).toBeGreaterThan(0);
  return values;
}

// Every UI source file (not tests, not generated types), as text.
const sources = import.meta.glob(['../**/*.svelte', '../**/*.ts', '!../**/*.test.ts', '!./generated/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('Fluent messages', () => {
  it('parse without errors and define the same ids in vi and en', () => {
    const vi = messageIds(FTL_SOURCES.vi).sort();
    const en = messageIds(FTL_SOURCES.en).sort();
    expect(vi.length).toBeGreaterThan(50);
    expect(en).toEqual(vi);
    expect(new Set(vi).size).toBe(vi.length);
  });

  it('use lowercase kebab-case ids', () => {
    for (const locale of LOCALES) {
      for (const id of messageIds(FTL_SOURCES[locale])) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it.each([
    ['error', errorCodeSource],
    ['field', fieldSource],
    ['level', adminLevelSource],
    ['online', onlineLevelSource],
    ['report-status', reportStatusSource],
  ])('have %s-<value> for every generated value', (prefix, source) => {
    for (const value of unionValues(source)) {
      for (const locale of LOCALES) expect(hasMessage(locale, `${prefix}-${value}`), `${locale}: ${prefix}-${value}`).toBe(true);
    }
  });

  it('name every dossier status, invoice state and payment method', () => {
    const keys = [
      ...unionValues(dossierStatusSource).map((s) => `dossier-status-${s}`),
      ...[...unionValues(invoiceStatusSource), 'expired', 'closed'].map((s) => `payment-state-${s}`),
      ...unionValues(paymentMethodSource).map((m) => `receipt-method-${m}`),
    ];
    for (const key of keys) {
      for (const locale of LOCALES) expect(hasMessage(locale, key), `${locale} ${key}`).toBe(true);
    }
  });

  it('define every key the sources use', () => {
    const files = Object.entries(sources);
    expect(files.length).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const [, text] of files) {
      for (const m of text.matchAll(/\bt\(\s*['"`]([^'"`$]+)['"`]/g)) used.add(m[1]);
      for (const m of text.matchAll(/\b\w*Key:\s*['"]([^'"]+)['"]/g)) used.add(m[1]);
      for (const m of text.matchAll(/\btranslate\(\s*\w+,\s*['"]([^'"]+)['"]/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(20);
    // The scan really sees the three ways keys are written.
    expect(used).toContain('catalog-search-label');
    expect(used).toContain('area-catalog-desc');
    expect(used).toContain('procedure-fee-free');
    const missing = [...used].filter((key) => LOCALES.some((locale) => !hasMessage(locale, key)));
    expect(missing).toEqual([]);
  });

  it('fill variables and plurals', () => {
    expect(translate('vi', 'error-query-too-long', { max: 200 })).toContain('200 ký tự');
    expect(translate('en', 'error-query-too-long', { max: 200 })).toContain('200 characters');
    expect(translate('en', 'catalog-count', { count: 1 })).toBe('1 procedure');
    expect(translate('en', 'catalog-count', { count: 3 })).toBe('3 procedures');
    expect(translate('vi', 'catalog-count', { count: 3 })).toBe('Có 3 thủ tục');
    expect(translate('vi', 'catalog-empty', { query: 'abc' })).toContain('“abc”');
  });

  it('shows the other language on the switch', () => {
    expect(translate('vi', 'lang-switch')).toBe('English');
    expect(translate('en', 'lang-switch')).toBe('Tiếng Việt');
  });

  it('falls back to the key for an unknown message', () => {
    expect(translate('en', 'no-such-key')).toBe('no-such-key');
  });
});
