// @vitest-environment jsdom
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Backend, FormValues } from './lib/backend/backend';
import { createTauriBackend } from './lib/backend/tauri';
import type { AppStatus } from './lib/generated/AppStatus';
import type { AuditEntry } from './lib/generated/AuditEntry';
import type { HandOff } from './lib/generated/HandOff';
import type { HelperSession } from './lib/generated/HelperSession';
import type { Dossier } from './lib/generated/Dossier';
import type { MyDossiers } from './lib/generated/MyDossiers';
import type { MyReports } from './lib/generated/MyReports';
import type { Procedure } from './lib/generated/Procedure';
import type { PublicReport } from './lib/generated/PublicReport';
import type { Report } from './lib/generated/Report';
import type { ReportCategory } from './lib/generated/ReportCategory';
import type { Session } from './lib/generated/Session';
import type { SubmitReport } from './lib/generated/SubmitReport';
import { setCurrentLocale } from './lib/locale.svelte';

// What the core sends: messages it localized itself (citizen-core i18n), arguments filled in.
const CORE_TOO_LONG = 'Từ khóa tìm kiếm dài quá, tối đa 200 ký tự.';
const CORE_RECOVERED = 'Dữ liệu trên máy bị hỏng nên đã được cất riêng; danh mục đang được tải lại.';

const birth: Procedure = {
  id: 'HT-001',
  field: 'ho-tich',
  level: 'xa',
  name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
  agency: { vi: 'UBND cấp xã', en: 'Commune People’s Committee' },
  processingDays: 1,
  feeVnd: 0,
  onlineLevel: 'full',
  requiredDocuments: [{ vi: 'Giấy chứng sinh', en: 'Birth certificate from the hospital' }],
  form: {
    fields: [
      {
        name: 'applicant_name',
        label: { vi: 'Họ, chữ đệm, tên người yêu cầu', en: 'Applicant' },
        kind: { type: 'text', maxChars: 100 },
        required: true,
        prefill: 'full-name',
      },
      { name: 'child_name', label: { vi: 'Họ, chữ đệm, tên trẻ', en: 'Child' }, kind: { type: 'text', maxChars: 100 }, required: true },
      { name: 'mother_pin', label: { vi: 'Số định danh của mẹ', en: 'Mother' }, kind: { type: 'personal-number' }, required: true },
    ],
  },
};
const land: Procedure = {
  ...birth,
  form: undefined,
  id: 'DD-002',
  field: 'dat-dai',
  level: 'huyen',
  name: { vi: 'Đăng ký biến động đất đai', en: 'Registration of land changes' },
  processingDays: 10,
  feeVnd: 50000,
  onlineLevel: 'partial',
};

const CORE_UNREACHABLE = 'Không kết nối được máy chủ. Vui lòng kiểm tra kết nối và thử lại.';

const binh: Session = {
  citizen: {
    id: 'c_1',
    fullName: 'Trần Thị Bình',
    personalIdNumber: '046192000002',
    birthDate: '1992-05-14',
    address: 'Phường Thuận Hóa, Huế',
  },
  offline: false,
  expiresAt: '2026-12-23T05:00:00Z',
  helper: null,
  limited: false,
};

const handOff: HandOff = {
  userCode: 'BCDF-GHJK',
  verificationUri: 'http://127.0.0.1:8080/device',
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1v1H0z"/></svg>',
  expiresAt: '2099-01-01T00:00:00Z',
};

const lighting: ReportCategory = {
  code: 'chieu-sang',
  name: { vi: 'Chiếu sáng công cộng', en: 'Street lighting' },
  description: { vi: 'Đèn đường hỏng, không sáng hoặc sáng cả ngày.', en: 'Street lights that are broken or on all day.' },
  dueHours: 48,
};
const flooding: ReportCategory = {
  code: 'ngap-ung',
  name: { vi: 'Ngập úng', en: 'Flooding' },
  description: { vi: 'Đường ngập nước sau mưa.', en: 'Roads under water after rain.' },
  dueHours: 24,
};

/** A resolved report of Bình's that she may still rate and reopen. */
const fixedLight: Report = {
  id: 'r_1',
  code: 'PA-250301-0001',
  category: 'chieu-sang',
  categoryName: lighting.name,
  title: 'Đèn đường trước số 12 Lê Lợi không sáng',
  description: 'Đèn tắt từ ba hôm nay, tối đi lại rất nguy hiểm.',
  photos: [{ sha256: 'b'.repeat(64), fileName: 'den.jpg', fileType: 'jpeg', size: 1000 }],
  location: { lat: 16.4637, lon: 107.5909 },
  public: true,
  area: { vi: 'Phường Thuận Hóa', en: 'Thuận Hóa ward' },
  agency: { vi: 'Công ty Chiếu sáng Huế', en: 'Huế Lighting Company' },
  status: 'resolved',
  submittedAt: '2025-03-01T01:00:00Z',
  dueAt: '2025-03-03T01:00:00Z',
  timeline: [
    { status: 'received', at: '2025-03-01T01:00:00Z', byResident: false },
    { status: 'resolved', at: '2025-03-02T08:00:00Z', message: 'Đã thay bóng đèn mới.', byResident: false },
  ],
  reopenUntil: '2999-01-01T00:00:00Z',
};
const olderReport: Report = {
  ...fixedLight,
  id: 'r_0',
  code: 'PA-250201-0007',
  title: 'Rác đổ bên bờ sông',
  status: 'rejected',
  submittedAt: '2025-02-01T01:00:00Z',
  timeline: [{ status: 'rejected', at: '2025-02-02T01:00:00Z', message: 'Khu vực này thuộc tỉnh khác.', byResident: false }],
  reopenUntil: undefined,
};

