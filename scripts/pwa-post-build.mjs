#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml [[hooks]]): turns the staged build into an offline PWA.
//
//   node scripts/pwa-post-build.mjs [dir]     # dir defaults to $TRUNK_STAGING_DIR
//
// 0. the stylesheets: their comments and indentation go (every visitor downloads them; the
//    sources keep them), and index.html's integrity attribute for each follows. The same for
//    the scripts index.html preloads (wasm-bindgen's JS and the chunks' loader): minified by
//    terser, as ES modules (their exports keep their names).
// 1. index.html: puts the SHA-256 of each inline <script> (Trunk's module loader, which names the
//    hashed .js/.wasm and so changes with every build) into the Content-Security-Policy's
//    script-src, replacing any hashes already there; and refuses a page with an inline event
//    handler, an inline style, a <style> element or a URL that is not relative.
// 2. manifest.webmanifest: refuses a start_url, scope or icon that is not relative.
// 3. sw.js: writes `const BUILD = { version, files, onDemand }` (every file of the build but
//    sw.js and dotfiles, with its SHA-256; the version is a hash of that list) followed by the
//    template assets/sw.js. The language files (text/) are `onDemand`: cached when the app first
//    fetches one, not on install, so a first visit downloads only the language it uses.
//
// Idempotent: running it again on a finished dist/ (tests make a second build that way) only
// refreshes the hashes and sw.js.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const TEMPLATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets/sw.js');
const SW = 'sw.js';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: pwa-post-build.mjs <dir> (or run as a Trunk hook, with TRUNK_STAGING_DIR)');
  process.exit(2);
}

const sha256 = (data, encoding = 'hex') => createHash('sha256').update(data).digest(encoding);
// The value of an `integrity` attribute for a file of this content.
const integrityOf = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const problems = [];

// ---- index.html -----------------------------------------------------------------------------
const indexPath = path.join(dir, 'index.html');
let html = await fs.readFile(indexPath, 'utf8');

// ---- stylesheets ----------------------------------------------------------------------------
const stylesheetRe = /(<link rel="stylesheet" href="\.\/([^"\/]+\.css)" integrity=")(sha384-[^"]*)(")/g;
for (const [link, before, name, , after] of html.matchAll(stylesheetRe)) {
  const css = await fs.readFile(path.join(dir, name), 'utf8');
  // A comment marker inside a string would be cut as a comment: none may be there.
  if (/["'][^"'\n]*\/\*/.test(css)) {
    problems.push(`${name}: a string holds "/*"; its comments cannot be stripped safely`);
    continue;
  }
  const lean = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^[ \t]+/gm, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{2,}/g, '\n')
    .replace(/^\n/, '');
  await fs.writeFile(path.join(dir, name), lean);
  html = html.replace(link, `${before}${integrityOf(lean)}${after}`);
}

// ---- scripts --------------------------------------------------------------------------------
const preloadRe = /<link rel="modulepreload" href="\.\/([^"\/]+\.js)"[^>]*>/g;
for (const [link, name] of html.matchAll(preloadRe)) {
  // Until it no longer changes (a second pass renames a few things again), so that this hook
  // run again on a finished build leaves the file as it is.
  let code = await fs.readFile(path.join(dir, name), 'utf8');
  for (let pass = 0; ; pass++) {
    const minified = (await minify(code, { module: true, compress: true, mangle: true, format: { comments: false } })).code;
    if (minified === code) break;
    if (pass === 4) {
      problems.push(`${name}: terser's output still changes after ${pass} passes`);
      break;
    }
    code = minified;
  }
  await fs.writeFile(path.join(dir, name), code);
  if (/ integrity="/.test(link)) html = html.replace(link, link.replace(/ integrity="[^"]*"/, ` integrity="${integrityOf(code)}"`));
}

