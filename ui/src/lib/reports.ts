// Pure helpers for the field-report screens (phản ánh hiện trường): which message a status shows,
// whether a report may still be reopened, which outbox items belong where, and the payload sent.
// The rules for what is accepted live in citizen-protocol (SubmitReport::problems), which the
// core runs before queuing; nothing here refuses a report.
import type { AttachmentRef } from './generated/AttachmentRef';
import type { GeoPoint } from './generated/GeoPoint';
import type { OutboxItem } from './generated/OutboxItem';
import type { OutboxKind } from './generated/OutboxKind';
import type { PublicReport } from './generated/PublicReport';
import type { Report } from './generated/Report';
import type { ReportEvent } from './generated/ReportEvent';
import type { ReportStatus } from './generated/ReportStatus';
import type { SubmitReport } from './generated/SubmitReport';

// How many photos a report takes, generated from citizen-protocol: the form says so before the
// sixth; the core refuses more anyway.
import { MAX_REPORT_PHOTOS } from './generated/commands';
export { MAX_REPORT_PHOTOS };

/** The stars of a rating, lowest first. */
export const STARS = [1, 2, 3, 4, 5] as const;

const REPORT_KINDS: readonly OutboxKind[] = ['report', 'rating', 'reopen'];
const DOSSIER_KINDS: readonly OutboxKind[] = ['dossier', 'answer'];

/** Outbox items of the reports screen: new reports, ratings and reopenings not yet sent. */
export function reportOutbox(items: readonly OutboxItem[]): OutboxItem[] {
  return items.filter((item) => REPORT_KINDS.includes(item.kind));
}

/** Outbox items of "Hồ sơ của tôi": dossiers and answers only, whatever else is queued. */
export function dossierOutbox(items: readonly OutboxItem[]): OutboxItem[] {
  return items.filter((item) => DOSSIER_KINDS.includes(item.kind));
}

/** The report ids with an item of `kind` still waiting, so the screen offers no second one. */
export function pendingReports(items: readonly OutboxItem[], kind: 'rating' | 'reopen'): Set<string> {
  return new Set(items.flatMap((item) => (item.kind === kind && item.state === 'waiting' && item.reportId ? [item.reportId] : [])));
}

/** The Fluent key of a status: `report-status-<status>`. */
export function statusKey(status: ReportStatus): string {
  return `report-status-${status}`;
}

/** The Fluent key of one timeline step: the resident's reopening reads as theirs. */
export function stepKey(event: ReportEvent): string {
  return event.byResident ? 'report-step-reopened' : statusKey(event.status);
}

/** Still with the agency: its due time matters. */
export function isOpen(status: ReportStatus): boolean {
  return status === 'received' || status === 'assigned' || status === 'in-progress';
}

/** A resolved report may be reopened until `reopenUntil` (the server says until when). */
export function canReopen(report: Pick<Report, 'status' | 'reopenUntil'>, now: Date): boolean {
  if (report.status !== 'resolved' || !report.reopenUntil) return false;
  const until = Date.parse(report.reopenUntil);
  return !Number.isNaN(until) && until > now.getTime();
}

/** A resolved report can be rated (again: a later rating replaces the earlier one). */
export function canRate(report: Pick<Report, 'status'>): boolean {
  return report.status === 'resolved';
}

function byTimeDesc<T>(time: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (Date.parse(time(b)) || 0) - (Date.parse(time(a)) || 0);
}

/** The resident's reports, newest first. */
export function newestFirst(reports: readonly Report[]): Report[] {
  return [...reports].sort(byTimeDesc((r) => r.submittedAt));
}

/** The public feed, most recently resolved first. */
export function newestResolvedFirst(reports: readonly PublicReport[]): PublicReport[] {
  return [...reports].sort(byTimeDesc((r) => r.resolvedAt));
}

/** Which of the chosen files fit beside the photos already there, and whether some did not. */
export function photosThatFit<T>(already: number, chosen: readonly T[]): { take: T[]; refused: boolean } {
  const room = Math.max(0, MAX_REPORT_PHOTOS - already);
  return { take: chosen.slice(0, room), refused: chosen.length > room };
}

/** What the form holds. */
export type ReportDraft = {
  category: string;
  title: string;
  description: string;
  photos: AttachmentRef[];
  location: GeoPoint | null;
  address: string;
  public: boolean;
};

/** The `SubmitReport` the core receives: a blank address is no address; consent as given. */
export function submitPayload(draft: ReportDraft): SubmitReport {
  const payload: SubmitReport = {
    category: draft.category,
    title: draft.title,
    description: draft.description,
    photos: draft.photos,
    public: draft.public,
  };
  if (draft.location) payload.location = { lat: draft.location.lat, lon: draft.location.lon };
  const address = draft.address.trim();
  if (address) payload.address = address;
  return payload;
}
