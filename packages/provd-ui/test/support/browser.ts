/** Debian's Chromium driven by playwright-core (no browser download): one per test, closed after it. */
import { existsSync, mkdirSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of each view land here (ignored by git), for a human to look at. */
export const SCREENSHOTS = new URL('../../../../.tmp/ui-screenshots/', import.meta.url).pathname;

export async function openBrowser(t: TestContext): Promise<{ browser: Browser; page: Page }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/setup-test-deps.sh (Debian package chromium)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright gives the browser a new empty profile of its own
  });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { browser, page };
}