const publicFeed: PublicReport[] = [
  {
    code: 'PA-250110-0002',
    category: 'ngap-ung',
    categoryName: flooding.name,
    title: 'Ngập trên đường Hùng Vương',
    description: 'Nước ngập đến đầu gối.',
    area: { vi: 'Phường Phú Hội', en: 'Phú Hội ward' },
    agency: { vi: 'Ban Quản lý hạ tầng', en: 'Infrastructure board' },
    status: 'resolved',
    submittedAt: '2025-01-10T01:00:00Z',
    resolvedAt: '2025-01-11T01:00:00Z',
    answer: 'Đã nạo vét cống thoát nước.',
  },
  {
    code: 'PA-250301-0001',
    category: 'chieu-sang',
    categoryName: lighting.name,
    title: 'Đèn đường trước số 12 Lê Lợi không sáng',
    description: 'Đèn tắt từ ba hôm nay.',
    location: { lat: 16.4637, lon: 107.5909 },
    area: { vi: 'Phường Thuận Hóa', en: 'Thuận Hóa ward' },
    agency: { vi: 'Công ty Chiếu sáng Huế', en: 'Huế Lighting Company' },
    status: 'resolved',
    submittedAt: '2025-03-01T01:00:00Z',
    resolvedAt: '2025-03-02T08:00:00Z',
    answer: 'Đã thay bóng đèn mới.',
  },
];

/** What the core says when a report misses what SubmitReport::problems requires. */
function reportProblems(report: SubmitReport) {
  const fields = [];
  if (report.photos.length === 0) fields.push({ field: 'photos', problem: 'required' as const });
  if (!report.location && !report.address) fields.push({ field: 'location', problem: 'required' as const });
  return fields;
}

function summary(p: Procedure) {
  const { id, name, field, level, onlineLevel, processingDays, feeVnd } = p;
  return { id, name, field, level, onlineLevel, processingDays, feeVnd };
}

