import { describe, expect, it } from 'vitest';
import type { OutboxItem } from './generated/OutboxItem';
import type { PublicReport } from './generated/PublicReport';
import type { Report } from './generated/Report';
import {
  MAX_REPORT_PHOTOS,
  canRate,
  canReopen,
  dossierOutbox,
  isOpen,
  newestFirst,
  newestResolvedFirst,
  pendingReports,
  photosThatFit,
  reportOutbox,
  statusKey,
  stepKey,
  submitPayload,
} from './reports';

function item(id: string, kind: OutboxItem['kind'], extra: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id,
    kind,
    dossierId: null,
    reportId: null,
    procedureId: null,
    title: null,
    procedureName: null,
    state: 'waiting',
    queuedAt: '2025-03-04T02:05:00Z',
    attempts: 0,
    lastError: null,
    ...extra,
  };
}

const name = { vi: 'Chiếu sáng', en: 'Street lighting' };

function report(id: string, submittedAt: string, extra: Partial<Report> = {}): Report {
  return {
    id,
    code: `PA-${id}`,
    category: 'chieu-sang',
    categoryName: name,
    title: 'Đèn hỏng',
    description: 'Đèn không sáng',
    photos: [],
    public: false,
    agency: { vi: 'Công ty Chiếu sáng', en: 'Lighting company' },
    status: 'received',
    submittedAt,
    dueAt: '2025-03-05T02:05:00Z',
    timeline: [],
    ...extra,
  };
}

describe('outbox filtering', () => {
  const items = [item('1', 'dossier'), item('2', 'report'), item('3', 'answer'), item('4', 'rating'), item('5', 'reopen')];

  it('keeps reports, ratings and reopenings for the reports screen', () => {
    expect(reportOutbox(items).map((i) => i.id)).toEqual(['2', '4', '5']);
  });

  it('keeps dossiers and answers for the dossiers screen', () => {
    expect(dossierOutbox(items).map((i) => i.id)).toEqual(['1', '3']);
  });

  it('knows which reports have a rating or reopening waiting (not refused ones)', () => {
    const queued = [
      item('a', 'rating', { reportId: 'r1' }),
      item('b', 'reopen', { reportId: 'r2' }),
      item('c', 'reopen', { reportId: 'r3', state: 'refused' }),
    ];
    expect([...pendingReports(queued, 'rating')]).toEqual(['r1']);
    expect([...pendingReports(queued, 'reopen')]).toEqual(['r2']);
  });
});

describe('statuses', () => {
  it('name their messages report-status-<status>', () => {
    expect(statusKey('in-progress')).toBe('report-status-in-progress');
  });

  it('read a reopening as the resident’s own step', () => {
    expect(stepKey({ status: 'received', at: '', byResident: true })).toBe('report-step-reopened');
    expect(stepKey({ status: 'rejected', at: '', byResident: false })).toBe('report-status-rejected');
  });

  it('tell open reports from finished ones', () => {
    expect(isOpen('received')).toBe(true);
    expect(isOpen('in-progress')).toBe(true);
    expect(isOpen('resolved')).toBe(false);
    expect(isOpen('rejected')).toBe(false);
  });
});

describe('reopening and rating', () => {
  const now = new Date('2025-03-10T00:00:00Z');

  it('allow reopening a resolved report until reopenUntil', () => {
    expect(canReopen({ status: 'resolved', reopenUntil: '2025-03-11T00:00:00Z' }, now)).toBe(true);
    expect(canReopen({ status: 'resolved', reopenUntil: '2025-03-09T23:59:59Z' }, now)).toBe(false);
    expect(canReopen({ status: 'resolved', reopenUntil: '2025-03-10T00:00:00Z' }, now)).toBe(false);
    expect(canReopen({ status: 'resolved' }, now)).toBe(false);
    expect(canReopen({ status: 'resolved', reopenUntil: 'soon' }, now)).toBe(false);
    expect(canReopen({ status: 'rejected', reopenUntil: '2025-03-11T00:00:00Z' }, now)).toBe(false);
  });

  it('allow rating resolved reports only', () => {
    expect(canRate({ status: 'resolved' })).toBe(true);
    expect(canRate({ status: 'in-progress' })).toBe(false);
  });
});

describe('ordering', () => {
  it('puts the newest report first', () => {
    const list = [report('a', '2025-03-01T00:00:00Z'), report('b', '2025-03-03T00:00:00Z'), report('c', '2025-03-02T00:00:00Z')];
    expect(newestFirst(list).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(list.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('puts the most recently resolved public report first', () => {
    const base: Omit<PublicReport, 'code' | 'resolvedAt'> = {
      category: 'c',
      categoryName: name,
      title: 't',
      description: 'd',
      agency: name,
      status: 'resolved',
      submittedAt: '2025-01-01T00:00:00Z',
      answer: 'ok',
    };
    const list = [
      { ...base, code: 'old', resolvedAt: '2025-02-01T00:00:00Z' },
      { ...base, code: 'new', resolvedAt: '2025-02-03T00:00:00Z' },
    ];
    expect(newestResolvedFirst(list).map((r) => r.code)).toEqual(['new', 'old']);
  });
});

describe('photos', () => {
  it('take up to five and say when some did not fit', () => {
    expect(MAX_REPORT_PHOTOS).toBe(5);
    expect(photosThatFit(0, ['a', 'b'])).toEqual({ take: ['a', 'b'], refused: false });
    expect(photosThatFit(4, ['a', 'b'])).toEqual({ take: ['a'], refused: true });
    expect(photosThatFit(5, ['a'])).toEqual({ take: [], refused: true });
    expect(photosThatFit(3, [])).toEqual({ take: [], refused: false });
  });
});

describe('submitPayload', () => {
  const photo = { sha256: 'a'.repeat(64), fileName: 'den.jpg', fileType: 'jpeg' as const, size: 10 };

  it('drops a blank address and keeps consent as given', () => {
    expect(
      submitPayload({
        category: 'chieu-sang',
        title: 'Đèn hỏng',
        description: 'Không sáng',
        photos: [photo],
        location: { lat: 16.46, lon: 107.59 },
        address: '   ',
        public: false,
      }),
    ).toEqual({
      category: 'chieu-sang',
      title: 'Đèn hỏng',
      description: 'Không sáng',
      photos: [photo],
      location: { lat: 16.46, lon: 107.59 },
      public: false,
    });
  });

  it('sends a trimmed address without a position', () => {
    const payload = submitPayload({
      category: 'x',
      title: 't',
      description: 'd',
      photos: [],
      location: null,
      address: ' 12 Lê Lợi ',
      public: true,
    });
    expect(payload.address).toBe('12 Lê Lợi');
    expect('location' in payload).toBe(false);
    expect(payload.public).toBe(true);
  });
});
