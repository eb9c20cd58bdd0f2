import { test, expect, openApp } from './fixtures';
import { button, openHistory } from './progress-helpers';
import type { Page } from '@playwright/test';

const PAGE = 64 * 1024;

/** Home → history → home. */
async function visitHistory(page: Page): Promise<void> {
  await openHistory(page);
  await button(page, 'Home').click();
  await expect(page.getByTestId('routine')).toBeVisible();
}

// Wasm memory only grows (in 64 KB pages), so a screen that leaves something behind each time
// it is left shows up as pages added over many visits. Garbage the JS side still holds (event
// handlers of removed elements) is collected after each visit, so only what Rust keeps counts.
test('going to history and back many times does not grow memory', async ({ page, context, errors }) => {
  // Sixty visits: some 25 s alone, longer beside other tests.
  test.slow();
  await page.addInitScript(() =>
    addEventListener('TrunkApplicationStarted', (e) => {
      (window as unknown as { __wasm: unknown }).__wasm = (e as CustomEvent).detail?.wasm;
    }),
  );
  await openApp(page);
  const cdp = await context.newCDPSession(page);
  const memory = () =>
    page.evaluate(
      () => (window as unknown as { __wasm: { memory: WebAssembly.Memory } }).__wasm.memory.buffer.byteLength,
    );
  const visitAndCollect = async () => {
    await visitHistory(page);
    await cdp.send('HeapProfiler.collectGarbage');
  };

  for (let i = 0; i < 5; i++) await visitAndCollect();
  const before = await memory();
  // Each visit used to keep about 3 KB: 60 visits, some 190 KB, at least two pages.
  for (let i = 0; i < 60; i++) await visitAndCollect();
  const after = await memory();

  expect(after - before, `wasm memory grew from ${before} to ${after} bytes`).toBeLessThanOrEqual(PAGE);
  expect(errors).toEqual([]);
});

// The figures on home animate on every frame. Leaving home must end those loops, even where
// cancelling a frame request does not reach the browser: here request ids are too large for the
// handle that holds them (as under a test clock), so only the loops' own stop ends them.
test('the figures of a screen left behind stop asking for frames', async ({ page, errors }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __requests: number; __frames: number };
    const request = window.requestAnimationFrame.bind(window);
    const cancel = window.cancelAnimationFrame.bind(window);
    const real = new Map<number, number>();
    let nextId = 2 ** 40;
    w.__requests = 0;
    w.__frames = 0;
    window.requestAnimationFrame = (callback) => {
      w.__requests++;
      const id = nextId++;
      real.set(id, request((t) => { real.delete(id); callback(t); }));
      return id;
    };
    window.cancelAnimationFrame = (id) => {
      const handle = real.get(id);
      if (handle !== undefined) cancel(handle);
      real.delete(id);
    };
    const count = () => { w.__frames++; request(count); };
    request(count);
  });
  await openApp(page);
  await expect(page.getByTestId('routine')).toBeVisible();
  for (let i = 0; i < 3; i++) await visitHistory(page);
  await openHistory(page);
  await page.waitForTimeout(200);

  const perFrame = await page.evaluate(async () => {
    const w = window as unknown as { __requests: number; __frames: number };
    const [requests, frames] = [w.__requests, w.__frames];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return (w.__requests - requests) / (w.__frames - frames);
  });
  // The history screen has no figures: the app's own clock loop is the only one left.
  expect(perFrame, 'frame requests per frame on the history screen').toBeLessThan(2);
  expect(errors).toEqual([]);
});
