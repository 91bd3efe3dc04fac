import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDays, formatFee, localized } from './format';

const nbsp = /\u00a0/g;

describe('formatFee', () => {
  it('shows đồng in Vietnamese style in both languages', () => {
    expect(formatFee(50000, 'vi').replace(nbsp, ' ')).toBe('50.000 ₫');
    expect(formatFee(1500000, 'en').replace(nbsp, ' ')).toBe('1.500.000 ₫');
  });

  it('says free when the fee is zero', () => {
    expect(formatFee(0, 'vi')).toBe('Miễn phí');
    expect(formatFee(0, 'en')).toBe('Free');
  });
});

describe('formatDays', () => {
  it('uses working days, with English plurals', () => {
    expect(formatDays(5, 'vi')).toBe('5 ngày làm việc');
    expect(formatDays(1, 'vi')).toBe('1 ngày làm việc');
    expect(formatDays(1, 'en')).toBe('1 working day');
    expect(formatDays(15, 'en')).toBe('15 working days');
  });
});

describe('formatDateTime', () => {
  const iso = '2025-03-04T02:05:00Z'; // 09:05 in Việt Nam (UTC+7)

  it('formats in Vietnamese', () => {
    const text = formatDateTime(iso, 'vi', 'Asia/Ho_Chi_Minh');
    expect(text).toContain('09:05');
    expect(text).toContain('2025');
    expect(text).toMatch(/thg 3|tháng 3/);
  });

  it('formats in English', () => {
    const text = formatDateTime(iso, 'en', 'Asia/Ho_Chi_Minh');
    expect(text).toContain('09:05');
    expect(text).toContain('4 Mar 2025');
  });

  it('shows an unparsable value as given', () => {
    expect(formatDateTime('not a date', 'vi')).toBe('not a date');
  });
});

describe('localized', () => {
  it('picks the language, falling back to Vietnamese', () => {
    expect(localized({ vi: 'Đăng ký khai sinh', en: 'Birth registration' }, 'en')).toBe('Birth registration');
    expect(localized({ vi: 'Đăng ký khai sinh', en: 'Birth registration' }, 'vi')).toBe('Đăng ký khai sinh');
    expect(localized({ vi: 'Đăng ký khai sinh', en: '' }, 'en')).toBe('Đăng ký khai sinh');
  });
});
