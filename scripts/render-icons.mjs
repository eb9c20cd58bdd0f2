#!/usr/bin/env node
// Render the app icons (assets/icons/*.svg, drawn by hand) to the PNGs the web app manifest and
// iOS need, with Debian's chromium (the same browser and flags as the Playwright suite). The
// PNGs are committed; run this after changing an SVG:
//
//   node scripts/render-icons.mjs
//
// Each PNG is then reduced to a palette by Debian's pngquant (apt install pngquant) when it is
// there: flat colours lose nothing visible, and the five icons go from 39 KB to 12 KB, which every
// first visit downloads (the service worker precaches them).
//
// icon.svg (rounded square, transparent corners) -> icon-192.png, icon-512.png (purpose "any")
// icon-maskable.svg (full bleed, figure in the safe zone) -> icon-maskable-192.png,
//   icon-maskable-512.png (purpose "maskable") and apple-touch-icon.png (180 px, opaque: iOS
//   rounds the corners itself and would fill transparency with black)
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { launchOptions } from '../tests/e2e/browser.mjs';

const icons = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets/icons');
const OUTPUTS = [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['icon-maskable.svg', 192, 'icon-maskable-192.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
  ['icon-maskable.svg', 180, 'apple-touch-icon.png'],
];

const browser = await chromium.launch(launchOptions);
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [source, size, output] of OUTPUTS) {
    const svg = await readFile(path.join(icons, source));
    const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><body style="margin:0"><img src="${src}" width="${size}" height="${size}" style="display:block"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({
      path: path.join(icons, output),
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    console.log(`render-icons: ${source} -> ${output} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
const quantize = (file) =>
  execFileSync('pngquant', ['--quality=80-98', '--speed', '1', '--strip', '--force', '--output', file, file]);
try {
  for (const [, , output] of OUTPUTS) quantize(path.join(icons, output));
  console.log('render-icons: reduced to palettes by pngquant');
} catch (e) {
  console.warn(`render-icons: pngquant did not run (${e.message}); the PNGs are full colour`);
}
