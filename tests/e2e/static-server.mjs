#!/usr/bin/env node
// Tiny dependency-free static file server for the Trunk build in dist/.
//
//   node tests/e2e/static-server.mjs <directory> <port> [base-path] [--gzip] [--stats]
//
//   directory  folder to serve (e.g. dist)
//   port       TCP port on 127.0.0.1 (HOST env var overrides the address)
//   base-path  optional sub-path the app is mounted under, e.g. /bia/
//              (requests outside it get 404, "/bia" redirects to "/bia/")
//
// Every response carries `Cache-Control: no-store` so a rebuilt dist/ is never
// masked by a cached wasm/js file. Unknown extension-less paths fall back to
// index.html (SPA behaviour); unknown files with an extension are 404.
//
// Options (anywhere after the positional arguments; none of them is on by default, and without
// them the server behaves exactly as described above):
//
//   --gzip     (or env BIA_SERVE_GZIP=1) serve as a real static host would, for the benchmark:
//              - `Content-Encoding: gzip` (level 9, compressed once per file and kept in memory)
//                for text, js, wasm, json, svg, css, webmanifest, xml and txt when the request's
//                Accept-Encoding allows gzip, with `Vary: Accept-Encoding`;
//              - files with a content hash in their name (Trunk's `name-<16+ hex>[_bg].ext`):
//                `Cache-Control: public, max-age=31536000, immutable`;
//              - every other file (index.html, sw.js, the manifest, icons, and the SPA fallback):
//                `Cache-Control: no-cache`, to be revalidated on each use;
//              - an ETag (one per encoding) and Last-Modified on every file, and 304 Not Modified
//                for a matching If-None-Match (or, without one, If-Modified-Since).
//   --stats    (or env BIA_SERVE_STATS=1) count what is sent: GET /__static-server/stats (outside
//              the app's paths, never counted itself) answers JSON with every response since the
//              last reset (path, status, encoding, body bytes, bytes on the wire with headers,
//              a few request headers) and the totals; `?reset=1` clears the list after answering.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { gzip as gzipCallback } from 'node:zlib';
import { promisify } from 'node:util';

const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith('--')));
const [dirArg, portArg, baseArg = '/'] = argv.filter((a) => !a.startsWith('--'));
const unknown = [...flags].filter((f) => f !== '--gzip' && f !== '--stats');
if (!dirArg || !portArg || unknown.length) {
  console.error('usage: static-server.mjs <directory> <port> [base-path] [--gzip] [--stats]');
  process.exit(2);
}
const GZIP = flags.has('--gzip') || process.env.BIA_SERVE_GZIP === '1';
const STATS = flags.has('--stats') || process.env.BIA_SERVE_STATS === '1';
const root = path.resolve(dirArg);
const port = Number.parseInt(portArg, 10);
const host = process.env.HOST || '127.0.0.1';
let base = baseArg.startsWith('/') ? baseArg : `/${baseArg}`;
if (!base.endsWith('/')) base += '/';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

async function statFile(p) {
  try {
    const st = await fs.stat(p);
    if (st.isDirectory()) {
      const idx = path.join(p, 'index.html');
      const ist = await fs.stat(idx).catch(() => null);
      return ist && ist.isFile() ? { file: idx, size: ist.size } : null;
    }
    return st.isFile() ? { file: p, size: st.size } : null;
  } catch {
    return null;
  }
}

// ---- --gzip: compression and cache headers ----------------------------------------------------
const gzip = promisify(gzipCallback);
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.webmanifest', '.map', '.svg', '.txt', '.xml']);
// Trunk names its outputs `bia-<hash>.js`, `bia-<hash>_bg.wasm`, `style-<hash>.css`.
const HASHED = /-[0-9a-f]{16,}(?:_bg)?\.[a-z0-9]+$/i;
/** Compressed bodies, by file; an entry is dropped when the file's size or mtime change. */
const gzipped = new Map();

async function gzipOf(file, st) {
  const key = `${st.size}:${st.mtimeMs}`;
  const kept = gzipped.get(file);
  if (kept && kept.key === key) return kept.body;
  const body = await gzip(await fs.readFile(file), { level: 9 });
  gzipped.set(file, { key, body });
  return body;
}

/** Whether Accept-Encoding allows gzip (listed, or `*`, with no q=0). */
function acceptsGzip(header) {
  if (!header) return false;
  let star = false;
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = !q || Number(q.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') return allowed;
    if (coding === '*') star = allowed;
  }
  return star;
}

