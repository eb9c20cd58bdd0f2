// The scenarios every engine runs, written against the small driver interface below (one adapter
// per engine: webkit.mjs, firefox.mjs). Real time throughout: no fake clock exists outside
// Playwright, so each wait polls the page for the state it expects, with room for a slow machine.
//
// Driver interface
//   engine.open(url) -> Tab     the scenario's first window; each further call, another window
//                               of the same browser (same storage), or throws Skip
//   tab.goto(url) / reload()    navigate and wait for the load event
//   tab.eval(fn, ...args)       run `fn` in the page (self-contained: it is sent as source text)
//                               and return its JSON result; a returned promise is awaited
//   tab.click(selector)         a real click (the driver's, not element.click()) on the element
//   tab.errors()                page errors seen so far in that window, as strings
//
// The texts are the app's own (assets/text/en.json); the selectors and the stored document are
// those of the Chromium specs (tests/e2e).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXERCISE_NAMES } from '../e2e/exercise-names.mjs';
import { storedDocument } from '../e2e/progress-data.mjs';
import { ROOT } from './server.mjs';

export const UI = JSON.parse(readFileSync(path.join(ROOT, 'assets/text/en.json'), 'utf8')).ui;


/** A scenario the engine cannot run, with the evidence why. */
export class Skip extends Error {}

/** A stored document with these session settings, no history, persistence not yet asked for. */
const seededDocument = (session) => storedDocument([], { persistAsked: false, settings: { session } });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `fn` in the page until it returns something truthy, and returns that. A failing call
 * (the page between two documents, say) counts as not yet.
 */
