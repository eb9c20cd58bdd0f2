import { test, expect, openApp } from './fixtures';

const PAGE = 64 * 1024;

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
  const visitHistory = async () => {
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(page.getByTestId('calendar')).toBeVisible();
    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await expect(page.getByTestId('routine')).toBeVisible();
    await cdp.send('HeapProfiler.collectGarbage');
  };

  for (let i = 0; i < 5; i++) await visitHistory();
  const before = await memory();
  // Each visit used to keep about 3 KB: 60 visits, some 190 KB, at least two pages.
  for (let i = 0; i < 60; i++) await visitHistory();
  const after = await memory();

  expect(after - before, `wasm memory grew from ${before} to ${after} bytes`).toBeLessThanOrEqual(PAGE);
  expect(errors).toEqual([]);
});