function fakeBackend(status: Partial<AppStatus> = {}) {
  const full: AppStatus = {
    online: false,
    lastSyncAt: null,
    procedureCount: 2,
    catalogRevision: '2',
    locale: 'vi',
    notice: null,
    session: null,
    signingIn: false,
    outboxCount: 0,
    unreadNotifications: 0,
    mapTiles: null,
    kioskIdleSeconds: null,
    ...status,
  };
  const listeners: ((s: AppStatus) => void)[] = [];
  return {
    searchCatalog: vi.fn(async (q: string) => {
      if (q.length > 200) throw { code: 'query-too-long', message: CORE_TOO_LONG };
      const all = [birth, land].map(summary);
      return q.trim() ? all.filter((p) => p.name.vi.toLowerCase().includes(q.trim().toLowerCase())) : all;
    }),
    getProcedure: vi.fn(async (id: string) => {
      const found = [birth, land].find((p) => p.id === id);
      if (!found) throw { code: 'not-found', message: 'not found' };
      return found;
    }),
    appStatus: vi.fn(async () => full),
    syncNow: vi.fn(async () => ({ ...full, online: true, lastSyncAt: '2025-03-04T02:05:00Z' })),
    setLocale: vi.fn(async () => {}),
    signIn: vi.fn(async () => ({ ...full, online: true, session: binh })),
    cancelSignIn: vi.fn(async () => {}),
    signOut: vi.fn(async () => ({ ...full, session: null })),
    signOutEverywhere: vi.fn(async () => {
      throw { code: 'server-unreachable', message: CORE_UNREACHABLE };
    }),
    startDossier: vi.fn(async (procedureId: string) => ({
      procedureId,
      values: { applicant_name: binh.citizen.fullName },
      fromEid: ['applicant_name'],
    })),
    saveDraft: vi.fn(async (_id: string, _values: FormValues) => {}),
    attachFile: vi.fn(async (name: string, bytes: Uint8Array) => ({
      sha256: 'a'.repeat(64),
      fileName: name,
      fileType: 'jpeg' as const,
      size: bytes.length,
    })),
    submitDossier: vi.fn(async (_id: string, values: FormValues): Promise<AppStatus> => {
      if (values.mother_pin !== '046192000002') {
        throw {
          code: 'form-invalid',
          message: 'Một số thông tin trong tờ khai chưa đúng.',
          fields: [{ field: 'mother_pin', problem: 'bad-personal-number' }],
        };
      }
      return { ...full, outboxCount: 1 };
    }),
    answerDossier: vi.fn(async (): Promise<AppStatus> => ({ ...full, outboxCount: 1 })),
    myDossiers: vi.fn(async (): Promise<MyDossiers> => ({ outbox: [], dossiers: [] })),
    reportCategories: vi.fn(async () => [lighting, flooding]),
    submitReport: vi.fn(async (report: SubmitReport): Promise<AppStatus> => {
      const fields = reportProblems(report);
      if (fields.length > 0) {
        throw { code: 'form-invalid', message: 'Một số thông tin trong tờ khai chưa đúng hoặc còn thiếu.', fields };
      }
      return { ...full, outboxCount: 1 };
    }),
    myReports: vi.fn(async (): Promise<MyReports> => ({ outbox: [], reports: [] })),
    rateReport: vi.fn(async (_id: string, _stars: number): Promise<AppStatus> => ({ ...full, outboxCount: 1 })),
    reopenReport: vi.fn(async (_id: string, _message: string): Promise<AppStatus> => ({ ...full, outboxCount: 1 })),
    publicReports: vi.fn(async (): Promise<PublicReport[]> => publicFeed),
    payByGateway: vi.fn(async (_id: string): Promise<string> => 'http://127.0.0.1:8080/sandbox/gateway/pay?vnp_TxnRef=X'),
    invoiceQr: vi.fn(async (_id: string): Promise<string> => '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1v1H0z"/></svg>'),
    reissueInvoice: vi.fn(async (_id: string): Promise<AppStatus> => full),
    exportReceipt: vi.fn(async (_id: string): Promise<string> => '/home/binh/Downloads/bien-lai-BL-2026-000001.pdf'),
    kioskHandOff: vi.fn(async (): Promise<HandOff> => handOff),
    kioskHandOffWait: vi.fn(async (): Promise<AppStatus> => ({ ...full, session: { ...binh, limited: true } })),
    assistStart: vi.fn(async (): Promise<HandOff> => handOff),
    assistConsentPhoto: vi.fn(async (_n: string, _p: Uint8Array) => {}),
    assistWait: vi.fn(async (): Promise<AppStatus> => ({ ...full, session: { ...binh, helper: binh.citizen, limited: true } })),
    assistEnd: vi.fn(async (): Promise<AppStatus> => full),
    helperSessions: vi.fn(async (): Promise<HelperSession[]> => []),
    auditLog: vi.fn(async (): Promise<AuditEntry[]> => []),
    notifications: vi.fn(async () => []),
    markNotificationsRead: vi.fn(async () => full),
    onStatus: vi.fn(async (cb: (s: AppStatus) => void) => {
      listeners.push(cb);
      return () => {};
    }),
    /** Test hook: what the shell's status-changed event would deliver. */
    emitStatus: (next: Partial<AppStatus>) => listeners.forEach((cb) => cb({ ...full, ...next })),
  } satisfies Backend & { emitStatus: (s: Partial<AppStatus>) => void };
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  flushSync();
}

let app: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  history.replaceState(null, '', '#/');
  setCurrentLocale('vi');
  localStorage.clear();
  document.body.innerHTML = '<div id="app"></div>';
});

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  vi.useRealTimers();
});

function start(backend: Backend) {
  app = mount(App, { target: document.getElementById('app')!, props: { backend } });
  flushSync();
}