async function waitFor(ctx, tab, what, fn, args = [], { timeout = 20_000, interval = 200 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    ctx.signal.throwIfAborted();
    try {
      last = await tab.eval(fn, ...args);
      if (last) return last;
    } catch (e) {
      last = `error: ${e.message.split('\n')[0]}`;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what} (last seen: ${JSON.stringify(last)})`);
    }
    await sleep(interval);
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// ---- in the page ---------------------------------------------------------------------------

function readPlayer() {
  const q = (id) => document.querySelector(`[data-testid="${id}"]`);
  const player = q('player');
  if (!player) return null;
  const t = (id) => ((q(id) && q(id).textContent) || '').trim();
  const legText = t('leg');
  return {
    phase: player.getAttribute('data-phase') || '',
    exercise: t('exercise'),
    leg: legText.includes('LEFT') ? 'LEFT' : legText.includes('RIGHT') ? 'RIGHT' : legText,
    count: t('count'),
    label: t('phase'),
    countdown: t('countdown'),
    pause: t('pause'),
  };
}

/**
 * Marks the visible button named `name` (its text or aria-label, whole) for a click by selector,
 * optionally inside `scope`; returns the selector, or null when there is none.
 */
function markButton(name, scope) {
  const root = scope ? document.querySelector(scope) : document;
  if (!root) return null;
  const visible = (el) => el.getClientRects().length > 0 && !el.disabled;
  const named = (el) => (el.getAttribute('aria-label') || el.textContent || '').trim() === name;
  const el = [...root.querySelectorAll('button, [role="button"]')].find((b) => visible(b) && named(b));
  if (!el) return null;
  const token = `b${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  el.setAttribute('data-engines-target', token);
  return `[data-engines-target="${token}"]`;
}

/** Scrolls home down to the settings, which are built as they come near (runs in the page). */
function showSettings() {
  document.querySelector('.settings-place')?.scrollIntoView();
}

/** The checkbox of the toggle labelled `name`, marked for a click; with its state. */
function markToggle(name) {
  const label = [...document.querySelectorAll('label')].find((l) => (l.textContent || '').trim() === name);
  const input = label && label.querySelector('input[type="checkbox"]');
  if (!input) return null;
  const token = `t${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  input.setAttribute('data-engines-target', token);
  return { selector: `[data-engines-target="${token}"]`, checked: input.checked };
}

function noticeShown(text) {
  return [...document.querySelectorAll('.notice')].some(
    (n) => n.getClientRects().length > 0 && (n.textContent || '').includes(text),
  );
}

function historyShown(heading) {
  return [...document.querySelectorAll('h1')].some((h) => (h.textContent || '').trim() === heading);
}

function recentCount() {
  const list = document.querySelector('[data-testid="recent-sessions"]');
  return list ? list.querySelectorAll('li').length : 0;
}

function storedItem(key) {
  return localStorage.getItem(key);
}

/** Home's list as the user's version has it: each exercise's id, whether it is off, its details. */
function homeVersion() {
  return [...document.querySelectorAll('[data-testid="routine"] > li.exercise')].map((li) => ({
    id: li.getAttribute('data-id'),
    off: li.classList.contains('off'),
    details: (li.querySelector('.exercise-details')?.textContent || '').trim(),
  }));
}

/** My routine's list: each exercise's id, whether it is on, and its sets as shown. */
function myVersion() {
  const screen = document.querySelector('[data-testid="my-routine-screen"]');
  if (!screen) return null;
  return [...screen.querySelectorAll('li.my-exercise')].map((li) => ({
    id: li.getAttribute('data-id'),
    on: Boolean(li.querySelector('[data-testid="in-routine"]')?.checked),
    sets: (li.querySelector('[data-testid="sets"] output')?.textContent || '').trim(),
  }));
}

// ---- steps ---------------------------------------------------------------------------------

/** Notes where the next click on the page lands, and whether it hit `selector`. */
function armClickProbe(selector) {
  const el = document.querySelector(selector);
  const r = el ? el.getBoundingClientRect() : { left: NaN, top: NaN };
  window.__clickProbe = { selector, hit: null, was: [Math.round(r.left), Math.round(r.top)] };
  if (window.__clickProbeListening) return;
  window.__clickProbeListening = true;
  // Capture phase on the document: before the app reacts (and perhaps removes the target).
  document.addEventListener(
    'click',
    (e) => {
      const p = window.__clickProbe;
      if (!p || p.hit !== null) return;
      const t = e.target;
      p.hit = !!(t && t.closest && t.closest(p.selector));
      p.landed = t && t.tagName ? `<${t.tagName.toLowerCase()}${t.className ? ` class="${t.className}"` : ''}>` : '?';
      p.at = [Math.round(e.clientX), Math.round(e.clientY)];
      const now = document.querySelector(p.selector);
      const r = now && now.getBoundingClientRect();
      p.now = r ? [Math.round(r.left), Math.round(r.top)] : null;
    },
    true,
  );
}

function readClickProbe() {
  return window.__clickProbe || null;
}

/**
 * Clicks the button named `name`. A driver clicks at a point it worked out a moment before: if
 * the page moves the button in between, the click lands on whatever is there now, as a user's
 * tap would. That is a failure of its own, said as such, rather than a later timeout.
 */
async function clickButton(ctx, tab, name, scope) {
  const selector = await waitFor(ctx, tab, `a "${name}" button`, markButton, [name, scope ?? null]);
  await tab.eval(armClickProbe, selector);
  await tab.click(selector);
  const probe = await tab.eval(readClickProbe).catch(() => null);
  if (probe && probe.hit === false) {
    throw new Error(
      `the click on "${name}" landed on ${probe.landed} at (${probe.at}): the button was at (${probe.was}) ` +
        `just before the click and at (${probe.now}) when it landed: the page moved it in between`,
    );
  }
}

/**
 * A moment after the first paint the page fetches the chunks of the other screens, one after
 * the other, the screens' file last (every other group is in by then): going offline or leaving
 * the page before then would cut a fetch short.
 */
async function chunksFetched(ctx, tab) {
  await waitFor(
    ctx,
    tab,
    'the chunks fetched after the first paint',
    () => performance.getEntriesByType('resource').some((e) => /\/split_screens-[0-9a-f]+\.wasm$/.test(e.name)),
    [],
    { timeout: 20_000 },
  );
}

/** Waits for home with the whole routine listed (it may still be filling in); its names. */
async function onHome(ctx, tab) {
  return waitFor(
    ctx,
    tab,
    'home with the ten exercises',
    (n) => {
      const names = [...document.querySelectorAll('[data-testid="routine"] > li .exercise-name')];
      return names.length >= n && names.map((e) => (e.textContent || '').trim());
    },
    [EXERCISE_NAMES.length],
    { timeout: 30_000 },
  );
}

/** Opens the app with `raw` in localStorage 'bia' before its first load on this origin. */
async function openSeeded(ctx, engine, server, raw) {
  // A 404 page of the same origin: the app does not run there, so nothing overwrites the seed.
  const tab = await engine.open(`${server.origin}/__engines-seed.txt`);
  await tab.eval((raw) => localStorage.setItem('bia', raw), raw);
  await tab.goto(server.url);
  return tab;
}

/** Polls the player until `accept(view)` holds (checked here, in Node). */
async function untilPlayer(ctx, tab, what, accept, { timeout = 20_000, interval = 150 } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  const seen = [];
  for (;;) {
    ctx.signal.throwIfAborted();
    try {
      last = await tab.eval(readPlayer);
      if (last && seen[seen.length - 1] !== last.phase) seen.push(last.phase);
      if (last && accept(last)) return { view: last, seen };
    } catch (e) {
      last = `error: ${e.message.split('\n')[0]}`;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what} (last seen: ${JSON.stringify(last)})`);
    }
    await sleep(interval);
  }
}

