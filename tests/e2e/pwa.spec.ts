// The installable, offline app: manifest and icons, the service worker and its precache, a whole
// exercise with no network (at / and under /bia/), an update from one deploy to the next, the
// CSP, and that nothing is fetched from another origin.
//
// Each test runs its own static server (tests/e2e/static-server.mjs on a free port), so it can
// stop it: context.setOffline(true) does not stop a service worker's own fetches.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { test, expect, showSettings } from './fixtures';
import { launchOptions } from './browser.mjs';
import {
  DIST,
  ROOT,
  Server,
  button,
  buildFiles,
  cacheContents,
  makeBuild,
  stored,
  swBuild,
  waitForController,
  workerStates,
  watch,
} from './pwa-helpers';

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(body: Buffer): [number, number] {
  expect(body.subarray(1, 4).toString('latin1'), 'PNG signature').toBe('PNG');
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
}

test('the manifest is linked and valid, every URL in it is relative, and the icons have their sizes', async ({
  page,
  errors,
}) => {
  const server = await Server.start(DIST);
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('routine')).toBeVisible();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('manifest.webmanifest');
    const manifestUrl = new URL(href!, page.url()).href;
    const response = await page.request.get(manifestUrl);
    expect(response.ok()).toBe(true);
    const manifest = await response.json();
    expect(manifest).toMatchObject({
      id: './',
      name: 'Bia',
      short_name: 'Bia',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: '#1f6f5c',
      background_color: '#fbfaf7',
    });
    expect(manifest.description).toMatch(/\w/);
    // The colours are the stylesheet's accent and background.
    const css = await fs.readFile(path.join(ROOT, 'assets/style.css'), 'utf8');
    expect(css).toContain(`--accent: ${manifest.theme_color};`);
    expect(css).toContain(`--bg: ${manifest.background_color};`);

    const icons: { src: string; sizes: string; type: string; purpose: string }[] = manifest.icons;
    const has = (size: string, purpose: string) =>
      icons.some((i) => i.sizes === size && i.type === 'image/png' && i.purpose.split(' ').includes(purpose));
    expect(has('192x192', 'any'), '192 px icon').toBe(true);
    expect(has('512x512', 'any'), '512 px icon').toBe(true);
    expect(has('512x512', 'maskable'), 'maskable icon').toBe(true);
    for (const icon of icons) {
      expect(icon.src, 'relative icon URL').not.toMatch(/^(\/|[a-z]+:)/);
      const res = await page.request.get(new URL(icon.src, manifestUrl).href);
      expect(res.status(), icon.src).toBe(200);
      expect(res.headers()['content-type'], icon.src).toContain(icon.type);
      if (icon.type === 'image/png') {
        const [w, h] = pngSize(await res.body());
        expect(`${w}x${h}`, icon.src).toBe(icon.sizes);
      }
    }

    // What Chromium makes of it, and what iPad Safari reads instead.
    const cdp = await page.context().newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest');
    expect(parsed.errors).toEqual([]);
    expect(parsed.url).toBe(manifestUrl);
    const meta = (name: string) => page.locator(`meta[name="${name}"]`).getAttribute('content');
    expect(await meta('apple-mobile-web-app-capable')).toBe('yes');
    expect(await meta('apple-mobile-web-app-status-bar-style')).toBe('default');
    expect(await meta('apple-mobile-web-app-title')).toBe('Bia');
    expect(await meta('theme-color')).toBe(manifest.theme_color);
    const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    const touch = await page.request.get(new URL(touchIcon!, page.url()).href);
    expect(pngSize(await touch.body())).toEqual([180, 180]);
  } finally {
    await server.stop();
  }
  expect(errors).toEqual([]);
});

test('Chromium finds the app installable (no installability errors)', async () => {
  // Installability is never reported in an incognito profile, which every Playwright context
  // is; a persistent profile is not.
  const server = await Server.start(DIST);
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'bia-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await waitForController(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    await server.stop();
    await fs.rm(profile, { recursive: true, force: true });
  }
});

/**
 * The first exercise, both legs, on real time: the guide moves from "up" to the hold by itself;
 * each leg is then ended with "Done with this leg". The rest is skipped to the summary.
 */
