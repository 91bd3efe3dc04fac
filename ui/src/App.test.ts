// @vitest-environment jsdom
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Backend, FormValues } from './lib/backend/backend';
import { createTauriBackend } from './lib/backend/tauri';
import type { AppStatus } from './lib/generated/AppStatus';
import type { Procedure } from './lib/generated/Procedure';
import type { Session } from './lib/generated/Session';
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
};

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
    myDossiers: vi.fn(async () => ({ outbox: [], dossiers: [] })),
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
