// tests/e2e/static-server.mjs as a child process, on a port of the suite's own range.
//
// Every scenario gets a server on a port not used before in this run: a new port is a new
// origin, so each scenario starts with no localStorage, no service worker and no cache left by
// the one before, without relying on an engine's way of clearing site data.
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup, stopGroup } from './children.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(ROOT, 'tests/e2e/static-server.mjs');

const FIRST_PORT = Number(process.env.BIA_ENGINES_PORT || 4500);
const LAST_PORT = Number(process.env.BIA_ENGINES_LAST_PORT || 4599);
let nextPort = FIRST_PORT;

function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The next port of the range nobody listens on (for a server or a driver of the suite). */
export async function takePort() {
  for (let tries = 0; tries <= LAST_PORT - FIRST_PORT; tries++) {
    const port = nextPort;
    nextPort = nextPort >= LAST_PORT ? FIRST_PORT : nextPort + 1;
    if (await portFree(port)) return port;
  }
  throw new Error(`no free port in ${FIRST_PORT}-${LAST_PORT}`);
}

function startOn(dir, port) {
  const child = spawnGroup(process.execPath, [SCRIPT, dir, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      stopGroup(child);
      reject(new Error(`static server on port ${port} did not start within 20 s: ${err}`));
    }, 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (/serving .* at http:\/\//.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      const busy = /EADDRINUSE/.test(err);
      reject(Object.assign(new Error(`static server on port ${port} exited (${code}): ${err.trim()}`), { busy }));
    });
  });
}

export class StaticServer {
  constructor(dir, port, child) {
    this.dir = dir;
    this.port = port;
    this.child = child;
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  get url() {
    return `${this.origin}/`;
  }

  /** A server for `dir` on the next free port of the range. */
  static async start(dir) {
    for (let tries = 0; ; tries++) {
      const port = await takePort();
      try {
        return new StaticServer(dir, port, await startOn(dir, port));
      } catch (e) {
        // Taken between the probe and the server's own listen: the next one.
        if (!e.busy || tries >= 5) throw e;
      }
    }
  }

  /** Takes the host away (the page's origin stops answering). */
  async stop() {
    await stopGroup(this.child);
  }

  /** The same origin back. */
  async restart() {
    await this.stop();
    this.child = await startOn(this.dir, this.port);
  }
}