async function exerciseToSummary(page: Page): Promise<void> {
  const player = page.getByTestId('player');
  await button(page, 'Start').click();
  await expect(page.getByTestId('exercise')).toHaveText('Clams');
  for (const leg of ['LEFT', 'RIGHT']) {
    await expect(page.getByTestId('leg')).toContainText(leg);
    // The rest between legs and the get-ready each end by themselves, Go only cuts them short.
    // Time comes from the clock, so a page held up (a busy machine) for longer than they last
    // moves on past them: Go is tapped while it shows, not waited for once it has gone.
    for (let taps = 0; taps < 10; taps++) {
      const phase = await player.getAttribute('data-phase');
      if (phase !== 'transition' && phase !== 'get-ready') break;
      await button(page, 'Go')
        .click({ timeout: 3_000 })
        .catch((error: Error) => {
          // Gone before the click could land: the loop looks at the phase again.
          if (error.name !== 'TimeoutError') throw error;
        });
    }
    await expect(player).toHaveAttribute('data-phase', 'holding', { timeout: 15_000 });
    // style:width is set through the CSSOM, which style-src 'self' allows.
    await expect(page.locator('.stroke-fill')).toHaveAttribute('style', /width: 100%/);
    await button(page, 'Done with this leg').click();
  }
  await expect(page.getByTestId('exercise')).toHaveText('Lateral leg raises');
  const summary = page.getByTestId('summary');
  for (let i = 0; i < 12 && !(await summary.isVisible()); i++) await button(page, 'Skip').click();
  await expect(summary).toBeVisible();
  await expect(summary.locator('tr[data-id="clams"] td')).toHaveText([/^\d+ of 20$/, /^\d+ of 20$/]);
  await expect(summary.locator('tr[data-id="hip-hikes"] td')).toHaveText(['skipped', 'skipped']);
}

for (const base of ['/', '/bia/']) {
  test(`at ${base}: the service worker precaches every file, and with no network a reload runs a whole exercise`, async ({
    page,
    context,
    errors,
  }) => {
    test.setTimeout(120_000);
    const server = await Server.start(DIST, base);
    const seen = await watch(context, server.origin);
    try {
      await page.goto(server.url);
      await expect(page.getByTestId('routine')).toBeVisible();
      await waitForController(page);
      await expect(page.getByTestId('offline-ready')).toHaveText('Bia works offline now.');
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
      expect(scope).toBe(server.url);

      const build = await swBuild();
      // Every file of the build is listed: the languages on demand, the rest for the install.
      expect([...build.files, ...build.onDemand].map(([file]) => file).sort()).toEqual(await buildFiles());
      expect(build.onDemand.map(([file]) => file)).toEqual(
        (await buildFiles()).filter((file) => file.startsWith('text/')),
      );
      expect(build.onDemand.length).toBeGreaterThanOrEqual(7);
      expect(await cacheContents(page)).toEqual({
        [`bia:${server.url}:${build.version}`]: build.files.map(([file]) => new URL(file, server.url).href).sort(),
      });

      // The host gone (the browser still thinks it is online, so the app's update check fails).
      await server.stop();
      await page.reload();
      await expect(page.getByTestId('routine')).toBeVisible();
      // No network at all. Another page of the scope is the app too (a bookmarked ?query, say).
      await context.setOffline(true);
      await page.goto(`${server.url}?from=home-screen`);
      await expect(page.getByTestId('routine')).toBeVisible();
      await exerciseToSummary(page);
    } finally {
      await server.stop();
    }
    expect(seen.csp, 'CSP violations').toEqual([]);
    expect(seen.foreign, 'requests to other origins').toEqual([]);
    expect(errors).toEqual([]);
  });
}

/** What the server sent since it started (tests/e2e/static-server.mjs --stats). */
async function sent(server: Server): Promise<{ path: string; status: number; body_bytes: number }[]> {
  return (await (await fetch(`${server.origin}/__static-server/stats`)).json()).responses;
}

