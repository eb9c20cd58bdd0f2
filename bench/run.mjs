#!/usr/bin/env node
// Measures the release build in dist/ in headless Chromium and prints a table; the figures are
// also written to bench-results/bench.json. Run through `bash scripts/bench.sh`, which builds
// first. Nothing here asserts: machines are noisy, so figures are reported, not judged.
//
//   node bench/run.mjs [--dist DIR] [--runs N] [--taps N] [--lighthouse-runs N]
//                      [--skip taps,beats,drift,memory,idle,first-visit,lighthouse]
//
//   --dist DIR   the build to measure (default dist/; env BIA_BENCH_DIST too). Copy a build
//                somewhere of your own to measure it while dist/ is being rebuilt.
//
// The first-visit bytes and Lighthouse use the build served as a real host would
// (tests/e2e/static-server.mjs --gzip: gzip, long-lived caching for hashed files, revalidation
// for index.html and sw.js); everything else uses the plain server (no-store, uncompressed; the
// first-load gzip figure is computed here from the bodies).
import { spawn, execFileSync } from 'node:child_process';
import { mkdir, writeFile, readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { launchOptions } from '../tests/e2e/browser.mjs';
import { smallTimerIds } from '../tests/e2e/small-timer-ids.mjs';
import { IDLE_PROBE, idleWindow } from './idle.mjs';
import { firstVisit } from './first-visit.mjs';
import { lighthouse } from './lighthouse.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', 7));
const TAPS = Number(opt('taps', 250));
const SKIP = (opt('skip', '') || '').split(',');
const LIGHTHOUSE_RUNS = Number(opt('lighthouse-runs', 1));
const DIST = path.resolve(opt('dist', process.env.BIA_BENCH_DIST || path.join(root, 'dist')));
const IDLE_MS = 5000;
const APP_PORT = 4290;
const STATIC_PORT = 4291;
// The same build, with gzip and cache headers, and the server's count of bytes sent.
const HOST_PORT = 4292;
const CPU_THROTTLE = 4;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;

function serve(dir, port, flags = []) {
  const child = spawn('node', [path.join(root, 'tests/e2e/static-server.mjs'), dir, String(port), '/', ...flags], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Another server on the port would be measured in its place.
  child.on('exit', (code) => {
    if (code) {
      console.error(`the server for ${dir} stopped (port ${port} in use?)`);
      for (const s of servers) s.kill();
      process.exit(1);
    }
  });
  servers.push(child);
  return child;
}
const servers = [];

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

/** The routine's text as a plain static page: the floor no app can beat. */
async function writeStaticPage(dir) {
  const routine = JSON.parse(await readFile(path.join(root, 'assets/routine.json'), 'utf8'));
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const items = routine.exercises
    .map(
      (e) =>
        `<li><h2>${esc(e.name)}</h2><p>${esc(e.outline)}</p><p>${esc(e.value_for_runners)}</p><p>${esc(e.instructions)}</p></li>`,
    )
    .join('\n');
  const css = (await readdir(DIST)).find((f) => f.startsWith('style') && f.endsWith('.css'));
  await mkdir(dir, { recursive: true });
  if (css) await writeFile(path.join(dir, 'style.css'), await readFile(path.join(DIST, css)));
  await writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bia</title>` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<link rel="stylesheet" href="style.css"></head><body><main class="home">` +
      `<h1>Bia</h1><button class="big-button start">Start</button><ol class="routine">${items}</ol>` +
      `</main></body></html>`,
  );
}

// Records when the home screen's Start button first exists (the app is interactive then: the
// wasm has run and mounted its handlers).
const READY_PROBE = () => {
  const check = () => {
    if (!window.__ready && document.querySelector('button.start')) window.__ready = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', check);
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasm = e.detail && e.detail.wasm;
  });
};

async function newPage(browser, init) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(READY_PROBE);
  if (init) await page.addInitScript(init);
  return { context, page };
}

