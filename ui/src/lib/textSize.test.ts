// @vitest-environment jsdom
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import TextSizeSwitch from '../components/TextSizeSwitch.svelte';
import { setCurrentLocale } from './locale.svelte';
import { LARGE_TEXT_CLASS, TEXT_SIZE_STORAGE_KEY } from './textSize.svelte';

beforeEach(() => {
  localStorage.clear();
  document.documentElement.className = '';
  document.body.innerHTML = '';
  vi.resetModules();
});

afterEach(() => {
  localStorage.clear();
  document.documentElement.className = '';
});

/** The module as a fresh start of the app finds it: reading what this device remembered. */
async function freshModule() {
  return import('./textSize.svelte');
}

describe('large text', () => {
  it('is off on a device that never chose', async () => {
    const textSize = await freshModule();
    textSize.applyTextSize();
    expect(textSize.isLargeText()).toBe(false);
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(false);
  });

  it('turned on, scales the page and is remembered for the next start', async () => {
    const textSize = await freshModule();
    textSize.setLargeText(true);
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(true);
    expect(localStorage.getItem(TEXT_SIZE_STORAGE_KEY)).toBe('large');

    document.documentElement.className = '';
    const restarted = await freshModule();
    restarted.applyTextSize();
    expect(restarted.isLargeText()).toBe(true);
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(true);

    restarted.setLargeText(false);
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(false);
    expect(localStorage.getItem(TEXT_SIZE_STORAGE_KEY)).toBe('normal');
    expect((await freshModule()).isLargeText()).toBe(false);
  });

  it('ignores a stored value it does not know', async () => {
    localStorage.setItem(TEXT_SIZE_STORAGE_KEY, 'huge');
    expect((await freshModule()).isLargeText()).toBe(false);
  });

  it('still switches when storage is unavailable', async () => {
    const textSize = await freshModule();
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('quota');
    });
    textSize.setLargeText(true);
    expect(textSize.isLargeText()).toBe(true);
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(true);
    setItem.mockRestore();
  });
});

describe('TextSizeSwitch', () => {
  it('is a toggle button with a constant, translated name and aria-pressed', () => {
    setCurrentLocale('vi');
    const target = document.body.appendChild(document.createElement('div'));
    const component = mount(TextSizeSwitch, { target });
    const button = target.querySelector<HTMLButtonElement>('[data-testid=text-size-switch]')!;
    expect(button.textContent?.trim()).toBe('Chữ lớn');
    expect(button.getAttribute('aria-pressed')).toBe('false');

    button.click();
    flushSync();
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(true);
    expect(localStorage.getItem(TEXT_SIZE_STORAGE_KEY)).toBe('large');

    setCurrentLocale('en');
    flushSync();
    expect(button.textContent?.trim()).toBe('Large text');

    button.click();
    flushSync();
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(false);
    unmount(component);
    setCurrentLocale('vi');
  });
});