test('a first visit downloads each file once, and a deploy half done is never cached', async ({
  page,
  context,
  errors,
}) => {
  test.setTimeout(120_000);
  // Served as a static host serves it: compressed, hashed files cached for good, the rest
  // revalidated on each use.
  let server = await Server.start(DIST, '/', 0, ['--gzip', '--stats']);
  const seen = await watch(context, server.origin);
  const [buildB, mixed] = await Promise.all([makeBuild('B'), makeBuild('mixed')]);
  try {
    await page.goto(server.url);
    await waitForController(page);
    await expect(page.getByTestId('offline-ready')).toBeVisible();
    const build = await swBuild();
    const fetched = new Map<string, number>();
    for (const r of await sent(server)) {
      const file = r.path === '/' ? 'index.html' : r.path.slice(1);
      if (r.status === 200) fetched.set(file, (fetched.get(file) ?? 0) + 1);
    }
    for (const [file] of build.files) expect(fetched.get(file) ?? 0, file).toBeLessThanOrEqual(1);
    expect(await cacheContents(page)).toEqual({
      [`bia:${server.url}:${build.version}`]: build.files.map(([file]) => new URL(file, server.url).href).sort(),
    });

    // Half a deploy: B's service worker beside the page this browser already holds. The worker
    // finds it does not match B's list, in the HTTP cache and from the host alike, and B is
    // not installed; the app keeps running the build it has.
    await fs.copyFile(path.join(buildB, 'sw.js'), path.join(mixed, 'sw.js'));
    await fs.copyFile(path.join(DIST, 'index.html'), path.join(mixed, 'index.html'));
    server = await server.redeploy(mixed);
    const outcome = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      await registration.update().catch(() => {});
      const worker = registration.installing;
      if (worker && worker.state !== 'redundant') {
        await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'installed' || worker.state === 'redundant' ? resolve(null) : null));
      }
      return { installing: worker ? worker.state : 'none', waiting: registration.waiting?.state ?? 'none' };
    });
    expect(outcome.waiting, 'no build waits').toBe('none');
    expect(Object.keys(await cacheContents(page)), 'only the first build is cached').toEqual([
      `bia:${server.url}:${build.version}`,
    ]);
    await page.reload();
    await expect(page.getByTestId('routine')).toBeVisible();
    await expect(page.locator('meta[name="bia-build"]')).toHaveCount(0);
  } finally {
    await server.stop();
    await Promise.all([buildB, mixed].map((dir) => fs.rm(dir, { recursive: true, force: true })));
  }
  expect(seen.csp, 'CSP violations').toEqual([]);
  expect(seen.foreign, 'requests to other origins').toEqual([]);
  expect(errors.filter((e) => !/differs from this build/.test(e))).toEqual([]);
});

