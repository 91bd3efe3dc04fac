// The seam between the UI and whatever answers it. Today that is the Tauri shell (tauri.ts); a web
// build can add a second implementation (HTTP to citizen-server) without touching any screen.
import type { AnswerDossier } from '../generated/AnswerDossier';
import type { AppStatus } from '../generated/AppStatus';
import type { AuditEntry } from '../generated/AuditEntry';
import type { HandOff } from '../generated/HandOff';
import type { HelperSession } from '../generated/HelperSession';
import type { AttachmentRef } from '../generated/AttachmentRef';
import type { DossierDraft } from '../generated/DossierDraft';
import type { ErrorBody } from '../generated/ErrorBody';
import type { MyDossiers } from '../generated/MyDossiers';
import type { MyReports } from '../generated/MyReports';
import type { Notification } from '../generated/Notification';
import type { Procedure } from '../generated/Procedure';
import type { ProcedureSummary } from '../generated/ProcedureSummary';
import type { PublicReport } from '../generated/PublicReport';
import type { ReportCategory } from '../generated/ReportCategory';
import type { SubmitReport } from '../generated/SubmitReport';
import type { Locale } from '../i18n';

export interface Backend {
  /** Search the local catalogue; an empty query returns the browse list (first procedures by name). */
  searchCatalog(query: string): Promise<ProcedureSummary[]>;
  getProcedure(id: string): Promise<Procedure>;
  appStatus(): Promise<AppStatus>;
  /** Sync with the server now; resolves with the status after the attempt. */
  syncNow(): Promise<AppStatus>;
  /** Tell the core which language its own messages (errors, notices) should use. */
  setLocale(locale: Locale): Promise<void>;
  /** Sign in with the national e-ID in the system browser; resolves once the resident is back. */
  signIn(): Promise<AppStatus>;
  /** Stop a sign-in that is waiting for the browser. */
  cancelSignIn(): Promise<void>;
  signOut(): Promise<AppStatus>;
  /** Revoke every session of the signed-in resident, on every device. */
  signOutEverywhere(): Promise<AppStatus>;
  /** A procedure's form with the resident's draft, or a new one filled from the e-ID. */
  startDossier(procedureId: string): Promise<DossierDraft>;
  /** Keep what was typed so far on the device; it survives a restart. */
  saveDraft(procedureId: string, values: FormValues): Promise<void>;
  /** Keep a file on the device for a dossier (photos are downscaled there). */
  attachFile(name: string, bytes: Uint8Array): Promise<AttachmentRef>;
  /** Validate and queue the dossier; it is sent now or when the network comes back. */
  submitDossier(procedureId: string, values: FormValues): Promise<AppStatus>;
  /** Queue the resident's answer to "more information needed"; sent like a dossier. */
  answerDossier(dossierId: string, answer: AnswerDossier): Promise<AppStatus>;
  myDossiers(): Promise<MyDossiers>;
  /** The kinds of field problem a report can be about, from the local store. */
  reportCategories(): Promise<ReportCategory[]>;
  /** Validate and queue a field report (photos attached first with attachFile); works offline. */
  submitReport(report: SubmitReport): Promise<AppStatus>;
  /** The resident's reports: those still on the device, then those the server has. */
  myReports(): Promise<MyReports>;
  /** Queue the resident's rating (1–5) of a resolved report; a later one replaces it. */
  rateReport(reportId: string, stars: number): Promise<AppStatus>;
  /** Queue the reopening of a resolved report, with why it is not resolved. */
  reopenReport(reportId: string, message: string): Promise<AppStatus>;
  /** Resolved reports residents agreed to show, newest first; never who sent them. */
  publicReports(): Promise<PublicReport[]>;
  /** Open the gateway's page for a dossier's fee in the system browser; resolves with its URL. Online only. */
  payByGateway(dossierId: string): Promise<string>;
  /** The VietQR code of a dossier's invoice as SVG, drawn on the device (offline too). */
  invoiceQr(dossierId: string): Promise<string>;
  /** A new invoice in place of an expired one. */
  reissueInvoice(dossierId: string): Promise<AppStatus>;
  /** Save the receipt (biên lai) of a paid fee as a PDF; resolves with where it was saved. */
  exportReceipt(dossierId: string): Promise<string>;
  /** Kiosk: a hand-off code (RFC 8628) for the resident to approve on their own phone. */
  kioskHandOff(): Promise<HandOff>;
  /** Kiosk: waits for the resident's approval; resolves signed in with the kiosk's session. */
  kioskHandOffWait(): Promise<AppStatus>;
  /** Helper: starts assisting a resident; the hand-off code the resident approves. */
  assistStart(): Promise<HandOff>;
  /** Helper: a resident without a phone; their personal number and the signed form's photo. */
  assistConsentPhoto(personalIdNumber: string, photo: Uint8Array): Promise<void>;
  /** Helper: waits for consent, then acts for the resident. */
  assistWait(): Promise<AppStatus>;
  /** Ends the assisted session: the resident's data leaves the device. */
  assistEnd(): Promise<AppStatus>;
  /** The sessions this helper ran (never the residents' data). */
  helperSessions(): Promise<HelperSession[]>;
  /** What helpers did in the signed-in resident's name. */
  auditLog(): Promise<AuditEntry[]>;
  notifications(): Promise<Notification[]>;
  markNotificationsRead(): Promise<AppStatus>;
  /** Subscribe to status changes; resolves with a function that unsubscribes. */
  onStatus(cb: (status: AppStatus) => void): Promise<() => void>;
}

/** A form's answers by field name, as the protocol has them. */
export type FormValues = DossierDraft['values'];

/** Every method of a backend rejects with an ErrorBody; this makes anything else into one. */
export function toErrorBody(error: unknown): ErrorBody {
  if (isErrorBody(error)) return error;
  if (error instanceof Error) return { code: 'internal', message: error.message };
  if (typeof error === 'string') return { code: 'internal', message: error };
  let message: string;
  try {
    message = JSON.stringify(error) ?? String(error);
  } catch {
    message = String(error);
  }
  return { code: 'internal', message };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.message === 'string';
}
