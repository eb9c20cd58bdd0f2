#!/usr/bin/env node
// Tiny dependency-free static file server for the Trunk build in dist/.
//
//   node tests/e2e/static-server.mjs <directory> <port> [base-path]
//
//   directory  folder to serve (e.g. dist)
//   port       TCP port on 127.0.0.1 (HOST env var overrides the address)
//   base-path  optional sub-path the app is mounted under, e.g. /bia/
//              (requests outside it get 404, "/bia" redirects to "/bia/")
//
// Every response carries `Cache-Control: no-store` so a rebuilt dist/ is never
// masked by a cached wasm/js file. Unknown extension-less paths fall back to
// index.html (SPA behaviour); unknown files with an extension are 404.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';

const [dirArg, portArg, baseArg = '/'] = process.argv.slice(2);
if (!dirArg || !portArg) {
  console.error('usage: static-server.mjs <directory> <port> [base-path]');
  process.exit(2);
}
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

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

const server = createServer(async (req, res) => {
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
  console.log(`static-server: serving ${root} at http://${host}:${server.address().port}${base}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
