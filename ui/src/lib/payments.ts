// What the app says about an invoice. The server decides paid, held or reissued; "expired" is read
// off the invoice's own deadline, which the device can do offline; "closed" off its dossier, which
// an officer rejected before it was paid.
import type { Dossier } from './generated/Dossier';
import type { DossierStatus } from './generated/DossierStatus';
import type { Invoice } from './generated/Invoice';

export type InvoiceState = 'unpaid' | 'paid' | 'held' | 'reissued' | 'expired' | 'closed';

export function invoiceState(
  invoice: Invoice,
  now: Date = new Date(),
  dossierStatus: DossierStatus = 'awaiting-payment',
): InvoiceState {
  if (invoice.status === 'paid' || invoice.status === 'reissued') return invoice.status;
  if (dossierStatus !== 'awaiting-payment') return 'closed';
  const expires = new Date(invoice.expiresAt);
  if (!Number.isNaN(expires.getTime()) && expires.getTime() <= now.getTime()) return 'expired';
  return invoice.status;
}

/** Whether the resident can still pay this invoice (by transfer or gateway). */
export function payable(state: InvoiceState): boolean {
  return state === 'unpaid' || state === 'held';
}

/** Dossiers with a fee, what is still owed first, then the newest. */
export function withInvoices(dossiers: Dossier[], now: Date = new Date()): Dossier[] {
  const owed = (d: Dossier) => (d.invoice && payable(invoiceState(d.invoice, now, d.status)) ? 0 : 1);
  return dossiers
    .filter((d) => d.invoice)
    .sort((a, b) => owed(a) - owed(b) || b.submittedAt.localeCompare(a.submittedAt));
}
