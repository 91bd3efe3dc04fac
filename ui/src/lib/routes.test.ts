import { describe, expect, it } from 'vitest';
import { formatHash, parentOf, parseHash, type Route } from './routes';

describe('routes', () => {
  it('round-trip through the hash', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'catalog' },
      { name: 'procedure', id: 'HT-001' },
      { name: 'procedure', id: 'a/b c' },
      { name: 'apply', id: 'HT-001' },
      { name: 'dossiers' },
      { name: 'notifications' },
      { name: 'reports' },
      { name: 'report-new' },
      { name: 'public-reports' },
      { name: 'payments' },
      { name: 'assist' },
      { name: 'audit' },
    ];
    for (const route of routes) expect(parseHash(formatHash(route))).toEqual(route);
  });

  it('treat anything unknown as home', () => {
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/nowhere')).toEqual({ name: 'home' });
    expect(parseHash('#/soon/casino')).toEqual({ name: 'home' });
    expect(parseHash('#/soon/reports')).toEqual({ name: 'home' });
    expect(parseHash('#/reports/elsewhere')).toEqual({ name: 'home' });
    expect(parseHash('#/procedure/%E0%A4%A')).toEqual({ name: 'home' });
  });

  it('go back from a procedure to the catalogue', () => {
    expect(parentOf({ name: 'procedure', id: 'x' })).toEqual({ name: 'catalog' });
    expect(parentOf({ name: 'catalog' })).toEqual({ name: 'home' });
    expect(parentOf({ name: 'apply', id: 'x' })).toEqual({ name: 'procedure', id: 'x' });
  });

  it('give the report screens their own hashes, and lead back to the reports list', () => {
    expect(formatHash({ name: 'reports' })).toBe('#/reports');
    expect(formatHash({ name: 'report-new' })).toBe('#/reports/new');
    expect(formatHash({ name: 'public-reports' })).toBe('#/reports/public');
    expect(parentOf({ name: 'report-new' })).toEqual({ name: 'reports' });
    expect(parentOf({ name: 'public-reports' })).toEqual({ name: 'reports' });
    expect(parentOf({ name: 'reports' })).toEqual({ name: 'home' });
  });
});
