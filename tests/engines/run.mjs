#!/usr/bin/env node
// The release build in engines other than Chromium: WebKitGTK and Firefox.
//
//   node tests/engines/run.mjs [--engine webkit|firefox|all] [--only 1,3] [dist-dir]
//
//   dist-dir   the build to serve (default dist, relative to the repository root)
//   --only     run only these scenarios (numbers as printed)
//
// Prints one PASS / FAIL / SKIP line per scenario and engine; exits 1 if any failed (or an engine
// could not start), 0 otherwise. Needs the Debian packages webkit2gtk-driver, xvfb and
// firefox-esr. Ports: 4500-4599 (BIA_ENGINES_PORT / BIA_ENGINES_LAST_PORT to move them).
// BIA_ENGINES_TIMEOUT: seconds per scenario (default 60).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SCENARIOS, Skip } from './scenarios.mjs';
import { ROOT, StaticServer } from './server.mjs';

const ENGINES = {
  webkit: async () => new (await import('./webkit.mjs')).WebKitEngine(),
  firefox: async () => new (await import('./firefox.mjs')).FirefoxEngine(),
};

function usage(message) {
  if (message) console.error(`run.mjs: ${message}`);
  console.error('usage: node tests/engines/run.mjs [--engine webkit|firefox|all] [--only 1,3] [dist-dir]');
  process.exit(2);
}

function parseArgs(argv) {
  let engine = 'all';
  let only = null;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    if (a === '--engine' || a.startsWith('--engine=')) engine = value();
    else if (a === '--only' || a.startsWith('--only=')) only = new Set(String(value()).split(',').map(Number));
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else rest.push(a);
  }
  if (engine !== 'all' && !ENGINES[engine]) usage(`unknown engine ${engine}`);
  if (rest.length > 1) usage('one dist-dir at most');
  const dist = path.resolve(ROOT, rest[0] ?? 'dist');
  if (!existsSync(path.join(dist, 'index.html')) || !existsSync(path.join(dist, 'sw.js'))) {
    usage(`${dist} is not a release build (no index.html or sw.js)`);
  }
  return { engines: engine === 'all' ? Object.keys(ENGINES) : [engine], only, dist };
}

const TIMEOUT_MS = Number(process.env.BIA_ENGINES_TIMEOUT || 60) * 1_000;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** One scenario, bounded in time; the abort signal stops its polling once time is up. */
async function runScenario(engine, scenario, dist) {
  const controller = new AbortController();
  const started = Date.now();
  let server;
  let timer;
  let outcome;
  try {
    server = await StaticServer.start(dist);
    // Once time is up, a scenario still running in the background must not touch the browser
    // (the next scenario has it): every call through the engine or a tab checks the signal.
    const guard = (target) =>
      new Proxy(target, {
        get(t, key) {
          const v = t[key];
          if (typeof v !== 'function') return v;
          return (...args) => {
            controller.signal.throwIfAborted();
            const r = v.apply(t, args);
            return key === 'open' ? r.then(guard) : r;
          };
        },
      });
    const ctx = { engine: guard(engine), server, signal: controller.signal };
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`scenario timed out after ${TIMEOUT_MS / 1000} s`));
      }, TIMEOUT_MS);
    });
    const result = await Promise.race([scenario.run(ctx), timeout]);
    outcome = { status: 'PASS', note: result?.note };
  } catch (e) {
    outcome = e instanceof Skip ? { status: 'SKIP', note: e.message } : { status: 'FAIL', note: e.message };
  } finally {
    clearTimeout(timer);
    controller.abort();
    try {
      await engine.endScenario({ failed: outcome?.status === 'FAIL' });
    } catch (e) {
      outcome = { status: 'FAIL', note: `${outcome?.note ?? ''}\ncleanup failed: ${e.message}` };
    }
    await server?.stop();
  }
  return { ...outcome, ms: Date.now() - started };
}

async function runEngine(name, only, dist) {
  const started = Date.now();
  const results = [];
  const print = (status, label, note, ms) => {
    const time = ms === undefined ? '' : ` (${secs(ms)})`;
    console.log(`[${name}] ${status.padEnd(4)} ${label}${time}${note ? `\n    ${note.replace(/\n/g, '\n    ')}` : ''}`);
  };
  const engine = await ENGINES[name]();
  try {
    try {
      await engine.start();
    } catch (e) {
      print('FAIL', 'engine start', e.message);
      return { name, results: [{ status: 'FAIL' }], ms: Date.now() - started };
    }
    console.log(`[${name}] ${engine.describe()}`);
    for (const scenario of SCENARIOS) {
      if (only && !only.has(scenario.id)) continue;
      const r = await runScenario(engine, scenario, dist);
      print(r.status, `${scenario.id} ${scenario.name}`, r.note, r.ms);
      results.push(r);
    }
    console.log(`[${name}] error capture: ${engine.coverage()}`);
  } finally {
    await engine.stop().catch((e) => console.error(`[${name}] stopping: ${e.message}`));
  }
  const ms = Date.now() - started;
  console.log(`[${name}] wall time ${secs(ms)}`);
  return { name, results, ms };
}

const { engines, only, dist } = parseArgs(process.argv.slice(2));
console.log(`[engines] serving ${dist}`);
const runs = [];
for (const name of engines) runs.push(await runEngine(name, only, dist));

const count = (status) => runs.flatMap((r) => r.results).filter((r) => r.status === status).length;
console.log(
  `[engines] ${runs.map((r) => `${r.name} ${secs(r.ms)}`).join(', ')}: ` +
    `${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped`,
);
process.exit(count('FAIL') > 0 ? 1 : 0);
