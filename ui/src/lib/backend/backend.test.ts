import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toErrorBody } from './backend';

const invoke = vi.fn();
const listen = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock('@tauri-apps/api/event', () => ({ listen: (...args: unknown[]) => listen(...args) }));

const { createTauriBackend } = await import('./tauri');

describe('toErrorBody', () => {
  it('keeps an ErrorBody', () => {
    expect(toErrorBody({ code: 'not-found', message: 'gone' })).toEqual({ code: 'not-found', message: 'gone' });
  });

  it('turns anything else into internal', () => {
    expect(toErrorBody('boom')).toEqual({ code: 'internal', message: 'boom' });
    expect(toErrorBody(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'x is undefined' });
    expect(toErrorBody({ weird: 1 })).toEqual({ code: 'internal', message: '{"weird":1}' });
    expect(toErrorBody(undefined)).toEqual({ code: 'internal', message: 'undefined' });
  });
});

describe('Tauri backend', () => {
  beforeEach(() => {
    invoke.mockReset();
    listen.mockReset();
  });

  it('sends the command names and argument shapes the shell expects', async () => {
    invoke.mockResolvedValue([]);
    const backend = createTauriBackend();
    await backend.searchCatalog('khai sinh');
    await backend.getProcedure('HT-001');
    await backend.appStatus();
    await backend.syncNow();
    await backend.setLocale('en');
    await backend.signIn();
    await backend.cancelSignIn();
    await backend.signOut();
    await backend.signOutEverywhere();
    await backend.startDossier('HT-001');
    await backend.saveDraft('HT-001', { child_name: 'Hoa' });
    await backend.submitDossier('HT-001', { child_name: 'Hoa' });
    await backend.answerDossier('d1', { message: 'Đã chụp lại', attachments: [] });
    await backend.myDossiers();
    await backend.notifications();
    await backend.markNotificationsRead();
    const photo = new Uint8Array([0xff, 0xd8, 0xff]);
    await backend.attachFile('giấy chứng sinh.jpg', photo);
    expect(invoke.mock.calls).toEqual([
      ['catalog_search', { query: 'khai sinh' }],
      ['catalog_procedure', { id: 'HT-001' }],
      ['app_status', {}],
      ['sync_now', {}],
      ['set_locale', { locale: 'en' }],
      ['sign_in', {}],
      ['cancel_sign_in', {}],
      ['sign_out', {}],
      ['sign_out_everywhere', {}],
      ['dossier_start', { procedureId: 'HT-001' }],
      ['dossier_save_draft', { procedureId: 'HT-001', values: { child_name: 'Hoa' } }],
      ['dossier_submit', { procedureId: 'HT-001', values: { child_name: 'Hoa' } }],
      ['dossier_answer', { dossierId: 'd1', answer: { message: 'Đã chụp lại', attachments: [] } }],
      ['my_dossiers', {}],
      ['notifications', {}],
      ['notifications_read', {}],
      // The bytes travel raw; the Vietnamese name survives the ASCII-only header.
      ['dossier_attach', photo, { headers: { 'x-file-name': 'gi%E1%BA%A5y%20ch%E1%BB%A9ng%20sinh.jpg' } }],
    ]);
  });

  it('rejects with an ErrorBody whatever the failure', async () => {
    const backend = createTauriBackend();
    invoke.mockRejectedValueOnce({ code: 'query-too-long', message: 'too long' });
    await expect(backend.searchCatalog('x')).rejects.toEqual({ code: 'query-too-long', message: 'too long' });
    invoke.mockRejectedValueOnce('plain string');
    await expect(backend.appStatus()).rejects.toEqual({ code: 'internal', message: 'plain string' });
    invoke.mockImplementationOnce(() => {
      throw new TypeError('window.__TAURI_INTERNALS__ is undefined');
    });
    await expect(backend.syncNow()).rejects.toMatchObject({ code: 'internal' });
  });

  it('listens to the status event and passes its payload', async () => {
    const unlisten = vi.fn();
    listen.mockImplementation(async (_event: string, handler: (e: { payload: unknown }) => void) => {
      handler({ payload: { online: false } });
      return unlisten;
    });
    const seen: unknown[] = [];
    const stop = await createTauriBackend().onStatus((s) => seen.push(s));
    expect(listen.mock.calls[0][0]).toBe('status-changed');
    expect(seen).toEqual([{ online: false }]);
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});
