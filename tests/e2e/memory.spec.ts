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
  // Sixty visits, each with a garbage collection: some 50 s alone, longer beside other tests.
  test.setTimeout(240_000);
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

// At rest the page asks for no animation frames: the home figures are animated by the browser
// itself, and the app's clock runs only while a session moves. Request ids are made too large
// for the handle that holds them (as under a test clock), so a loop that relies on cancelling
// would show here too.
test('at rest nothing asks for frames: home, history, a paused player', async ({ page, errors }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __requests: number };
    const request = window.requestAnimationFrame.bind(window);
    const cancel = window.cancelAnimationFrame.bind(window);
    const real = new Map<number, number>();
    let nextId = 2 ** 40;
    w.__requests = 0;
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
    // Every Web Animation the page starts: one still playing after its element has gone keeps
    // the browser making frames, though no callback runs and nothing shows.
    const started: Animation[] = [];
    (window as unknown as { __animations: Animation[] }).__animations = started;
    const animate = Element.prototype.animate;
    Element.prototype.animate = function (...args) {
      const animation = animate.apply(this, args);
      started.push(animation);
      return animation;
    };
  });
  const playingOffPage = () =>
    page.evaluate(() =>
      (window as unknown as { __animations: Animation[] }).__animations.filter(
        (a) => a.playState !== 'idle' && !(a.effect as KeyframeEffect).target?.isConnected,
      ).length,
    );
  const requestsIn = (ms: number) =>
    page.evaluate(async (ms) => {
      const w = window as unknown as { __requests: number };
      const before = w.__requests;
      await new Promise((resolve) => setTimeout(resolve, ms));
      return w.__requests - before;
    }, ms);
  await openApp(page);
  await expect(page.getByTestId('routine')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await requestsIn(1_000), 'frames asked for on home').toBe(0);

  for (let i = 0; i < 3; i++) await visitHistory(page);
  await openHistory(page);
  await page.waitForTimeout(300);
  expect(await requestsIn(1_000), 'frames asked for on the history screen').toBe(0);
  expect(await playingOffPage(), "home's animations still playing on the history screen").toBe(0);

  // A session that moves does ask for frames (so the counting above can see them)...
  await button(page, 'Home').click();
  await button(page, 'Start').click();
  await expect(page.getByTestId('player')).toBeVisible();
  expect(await requestsIn(500), 'frames asked for while a session runs').toBeGreaterThan(5);
  // ...and a paused one does not.
  await button(page, 'Pause').click();
  await expect(button(page, 'Resume')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await requestsIn(1_000), 'frames asked for in a paused player').toBe(0);
  expect(errors).toEqual([]);
});
