// Helpers for pwa.spec.ts: a static server per test (so a test can take it down to be offline,
// or swap the build it serves), a second build made from dist/, and watchers for CSP violations
// and requests to other origins.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type BrowserContext, type Page } from '@playwright/test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The release build under test: dist/, or BIA_DIST (e.g. a build made with `trunk build --dist`). */
export const DIST = path.resolve(ROOT, process.env.BIA_DIST || 'dist');

/** tests/e2e/static-server.mjs serving `dir` under `base`, on its own port. */
export class Server {
  private constructor(
    private child: ChildProcess,
    readonly dir: string,
    readonly port: number,
    readonly base: string,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `${this.origin}${this.base}`;
  }

  /** Starts a server; port 0 picks a free one. `flags`: the static server's options (`--gzip`). */
  static async start(dir: string, base = '/', port = 0, flags: string[] = []): Promise<Server> {
    const script = path.join(ROOT, 'tests/e2e/static-server.mjs');
    const child = spawn(process.execPath, [script, dir, String(port), base, ...flags], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const actual = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        const m = out.match(/at http:\/\/[^:]+:(\d+)\//);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`static server exited (${code}): ${stderr}`)));
    });
    return new Server(child, dir, actual, base);
  }

  /** Stops the server and waits until its port is free. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  /** "Deploys" another build: a new server for `dir` on the same origin. */
  async redeploy(dir: string): Promise<Server> {
    await this.stop();
    return Server.start(dir, this.base, this.port);
  }
}

/** The build's precache list as dist/sw.js carries it: `files` on install, `onDemand` (the
 * languages) when the app first asks for one. */
export async function swBuild(
  dir = DIST,
): Promise<{ version: string; files: [string, string][]; onDemand: [string, string][] }> {
  const sw = await fs.readFile(path.join(dir, 'sw.js'), 'utf8');
  const m = sw.match(/^const BUILD = (\{[\s\S]*?\});$/m);
  if (!m) throw new Error('dist/sw.js has no BUILD line: was the build made with the post_build hook?');
  return JSON.parse(m[1]);
}

/** Every file of a build but sw.js and dotfiles, as paths relative to it. */
export async function buildFiles(dir = DIST, sub = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(dir, sub), { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await buildFiles(dir, rel)));
    else if (rel !== 'sw.js') out.push(rel);
  }
  return out.sort();
}

/**
 * Another build, as after a new deploy: dist/ copied, its index.html marked with
 * `<meta name="bia-build" content="NAME">`, and the post_build hook run again, so sw.js changes
 * as it would. Remove the folder when done.
 */
export async function makeBuild(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `bia-build-${name}-`));
  await fs.cp(DIST, dir, { recursive: true, filter: (src) => !path.basename(src).startsWith('.') });
  const index = path.join(dir, 'index.html');
  const html = await fs.readFile(index, 'utf8');
  await fs.writeFile(index, html.replace('<title>', `<meta name="bia-build" content="${name}" />\n    <title>`));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/pwa-post-build.mjs'), dir], { stdio: 'pipe' });
  return dir;
}

/** The build a page runs: the name makeBuild marked it with, or "dist". */
export async function buildOf(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('meta[name="bia-build"]')?.getAttribute('content') ?? 'dist');
}

/** What the page did that it must not: CSP violations, requests to other origins, errors. */
export interface Watch {
  csp: string[];
  foreign: string[];
  errors: string[];
}

/**
 * Watches every page of the context (and its service worker's requests) for CSP violations
 * (`securitypolicyviolation`), requests leaving `origin`, console errors and uncaught exceptions.
 */
export async function watch(context: BrowserContext, origin: string): Promise<Watch> {
  const found: Watch = { csp: [], foreign: [], errors: [] };
  await context.exposeBinding('__biaCspViolation', (_source, report: string) => {
    found.csp.push(report);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = `${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`;
      (window as unknown as { __biaCspViolation: (r: string) => void }).__biaCspViolation(report);
    });
  });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.origin !== origin) found.foreign.push(request.url());
  });
  const follow = (page: Page) => {
    page.on('console', (m) => m.type() === 'error' && found.errors.push(`console.error: ${m.text()}`));
    page.on('pageerror', (e) => found.errors.push(`pageerror: ${e.message}`));
  };
  context.pages().forEach(follow);
  context.on('page', follow);
  return found;
}

/** The states of the registration's workers, e.g. `{ active: 'activated', waiting: 'installed' }`. */
export async function workerStates(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    const out: Record<string, string> = {};
    for (const slot of ['installing', 'waiting', 'active'] as const) {
      const worker = reg?.[slot];
      if (worker) out[slot] = worker.state;
    }
    return out;
  });
}

/** Waits until an activated service worker controls the page. */
export async function waitForController(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return !!navigator.serviceWorker.controller && reg?.active?.state === 'activated';
        }),
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** The app's caches on this origin: name -> cached URLs. */
export async function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    }
    return out;
  });
}

/** A button of the player (or the home screen) by its visible name. */
export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** The stored document (localStorage "bia"), parsed. */
export async function stored(page: Page): Promise<{ settings?: unknown; session?: Record<string, unknown> | null }> {
  const raw = await page.evaluate(() => localStorage.getItem('bia'));
  expect(raw, 'localStorage "bia"').not.toBeNull();
  return JSON.parse(raw!);
}