/** Start, Pause, End: a finished session, its summary, then home again. */
async function finishSession(ctx, tab) {
  await clickButton(ctx, tab, UI.start);
  await waitFor(ctx, tab, 'the player', () => !!document.querySelector('[data-testid="player"]'));
  await clickButton(ctx, tab, UI.pause);
  await clickButton(ctx, tab, UI.end);
  await waitFor(ctx, tab, 'the summary', () => !!document.querySelector('[data-testid="summary"]'));
  await clickButton(ctx, tab, UI.home);
  await onHome(ctx, tab);
}

async function noErrors(tabs, allow = []) {
  const found = [];
  for (const tab of tabs) {
    for (const e of await tab.errors()) if (!allow.some((re) => re.test(e))) found.push(e);
  }
  check(found.length === 0, `page errors:\n      ${found.join('\n      ')}`);
}

const seconds = (view) => Number.parseInt(view.countdown, 10);

// ---- the scenarios -------------------------------------------------------------------------

const summaryShown = () => !!document.querySelector('[data-testid="summary"]');

function toggleOff(name) {
  const label = [...document.querySelectorAll('label')].find((l) => (l.textContent || '').trim() === name);
  const input = label && label.querySelector('input');
  return !!input && !input.checked;
}

function noticeGone(text) {
  return ![...document.querySelectorAll('.notice')].some((n) => (n.textContent || '').includes(text));
}

function sessionsListed(atLeast) {
  const list = document.querySelector('[data-testid="recent-sessions"]');
  const count = list ? list.querySelectorAll('li').length : 0;
  return count >= atLeast && count;
}

function cachedUrls() {
  return caches.keys().then(async (names) => {
    const out = {};
    for (const name of names) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    return out;
  });
}