describe('App', () => {
  it('shows the home tiles and the offline banner', async () => {
    start(fakeBackend());
    await settle();
    expect(byTestId('app-name')?.textContent).toContain('Công dân số');
    expect(byTestId('nav-catalog')?.textContent).toContain('Dịch vụ công');
    expect(document.querySelectorAll('.tile')).toHaveLength(5);
    expect(byTestId('offline-banner')?.textContent).toContain('Máy chưa đồng bộ lần nào.');
    expect(byTestId('status-count')?.textContent).toBe('2 thủ tục');
  });

  it('searches, opens a procedure, and comes back with the query kept', async () => {
    const backend = fakeBackend();
    start(backend);
    await settle();
    byTestId('nav-catalog')!.click();
    await settle();
    expect(backend.searchCatalog).toHaveBeenLastCalledWith('');
    expect(allByTestId('catalog-result')).toHaveLength(2);

    const input = byTestId('catalog-search') as HTMLInputElement;
    input.value = 'khai';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(100);
    expect(backend.searchCatalog).toHaveBeenCalledTimes(1);
    await settle(60);
    expect(backend.searchCatalog).toHaveBeenLastCalledWith('khai');
    expect(allByTestId('catalog-result')).toHaveLength(1);
    expect(byTestId('catalog-result')!.textContent).toContain('Toàn trình');
    expect(byTestId('catalog-count')!.textContent).toBe('Có 1 thủ tục');

    byTestId('catalog-result')!.click();
    await settle();
    expect(byTestId('procedure-title')!.textContent?.trim()).toBe('Đăng ký khai sinh');
    expect(byTestId('procedure-fee')!.textContent).toBe('Miễn phí');
    expect(byTestId('procedure-days')!.textContent).toBe('1 ngày làm việc');

    byTestId('back')!.click();
    // jsdom delivers history.back() as an async popstate
    await settle(10);
    expect((byTestId('catalog-search') as HTMLInputElement).value).toBe('khai');
    expect(allByTestId('catalog-result')).toHaveLength(1);
  });

  it('asks again when the catalogue changes under an open search', async () => {
    const backend = fakeBackend({ procedureCount: 0, catalogRevision: null });
    start(backend);
    await settle();
    byTestId('nav-catalog')!.click();
    await settle();
    const input = byTestId('catalog-search') as HTMLInputElement;
    input.value = 'khai';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(200);
    const calls = backend.searchCatalog.mock.calls.length;
    backend.emitStatus({ catalogRevision: '370', procedureCount: 370, online: true });
    await settle(10);
    expect(backend.searchCatalog.mock.calls.length).toBe(calls + 1);
    expect(backend.searchCatalog).toHaveBeenLastCalledWith('khai');
    backend.emitStatus({ catalogRevision: '370', procedureCount: 370, online: true });
    await settle(10);
    expect(backend.searchCatalog.mock.calls.length).toBe(calls + 1);
  });

  it('shows the core’s validation errors as the core localized them', async () => {
    start(fakeBackend());
    await settle();
    byTestId('nav-catalog')!.click();
    await settle();
    const input = byTestId('catalog-search') as HTMLInputElement;
    input.value = 'x'.repeat(201);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(200);
    const alert = byTestId('error-message')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain(CORE_TOO_LONG);
  });

  it('switches language, remembers it and tells the core', async () => {
    const backend = fakeBackend();
    start(backend);
    await settle();
    const button = byTestId('lang-switch')!;
    expect(button.textContent).toContain('English');
    button.click();
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('cds.locale')).toBe('en');
    expect(backend.setLocale).toHaveBeenCalledWith('en');
    expect(byTestId('nav-catalog')!.textContent).toContain('Public services');
    expect(byTestId('lang-switch')!.textContent).toContain('Tiếng Việt');
  });

  it('shows a recovered-store notice that can be dismissed', async () => {
    start(fakeBackend({ notice: { code: 'store-recovered', message: CORE_RECOVERED } }));
    await settle();
    expect(byTestId('notice')!.textContent).toContain(CORE_RECOVERED);
    byTestId('notice-dismiss')!.click();
    await settle();
    expect(byTestId('notice')).toBeNull();
  });

  it('does not crash outside Tauri and shows the internal error', async () => {
    start(createTauriBackend());
    await settle();
    expect(byTestId('nav-catalog')).not.toBeNull();
    expect(byTestId('app-error')!.textContent).toContain('Ứng dụng gặp lỗi không mong muốn');
    byTestId('nav-catalog')!.click();
    await settle();
    expect(byTestId('error-message')!.textContent).toContain('Ứng dụng gặp lỗi không mong muốn');
  });

  it('signs in from the account screen, shows the e-ID details, and signs out', async () => {
    const backend = fakeBackend();
    start(backend);
    await settle();
    expect(byTestId('account')!.textContent?.trim()).toBe('Đăng nhập');
    byTestId('account')!.click();
    await settle();
    expect(byTestId('profile-name')).toBeNull();
    byTestId('sign-in')!.click();
    await settle();
    expect(backend.signIn).toHaveBeenCalledTimes(1);
    expect(byTestId('profile-name')!.textContent).toBe('Trần Thị Bình');
    expect(byTestId('profile-pin')!.textContent).toBe('046192000002');
    expect(byTestId('profile-birth-date')!.textContent).toBe('14 tháng 5, 1992');
    expect(byTestId('account')!.textContent?.trim()).toBe('Trần Thị Bình');

    // Offline, signing out everywhere cannot reach the server: the resident is told, and stays.
    byTestId('sign-out-everywhere')!.click();
    await settle();
    expect(byTestId('profile-error')!.textContent).toContain(CORE_UNREACHABLE);
    expect(byTestId('profile-name')).not.toBeNull();

    byTestId('sign-out')!.click();
    await settle();
    expect(byTestId('profile-name')).toBeNull();
    expect(byTestId('sign-in')).not.toBeNull();
  });

  it('while the browser is out, offers to cancel; an offline session is read-only', async () => {
    const backend = fakeBackend({ signingIn: true });
    history.replaceState(null, '', '#/profile');
    start(backend);
    await settle();
    expect(byTestId('sign-in-waiting')).not.toBeNull();
    byTestId('sign-in-cancel')!.click();
    await settle();
    expect(backend.cancelSignIn).toHaveBeenCalledTimes(1);

    backend.emitStatus({ signingIn: false, session: { ...binh, offline: true } });
    await settle();
    expect(byTestId('profile-offline')).not.toBeNull();
    expect((byTestId('sign-out-everywhere') as HTMLButtonElement).disabled).toBe(true);
  });

  it('fills what the e-ID knows, saves the draft, and shows each refused answer by its field', async () => {
    const backend = fakeBackend({ session: binh });
    history.replaceState(null, '', '#/procedure/HT-001');
    start(backend);
    await settle();
    byTestId('procedure-start')!.click();
    await settle();
    const name = byTestId('form-field-applicant_name') as HTMLInputElement;
    expect(name.value).toBe('Trần Thị Bình');
    expect(name.readOnly).toBe(true);

    const type = (id: string, text: string) => {
      const input = byTestId(id) as HTMLInputElement;
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    type('form-field-child_name', 'Nguyễn Thị Hoa');
    type('form-field-mother_pin', '123');
    await settle(500);
    expect(backend.saveDraft).toHaveBeenLastCalledWith('HT-001', {
      applicant_name: 'Trần Thị Bình',
      child_name: 'Nguyễn Thị Hoa',
      mother_pin: '123',
    });

    byTestId('dossier-submit')!.click();
    await settle();
    expect(byTestId('form-problem-mother_pin')!.textContent).toContain('12 chữ số');
    expect(byTestId('form-field-mother_pin')!.getAttribute('aria-invalid')).toBe('true');

    type('form-field-mother_pin', '046192000002');
    byTestId('dossier-submit')!.click();
    await settle();
    expect(location.hash).toBe('#/dossiers');
    expect(byTestId('outbox-count')!.dataset.count).toBe('1');
  });
});

