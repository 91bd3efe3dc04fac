import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSearch, type SearchOutcome } from './search';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('debounces typing into one request', async () => {
    const fetch = vi.fn(async (q: string) => [q]);
    const outcomes: SearchOutcome<string>[] = [];
    const search = createSearch(fetch, () => {}, (o) => outcomes.push(o), 150);
    search.schedule('k');
    search.schedule('kh');
    search.schedule('kha');
    await vi.advanceTimersByTimeAsync(149);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('kha');
    expect(outcomes).toEqual([{ ok: true, query: 'kha', items: ['kha'] }]);
  });

  it('drops answers to stale queries', async () => {
    const pending = new Map<string, ReturnType<typeof deferred<string[]>>>();
    const fetch = (q: string) => {
      const d = deferred<string[]>();
      pending.set(q, d);
      return d.promise;
    };
    const outcomes: SearchOutcome<string>[] = [];
    const search = createSearch(fetch, () => {}, (o) => outcomes.push(o));
    search.run('old');
    search.run('new');
    pending.get('new')!.resolve(['new result']);
    pending.get('old')!.resolve(['old result']);
    await vi.runAllTimersAsync();
    expect(outcomes).toEqual([{ ok: true, query: 'new', items: ['new result'] }]);
  });

  it('reports errors as ErrorBody', async () => {
    const outcomes: SearchOutcome<string>[] = [];
    const search = createSearch<string>(
      () => Promise.reject({ code: 'query-no-words', message: 'no words' }),
      () => {},
      (o) => outcomes.push(o),
    );
    search.run('!!!');
    await vi.runAllTimersAsync();
    expect(outcomes).toEqual([{ ok: false, query: '!!!', error: { code: 'query-no-words', message: 'no words' } }]);
  });

  it('forgets everything on cancel', async () => {
    const fetch = vi.fn(async (q: string) => [q]);
    const outcomes: SearchOutcome<string>[] = [];
    const search = createSearch(fetch, () => {}, (o) => outcomes.push(o));
    search.run('a');
    search.schedule('b');
    search.cancel();
    await vi.runAllTimersAsync();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(outcomes).toEqual([]);
  });
});