const inlineScripts = [];
const scriptRe = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
for (const [, attrs, body] of html.matchAll(scriptRe)) {
  if (!/\bsrc\s*=/i.test(attrs)) inlineScripts.push(body);
}
// Tags outside comments and script bodies, for the checks below.
const markup = html.replace(/<!--[\s\S]*?-->/g, '').replace(scriptRe, '<script$1></script>');
for (const [tag] of markup.matchAll(/<[a-zA-Z][^>]*>/g)) {
  const handler = tag.match(/\son[a-z]+\s*=/i);
  if (handler) problems.push(`index.html: inline event handler (${handler[0].trim()}) in ${tag}`);
  if (/\sstyle\s*=/i.test(tag)) problems.push(`index.html: inline style attribute in ${tag}`);
  for (const [, name, url] of tag.matchAll(/\s(href|src)\s*=\s*"([^"]*)"/gi)) {
    if (/^(\/|[a-z][a-z0-9+.-]*:)/i.test(url) && !url.startsWith('data:')) {
      problems.push(`index.html: ${name}="${url}" is not relative (the app must work under any sub-path)`);
    }
  }
}
if (/<style\b/i.test(markup)) problems.push('index.html: a <style> element (style-src allows files only)');

const cspRe = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;
const csp = html.match(cspRe);
if (!csp) {
  problems.push('index.html: no <meta http-equiv="Content-Security-Policy" content="…"> to fill in');
} else {
  const hashes = [...new Set(inlineScripts.map((s) => `'sha256-${sha256(s, 'base64')}'`))];
  const directives = csp[2].split(';').map((d) => d.trim()).filter(Boolean);
  const i = directives.findIndex((d) => d.split(/\s+/)[0] === 'script-src');
  if (i < 0) {
    problems.push('index.html: the Content-Security-Policy has no script-src');
  } else {
    const kept = directives[i].split(/\s+/).filter((t) => !/^'sha(256|384|512)-/.test(t));
    directives[i] = [...kept, ...hashes].join(' ');
    html = html.replace(cspRe, (_, a, _content, c) => `${a}${directives.join('; ')}${c}`);
    await fs.writeFile(indexPath, html);
  }
}

// ---- manifest.webmanifest -------------------------------------------------------------------
const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.webmanifest'), 'utf8'));
const manifestUrls = [manifest.id, manifest.start_url, manifest.scope, ...manifest.icons.map((i) => i.src)];
for (const url of manifestUrls) {
  if (typeof url !== 'string' || /^(\/|[a-z][a-z0-9+.-]*:)/i.test(url)) {
    problems.push(`manifest.webmanifest: ${JSON.stringify(url)} is not a relative URL`);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`pwa-post-build: ${p}`);
  process.exit(1);
}

// ---- sw.js ----------------------------------------------------------------------------------
async function listFiles(root, sub = '') {
  const out = [];
  for (const entry of await fs.readdir(path.join(root, sub), { withFileTypes: true })) {
    // Dotfiles are no part of the app, and many hosts refuse to serve them (a 404 would fail
    // the whole install).
    if (entry.name.startsWith('.')) continue;
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else if (entry.isFile() && rel !== SW) out.push(rel);
  }
  return out;
}

const files = [];
const onDemand = [];
let bytes = 0;
for (const rel of (await listFiles(dir)).sort()) {
  const data = await fs.readFile(path.join(dir, rel));
  if (rel.startsWith('text/')) {
    onDemand.push([rel, sha256(data)]);
    continue;
  }
  bytes += data.length;
  files.push([rel, sha256(data)]);
}
const everything = [...files, ...onDemand];
const version = sha256(everything.map(([rel, hash]) => `${hash}  ${rel}\n`).join('')).slice(0, 16);
const template = await fs.readFile(TEMPLATE, 'utf8');
const build = JSON.stringify({ version, files, onDemand }, null, 1);
await fs.writeFile(
  path.join(dir, SW),
  `// Generated by scripts/pwa-post-build.mjs from assets/sw.js: do not edit.\nconst BUILD = ${build};\n\n${template}`,
);
console.log(
  `pwa-post-build: ${inlineScripts.length} inline script hash(es) in the CSP; sw.js precaches ${files.length} files, ${bytes} bytes, ${onDemand.length} more on demand, version ${version}`,
);
