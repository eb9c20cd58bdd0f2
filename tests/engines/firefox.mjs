// Firefox: Debian's firefox-esr, headless, driven over WebDriver BiDi by puppeteer-core (already
// in node_modules as a dependency of lighthouse; no browser is ever downloaded).
//
// BiDi reports console messages and uncaught errors (including unhandled rejections) from the
// first script of each document, so this adapter needs no page-side hook.
import { accessSync, constants, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onExit, removeDir } from './children.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

// On top of puppeteer's own profile (which already turns off updates, telemetry, safe browsing
// and the like): the remaining start-up requests to the internet, which only fail here.
const PREFS = {
  'network.connectivity-service.enabled': false,
  'network.captive-portal-service.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'media.gmp-manager.url': '',
  'browser.region.network.url': '',
  'browser.topsites.contile.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
};

class FirefoxTab {
  constructor(engine, page) {
    this.engine = engine;
    this.page = page;
    this.seen = [];
    page.on('console', (m) => {
      if (m.type() === 'error') this.seen.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.seen.push(`uncaught: ${e.message}`));
  }

  /** As a user would: the tab acted on is the one in front (the other one is then hidden). */
  async front() {
    if (this.engine.front === this) return;
    await this.page.bringToFront();
    this.engine.front = this;
  }

  async goto(url) {
    await this.front();
    await this.page.goto(url, { waitUntil: 'load', timeout: 45_000 });
  }

  async reload() {
    await this.front();
    await this.page.reload({ waitUntil: 'load', timeout: 45_000 });
  }

  async eval(fn, ...args) {
    await this.front();
    const value = await this.page.evaluate(fn, ...args);
    return value === undefined ? null : value;
  }

  async click(selector) {
    await this.front();
    const el = await this.page.$(selector);
    if (!el) throw new Error(`no element ${selector}`);
    try {
      await el.click();
    } finally {
      await el.dispose();
    }
  }

  async errors() {
    return [...this.seen];
  }
}

export class FirefoxEngine {
  name = 'firefox';

  async start() {
    try {
      accessSync(FIREFOX, constants.X_OK);
    } catch {
      throw new Error(`${FIREFOX} not found: install the Debian package firefox-esr`);
    }
    process.env.PUPPETEER_SKIP_DOWNLOAD = '1';
    this.puppeteer = (await import('puppeteer-core')).default;
    await this.launch();
  }

  async launch() {
    // A new profile for every launch: nothing of an earlier run (or scenario) is kept.
    this.profile = mkdtempSync(path.join(os.tmpdir(), 'bia-engines-firefox-'));
    this.browser = await this.puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: this.profile,
      extraPrefsFirefox: PREFS,
      protocolTimeout: 60_000,
      timeout: 90_000,
      // Our own exit handling (children.mjs) kills the browser; puppeteer's would race it.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      dumpio: false,
    });
    const proc = this.browser.process();
    const profile = this.profile;
    this.forget = onExit(() => {
      try {
        // puppeteer starts Firefox as the leader of its own process group.
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
      removeDir(profile);
    });
    this.version = await this.browser.version();
    this.tabs = [];
    this.front = null;
  }

  async open(url) {
    const tab = new FirefoxTab(this, await this.browser.newPage());
    this.tabs.push(tab);
    await tab.goto(url);
    return tab;
  }

  /** Closes the scenario's tabs; after a failure, a new browser on a new profile. */
  async endScenario({ failed } = {}) {
    const tabs = this.tabs;
    this.tabs = [];
    this.front = null;
    const closed = Promise.all(tabs.map((t) => t.page.close().catch(() => {})));
    const timedOut = await Promise.race([
      closed.then(() => false),
      new Promise((resolve) => setTimeout(resolve, 20_000, true)),
    ]);
    if (failed || timedOut) {
      await this.close();
      await this.launch();
    }
  }

  async close() {
    const browser = this.browser;
    this.browser = null;
    if (!browser) return;
    const proc = browser.process();
    await Promise.race([browser.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // Closed.
    }
    this.forget?.();
    removeDir(this.profile);
  }

  describe() {
    return `${this.version ?? 'Firefox'} (firefox-esr, headless, WebDriver BiDi via puppeteer-core)`;
  }

  coverage() {
    return (
      'errors from BiDi log entries: console.error and uncaught errors/rejections (CSP refusals among them), ' +
      'from the first script of each document'
    );
  }

  async stop() {
    await this.close();
  }
}