describe('Field reports', () => {
  const type = (id: string, text: string) => {
    const input = byTestId(id) as HTMLInputElement | HTMLTextAreaElement;
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const choose = (id: string, value: string) => {
    const select = byTestId(id) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const photo = (name: string) => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    // jsdom's File has no arrayBuffer(); the webview's has.
    return Object.assign(new File([bytes], name, { type: 'image/jpeg' }), { arrayBuffer: async () => bytes.buffer });
  };
  const pickPhotos = (files: File[]) => {
    const input = byTestId('report-photo') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };

  it('opens from the home tile, and asks a resident who is not signed in to sign in', async () => {
    start(fakeBackend());
    await settle();
    byTestId('nav-reports')!.click();
    await settle();
    expect(location.hash).toBe('#/reports');
    expect(byTestId('sign-in-needed')).not.toBeNull();
    expect(byTestId('report-new')).toBeNull();
  });

  it('refuses without photos and without a place, showing the core’s words under each field', async () => {
    const backend = fakeBackend({ session: binh });
    history.replaceState(null, '', '#/reports');
    start(backend);
    await settle();
    byTestId('report-new')!.click();
    await settle();
    expect(location.hash).toBe('#/reports/new');
    const options = [...(byTestId('report-category') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toContain('Chiếu sáng công cộng');
    choose('report-category', 'chieu-sang');
    await settle();
    expect(byTestId('report-category-help')!.textContent).toContain('Đèn đường hỏng');
    expect(byTestId('report-category-help')!.textContent).toContain('48 giờ');
    type('report-title', 'Đèn đường không sáng');
    type('report-description', '<b>Tối</b> đi lại nguy hiểm');
    expect((byTestId('report-public') as HTMLInputElement).checked).toBe(false);

    byTestId('report-submit')!.click();
    await settle();
    expect(backend.submitReport).toHaveBeenCalledTimes(1);
    expect(byTestId('report-error')!.textContent).toContain('Một số thông tin trong tờ khai chưa đúng');
    expect(byTestId('report-problem-photos')!.textContent).toBe('Ô này bắt buộc.');
    expect(byTestId('report-problem-location')!.textContent).toBe('Ô này bắt buộc.');
    expect(byTestId('report-photo')!.getAttribute('aria-invalid')).toBe('true');
    expect(location.hash).toBe('#/reports/new');

    // Six photos at once: five are kept, and the sixth is refused in plain words.
    pickPhotos(['1', '2', '3', '4', '5', '6'].map((n) => photo(`anh-${n}.jpg`)));
    await settle();
    expect(backend.attachFile).toHaveBeenCalledTimes(5);
    expect(backend.attachFile.mock.calls[0][0]).toBe('anh-1.jpg');
    expect(backend.attachFile.mock.calls[0][1]).toBeInstanceOf(Uint8Array);
    expect(byTestId('report-photos-full')!.textContent).toContain('tối đa 5 ảnh');
    expect(byTestId('report-problem-photos')).toBeNull();
    // The fake keeps one hash for every file: the same photo twice is one photo.
    expect(allByTestId('report-photo-item')).toHaveLength(1);
    byTestId('report-photo-remove')!.click();
    await settle();
    expect(allByTestId('report-photo-item')).toHaveLength(0);
    pickPhotos([photo('den.jpg')]);
    await settle();
    expect(allByTestId('report-photo-item')).toHaveLength(1);
    expect(byTestId('report-photos-full')).toBeNull();

    type('report-address', '  Trước số 12 Lê Lợi, phường Thuận Hóa ');
    await settle();
    expect(byTestId('report-problem-location')).toBeNull();
    byTestId('report-submit')!.click();
    await settle();
    expect(backend.submitReport).toHaveBeenLastCalledWith({
      category: 'chieu-sang',
      title: 'Đèn đường không sáng',
      description: '<b>Tối</b> đi lại nguy hiểm',
      photos: [{ sha256: 'a'.repeat(64), fileName: 'den.jpg', fileType: 'jpeg', size: 7 }],
      address: 'Trước số 12 Lê Lợi, phường Thuận Hóa',
      public: false,
    });
    expect(location.hash).toBe('#/reports');
    expect(byTestId('outbox-count')!.dataset.count).toBe('1');
  });

  it('places a pin on the map without map tiles, and sends it with consent when given', async () => {
    const backend = fakeBackend({ session: binh, mapTiles: null });
    history.replaceState(null, '', '#/reports/new');
    start(backend);
    await settle();
    expect(byTestId('report-map')).not.toBeNull();
    expect(byTestId('map-no-tiles')!.textContent).toContain('chưa có bản đồ nền');
    expect(byTestId('report-location')!.textContent).toBe('Chưa ghim vị trí nào.');

    byTestId('map-pin-center')!.click();
    await settle();
    const pinned = byTestId('report-location')!;
    expect(pinned.textContent).toMatch(/^Đã ghim vị trí: 16\.\d{5}, 107\.\d{5}$/);
    expect(document.querySelector('#report-map .map-pin')).not.toBeNull();

    choose('report-category', 'ngap-ung');
    type('report-title', 'Đường ngập');
    type('report-description', 'Ngập sau mưa');
    pickPhotos([photo('ngap.png')]);
    await settle();
    (byTestId('report-public') as HTMLInputElement).click();
    byTestId('report-submit')!.click();
    await settle();
    const sent = backend.submitReport.mock.calls[0][0];
    expect(sent.public).toBe(true);
    expect(sent.location?.lat).toBeCloseTo(Number(pinned.dataset.lat), 6);
    expect(sent.location!.lat).toBeGreaterThan(15.95);
    expect(sent.location!.lon).toBeGreaterThan(107);
    expect('address' in sent).toBe(false);
    expect(location.hash).toBe('#/reports');
  });

  it('uses the device’s position when it has one, and says so when it has none', async () => {
    let answer: 'fail' | { lat: number; lon: number } = 'fail';
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition: (ok: (p: { coords: { latitude: number; longitude: number } }) => void, fail: (e: { code: number }) => void) =>
          answer === 'fail' ? fail({ code: 2 }) : ok({ coords: { latitude: answer.lat, longitude: answer.lon } }),
      },
    });
    try {
      history.replaceState(null, '', '#/reports/new');
      start(fakeBackend({ session: binh }));
      await settle();
      byTestId('report-use-location')!.click();
      await settle();
      expect(byTestId('report-location-failed')!.textContent).toContain('Không lấy được vị trí');
      expect(byTestId('report-address')).not.toBeNull();

      answer = { lat: 16.46371234, lon: 107.59091234 };
      byTestId('report-use-location')!.click();
      await settle();
      expect(byTestId('report-location-failed')).toBeNull();
      expect(byTestId('report-location')!.textContent).toBe('Đã ghim vị trí: 16.46371, 107.59091');
      expect(byTestId('report-problem-location')).toBeNull();

      // Hà Nội: told at once, in the core's words for it, before anything is sent.
      answer = { lat: 21.0278, lon: 105.8342 };
      byTestId('report-use-location')!.click();
      await settle();
      expect(byTestId('report-problem-location')!.textContent).toContain('ngoài địa bàn tỉnh');
      byTestId('report-location-clear')!.click();
      await settle();
      expect(byTestId('report-problem-location')).toBeNull();
      expect(byTestId('report-location')!.textContent).toBe('Chưa ghim vị trí nào.');
    } finally {
      delete (navigator as { geolocation?: unknown }).geolocation;
    }
  });

  it('lists reports newest first with status and timeline, rates a resolved one and reopens it', async () => {
    const backend = fakeBackend({ session: binh });
    backend.myReports.mockResolvedValue({
      outbox: [
        {
          id: 'o_1',
          kind: 'report',
          dossierId: null,
          reportId: null,
          procedureId: null,
          title: 'Cây đổ chắn đường',
          procedureName: null,
          state: 'waiting',
          queuedAt: '2025-03-04T02:05:00Z',
          attempts: 0,
          lastError: null,
        },
      ],
      reports: [olderReport, fixedLight],
    });
    history.replaceState(null, '', '#/reports');
    start(backend);
    await settle();
    const waiting = byTestId('report-outbox-item')!;
    expect(waiting.textContent).toContain('Cây đổ chắn đường');
    expect(waiting.querySelector('[data-testid="outbox-state"]')!.getAttribute('data-state')).toBe('waiting');

    const codes = allByTestId('report-code').map((e) => e.textContent);
    expect(codes).toEqual(['PA-250301-0001', 'PA-250201-0007']);
    const statuses = allByTestId('report-status');
    expect(statuses[0].dataset.status).toBe('resolved');
    expect(statuses[0].textContent?.trim()).toBe('Đã xử lý xong');
    expect(statuses[1].textContent?.trim()).toBe('Bị từ chối');
    expect(allByTestId('report-message').map((e) => e.textContent)).toEqual(['Đã thay bóng đèn mới.', 'Khu vực này thuộc tỉnh khác.']);
    // Only the resolved report can be rated or reopened.
    expect(allByTestId('report-rating')).toHaveLength(1);
    expect(allByTestId('report-reopen-message')).toHaveLength(1);

    const rating = byTestId('report-rating')!;
    expect(rating.getAttribute('role')).toBe('radiogroup');
    const four = rating.querySelector<HTMLButtonElement>('[data-stars="4"]')!;
    expect(four.getAttribute('aria-label')).toBe('4 sao');
    expect(four.getAttribute('aria-checked')).toBe('false');
    four.click();
    await settle();
    expect(backend.rateReport).toHaveBeenCalledWith('r_1', 4);
    expect(rating.querySelector('[data-stars="4"]')!.getAttribute('aria-checked')).toBe('true');
    expect(byTestId('report-rated')!.textContent).toContain('4 trên 5 sao');

    type('report-reopen-message', 'Đèn lại tắt từ tối qua.');
    byTestId('report-reopen-submit')!.click();
    await settle();
    expect(backend.reopenReport).toHaveBeenCalledWith('r_1', 'Đèn lại tắt từ tối qua.');

    byTestId('reports-public-link')!.click();
    await settle();
    expect(location.hash).toBe('#/reports/public');
  });

  it('shows the public feed, newest fix first, with no one’s name, to anyone', async () => {
    const backend = fakeBackend();
    history.replaceState(null, '', '#/reports/public');
    start(backend);
    await settle();
    const items = allByTestId('public-feed-item');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('Đèn đường trước số 12 Lê Lợi không sáng');
    expect(items[0].textContent).toContain('Phường Thuận Hóa');
    expect(items[0].textContent).toContain('Đã thay bóng đèn mới.');
    expect(items[1].textContent).toContain('Ngập trên đường Hùng Vương');
    expect(document.body.textContent).not.toContain(binh.citizen.fullName);
    // One of the two has a position: one numbered dot on the map.
    expect(byTestId('public-map')).not.toBeNull();
    expect(document.querySelectorAll('[data-testid="public-map"] .map-dot')).toHaveLength(1);
  });

  it('keeps the residents’ words as text, never markup', async () => {
    const backend = fakeBackend();
    backend.publicReports.mockResolvedValue([{ ...publicFeed[1], title: '<img src=x onerror=alert(1)>Đèn', answer: '<b>Xong</b>' }]);
    history.replaceState(null, '', '#/reports/public');
    start(backend);
    await settle();
    const item = byTestId('public-feed-item')!;
    expect(item.querySelector('img')).toBeNull();
    expect(item.querySelector('b')).toBeNull();
    expect(item.textContent).toContain('<b>Xong</b>');
    expect(document.querySelector('[data-testid="public-map"] .map-dot')!.getAttribute('title')).toBe('<img src=x onerror=alert(1)>Đèn');
    expect(document.querySelector('[data-testid="public-map"] img')).toBeNull();
  });
});

