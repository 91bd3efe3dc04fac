// Large text: a display preference of this device (never personal data), remembered in
// localStorage like the language. On, the root font size grows by a third (the `text-large`
// class on <html>, app.css), and since every size in the stylesheet is in rem or em, the whole
// UI grows with it.

/** localStorage key: a UI preference only. */
export const TEXT_SIZE_STORAGE_KEY = 'cds.text-size';
/** The class on <html> that app.css scales the root font size by. */
export const LARGE_TEXT_CLASS = 'text-large';

const state = $state<{ large: boolean }>({ large: readStored() });

function readStored(): boolean {
  try {
    return globalThis.localStorage?.getItem(TEXT_SIZE_STORAGE_KEY) === 'large';
  } catch {
    return false;
  }
}

export function isLargeText(): boolean {
  return state.large;
}

/** Turns large text on or off, remembers it on this device, and applies it to the page. */
export function setLargeText(large: boolean): void {
  state.large = large;
  try {
    globalThis.localStorage?.setItem(TEXT_SIZE_STORAGE_KEY, large ? 'large' : 'normal');
  } catch {
    // Storage may be unavailable (private mode, kiosk); the switch still works for this session.
  }
  applyTextSize();
}

/** Puts the current text size on <html>: at start-up, and after every change. */
export function applyTextSize(): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle(LARGE_TEXT_CLASS, state.large);
}
