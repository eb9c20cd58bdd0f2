import { EXERCISE_NAMES } from './exercise-names.mjs';
import { test, expect, openApp } from './fixtures';


const exact = (s: string) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');

test('app loads without console errors and lists the ten exercises in order', async ({ page, errors }) => {
  await openApp(page);
  await expect(page).toHaveTitle(/Bia/);

  const routine = page.getByTestId('routine');
  // Soft: if the UI is wrong we still get to the error check below, so a panic is reported too.
  await expect.soft(routine.locator(':scope > li')).toHaveCount(EXERCISE_NAMES.length);
  await expect.soft(routine.locator(':scope > li .exercise-name')).toHaveText(EXERCISE_NAMES.map(exact));

  expect(errors, 'console errors / uncaught exceptions').toEqual([]);
});

test.describe('chunks that cannot be fetched for a while', () => {
  // The page's own fetches only: a service worker would fetch the chunks on its own.
  test.use({ serviceWorkers: 'block' });

  test('are asked for again: the app keeps running, and Start opens the player once they come', async ({ page, errors }) => {
    let refused = 0;
    let reachable = false;
    await page.route(/\/split_[a-z]+-[0-9a-f]+\.wasm$/, (route) => {
      if (reachable) return route.continue();
      refused += 1;
      return route.abort('internetdisconnected');
    });
    await openApp(page);
    await expect(page.getByTestId('routine').locator(':scope > li')).toHaveCount(EXERCISE_NAMES.length);
    // The screens' chunks are asked for a second after the first paint, and again after that.
    await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThan(3);
    const askedBefore = refused;
    await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThan(askedBefore);
    reachable = true;
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('player')).toBeVisible({ timeout: 40_000 });
    // The browser's own word on each refused request aside, nothing went wrong.
    const refusals = /^console\.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/;
    expect(errors.filter((e) => !refusals.test(e)), 'console errors / uncaught exceptions').toEqual([]);
  });
});

test('a first visit builds home before it asks for any chunk', async ({ page, errors }) => {
  // When the routine's list enters the page, by the page's clock.
  await page.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="routine"]')) return;
      (window as unknown as { homeBuiltAt: number }).homeBuiltAt = performance.now();
      seen.disconnect();
    });
    seen.observe(document, { childList: true, subtree: true });
  });
  await openApp(page);
  await expect(page.getByTestId('routine').locator(':scope > li')).toHaveCount(EXERCISE_NAMES.length);
  const chunkStarts = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\.wasm$/.test(new URL(e.name).pathname) && !/_bg\.wasm$/.test(e.name))
        .map((e) => e.startTime),
    );
  // The figures' and the service worker's chunks come once home is painted.
  await expect.poll(async () => (await chunkStarts()).length).toBeGreaterThan(0);
  const builtAt = await page.evaluate(() => (window as unknown as { homeBuiltAt: number }).homeBuiltAt);
  expect(builtAt).toBeGreaterThan(0);
  expect(Math.min(...(await chunkStarts()))).toBeGreaterThan(builtAt);
  expect(errors, 'console errors / uncaught exceptions').toEqual([]);
});