describe('Payments', () => {
  const owed: Dossier = {
    id: 'd_1',
    code: 'H57.HT-261123-0001',
    procedureId: 'HT-005',
    procedureName: { vi: 'Cấp bản sao trích lục hộ tịch', en: 'Civil status extract copies' },
    agency: { vi: 'UBND phường', en: 'Ward People’s Committee' },
    status: 'awaiting-payment',
    submittedAt: '2025-03-04T02:00:00Z',
    dueDate: '2025-03-05',
    values: {},
    timeline: [{ status: 'awaiting-payment', at: '2025-03-04T02:00:00Z', byResident: false, attachments: [] }],
    invoice: {
      reference: 'H57HT2611230001L1',
      dossierCode: 'H57.HT-261123-0001',
      amountVnd: 8000,
      payer: 'Trần Thị Bình',
      payee: { vi: 'UBND phường', en: 'Ward People’s Committee' },
      description: { vi: 'Lệ phí: Cấp bản sao trích lục hộ tịch', en: 'Fee: Civil status extract copies' },
      status: 'unpaid',
      issuedAt: '2025-03-04T02:00:00Z',
      expiresAt: '2099-03-11T02:00:00Z',
      vietqr: '00020101021238570010A000000727',
    },
  };
  const paid: Dossier = {
    ...owed,
    status: 'received',
    invoice: {
      ...owed.invoice!,
      status: 'paid',
      receipt: { number: 'BL-2025-000001', amountVnd: 8000, paidAt: '2025-03-04T02:10:00Z', method: 'gateway', transactionNo: '14000001' },
    },
  };

  it('shows what is owed, draws the VietQR code, and keeps asking after the gateway opens', async () => {
    const backend = fakeBackend({ session: binh });
    backend.myDossiers.mockResolvedValue({ outbox: [], dossiers: [owed] });
    start(backend);
    await settle();
    byTestId('nav-payments')!.click();
    await settle();
    expect(location.hash).toBe('#/payments');
    expect(byTestId('invoice-amount')!.textContent).toContain('8.000');
    expect(byTestId('payment-status')!.dataset.status).toBe('unpaid');

    byTestId('pay-vietqr')!.click();
    await settle();
    expect(backend.invoiceQr).toHaveBeenCalledWith('d_1');
    expect(byTestId('vietqr')!.querySelector('svg')).not.toBeNull();
    expect(byTestId('payment-reference')!.textContent).toBe('H57HT2611230001L1');

    byTestId('pay-gateway')!.click();
    await settle();
    expect(backend.payByGateway).toHaveBeenCalledWith('d_1');
    expect(byTestId('payment-waiting')).not.toBeNull();
    // Still there: after a cancelled payment the resident tries again without waiting it out.
    expect((byTestId('pay-gateway') as HTMLButtonElement).disabled).toBe(false);
    backend.syncNow.mockClear();
    await settle(4100);
    expect(backend.syncNow).toHaveBeenCalledTimes(2);

    // The server has the money: the next sync brings the paid invoice and its receipt.
    backend.myDossiers.mockResolvedValue({ outbox: [], dossiers: [paid] });
    backend.emitStatus({ session: binh, online: true });
    await settle();
    expect(byTestId('payment-status')!.dataset.status).toBe('paid');
    expect(byTestId('pay-gateway')).toBeNull();
    expect(byTestId('payment-waiting')).toBeNull();
    byTestId('receipt-open')!.click();
    await settle();
    expect(byTestId('receipt-number')!.textContent).toBe('BL-2025-000001');
    byTestId('receipt-export')!.click();
    await settle();
    expect(backend.exportReceipt).toHaveBeenCalledWith('d_1');
    expect(byTestId('receipt-saved')!.textContent).toContain('/home/binh/Downloads/bien-lai-');
  });

  it('offers to reissue an expired invoice, and says why a payment failed', async () => {
    const backend = fakeBackend({ session: binh });
    const expired = { ...owed, invoice: { ...owed.invoice!, expiresAt: '2025-03-05T02:00:00Z' } };
    backend.myDossiers.mockResolvedValue({ outbox: [], dossiers: [expired] });
    backend.reissueInvoice.mockRejectedValue({ code: 'server-unreachable', message: CORE_UNREACHABLE });
    history.replaceState(null, '', '#/payments');
    start(backend);
    await settle();
    expect(byTestId('payment-status')!.dataset.status).toBe('expired');
    expect(byTestId('pay-gateway')).toBeNull();
    byTestId('invoice-reissue')!.click();
    await settle();
    expect(backend.reissueInvoice).toHaveBeenCalledWith('d_1');
    expect(byTestId('payment-error')!.textContent).toContain(CORE_UNREACHABLE);
  });
});

