import { test as base, expect, type Page } from '@playwright/test';

/** Console errors and uncaught page errors seen during a test. */
export type PageErrors = string[];

/**
 * `test` with an `errors` fixture: every `console.error` message and every uncaught
 * exception (`pageerror`, e.g. a Rust panic via console_error_panic_hook) on the page
 * is collected into it. End a test with `expect(errors).toEqual([])`. When a test
 * fails, the collected errors are attached to the report as `page-errors`.
 */
export const test = base.extend<{ errors: PageErrors }>({
  errors: async ({ page }, use, testInfo) => {
    const errors: PageErrors = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack || err.message}`));
    await use(errors);
    if (errors.length > 0 && testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('page-errors', { body: errors.join('\n\n'), contentType: 'text/plain' });
    }
  },
});

export { expect };

/** Open the app (relative to baseURL, so it also works under a base sub-path). */
export async function openApp(page: Page, path = './'): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('load');
}

/**
 * Playwright's fake clock (`page.clock.install`), with the timer and frame ids it hands out made
 * small again. The fake clock counts ids from 10^12; the app keeps them as 32-bit integers
 * (as web-sys and Leptos do, fine for the small ids real browsers give), so its clears would
 * miss and stale timers pile up, slowing every clock-driven test down more with each simulated
 * minute. Each id the page sees is a small number standing for the clock's own.
 */
export async function installClock(page: Page, options: Parameters<Page['clock']['install']>[0]): Promise<void> {
  await page.addInitScript(() => {
    const pairs = [
      ['setTimeout', 'clearTimeout', true],
      ['setInterval', 'clearInterval', false],
      ['requestAnimationFrame', 'cancelAnimationFrame', true],
    ] as const;
    const w = window as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const [start, stop, once] of pairs) {
      const native = { start: w[start], stop: w[stop] };
      let current = { ...native };
      const real = new Map<number, unknown>();
      let next = 1;
      const started = function (this: unknown, callback: unknown, ...rest: unknown[]) {
        const id = next++;
        const run =
          once && typeof callback === 'function'
            ? (...args: unknown[]) => {
                real.delete(id);
                return (callback as (...a: unknown[]) => unknown)(...args);
              }
            : callback;
        real.set(id, current.start.call(window, run, ...rest));
        return id;
      };
      const stopped = function (id: unknown) {
        const handle = real.get(id as number);
        real.delete(id as number);
        if (handle !== undefined) current.stop.call(window, handle);
      };
      // The clock reads the browser's own functions first (it schedules its real timers with
      // them), then installs by assigning its fakes, and restores by assigning back what it
      // read. Until a fake is assigned the browser's own are what is read; after, the wrappers.
      const accessor = (key: 'start' | 'stop', wrapper: unknown) => {
        let faked = false;
        return {
          configurable: true,
          get: () => (faked ? wrapper : native[key]),
          set: (value: (...args: unknown[]) => unknown) => {
            faked = value !== native[key] && value !== wrapper;
            current[key] = faked ? value : native[key];
          },
        };
      };
      Object.defineProperty(window, start, accessor('start', started));
      Object.defineProperty(window, stop, accessor('stop', stopped));
    }
  });
  await page.clock.install(options);
}

/** Scrolls home down to the settings, which are built as they come near, and waits for them. */
export async function showSettings(page: Page): Promise<void> {
  await page.locator('.settings-place').scrollIntoViewIfNeeded();
  await expect(page.locator('section.settings')).toBeVisible();
}
