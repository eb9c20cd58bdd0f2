// WebKitGTK: MiniBrowser driven by WebKitWebDriver (Debian's webkit2gtk-driver) over classic
// W3C WebDriver, on an Xvfb display of its own. The client is a few fetch calls, so the suite
// needs no npm package for it.
//
// What this driver cannot do, and what the adapter does instead:
// - It reports no console messages or uncaught errors (no BiDi, no log endpoint; MiniBrowser's
//   --enable-write-console-messages-to-stdout printed nothing on stdout or stderr here). So
//   error-hook.mjs is run into each document right after its load event, and read back before
//   the next navigation. Errors before that moment are not seen; the adapter counts how often
//   the app had already started when the hook went in.
// - It runs one session at a time, each a fresh ephemeral MiniBrowser (its storage, service
//   workers and caches are gone with it): one session per scenario.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { promisify } from 'node:util';
import { spawnGroup, stopGroup } from './children.mjs';
import { installErrorHook, takeErrors } from './error-hook.mjs';
import { Skip } from './scenarios.mjs';
import { takePort } from './server.mjs';

const MINIBROWSER = process.env.WEBKIT_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const DRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

class WebDriverError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

function needExecutable(file, pkg) {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    throw new Error(`${file} not found: install the Debian package ${pkg}`);
  }
}