function notModified(req, etag, mtime) {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const want = etag.replace(/^W\//, '');
    return inm.split(',').some((t) => {
      t = t.trim();
      return t === '*' || t.replace(/^W\//, '') === want;
    });
  }
  const ims = Date.parse(req.headers['if-modified-since'] || '');
  return Number.isFinite(ims) && Math.floor(mtime / 1000) * 1000 <= ims;
}

async function sendFile(req, res, hit, type) {
  const ext = path.extname(hit.file).toLowerCase();
  const st = await fs.stat(hit.file);
  const compressible = COMPRESSIBLE.has(ext);
  const encode = compressible && acceptsGzip(req.headers['accept-encoding']);
  const tag = `${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}${encode ? '-gzip' : ''}`;
  const headers = {
    'Content-Type': type,
    'Cache-Control': HASHED.test(path.basename(hit.file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: `"${tag}"`,
    'Last-Modified': new Date(st.mtimeMs).toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  if (compressible) headers.Vary = 'Accept-Encoding';
  if (notModified(req, headers.ETag, st.mtimeMs)) {
    res.writeHead(304, headers);
    return res.end();
  }
  if (encode) {
    const body = await gzipOf(hit.file, st);
    res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    return res.end(req.method === 'HEAD' ? undefined : body);
  }
  res.writeHead(200, { ...headers, 'Content-Length': st.size });
  if (req.method === 'HEAD') return res.end();
  createReadStream(hit.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

// ---- --stats: what was sent --------------------------------------------------------------------
const STATS_PATH = '/__static-server/stats';
let sent = [];

/** Notes each response once it has gone: body bytes, and bytes on the wire (headers too) as the
 * growth of its socket's byte count (a keep-alive socket carries one response at a time). */
function count(req, res, pathname) {
  const socket = req.socket;
  const before = socket.bytesWritten;
  let bodyBytes = 0;
  let encoding = null;
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    const headers = rest.find((x) => x && typeof x === 'object') || {};
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'content-encoding') encoding = v;
    return writeHead.call(this, status, ...rest);
  };
  const write = res.write;
  const end = res.end;
  const add = (chunk, encoding) => {
    if (chunk && typeof chunk !== 'function') {
      bodyBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk.length;
    }
  };
  res.write = function (chunk, encoding, ...rest) {
    add(chunk, encoding);
    return write.call(this, chunk, encoding, ...rest);
  };
  res.end = function (chunk, encoding, ...rest) {
    add(chunk, encoding);
    return end.call(this, chunk, encoding, ...rest);
  };
  let done = false;
  const record = () => {
    if (done) return;
    done = true;
    sent.push({
      path: pathname,
      status: res.statusCode,
      encoding,
      body_bytes: bodyBytes,
      wire_bytes: socket.bytesWritten - before,
      finished: res.writableFinished,
      t: Date.now(),
      request: {
        'sec-fetch-dest': req.headers['sec-fetch-dest'] || null,
        'sec-fetch-mode': req.headers['sec-fetch-mode'] || null,
        'cache-control': req.headers['cache-control'] || null,
        'service-worker': req.headers['service-worker'] || null,
        'if-none-match': req.headers['if-none-match'] || null,
      },
    });
  };
  res.on('finish', record);
  res.on('close', record);
}

function answerStats(req, res) {
  const total = { responses: sent.length, body_bytes: 0, wire_bytes: 0 };
  for (const r of sent) {
    total.body_bytes += r.body_bytes;
    total.wire_bytes += r.wire_bytes;
  }
  const body = JSON.stringify({ total, responses: sent });
  if (new URL(req.url, 'http://localhost').searchParams.get('reset')) sent = [];
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

const server = createServer(async (req, res) => {
  if (STATS) {
    if (req.url.split('?')[0] === STATS_PATH) return answerStats(req, res);
    count(req, res, req.url.split('?')[0]);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'bad request\n');
  }
  if (base !== '/' && pathname === base.slice(0, -1)) {
    return send(res, 301, '', { Location: base });
  }
  if (!pathname.startsWith(base)) return send(res, 404, 'not found\n');

  const rel = pathname.slice(base.length);
  const target = path.resolve(root, `.${path.posix.sep}${rel}`);
  if (target !== root && !target.startsWith(root + path.sep)) {
    return send(res, 403, 'forbidden\n');
  }

  let hit = await statFile(target);
  if (!hit && path.extname(rel) === '') hit = await statFile(path.join(root, 'index.html'));
  if (!hit) return send(res, 404, 'not found\n');

  const type = MIME[path.extname(hit.file).toLowerCase()] || 'application/octet-stream';
  if (GZIP) {
    return sendFile(req, res, hit, type).catch(() => (res.headersSent ? res.destroy() : send(res, 500, 'error\n')));
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': hit.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(hit.file)
    .on('error', () => res.destroy())
    .pipe(res);
});

server.on('error', (err) => {
  console.error(`static-server: ${err.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const options = [GZIP && 'gzip and cache headers', STATS && `stats at ${STATS_PATH}`].filter(Boolean);
  console.log(
    `static-server: serving ${root} at http://${host}:${server.address().port}${base}${options.length ? ` (${options.join(', ')})` : ''}`,
  );
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
