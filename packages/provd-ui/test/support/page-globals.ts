/**
 * The browser globals that page.evaluate() and page.waitForFunction() callbacks use. Those
 * callbacks are sent to Chromium as source text, so they cannot call a helper of this file: they
 * reach the globals as `(globalThis as unknown as PageGlobals).document…` (the cast is erased).
 * This small shape replaces `/// <reference lib="dom" />`, which put DOM types into the
 * type-check of every package.
 */
interface PageElement {
  textContent: string | null;
  /** Inputs and selects. */
  value?: string;
}

interface PageStorage {
  getItem(key: string): string | null;
}

export interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): { length: number };
    documentElement: { lang: string; scrollWidth: number };
  };
  innerWidth: number;
  sessionStorage: PageStorage;
  localStorage: PageStorage;
}
