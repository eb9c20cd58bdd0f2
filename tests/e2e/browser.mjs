// Shared browser settings for the Playwright suite (playwright.config.ts) and
// scripts/screenshot.mjs. Plain .mjs so both Node scripts and TS can import it.
//
// We never use Playwright's downloaded browsers: Debian's chromium is used
// instead (installed by scripts/setup.sh). Override with CHROMIUM_PATH.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root in CI containers
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launchOptions = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  chromiumSandbox: false,
};

// Port and base path the test server uses (kept apart from scripts/serve.sh's 8080).
export const E2E_PORT = Number(process.env.BIA_E2E_PORT || 4180);
export const E2E_BASE = (() => {
  let b = process.env.BIA_E2E_BASE || '/';
  if (!b.startsWith('/')) b = `/${b}`;
  return b.endsWith('/') ? b : `${b}/`;
})();
export const E2E_URL = `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`;
