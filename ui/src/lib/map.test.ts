import { describe, expect, it } from 'vitest';
import { PROVINCE_BOUNDS, formatPoint, insideBounds, panLimits, roundPoint, usableTiles } from './map';

describe('map helpers', () => {
  it('mirror the protocol’s province bounds', () => {
    expect(PROVINCE_BOUNDS).toEqual({ south: 15.95, west: 107.0, north: 16.8, east: 108.25 });
  });

  it('tell a point in the province from one outside', () => {
    expect(insideBounds({ lat: 16.4637, lon: 107.5909 })).toBe(true); // Huế
    expect(insideBounds({ lat: 21.0278, lon: 105.8342 })).toBe(false); // Hà Nội
  });

  it('let the map pan a little beyond the province', () => {
    const limits = panLimits();
    expect(limits.south).toBeLessThan(PROVINCE_BOUNDS.south);
    expect(limits.east).toBeGreaterThan(PROVINCE_BOUNDS.east);
  });

  it('round and format points', () => {
    expect(roundPoint({ lat: 16.46371234567, lon: 107.59091234567 })).toEqual({ lat: 16.463712, lon: 107.590912 });
    expect(formatPoint({ lat: 16.4637, lon: 107.5909 })).toEqual({ lat: '16.46370', lon: '107.59090' });
  });

  it('accept only http(s) tile templates with {z}/{x}/{y}', () => {
    expect(usableTiles('https://tiles.hue.gov.vn/{z}/{x}/{y}.png')).toBe('https://tiles.hue.gov.vn/{z}/{x}/{y}.png');
    expect(usableTiles(null)).toBeNull();
    expect(usableTiles('')).toBeNull();
    expect(usableTiles('https://tiles/{z}/{x}.png')).toBeNull();
    expect(usableTiles('javascript:alert(1)/{z}/{x}/{y}')).toBeNull();
  });
});
