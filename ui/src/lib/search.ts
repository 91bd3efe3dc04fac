// Debounced search that only ever reports the answer to the latest query: every request gets a
// sequence number, and an answer whose number is no longer the latest is dropped.
import type { ErrorBody } from './generated/ErrorBody';
import { toErrorBody } from './backend/backend';

export type SearchOutcome<T> =
  | { ok: true; query: string; items: T[] }
  | { ok: false; query: string; error: ErrorBody };

export interface Search {
  /** Run `query` after the debounce delay, replacing any search still waiting. */
  schedule(query: string): void;
  /** Run `query` now. */
  run(query: string): void;
  /** Forget pending and in-flight searches (e.g. when the screen closes). */
  cancel(): void;
}

export const SEARCH_DEBOUNCE_MS = 150;

export function createSearch<T>(
  fetch: (query: string) => Promise<T[]>,
  onStart: (query: string) => void,
  onOutcome: (outcome: SearchOutcome<T>) => void,
  delayMs: number = SEARCH_DEBOUNCE_MS,
): Search {
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function clearTimer() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function run(query: string) {
    clearTimer();
    const mine = ++seq;
    onStart(query);
    fetch(query).then(
      (items) => {
        if (mine === seq) onOutcome({ ok: true, query, items });
      },
      (error: unknown) => {
        if (mine === seq) onOutcome({ ok: false, query, error: toErrorBody(error) });
      },
    );
  }

  return {
    schedule(query) {
      clearTimer();
      timer = setTimeout(() => run(query), delayMs);
    },
    run,
    cancel() {
      clearTimer();
      seq++;
    },
  };
}