test('a new deploy: it waits through a session in progress, then is offered on the home screen and loads on a tap; nothing saved is lost', async ({
  page,
  context,
  errors,
}) => {
  test.setTimeout(180_000);
  const [buildB, buildC] = await Promise.all([makeBuild('B'), makeBuild('C')]);
  let server = await Server.start(DIST);
  const seen = await watch(context, server.origin);
  const marker = (p: Page) => p.locator('meta[name="bia-build"]');
  try {
    // Build A installed; a setting saved; a session started.
    await page.goto(server.url);
    await waitForController(page);
    await expect(page.getByTestId('offline-ready')).toBeVisible();
    await showSettings(page);
    await page.getByLabel('Flash the screen at each change').check();
    await button(page, 'Start').click();
    await expect(page.getByTestId('player')).toBeVisible();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const inA = await stored(page);
    expect(inA.session?.started_at, 'a session in progress').toEqual(expect.any(Number));

    // B is deployed mid-session. Opening the app again (a second tab) makes the browser look for
    // it: B installs and waits.
    server = await server.redeploy(buildB);
    const tab = await context.newPage();
    await tab.goto(server.url);
    await expect.poll(() => workerStates(tab), { timeout: 15_000 }).toMatchObject({ waiting: 'installed' });
    // Nothing reloads or interrupts the session: both tabs still run A, on the player, with no
    // prompt over it.
    await page.waitForTimeout(1_000);
    for (const p of [page, tab]) {
      await expect(marker(p)).toHaveCount(0);
      await expect(p.getByTestId('player')).toBeVisible();
      await expect(p.getByTestId('update-prompt')).toHaveCount(0);
    }
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // Every tab closed, the app opened again: with no tab left on A, the browser lets B take
    // over, and B opens the session where A left it.
    await page.close();
    await tab.close();
    const app = await context.newPage();
    await app.goto(server.url);
    await expect(marker(app)).toHaveAttribute('content', 'B');
    await expect(app.getByTestId('player')).toBeVisible();
    const inB = await stored(app);
    expect(inB.session?.started_at, 'the same session').toBe(inA.session?.started_at);
    expect(inB.settings).toMatchObject({ flash: true });

    // The session ended, on the home screen: C is deployed. Coming back to the tab (it becomes
    // visible), the app finds C and offers it.
    await button(app, 'End').click();
    await button(app, 'Home').click();
    await expect(app.getByTestId('routine')).toBeVisible();
    server = await server.redeploy(buildC);
    await app.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    const prompt = app.getByTestId('update-prompt');
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    await expect(prompt).toContainText('Update available');
    await expect(button(app, 'Reload')).toBeVisible();
    await app.waitForTimeout(1_000);
    await expect(marker(app)).toHaveAttribute('content', 'B');

    const shots = process.env.PWA_SHOTS;
    if (shots) {
      await fs.mkdir(shots, { recursive: true });
      const size = app.viewportSize()!;
      for (const [width, height] of [
        [1280, 800],
        [390, 844],
      ]) {
        await app.setViewportSize({ width, height });
        await app.evaluate(() => window.scrollTo(0, 0));
        await app.screenshot({ path: path.join(shots, `update-prompt-${width}x${height}.png`) });
        // Scrolled down to the settings, the prompt stays in sight.
        await app.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await app.screenshot({ path: path.join(shots, `update-prompt-${width}x${height}-scrolled.png`) });
      }
      await app.setViewportSize(size);
    }

    // The tap: C takes over, the page reloads into it, and only C's cache is left.
    const saved = await app.evaluate(() => localStorage.getItem('bia'));
    await button(app, 'Reload').click();
    await expect(marker(app)).toHaveAttribute('content', 'C');
    await expect(app.getByTestId('routine')).toBeVisible();
    const c = await swBuild(buildC);
    expect(Object.keys(await cacheContents(app)), 'only build C is cached').toEqual([`bia:${server.url}:${c.version}`]);
    expect(await app.evaluate(() => localStorage.getItem('bia')), 'saved data').toBe(saved);
    await showSettings(app);
    await expect(app.getByLabel('Flash the screen at each change')).toBeChecked();
  } finally {
    await server.stop();
    await Promise.all([buildB, buildC].map((dir) => fs.rm(dir, { recursive: true, force: true })));
  }
  expect(seen.csp, 'CSP violations').toEqual([]);
  expect(seen.foreign, 'requests to other origins').toEqual([]);
  expect(seen.errors, 'errors in any tab').toEqual([]);
  expect(errors).toEqual([]);
});

test("the CSP: styles set through the CSSOM (Leptos's style:) pass; style attributes and inline scripts are refused", async ({
  page,
  context,
}) => {
  const server = await Server.start(DIST);
  const seen = await watch(context, server.origin);
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('routine')).toBeVisible();
    await page.evaluate(() => {
      const el = document.createElement('div');
      document.body.append(el);
      el.style.width = '10px';
      el.style.setProperty('--progress', '50%');
    });
    await page.waitForTimeout(200);
    expect(seen.csp).toEqual([]);

    await page.evaluate(() => {
      const attr = document.createElement('div');
      attr.setAttribute('style', 'width: 10px');
      document.body.append(attr);
      const html = document.createElement('div');
      html.innerHTML = '<span style="color: red">x</span>';
      document.body.append(html);
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true;';
      document.body.append(script);
    });
    await expect.poll(() => seen.csp.length).toBe(3);
    expect(seen.csp.map((v) => v.split(':')[0]).sort()).toEqual(['script-src-elem', 'style-src-attr', 'style-src-attr']);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  } finally {
    await server.stop();
  }
});