async function firstLoad(browser, url) {
  const { context, page } = await newPage(browser);
  const files = [];
  page.on('response', async (response) => {
    try {
      const body = await response.body();
      files.push({ url: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {}
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__ready);
  // The files asked for before the home screen was interactive, not the chunks fetched after it
  // (which a short wait would count or not, by how fast they come).
  const asked = await page.evaluate(() => [
    '/',
    ...performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime < window.__ready)
      .map((e) => new URL(e.name).pathname),
  ]);
  await page.waitForTimeout(300);
  await context.close();
  return files.filter((f) => asked.includes(f.url)).sort((a, b) => b.gzip - a.gzip);
}

async function startup(browser, url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await newPage(browser);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    await page.goto(url);
    await page.waitForFunction(() => window.__ready);
    times.push(await page.evaluate(() => window.__ready));
    await context.close();
  }
  return { median: median(times), runs: times };
}

/** Start-up of a page opened before, as an installed app is each day: the service worker (where
 * there is one) serves the files, and Chromium keeps the compiled wasm. */
async function repeatStartup(browser, url, { worker }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(READY_PROBE);
  await page.goto(url);
  await page.waitForFunction(() => window.__ready);
  // The app's service worker has the files cached before the visits that count.
  if (worker) await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.goto(url);
    await page.waitForFunction(() => window.__ready);
    // The first reload is the one that lets Chromium cache the compiled code; it is not counted.
    if (i > 0) times.push(await page.evaluate(() => window.__ready));
  }
  await context.close();
  return { median: median(times), runs: times };
}

const TAP_SETTINGS = () => {
  if (!localStorage.getItem('bia')) {
    localStorage.setItem(
      'bia',
      JSON.stringify({
        version: 2,
        settings: {
          sound: false,
          voice: false,
          session: { mode: 'Tap', get_ready_ms: 0, rest_between_legs_ms: 0, rest_between_exercises_ms: 0 },
        },
      }),
    );
  }
  // From a key press to the first animation frame after the count changed.
  window.__taps = [];
  let pressedAt = null;
  addEventListener('keydown', (e) => (pressedAt = e.timeStamp), true);
  new MutationObserver((records) => {
    if (pressedAt === null) return;
    if (!records.some((r) => r.target.parentElement?.closest?.('[data-testid=count]') || r.target.closest?.('[data-testid=count]'))) return;
    const t0 = pressedAt;
    pressedAt = null;
    requestAnimationFrame(() => window.__taps.push(performance.now() - t0));
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

async function tapToPaint(browser, url) {
  const { context, page } = await newPage(browser, TAP_SETTINGS);
  await page.goto(url);
  await page.getByRole('button', { name: 'Start' }).click();
  // Start runs in the player's chunk: the keys work once the player is on screen.
  await page.getByTestId('player').waitFor();
  await page.keyboard.press('ArrowRight'); // past clams and their 10 s holds
  let taps = 0;
  while (taps < TAPS) {
    const state = await page.evaluate(() => {
      const p = document.querySelector('[data-testid=player]');
      return p ? { phase: p.dataset.phase, exercise: p.dataset.exercise } : { phase: 'gone' };
    });
    if (state.phase === 'gone') break;
    if (state.exercise === 'theraband-balance') {
      await page.keyboard.press('ArrowRight'); // its 2 s holds would only slow the run
      continue;
    }
    if (state.phase !== 'awaiting-rep') {
      await page.waitForTimeout(20);
      continue;
    }
    await page.keyboard.press('Space');
    taps++;
    await page.waitForTimeout(30);
  }
  const latencies = await page.evaluate(() => window.__taps);
  await context.close();
  return { taps: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) };
}

const DRIFT_SETTINGS = () => {
  localStorage.setItem(
    'bia',
    JSON.stringify({
      version: 2,
      settings: {
        sound: false,
        voice: false,
        session: {
          mode: 'Guided',
          get_ready_ms: 0,
          rest_between_legs_ms: 0,
          rest_between_exercises_ms: 0,
          pace_factor: 0.5,
          missing_equipment: ['band', 'step'],
        },
      },
    }),
  );
  window.__seen = [];
  window.__skipAt = null;
  addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' && window.__skipAt === null) window.__skipAt = e.timeStamp;
  }, true);
  const record = () => {
    const p = document.querySelector('[data-testid=player]');
    if (!p) return;
    const count = document.querySelector('[data-testid=count]')?.textContent ?? '';
    const key = `${p.dataset.phase}|${p.dataset.exercise}|${p.dataset.leg}|${count}`;
    const last = window.__seen[window.__seen.length - 1];
    if (!last || last.key !== key) window.__seen.push({ key, t: performance.now(), visible: document.visibilityState });
  };
  new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  // Headless Chromium never hides a page (another tab in front or a minimised window leave it
  // visible), so a hidden stretch is emulated the way Chromium throttles a hidden tab: no
  // animation frames, timers run only on whole seconds, and visibilityState "hidden" with its event.
  const realFrame = window.requestAnimationFrame.bind(window);
  const realTimeout = window.setTimeout.bind(window);
  const realInterval = window.setInterval.bind(window);
  let hidden = false;
  let parked = [];
  const onTheSecond = (callback) =>
    function (...args) {
      if (!hidden) return callback.apply(this, args);
      realTimeout(() => callback.apply(this, args), 1000 - (performance.now() % 1000));
    };
  window.requestAnimationFrame = (callback) => (hidden ? (parked.push(callback), 0) : realFrame(callback));
  window.setTimeout = (callback, ms, ...args) => realTimeout(onTheSecond(callback), ms, ...args);
  window.setInterval = (callback, ms, ...args) => realInterval(onTheSecond(callback), ms, ...args);
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(document, 'hidden', { get: () => hidden });
  window.__hide = (value) => {
    hidden = value;
    if (!hidden) {
      for (const callback of parked) realFrame(callback);
      parked = [];
    }
    document.dispatchEvent(new Event('visibilitychange'));
  };
};

async function drift(browser, url) {
  const timeline = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'timeline', '--', '0.5', 'band', 'step'], {
    cwd: root,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const routine = JSON.parse(await readFile(path.join(root, 'assets/routine.json'), 'utf8'));
  const expected = timeline.map((e) => ({
    t: e.t,
    key: `${e.phase}|${routine.exercises[e.exercise].id}|${e.leg.toLowerCase()}|${e.reps} / ${routine.exercises[e.exercise].reps.default}`,
  }));
  const { context, page } = await newPage(browser, DRIFT_SETTINGS);
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.getByRole('button', { name: 'Start' }).click();
  // Start runs in the player's chunk: the keys work once the player is on screen.
  await page.getByTestId('player').waitFor();
  await page.keyboard.press('ArrowRight');
  const total = timeline[timeline.length - 1].t;
  // A third of the way in, the tablet sleeps for 20 s (timers frozen), then a stretch with the
  // page hidden behind another tab (timers throttled).
  await page.waitForTimeout(total / 3);
  const frozenAt = await page.evaluate(() => performance.now());
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((r) => setTimeout(r, 20_000));
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  const thawedAt = await page.evaluate(() => performance.now());
  await new Promise((r) => setTimeout(r, 10_000));
  const hiddenAt = await page.evaluate(() => (window.__hide(true), performance.now()));
  await new Promise((r) => setTimeout(r, 20_000));
  const shownAt = await page.evaluate(() => (window.__hide(false), performance.now()));
  await page.waitForSelector('[data-testid=summary]', { timeout: total + 60_000 });
  const { seen, skipAt } = await page.evaluate(() => ({ seen: window.__seen, skipAt: window.__skipAt }));
  const hiddenSeen = seen.filter((s) => s.visible === 'hidden').length;
  await context.close();
  // Match each displayed state with the core's timeline; the gap is how late it was shown.
  let cursor = 0;
  const gaps = [];
  const hiddenGaps = [];
  let afterFreeze = null;
  let afterHidden = null;
  let worst = null;
  for (const s of seen) {
    const i = expected.findIndex((e, j) => j >= cursor && e.key === s.key);
    if (i < 0) continue;
    cursor = i;
    const gap = s.t - (skipAt + expected[i].t);
    if (s.t > frozenAt && s.t < thawedAt + 1000 && afterFreeze === null) {
      // The first state shown after waking must be the one due at that moment.
      const due = expected.filter((e) => e.t <= s.t - skipAt).pop();
      afterFreeze = { shown: s.key, due: due?.key, match: due?.key === s.key };
      continue;
    }
    if (s.t > frozenAt && s.t < thawedAt + 1000) continue;
    if (s.t >= shownAt && afterHidden === null) {
      // Back from hiding: the first state painted must be the one due then, at once.
      const due = expected.filter((e) => e.t <= s.t - skipAt).pop();
      afterHidden = { shown: s.key, due: due?.key, match: due?.key === s.key, after_ms: s.t - shownAt };
    }
    if (s.t > hiddenAt && s.t < shownAt) {
      hiddenGaps.push(Math.abs(gap));
      continue;
    }
    gaps.push(Math.abs(gap));
    if (!worst || Math.abs(gap) > worst.gap_ms) {
      worst = { key: s.key, gap_ms: Math.abs(gap), at_ms: s.t - skipAt, after_thaw_ms: s.t - thawedAt };
    }
  }
  return {
    worst_visible: worst,
    states_expected: expected.length,
    states_matched: gaps.length,
    max_gap_ms: Math.max(...gaps),
    p95_gap_ms: percentile(gaps, 95),
    hidden_states_matched: hiddenGaps.length,
    hidden_max_gap_ms: hiddenGaps.length ? Math.max(...hiddenGaps) : null,
    after_20s_frozen: afterFreeze,
    after_20s_hidden: afterHidden,
    states_seen_while_hidden: hiddenSeen,
  };
}

// Every note handed to the audio clock, in page time, and every change of the shown count.
const BEAT_PROBE = () => {
  localStorage.setItem(
    'bia',
    JSON.stringify({
      version: 2,
      settings: {
        voice: false,
        session: { mode: 'Guided', get_ready_ms: 0, rest_between_legs_ms: 0, rest_between_exercises_ms: 0 },
      },
    }),
  );
  window.__notes = [];
  window.__counts = [];
  const start = AudioScheduledSourceNode.prototype.start;
  AudioScheduledSourceNode.prototype.start = function (when = 0, ...rest) {
    const ctx = this.context;
    const at = performance.now() + Math.max(0, when - ctx.currentTime) * 1000;
    window.__notes.push(at);
    return start.call(this, when, ...rest);
  };
  new MutationObserver((records) => {
    if (records.some((r) => (r.target.parentElement || r.target).closest?.('[data-testid=count]'))) {
      const t = performance.now();
      requestAnimationFrame(() => window.__counts.push({ changed: t, painted: performance.now() }));
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

async function beatGap(browser, url) {
  const { context, page } = await newPage(browser, BEAT_PROBE);
  await page.goto(url);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByTestId('player').waitFor();
  // Standing hip flexor: up to a count of two, down to a count of two.
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(30_000);
  const { notes, counts } = await page.evaluate(() => ({ notes: window.__notes, counts: window.__counts }));
  await context.close();
  // Each count change happens at the top of a rep, where the rep and "down" notes are due; the
  // gap is how far the painted count is from the nearest scheduled note.
  const gaps = counts
    .slice(1)
    .map((c) => Math.min(...notes.map((n) => Math.abs(c.painted - n))))
    .filter((g) => Number.isFinite(g));
  return { beats: gaps.length, notes: notes.length, p50: percentile(gaps, 50), p95: percentile(gaps, 95), max: Math.max(...gaps) };
}

const MEMORY_SETTINGS = () => {
  localStorage.setItem(
    'bia',
    JSON.stringify({
      version: 2,
      settings: {
        sound: false,
        voice: false,
        session: { get_ready_ms: 0, rest_between_legs_ms: 0, rest_between_exercises_ms: 0, pace_factor: 0.5 },
      },
    }),
  );
};

async function memory(browser, url) {
  const { context, page } = await newPage(browser);
  await page.addInitScript(smallTimerIds);
  await page.clock.install();
  await page.goto(url);
  await page.evaluate(MEMORY_SETTINGS);
  await page.reload();
  const cdp = await context.newCDPSession(page);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? null);
    return { js_heap: heap.usedSize, wasm_memory: wasm };
  };
  const routine = async () => {
    await page.getByRole('button', { name: 'Start' }).click();
    // Large jumps: the session catches up from timestamps, however far apart the ticks are.
    while (!(await page.getByTestId('summary').isVisible())) await page.clock.fastForward(10_000);
    await page.getByRole('button', { name: 'Home' }).click();
    // A routine takes a quarter of an hour, and the JS engine collects garbage many times in
    // one; here it takes a second. Collecting after each keeps the event handlers of screens
    // already gone (freed on the wasm side only when JS lets go of them) from counting as kept.
    await cdp.send('HeapProfiler.collectGarbage');
  };
  await routine();
  const one = await measure();
  // After five, the JS engine has compiled and optimised the code a routine runs: growth from
  // here on is the app's, not the engine warming up.
  for (let i = 1; i < 5; i++) await routine();
  const five = await measure();
  for (let i = 5; i < 20; i++) await routine();
  const twenty = await measure();
  // Twenty more: the history grows by design, so a leak shows as growth that goes on.
  for (let i = 20; i < 40; i++) await routine();
  const forty = await measure();
  await context.close();
  return {
    after_1: one,
    after_5: five,
    after_20: twenty,
    after_40: forty,
    js_heap_growth: twenty.js_heap / one.js_heap - 1,
    wasm_growth: twenty.wasm_memory / one.wasm_memory - 1,
    js_heap_growth_from_5: twenty.js_heap / five.js_heap - 1,
    wasm_growth_from_5: twenty.wasm_memory / five.wasm_memory - 1,
  };
}

/** The idle probe on one screen, in a fresh context: `open` brings the page to the screen. */
async function idleOn(browser, url, open) {
  const { context, page } = await newPage(browser, IDLE_PROBE);
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.waitForLoadState('load');
  if (open) await open(page);
  // Let the screen settle: its first frames, the transitions of a click.
  await page.waitForTimeout(1000);
  const result = await idleWindow(page, cdp, IDLE_MS);
  result.dom_nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await context.close();
  return result;
}

async function idle(browser, appUrl, staticUrl) {
  const button = (page, name) => page.getByRole('button', { name, exact: true });
  const home = async (page) => {
    await page.waitForFunction(() => window.__ready);
  };
  return {
    window_ms: IDLE_MS,
    home: await idleOn(browser, appUrl, home),
    history: await idleOn(browser, appUrl, async (page) => {
      await home(page);
      await button(page, 'History').click();
      await button(page, 'Home').waitFor();
    }),
    paused_player: await idleOn(browser, appUrl, async (page) => {
      await home(page);
      await button(page, 'Start').click();
      // Past the get-ready countdown (5 s): a rep under way.
      await page.waitForTimeout(7000);
      await button(page, 'Pause').click();
      await button(page, 'Resume').waitFor();
    }),
    // The floor: a static page of the routine's text does (next to) nothing.
    static_page: await idleOn(browser, staticUrl, null),
  };
}

const browser = await chromium.launch({ ...launchOptions, args: [...launchOptions.args, '--autoplay-policy=no-user-gesture-required'] });
const staticDir = path.join(root, 'bench-results', 'static-page');
await writeStaticPage(staticDir);
serve(DIST, APP_PORT);
serve(staticDir, STATIC_PORT);
serve(DIST, HOST_PORT, ['--gzip', '--stats']);
const appUrl = `http://127.0.0.1:${APP_PORT}/`;
const staticUrl = `http://127.0.0.1:${STATIC_PORT}/`;
const hostUrl = `http://127.0.0.1:${HOST_PORT}/`;
const statsUrl = `http://127.0.0.1:${HOST_PORT}/__static-server/stats`;
try {
  await waitForServer(appUrl);
  await waitForServer(staticUrl);
  await waitForServer(statsUrl);
  const results = { dist: DIST };
  const planned = ['first load', 'start-up', 'taps', 'beats', 'drift', 'memory', 'idle', 'first-visit', 'lighthouse'];
  console.error(`measuring ${DIST}: ${planned.filter((p) => !SKIP.includes(p)).join(', ')}`);
  const files = await firstLoad(browser, appUrl);
  results.first_load = {
    files,
    total_raw: files.reduce((a, f) => a + f.raw, 0),
    total_gzip: files.reduce((a, f) => a + f.gzip, 0),
  };
  const app = await startup(browser, appUrl);
  const floor = await startup(browser, staticUrl);
  results.startup = { cpu_throttle: CPU_THROTTLE, app_ms: app.median, static_ms: floor.median, ratio: app.median / floor.median, app_runs: app.runs, static_runs: floor.runs };
  const appAgain = await repeatStartup(browser, appUrl, { worker: true });
  const floorAgain = await repeatStartup(browser, staticUrl, { worker: false });
  results.startup_repeat = { app_ms: appAgain.median, static_ms: floorAgain.median, ratio: appAgain.median / floorAgain.median, app_runs: appAgain.runs, static_runs: floorAgain.runs };
  console.error('start-up, repeat visit', JSON.stringify(results.startup_repeat.app_ms), JSON.stringify(results.startup_repeat.static_ms));
  console.error('start-up', JSON.stringify(results.startup.app_ms), JSON.stringify(results.startup.static_ms));
  if (!SKIP.includes('taps')) {
    results.tap_to_paint = await tapToPaint(browser, appUrl);
    console.error('taps', JSON.stringify(results.tap_to_paint));
  }
  if (!SKIP.includes('beats')) {
    results.beat_gap = await beatGap(browser, appUrl);
    console.error('beats', JSON.stringify(results.beat_gap));
  }
  if (!SKIP.includes('drift')) {
    results.drift = await drift(browser, appUrl);
    console.error('drift', JSON.stringify(results.drift));
  }
  if (!SKIP.includes('memory')) results.memory = await memory(browser, appUrl);
  if (!SKIP.includes('idle')) {
    results.idle = await idle(browser, appUrl, staticUrl);
    console.error('idle', JSON.stringify(Object.fromEntries(['home', 'history', 'paused_player', 'static_page'].map((k) => [k, results.idle[k].busy_ms]))));
  }
  if (!SKIP.includes('first-visit')) {
    const visit = await firstVisit(browser, hostUrl, statsUrl, { init: [READY_PROBE] });
    results.first_visit = { ...visit, ratio_to_first_load: visit.body_bytes / results.first_load.total_gzip };
    console.error('first visit', visit.body_bytes, visit.wire_bytes);
  }
  if (!SKIP.includes('lighthouse')) {
    console.error(`lighthouse (${LIGHTHOUSE_RUNS} run${LIGHTHOUSE_RUNS === 1 ? '' : 's'})`);
    results.lighthouse = { url: hostUrl, ...(await lighthouse(hostUrl, { runs: LIGHTHOUSE_RUNS })) };
  }

  const rows = [
    ['first load (gzip, every file asked for until interactive)', kb(results.first_load.total_gzip), `raw ${kb(results.first_load.total_raw)}`],
    ...files.map((f) => [`  ${f.url}`, kb(f.gzip), `raw ${kb(f.raw)}`]),
    [`start-up, CPU ${CPU_THROTTLE}x slower (median of ${RUNS})`, ms(app.median), `static page ${ms(floor.median)}, ratio ${results.startup.ratio.toFixed(2)}`],
    [`start-up, opened before (median of ${RUNS})`, ms(appAgain.median), `static page ${ms(floorAgain.median)}, ratio ${results.startup_repeat.ratio.toFixed(2)}`],
  ];
  if (results.first_visit) {
    const v = results.first_visit;
    rows.splice(files.length + 1, 0, [
      'first visit (page + service worker install)',
      kb(v.body_bytes),
      `${v.ratio_to_first_load.toFixed(2)}x first load; page ${kb(v.page.body_bytes)} (${v.page.responses} responses), ` +
        `service worker ${kb(v.worker.body_bytes)} (${v.worker.responses}); ${kb(v.wire_bytes)} with headers; gzip -9, counted by the server`,
    ]);
  }
  if (results.tap_to_paint) {
    const t = results.tap_to_paint;
    rows.push([`tap to paint (${t.taps} taps)`, `p95 ${ms(t.p95)}`, `p50 ${ms(t.p50)}, max ${ms(t.max)}`]);
  }
  if (results.beat_gap) {
    const b = results.beat_gap;
    rows.push([`scheduled beat to painted count (${b.beats} reps)`, `max ${ms(b.max)}`, `p50 ${ms(b.p50)}, p95 ${ms(b.p95)}`]);
  }
  if (results.drift) {
    const d = results.drift;
    rows.push([
      `timer drift, visible (${d.states_matched} states)`,
      `max ${ms(d.max_gap_ms)}`,
      `p95 ${ms(d.p95_gap_ms)}; after 20 s frozen shows the due state: ${d.after_20s_frozen?.match}`,
    ]);
    rows.push([
      `timer drift, hidden 20 s (${d.hidden_states_matched} states)`,
      d.hidden_max_gap_ms === null ? 'n/a' : `max ${ms(d.hidden_max_gap_ms)}`,
      `timers throttled to whole seconds, nothing painted; back from hiding shows the due state: ${d.after_20s_hidden?.match}`,
    ]);
  }
  const m = results.memory;
  if (m) {
    rows.push([
      'memory after 1 routine',
      kb(m.after_1.js_heap),
      `wasm ${m.after_1.wasm_memory === null ? 'n/a' : kb(m.after_1.wasm_memory)}`,
    ]);
    rows.push([
      'memory after 5 routines',
      kb(m.after_5.js_heap),
      `wasm ${m.after_5.wasm_memory === null ? 'n/a' : kb(m.after_5.wasm_memory)}`,
    ]);
    rows.push([
      'memory after 20 routines',
      kb(m.after_20.js_heap),
      `wasm ${m.after_20.wasm_memory === null ? 'n/a' : kb(m.after_20.wasm_memory)}; JS heap ${(m.js_heap_growth * 100).toFixed(1)}%, wasm ${(m.wasm_growth * 100).toFixed(1)}% (in 64 KB pages, never given back); from 5: JS heap ${(m.js_heap_growth_from_5 * 100).toFixed(1)}%, wasm ${(m.wasm_growth_from_5 * 100).toFixed(1)}%`,
    ]);
    rows.push([
      'memory after 40 routines',
      kb(m.after_40.js_heap),
      `wasm ${m.after_40.wasm_memory === null ? 'n/a' : kb(m.after_40.wasm_memory)}`,
    ]);
  }
  if (results.idle) {
    const i = results.idle;
    const screens = [['home', 'home, after load'], ['history', 'history screen'], ['paused_player', 'paused player'], ['static_page', 'static page (the floor)']];
    for (const [key, name] of screens) {
      const r = i[key];
      const a = r.running_at_end;
      const running = [
        a.svgs_animating && `${a.svgs_animating} of ${a.svgs_with_smil} SVGs with SMIL animating`,
        a.web_animations && `${a.web_animations} CSS/Web animations running`,
      ].filter(Boolean);
      rows.push([
        `idle ${IDLE_MS / 1000} s, ${name}`,
        ms(r.busy_ms),
        `main thread busy (script ${ms(r.script_ms)}, style+layout ${ms(r.style_ms + r.layout_ms)}); ${r.frames} frame callbacks (${r.frames_per_s.toFixed(0)}/s), ` +
          `${r.mutations} DOM mutations${running.length ? `; ${running.join(', ')}` : ''}`,
      ]);
    }
    rows.push(['DOM nodes on home', String(i.home.dom_nodes), `static page ${i.static_page.dom_nodes}`]);
  }
  if (results.lighthouse) {
    const l = results.lighthouse;
    const first = l.all_runs[0];
    const s = (n) => (n === null ? 'n/a' : String(n));
    rows.push([
      `Lighthouse, ${first.form_factor} (${first.throttling_method} throttling${l.runs > 1 ? `, median of ${l.runs}` : ''})`,
      `perf ${s(l.scores.performance)}`,
      `accessibility ${s(l.scores.accessibility)}, best practices ${s(l.scores['best-practices'])}; Lighthouse ${first.lighthouse_version}, report ${first.report}`,
    ]);
    const lm = l.metrics;
    const sec = (n) => (n === null ? 'n/a' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : ms(n));
    rows.push(['  first contentful paint', sec(lm.fcp_ms), `largest contentful paint ${sec(lm.lcp_ms)}`]);
    rows.push(['  total blocking time', sec(lm.tbt_ms), `speed index ${sec(lm.speed_index_ms)}, time to interactive ${sec(lm.tti_ms)}, CLS ${lm.cls === null ? 'n/a' : lm.cls.toFixed(3)}`]);
    const checks = Object.entries(first.checks).map(([id, c]) => {
      const display = c.score === 1 && /^0 /.test(c.display) ? '' : c.display; // "0 resources found": none failed
      return `${id} ${c.score === 1 ? 'passed' : `score ${c.score}`}${display ? ` (${display})` : ''}`;
    });
    rows.push(['  host checks', '', checks.join('; ')]);
    const failed = Object.entries(first.failed)
      .filter(([, list]) => list.length)
      .map(([c, list]) => `${c}: ${list.map((a) => a.id).join(', ')}`);
    if (failed.length) rows.push(['  audits not passed', '', failed.join('; ')]);
    if (first.console_errors.length) {
      const unique = [...new Set(first.console_errors)];
      rows.push(['  console errors', String(first.console_errors.length), `${unique.length} different; first: ${unique[0]}`]);
    }
    for (const r of l.all_runs) {
      if (r.runtime_error) rows.push(['  Lighthouse error', '', r.runtime_error]);
      for (const w of r.warnings) rows.push(['  Lighthouse warning', '', w]);
    }
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log('\nBia benchmark (release build, headless Chromium)\n');
  for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(12)}  ${note}`);
  await mkdir(path.join(root, 'bench-results'), { recursive: true });
  await writeFile(path.join(root, 'bench-results', 'bench.json'), JSON.stringify(results, null, 2));
  console.log('\nwritten: bench-results/bench.json');
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}
