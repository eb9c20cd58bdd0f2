#!/usr/bin/env node
// Trunk post_build hook, before scripts/pwa-post-build.mjs (Trunk.toml runs them in this order;
// Trunk would run two hooks of a stage at the same time). Puts the lazily loaded wasm chunks and
// their loader, left by scripts/wasm-split/wasm-bindgen, into the staged build, and has index.html
// preload the loader:
//
//   node scripts/wasm-split/post-build.mjs [dir]     # dir defaults to $TRUNK_STAGING_DIR
//
// The bindgen JS Trunk copied (bia-<hash>.js) imports "./__wasm_split-<id>.js"; that loader
// imports the bindgen JS as "./bia.js", which is renamed here to the hashed name. A build with
// no `#[lazy]` has no such import, and this does nothing. A loader that is not the one this
// build's JS imports (a stale split) is an error, never copied.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: post-build.mjs <dir> (or run as a Trunk hook, with TRUNK_STAGING_DIR)');
  process.exit(2);
}
// A file name as a regular expression that matches it literally.
const escaped = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fail = (msg) => {
  console.error(`wasm-split post-build: ERROR: ${msg}`);
  process.exit(1);
};

const names = await fs.readdir(dir);
let mainJs;
let loader;
for (const name of names.filter((n) => n.endsWith('.js'))) {
  const js = await fs.readFile(path.join(dir, name), 'utf8');
  if (/^import .* from ["']\.\/__wasm_split\.js["']/m.test(js)) fail(`${name} imports ./__wasm_split.js: not built through scripts/wasm-split/wasm-bindgen`);
  const m = js.match(/^import .* from ["']\.\/(__wasm_split-[0-9a-f]+\.js)["']/m);
  if (m) {
    if (mainJs) fail(`both ${mainJs} and ${name} import a wasm-split loader`);
    [mainJs, loader] = [name, m[1]];
  }
}
if (!mainJs) process.exit(0); // nothing lazy in this build

// Where the wrapper left the chunks: <cargo target dir>/wasm-bindgen/<profile>/wasm-split/out.
const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
let targetDir = process.env.CARGO_TARGET_DIR && path.resolve(source, process.env.CARGO_TARGET_DIR);
if (!targetDir) {
  const meta = execFileSync('cargo', ['metadata', '--format-version=1', '--no-deps', '--offline'], {
    cwd: source,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  targetDir = JSON.parse(meta).target_directory;
}
const profile = process.env.TRUNK_PROFILE || 'release';
const out = path.join(targetDir, 'wasm-bindgen', profile, 'wasm-split', 'out');
const produced = await fs.readdir(out).catch(() => fail(`${out} missing (the wrapper did not run?)`));
if (!produced.includes(loader)) fail(`${mainJs} imports ${loader}, not in ${out}: stale split output`);
const mainName = (await fs.readFile(path.join(out, '.main-name'), 'utf8')).trim();

let code = await fs.readFile(path.join(out, loader), 'utf8');
const from = new RegExp(`(["'])\\./${escaped(mainName)}\\.js\\1`, 'g');
if (!from.test(code)) fail(`${loader} does not import ./${mainName}.js`);
code = code.replace(from, `"./${mainJs}"`);
await fs.writeFile(path.join(dir, loader), code);

const chunks = [];
for (const name of produced.filter((n) => n.endsWith('.wasm'))) {
  if (!code.includes(`"./${name}"`)) fail(`${loader} does not load ${name}`);
  await fs.copyFile(path.join(out, name), path.join(dir, name));
  chunks.push(name);
}
// The loader is imported by the bindgen JS: without a preload its request waits for that JS, one
// round trip more before the app can start. Fetched beside it, as Trunk preloads the JS.
const indexPath = path.join(dir, 'index.html');
const index = await fs.readFile(indexPath, 'utf8');
const mainPreload = new RegExp(`<link rel="modulepreload" href="\\./${escaped(mainJs)}"[^>]*>`);
if (!mainPreload.test(index)) fail(`index.html has no modulepreload of ${mainJs} to put the loader's beside`);
await fs.writeFile(
  indexPath,
  index.replace(mainPreload, (link) => `${link}\n<link rel="modulepreload" href="./${loader}" crossorigin="anonymous">`),
);

console.log(`wasm-split post-build: ${loader} -> ./${mainJs}; chunks: ${chunks.join(', ') || 'none'}`);