describe('Kiosk', () => {
  it('shows the time left, resets it on a touch, and ends the session when it runs out', async () => {
    const backend = fakeBackend({ session: binh, kioskIdleSeconds: 90 });
    history.replaceState(null, '', '#/dossiers');
    start(backend);
    await settle();
    expect(document.querySelector('.app')!.classList.contains('kiosk')).toBe(true);
    expect(byTestId('idle-countdown')!.dataset.left).toBe('90');
    await settle(61_000);
    const countdown = byTestId('idle-countdown')!;
    expect(countdown.dataset.left).toBe('29');
    expect(countdown.getAttribute('role')).toBe('alert');

    window.dispatchEvent(new Event('pointerdown'));
    await settle(1000);
    expect(byTestId('idle-countdown')!.dataset.left).toBe('89');
    expect(backend.signOut).not.toHaveBeenCalled();

    await settle(90_000);
    expect(backend.signOut).toHaveBeenCalledTimes(1);
    expect(byTestId('idle-countdown')).toBeNull();
    expect(location.hash).toBe('#/');
  });

  it('shows a receipt but offers no file of it', async () => {
    const backend = fakeBackend({ session: binh, kioskIdleSeconds: 90 });
    backend.myDossiers.mockResolvedValue({
      outbox: [],
      dossiers: [
        {
          id: 'd_9',
          code: 'H57.HT-261123-0009',
          procedureId: 'HT-005',
          procedureName: { vi: 'Cấp bản sao trích lục hộ tịch', en: 'Civil status extract copies' },
          agency: { vi: 'UBND phường', en: 'Ward People’s Committee' },
          status: 'received',
          submittedAt: '2025-03-04T02:00:00Z',
          dueDate: '2025-03-05',
          values: {},
          timeline: [],
          invoice: {
            reference: 'H57HT2611230009L1',
            dossierCode: 'H57.HT-261123-0009',
            amountVnd: 8000,
            payer: 'Trần Thị Bình',
            payee: { vi: 'UBND phường', en: 'Ward People’s Committee' },
            description: { vi: 'Lệ phí', en: 'Fee' },
            status: 'paid',
            issuedAt: '2025-03-04T02:00:00Z',
            expiresAt: '2025-03-11T02:00:00Z',
            vietqr: '000201',
            receipt: { number: 'BL-2025-000009', amountVnd: 8000, paidAt: '2025-03-04T02:10:00Z', method: 'bank-transfer', transactionNo: 'FT1' },
          },
        },
      ],
    });
    history.replaceState(null, '', '#/payments');
    start(backend);
    await settle();
    byTestId('receipt-open')!.click();
    await settle();
    expect(byTestId('receipt-number')!.textContent).toBe('BL-2025-000009');
    expect(byTestId('receipt-export')).toBeNull();
  });

  it('has no timer off a kiosk', async () => {
    start(fakeBackend({ session: binh }));
    await settle(200_000);
    expect(byTestId('idle-countdown')).toBeNull();
  });
});
