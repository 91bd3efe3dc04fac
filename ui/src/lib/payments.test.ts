import { describe, expect, it } from 'vitest';
import type { Dossier } from './generated/Dossier';
import type { Invoice } from './generated/Invoice';
import { invoiceState, payable, withInvoices } from './payments';

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
  reference: 'H57HT2611230001L1',
  dossierCode: 'H57.HT-261123-0001',
  amountVnd: 8000,
  payer: 'Nguyễn Thị Hương',
  payee: { vi: 'UBND phường', en: 'Ward People’s Committee' },
  description: { vi: 'Lệ phí', en: 'Fee' },
  status: 'unpaid',
  issuedAt: '2026-11-23T01:00:00Z',
  expiresAt: '2026-11-30T01:00:00Z',
  vietqr: '000201',
  ...over,
});

describe('invoice state', () => {
  const now = new Date('2026-11-24T00:00:00Z');

  it('is the server’s, except that an unpaid invoice past its deadline is expired', () => {
    expect(invoiceState(invoice(), now)).toBe('unpaid');
    expect(invoiceState(invoice({ status: 'held' }), now)).toBe('held');
    expect(invoiceState(invoice({ expiresAt: '2026-11-23T23:59:59Z' }), now)).toBe('expired');
    expect(invoiceState(invoice({ status: 'paid', expiresAt: '2026-11-23T00:00:00Z' }), now)).toBe('paid');
    expect(payable('unpaid') && payable('held')).toBe(true);
    expect(invoiceState(invoice(), now, 'rejected')).toBe('closed');
    expect(invoiceState(invoice({ status: 'paid' }), now, 'received')).toBe('paid');
    expect(payable('paid') || payable('expired') || payable('reissued') || payable('closed')).toBe(false);
  });

  it('lists what is owed first', () => {
    const dossier = (id: string, submittedAt: string, inv?: Invoice) =>
      ({ id, submittedAt, invoice: inv, status: 'awaiting-payment' }) as unknown as Dossier;
    const list = withInvoices(
      [
        dossier('free', '2026-11-23T05:00:00Z'),
        dossier('paid', '2026-11-23T04:00:00Z', invoice({ status: 'paid' })),
        dossier('owed', '2026-11-22T04:00:00Z', invoice()),
      ],
      now,
    );
    expect(list.map((d) => d.id)).toEqual(['owed', 'paid']);
  });
});
