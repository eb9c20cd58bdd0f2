#!/usr/bin/env node
// Take PNG screenshots of Bia at a desktop (1280x800) and a phone (390x844) viewport
// with Debian chromium (same binary and flags as the Playwright suite).
//
//   node scripts/screenshot.mjs [url] [out-dir] [options]
//
//   url                  page to capture (http(s):// or file://); default: dist/ served by a temporary
//                        tests/e2e/static-server.mjs on a free port (build first)
//   out-dir              default: screenshots/
//   --color-scheme dark  emulate prefers-color-scheme (light|dark|both; default light)
//   --wait-for <css>     wait for this selector before capturing
//   --full-page          capture the full scrollable page
//   --delay <ms>         extra wait before capturing (default 300)
//
// Files: <out-dir>/desktop-1280x800[-dark].png, <out-dir>/mobile-390x844[-dark].png
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { launchOptions } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { url: null, out: 'screenshots', schemes: ['light'], waitFor: null, fullPage: false, delay: 300 };
  const pos = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--color-scheme') {
      const v = val();
      if (!['light', 'dark', 'both'].includes(v)) throw new Error(`--color-scheme: light|dark|both, got ${v}`);
      opts.schemes = v === 'both' ? ['light', 'dark'] : [v];
    } else if (a === '--dark') opts.schemes = ['dark'];
    else if (a === '--wait-for') opts.waitFor = val();
    else if (a === '--full-page') opts.fullPage = true;
    else if (a === '--delay') opts.delay = Number(val());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/screenshot.mjs [url] [out-dir] [--color-scheme light|dark|both] [--wait-for css] [--full-page] [--delay ms]');
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else pos.push(a);
  }
  // A lone positional argument that is not a URL is the output directory.
  if (pos.length === 1 && pos[0] && !/^(https?|file):/.test(pos[0])) pos.unshift('');
  if (pos[0]) opts.url = pos[0];
  if (pos[1]) opts.out = pos[1];
  return opts;
}

/** Serve dist/ on a free port; resolves to { url, stop }. */
function serveDist() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'tests/e2e/static-server.mjs'), path.join(root, 'dist'), '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/(http:\/\/\S+)/);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`static server exited (${code})`)));
  });
}

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
  { name: 'mobile', width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
];

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let server = null;
  let url = opts.url;
  if (!url) {
    server = await serveDist();
    url = server.url;
  }
  await mkdir(opts.out, { recursive: true });
  const browser = await chromium.launch(launchOptions);
  const written = [];
  try {
    for (const scheme of opts.schemes) {
      for (const vp of VIEWPORTS) {
        const context = await browser.newContext({
          viewport: { width: vp.width, height: vp.height },
          isMobile: vp.isMobile,
          hasTouch: vp.hasTouch,
          deviceScaleFactor: vp.deviceScaleFactor,
          colorScheme: scheme,
          reducedMotion: 'reduce',
        });
        const page = await context.newPage();
        page.on('pageerror', (e) => console.error(`[${vp.name}/${scheme}] pageerror: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location().url)) {
            console.error(`[${vp.name}/${scheme}] console.error: ${m.text()}`);
          }
        });
        await page.goto(url, { waitUntil: 'networkidle' });
        if (opts.waitFor) await page.waitForSelector(opts.waitFor);
        if (opts.delay > 0) await page.waitForTimeout(opts.delay);
        const suffix = scheme === 'dark' ? '-dark' : '';
        const file = path.join(opts.out, `${vp.name}-${vp.width}x${vp.height}${suffix}.png`);
        await page.screenshot({ path: file, fullPage: opts.fullPage });
        written.push(file);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server?.stop();
  }
  console.log(`captured ${url}`);
  for (const f of written) console.log(`  ${f}`);
}

main().catch((err) => {
  console.error(`screenshot.mjs: ${err.message}`);
  process.exit(1);
});
