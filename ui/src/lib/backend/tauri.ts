// The Backend over Tauri IPC. Commands and the event name come from citizen-protocol (generated).
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { AppStatus } from '../generated/AppStatus';
import type { Procedure } from '../generated/Procedure';
import type { ProcedureSummary } from '../generated/ProcedureSummary';
import type { AttachmentRef } from '../generated/AttachmentRef';
import type { DossierDraft } from '../generated/DossierDraft';
import type { MyDossiers } from '../generated/MyDossiers';
import type { MyReports } from '../generated/MyReports';
import type { Notification } from '../generated/Notification';
import type { PublicReport } from '../generated/PublicReport';
import type { ReportCategory } from '../generated/ReportCategory';
import type { AuditEntry } from '../generated/AuditEntry';
import type { HandOff } from '../generated/HandOff';
import type { HelperSession } from '../generated/HelperSession';
import {
  APP_STATUS,
  ASSIST_CONSENT_PHOTO,
  ASSIST_END,
  ASSIST_START,
  ASSIST_WAIT,
  AUDIT_LOG,
  HELPER_SESSIONS,
  KIOSK_HAND_OFF,
  KIOSK_HAND_OFF_WAIT,
  PERSONAL_NUMBER_HEADER,
  CANCEL_SIGN_IN,
  CATALOG_PROCEDURE,
  CATALOG_SEARCH,
  DOSSIER_ANSWER,
  DOSSIER_ATTACH,
  DOSSIER_SAVE_DRAFT,
  DOSSIER_START,
  DOSSIER_SUBMIT,
  FILE_NAME_HEADER,
  INVOICE_PAY_GATEWAY,
  INVOICE_QR,
  INVOICE_REISSUE,
  MY_DOSSIERS,
  MY_REPORTS,
  NOTIFICATIONS,
  NOTIFICATIONS_READ,
  PUBLIC_REPORTS,
  RECEIPT_EXPORT,
  REPORT_CATEGORIES,
  REPORT_RATE,
  REPORT_REOPEN,
  REPORT_SUBMIT,
  SET_LOCALE,
  SIGN_IN,
  SIGN_OUT,
  SIGN_OUT_EVERYWHERE,
  STATUS_EVENT,
  SYNC_NOW,
} from '../generated/commands';
import { toErrorBody, type Backend } from './backend';

async function call<T>(
  command: string,
  args: Record<string, unknown> | Uint8Array = {},
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await (headers ? invoke<T>(command, args, { headers }) : invoke<T>(command, args));
  } catch (error) {
    // Outside Tauri (a plain browser) invoke itself throws; that becomes error-internal too.
    throw toErrorBody(error);
  }
}

export function createTauriBackend(): Backend {
  return {
    searchCatalog: (query) => call<ProcedureSummary[]>(CATALOG_SEARCH, { query }),
    getProcedure: (id) => call<Procedure>(CATALOG_PROCEDURE, { id }),
    appStatus: () => call<AppStatus>(APP_STATUS),
    syncNow: () => call<AppStatus>(SYNC_NOW),
    setLocale: (locale) => call<void>(SET_LOCALE, { locale }),
    signIn: () => call<AppStatus>(SIGN_IN),
    cancelSignIn: () => call<void>(CANCEL_SIGN_IN),
    signOut: () => call<AppStatus>(SIGN_OUT),
    signOutEverywhere: () => call<AppStatus>(SIGN_OUT_EVERYWHERE),
    startDossier: (procedureId) => call<DossierDraft>(DOSSIER_START, { procedureId }),
    saveDraft: (procedureId, values) => call<void>(DOSSIER_SAVE_DRAFT, { procedureId, values }),
    // Raw bytes, not a JSON array of numbers: a 10 MB photo stays 10 MB on its way to the core.
    attachFile: (name, bytes) =>
      call<AttachmentRef>(DOSSIER_ATTACH, bytes, { [FILE_NAME_HEADER]: encodeURIComponent(name) }),
    submitDossier: (procedureId, values) => call<AppStatus>(DOSSIER_SUBMIT, { procedureId, values }),
    answerDossier: (dossierId, answer) => call<AppStatus>(DOSSIER_ANSWER, { dossierId, answer }),
    myDossiers: () => call<MyDossiers>(MY_DOSSIERS),
    reportCategories: () => call<ReportCategory[]>(REPORT_CATEGORIES),
    submitReport: (report) => call<AppStatus>(REPORT_SUBMIT, { report }),
    myReports: () => call<MyReports>(MY_REPORTS),
    rateReport: (reportId, stars) => call<AppStatus>(REPORT_RATE, { reportId, stars }),
    reopenReport: (reportId, message) => call<AppStatus>(REPORT_REOPEN, { reportId, message }),
    publicReports: () => call<PublicReport[]>(PUBLIC_REPORTS),
    payByGateway: (dossierId) => call<string>(INVOICE_PAY_GATEWAY, { dossierId }),
    invoiceQr: (dossierId) => call<string>(INVOICE_QR, { dossierId }),
    reissueInvoice: (dossierId) => call<AppStatus>(INVOICE_REISSUE, { dossierId }),
    exportReceipt: (dossierId) => call<string>(RECEIPT_EXPORT, { dossierId }),
    kioskHandOff: () => call<HandOff>(KIOSK_HAND_OFF),
    kioskHandOffWait: () => call<AppStatus>(KIOSK_HAND_OFF_WAIT),
    assistStart: () => call<HandOff>(ASSIST_START),
    assistConsentPhoto: (personalIdNumber, photo) =>
      call<void>(ASSIST_CONSENT_PHOTO, photo, { [PERSONAL_NUMBER_HEADER]: personalIdNumber }),
    assistWait: () => call<AppStatus>(ASSIST_WAIT),
    assistEnd: () => call<AppStatus>(ASSIST_END),
    helperSessions: () => call<HelperSession[]>(HELPER_SESSIONS),
    auditLog: () => call<AuditEntry[]>(AUDIT_LOG),
    notifications: () => call<Notification[]>(NOTIFICATIONS),
    markNotificationsRead: () => call<AppStatus>(NOTIFICATIONS_READ),
    async onStatus(cb) {
      try {
        return await listen<AppStatus>(STATUS_EVENT, (event) => cb(event.payload));
      } catch (error) {
        throw toErrorBody(error);
      }
    },
  };
}