/** Xvfb on a display it picks itself (-displayfd), so it never takes one somebody else has. */
async function startXvfb() {
  const child = spawnGroup('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display within 20 s: ${err}`)), 20_000);
    child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    child.once('error', (e) => reject(new Error(`Xvfb: ${e.message} (install the Debian package xvfb)`)));
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err}`)));
  }).catch(async (e) => {
    await stopGroup(child);
    throw e;
  });
  return { child, display: `:${display}` };
}

class WebKitTab {
  constructor(engine, handle) {
    this.engine = engine;
    this.handle = handle;
    this.collected = [];
  }

  async focus() {
    if (this.engine.current === this.handle) return;
    await this.engine.cmd('POST', '/window', { handle: this.handle });
    this.engine.current = this.handle;
  }

  async eval(fn, ...args) {
    await this.focus();
    // The function goes in as source text inside the script itself: building it in the page
    // (eval, new Function) would be refused by the app's CSP, which has no 'unsafe-eval'.
    const script = `const done = arguments[arguments.length - 1];
const args = arguments[0];
Promise.resolve()
  .then(() => (${fn.toString()}).apply(null, args))
  .then(
    (value) => done({ value: value === undefined ? null : value }),
    (e) => done({ error: String((e && e.stack) || e) }),
  );`;
    const r = await this.engine.cmd('POST', '/execute/async', { script, args: [args] });
    if (r && r.error) throw new Error(`in the page: ${r.error}`);
    return r ? r.value : null;
  }

  /** Keeps what the hook has seen in the document about to go. */
  async harvest() {
    try {
      const list = await this.eval(takeErrors);
      if (list) this.collected.push(...list);
    } catch {
      // No document to read (a failed load): nothing to keep.
    }
  }

  async hook() {
    try {
      const r = await this.eval(installErrorHook);
      if (r.installed && r.isApp) {
        this.engine.hooks.total++;
        if (r.appStarted) this.engine.hooks.afterAppStart++;
      }
    } catch (e) {
      this.collected.push(`(error hook not installed: ${e.message.split('\n')[0]})`);
    }
  }

  async goto(url) {
    await this.focus();
    await this.harvest();
    await this.engine.cmd('POST', '/url', { url }, 45_000);
    await this.hook();
  }

  async reload() {
    await this.focus();
    await this.harvest();
    await this.engine.cmd('POST', '/refresh', {}, 45_000);
    await this.hook();
  }

  async click(selector) {
    await this.focus();
    const el = await this.engine.cmd('POST', '/element', { using: 'css selector', value: selector });
    await this.engine.cmd('POST', `/element/${el[ELEMENT]}/click`, {});
  }

  async errors() {
    await this.harvest();
    return [...this.collected];
  }
}

export class WebKitEngine {
  name = 'webkit';
  hooks = { total: 0, afterAppStart: 0 };

  async start() {
    needExecutable(DRIVER, 'webkit2gtk-driver');
    needExecutable(MINIBROWSER, 'webkit2gtk-driver (MiniBrowser comes with libwebkit2gtk-4.1-0)');
    this.xvfb = await startXvfb();
    const { stdout } = await promisify(execFile)(MINIBROWSER, ['--version'], {
      env: { ...process.env, DISPLAY: this.xvfb.display },
      timeout: 20_000,
    }).catch(() => ({ stdout: '' }));
    this.version = stdout.trim() || 'WebKitGTK ?';
    await this.startDriver();
  }

  async startDriver() {
    const port = await takePort();
    this.base = `http://127.0.0.1:${port}`;
    let err = '';
    // NO_AT_BRIDGE: no accessibility bus to talk to under Xvfb, and GTK would complain about it.
    // The driver is a group leader: MiniBrowser and its web and network processes join its group.
    this.driver = spawnGroup(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DISPLAY: this.xvfb.display, NO_AT_BRIDGE: '1', GDK_BACKEND: 'x11' },
    });
    this.driver.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    this.driverLog = () => err;
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const r = await fetch(`${this.base}/status`, { signal: AbortSignal.timeout(2_000) });
        if (r.ok) break;
      } catch {
        // Not listening yet.
      }
      if (this.driver.exitCode !== null || Date.now() > deadline) {
        throw new Error(`WebKitWebDriver did not start: ${err}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async cmd(method, path, body, timeout = 30_000) {
    const url = path.startsWith('/session') ? `${this.base}${path}` : `${this.base}/session/${this.session}${path}`;
    const signals = [AbortSignal.timeout(timeout)];
    if (this.abort) signals.push(this.abort.signal);
    let res;
    try {
      res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any(signals),
      });
    } catch (e) {
      const why = e.name === 'TimeoutError' ? `no answer in ${timeout / 1000} s` : e.message;
      throw new Error(`WebDriver ${method} ${path}: ${why}`);
    }
    const json = await res.json().catch(() => ({ value: { error: `HTTP ${res.status}`, message: 'not JSON' } }));
    if (json.value && json.value.error) throw new WebDriverError(json.value.error, json.value.message);
    return json.value;
  }

  async newSession() {
    this.abort = new AbortController();
    const caps = {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        },
      },
    };
    const r = await this.cmd('POST', '/session', caps, 60_000);
    this.session = r.sessionId;
    await this.cmd('POST', '/timeouts', { script: 30_000, pageLoad: 40_000, implicit: 0 });
    this.current = await this.cmd('GET', '/window');
    this.tabs = [];
  }

  async open(url) {
    if (!this.session) await this.newSession();
    let tab;
    if (this.tabs.length === 0) {
      tab = new WebKitTab(this, this.current);
    } else {
      let r;
      try {
        r = await this.cmd('POST', '/window/new', { type: 'window' });
      } catch (e) {
        throw new Skip(`WebKitWebDriver cannot open a second window: ${e.message}`);
      }
      tab = new WebKitTab(this, r.handle);
    }
    this.tabs.push(tab);
    await tab.goto(url);
    return tab;
  }

  /** Ends the scenario's session; a driver that does not answer is replaced. */
  async endScenario() {
    if (!this.session) return;
    this.abort?.abort();
    this.abort = null;
    const session = this.session;
    this.session = null;
    try {
      await this.cmd('DELETE', `/session/${session}`, undefined, 20_000);
    } catch (e) {
      console.error(`[webkit] session did not close (${e.message}): restarting the driver`);
      await stopGroup(this.driver);
      await this.startDriver();
    }
  }

  describe() {
    return `${this.version} (MiniBrowser, WebKitWebDriver, Xvfb ${this.xvfb?.display ?? '?'})`;
  }

  coverage() {
    const { afterAppStart, total } = this.hooks;
    return (
      'errors seen by a hook run into each document after its load event (uncaught errors, unhandled ' +
      'rejections, console.error, CSP violations, failed element loads); not seen: anything before the hook, ' +
      'anything in the last moments of a document (pagehide), messages the engine itself logs (e.g. failed ' +
      `fetches); the app had already started before the hook in ${afterAppStart} of its ${total} loads`
    );
  }

  async stop() {
    await this.endScenario().catch(() => {});
    await stopGroup(this.driver);
    await stopGroup(this.xvfb?.child);
  }
}