export const SCENARIOS = [
  {
    id: 1,
    name: 'home shows the ten exercises in order, with no page error',
    async run(ctx) {
      const tab = await ctx.engine.open(ctx.server.url);
      const names = await onHome(ctx, tab);
      check(JSON.stringify(names) === JSON.stringify(EXERCISE_NAMES), `exercises: ${JSON.stringify(names)}`);
      const title = await tab.eval(() => document.title);
      check(/Bia/.test(title), `title: ${title}`);
      const cannotStart = UI.loading_error.split('{')[0];
      const said = await tab.eval((t) => (document.body.textContent || '').includes(t), cannotStart);
      check(!said, 'the page says Bia could not start');
      // Let the start-up finish (the service worker is registered after the first paint), so
      // errors from it are counted too.
      const hasWorker = await tab.eval(() => 'serviceWorker' in navigator);
      if (hasWorker) {
        // Polled, not awaited in the page: `ready` never settles if the worker fails to install.
        await waitFor(ctx, tab, 'the service worker registered', async () =>
          Boolean(await navigator.serviceWorker.getRegistration()),
        );
      }
      await noErrors([tab]);
      return { note: hasWorker ? '' : 'no navigator.serviceWorker' };
    },
  },

  {
    id: 2,
    name: 'start, get ready, first rep, clams hold; Pause keeps the seconds; Resume counts down',
    async run(ctx) {
      // 3 s of get ready (default 5): long enough to be seen by polling on a busy machine.
      const seed = seededDocument({ get_ready_ms: 3_000 });
      const tab = await openSeeded(ctx, ctx.engine, ctx.server, seed);
      await onHome(ctx, tab);
      check(!(await tab.eval(storedItem, 'bia.unreadable')), 'the seeded document was not readable');
      await clickButton(ctx, tab, UI.start);
      const { view: hold, seen } = await untilPlayer(ctx, tab, 'the clams hold', (v) => v.phase === 'holding');
      check(seen.includes('get-ready'), `phases seen before the hold: ${seen.join(' → ')} (no get ready)`);
      check(hold.exercise === 'Clams' && hold.leg === 'LEFT', `player: ${JSON.stringify(hold)}`);
      check(hold.count === '1 / 20', `count at the first hold: ${hold.count}`);
      check(hold.label === UI.phase_holding, `phase label: ${hold.label}`);

      await clickButton(ctx, tab, UI.pause);
      const { view: paused } = await untilPlayer(
        ctx,
        tab,
        'the paused player',
        (v) => v.label === UI.paused && v.pause === UI.resume,
      );
      const kept = seconds(paused);
      check(paused.phase === 'holding', `paused in phase ${paused.phase}`);
      check(kept >= 3, `only ${paused.countdown} s of the hold left when paused: too late to see it count down again`);
      // The observation itself: over 2.5 s of pause, the seconds must not move.
      const until = Date.now() + 2_500;
      while (Date.now() < until) {
        const v = await tab.eval(readPlayer);
        check(v?.countdown === paused.countdown, `paused, the countdown went ${paused.countdown} → ${v?.countdown}`);
        check(v.label === UI.paused && v.phase === 'holding', `while paused: ${JSON.stringify(v)}`);
        await sleep(250);
      }

      await clickButton(ctx, tab, UI.resume);
      const { view: resumed } = await untilPlayer(
        ctx,
        tab,
        'the hold counting down again',
        (v) => v.label === UI.phase_holding && seconds(v) < kept,
        { timeout: 5_000 },
      );
      check(resumed.pause === UI.pause, `pause button says ${resumed.pause}`);
      await noErrors([tab]);
      return { note: `${seen.join(' → ')}; paused at ${kept} s, resumed down to ${resumed.countdown} s` };
    },
  },

  {
    id: 3,
    name: 'a reload mid-hold comes back paused with the same seconds left',
    async run(ctx) {
      const seed = seededDocument({ get_ready_ms: 1_000 });
      const tab = await openSeeded(ctx, ctx.engine, ctx.server, seed);
      await onHome(ctx, tab);
      await clickButton(ctx, tab, UI.start);
      // Well inside the hold: a save made only when the phase changed would bring back 10 s.
      const { view: before } = await untilPlayer(
        ctx,
        tab,
        'the hold at 8 s or less',
        (v) => v.phase === 'holding' && seconds(v) <= 8,
        { interval: 100 },
      );
      check(seconds(before) >= 3, `only ${before.countdown} s left when read: too late to reload mid-hold`);
      await tab.reload();
      const { view: after } = await untilPlayer(ctx, tab, 'the player back, paused', (v) => v.pause === UI.resume, {
        timeout: 30_000,
      });
      const want = { phase: 'holding', exercise: 'Clams', leg: 'LEFT', count: '1 / 20', label: UI.paused };
      for (const [k, v] of Object.entries(want)) {
        check(after[k] === v, `after the reload ${k} is "${after[k]}", not "${v}"`);
      }
      const drift = seconds(before) - seconds(after);
      check(Math.abs(drift) <= 1, `${before.countdown} s left before the reload, ${after.countdown} s after`);
      await noErrors([tab]);
      return { note: `${before.countdown} s before, ${after.countdown} s after` };
    },
  },

  {
    id: 4,
    name: 'the service worker installs; with the server gone a reload still shows home',
    async run(ctx) {
      const { engine, server } = ctx;
      const tab = await engine.open(server.url);
      await onHome(ctx, tab);
      const support = await tab.eval(() => ({
        serviceWorker: 'serviceWorker' in navigator,
        caches: typeof caches !== 'undefined',
        secure: window.isSecureContext,
        ua: navigator.userAgent,
      }));
      if (!support.serviceWorker || !support.caches) {
        throw new Skip(`no service worker support here: ${JSON.stringify(support)}`);
      }
      await waitFor(
        ctx,
        tab,
        'an activated worker controlling the page',
        async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return !!navigator.serviceWorker.controller && reg?.active?.state === 'activated';
        },
        [],
        { timeout: 30_000 },
      );
      await waitFor(
        ctx,
        tab,
        `"${UI.offline_ready}"`,
        (text) => (document.querySelector('[data-testid="offline-ready"]')?.textContent || '').trim() === text,
        [UI.offline_ready],
      );

      // The precache: every file of the build's list, under the build's cache name.
      const sw = readFileSync(path.join(server.dir, 'sw.js'), 'utf8').match(/^const BUILD = (\{[\s\S]*?\});$/m);
      check(sw, 'sw.js has no BUILD line');
      const build = JSON.parse(sw[1]);
      const cached = await tab.eval(cachedUrls);
      const name = `bia:${server.url}:${build.version}`;
      const want = build.files.map(([file]) => new URL(file, server.url).href).sort();
      check(JSON.stringify(Object.keys(cached)) === JSON.stringify([name]), `caches: ${Object.keys(cached)}`);
      const missing = want.filter((u) => !cached[name].includes(u));
      check(missing.length === 0, `not cached: ${missing.join(', ')}`);
      const before = await tab.errors();
      await chunksFetched(ctx, tab);

      await server.stop();
      try {
        await tab.reload();
        await onHome(ctx, tab);
        // Served by the worker, not by some cache of the engine's own.
        const controlled = await tab.eval(() => !!navigator.serviceWorker.controller);
        check(controlled, 'the page reloaded offline has no controller');
        await chunksFetched(ctx, tab);
        // Another URL of the scope, as a home-screen shortcut with a query would open.
        await tab.goto(`${server.url}?from=home-screen`);
        await onHome(ctx, tab);
      } finally {
        // Back for whoever comes next on this origin.
        await server.restart();
      }
      check(before.length === 0, `page errors before going offline:\n      ${before.join('\n      ')}`);
      // With the host gone, the app's update check may fail; the engine saying so is not an error
      // of the app.
      await noErrors([tab], [/Failed to load resource|NetworkError|Could not connect|ServiceWorker.*update/i]);
      return { note: `${want.length} files cached; offline reload and ?from=home-screen served by the worker` };
    },
  },

  {
    id: 5,
    name: 'unreadable stored data: the app starts, the notice shows, the text is kept in bia.unreadable',
    async run(ctx) {
      const garbage = '{not json';
      const tab = await openSeeded(ctx, ctx.engine, ctx.server, garbage);
      await onHome(ctx, tab);
      await waitFor(ctx, tab, 'the notice about unreadable data', noticeShown, [UI.notice_storage_unreadable]);
      const kept = await tab.eval(storedItem, 'bia.unreadable');
      check(kept === garbage, `bia.unreadable is ${JSON.stringify(kept)}`);
      await clickButton(ctx, tab, UI.dismiss, '.notices');
      await waitFor(ctx, tab, 'the notice gone', noticeGone, [UI.notice_storage_unreadable]);
      check((await tab.eval(storedItem, 'bia.unreadable')) === garbage, 'bia.unreadable lost after OK');
      await noErrors([tab]);
    },
  },

  {
    id: 6,
    name: 'two windows: a session finished in one shows in the other without a reload; both kept',
    async run(ctx) {
      const { engine, server } = ctx;
      const a = await engine.open(server.url);
      await onHome(ctx, a);
      const b = await engine.open(server.url); // throws Skip if the driver has no second window
      await onHome(ctx, b);
      // Gone if a window reloads: what follows must reach each window as it runs.
      for (const tab of [a, b]) await tab.eval(() => (window.__notReloaded = true));
      await clickButton(ctx, b, UI.history);
      await waitFor(ctx, b, 'the history screen', historyShown, [UI.history]);
      await waitFor(ctx, b, `"${UI.no_sessions}"`, (t) => (document.body.textContent || '').includes(t), [
        UI.no_sessions,
      ]);

      // A finishes a session; B follows it (one session, one state) and, back from its summary,
      // lists it.
      await finishSession(ctx, a);
      await waitFor(ctx, b, 'the summary in the other window', summaryShown);
      await clickButton(ctx, b, UI.home);
      await waitFor(ctx, b, 'the history screen again', historyShown, [UI.history]);
      const listed = await waitFor(ctx, b, 'a session listed', sessionsListed, [1]);
      check(listed === 1, `the other window lists ${listed} sessions`);

      // B changes a setting and finishes a session of its own; A keeps both.
      await clickButton(ctx, b, UI.home);
      await onHome(ctx, b);
      await b.eval(showSettings);
      const voice = await waitFor(ctx, b, 'the Voice toggle', markToggle, [UI.voice]);
      check(voice.checked, 'Voice is off from the start');
      await b.click(voice.selector);
      await waitFor(ctx, b, 'Voice off', toggleOff, [UI.voice]);
      await finishSession(ctx, b);
      await waitFor(ctx, a, 'the summary in the first window', summaryShown);
      await clickButton(ctx, a, UI.home);
      await onHome(ctx, a);
      await a.eval(showSettings);
      const voiceInA = await waitFor(ctx, a, 'the Voice toggle', markToggle, [UI.voice]);
      check(!voiceInA.checked, 'Voice still on in the first window');
      await clickButton(ctx, a, UI.history);
      await waitFor(ctx, a, 'the history screen', historyShown, [UI.history]);
      const both = await waitFor(ctx, a, 'two sessions listed', sessionsListed, [2], { timeout: 5_000 }).catch(() =>
        a.eval(recentCount),
      );
      check(both === 2, `the first window lists ${both} sessions, not 2`);
      const doc = JSON.parse(await a.eval(storedItem, 'bia'));
      const history = JSON.parse(await a.eval(storedItem, 'bia.history'));
      check(history.sessions.length === 2, `stored: ${history.sessions.length} sessions`);
      check(doc.settings.voice === false, `stored voice: ${doc.settings.voice}`);
      for (const [label, tab] of [['first', a], ['second', b]]) {
        check(await tab.eval(() => window.__notReloaded === true), `the ${label} window reloaded`);
      }
      await noErrors([a, b]);
    },
  },
  {
    id: 7,
    name: 'my routine: two sets of clams, hip hikes off, whips before kicks; a reload keeps it; the player says Set 1 of 2',
    async run(ctx) {
      const tab = await ctx.engine.open(ctx.server.url);
      await onHome(ctx, tab);
      await clickButton(ctx, tab, UI.my_routine);
      await waitFor(ctx, tab, 'the My routine screen', myVersion);
      const more = UI.more_label.replace('{what}', `${UI.sets}, ${EXERCISE_NAMES[0]}`);
      await clickButton(ctx, tab, more);
      await tab.click('li.my-exercise[data-id="hip-hikes"] [data-testid="in-routine"]');
      await clickButton(ctx, tab, UI.move_up_label.replace('{exercise}', 'Donkey whips'));
      const changed = (list) => {
        const at = (id) => list.findIndex((e) => e.id === id);
        return list[0].sets === '2' && !list[at('hip-hikes')].on && at('donkey-whips') === at('donkey-kicks') - 1;
      };
      let mine = null;
      const until = Date.now() + 20_000;
      while (!(mine && changed(mine))) {
        check(Date.now() < until, `the changes never showed: ${JSON.stringify(mine)}`);
        await sleep(200);
        mine = await tab.eval(myVersion);
      }
      const ids = mine.map((e) => e.id);

      // Kept over a reload, and home follows it.
      await tab.reload();
      await onHome(ctx, tab);
      const home = await tab.eval(homeVersion);
      check(JSON.stringify(home.map((e) => e.id)) === JSON.stringify(ids), `home's order: ${home.map((e) => e.id)}`);
      check(home.find((e) => e.id === 'hip-hikes').off, 'hip hikes is not off on home');
      const twoSets = UI.sets_count.replace('{n}', '2');
      check(home[0].details.startsWith(twoSets), `clams on home: ${home[0].details}`);

      await clickButton(ctx, tab, UI.start);
      const setOne = UI.set_of.replace('{set}', '1').replace('{sets}', '2');
      await waitFor(ctx, tab, `"${setOne}" on the player`, (text) => {
        const set = document.querySelector('[data-testid="set"]');
        return set && (set.textContent || '').trim() === text;
      }, [setOne]);
      await noErrors([tab]);
      return { note: `order ${ids.join(', ')}` };
    },
  },
];
