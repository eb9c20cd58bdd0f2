// Child processes of the engine suite (static servers, Xvfb, WebKitWebDriver and the browser it
// starts), each in its own process group so that stopping one also stops everything it spawned:
// WebKitWebDriver starts MiniBrowser, which starts the web and network processes, and killing
// only the driver would leave those behind. Whatever is still running when this Node process
// exits (a failure, Ctrl-C, an uncaught error) is killed on the way out.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const groups = new Set();
const cleanups = new Set();

/** Spawns `cmd` as the leader of a new process group. */
export function spawnGroup(cmd, args, options = {}) {
  const child = spawn(cmd, args, { ...options, detached: true });
  groups.add(child);
  child.once('exit', () => groups.delete(child));
  return child;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Stops a process group: SIGTERM, then SIGKILL if the leader is still there after `graceMs`.
 * The group is signalled even when the leader has exited, for children it left behind.
 */
export async function stopGroup(child, graceMs = 3_000) {
  if (!child) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }
  // Anything of the group that outlived its leader.
  signalGroup(child, 'SIGKILL');
  groups.delete(child);
}

/** Runs `fn` (synchronously) when the process exits, unless removed with the returned function. */
export function onExit(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Removes a temporary directory now and, if that fails, at exit. */
export function removeDir(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    onExit(() => rmSync(dir, { recursive: true, force: true }));
  }
}

function killEverything() {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // Best effort on the way out.
    }
  }
  cleanups.clear();
  for (const child of groups) signalGroup(child, 'SIGKILL');
  groups.clear();
}

process.on('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n[engines] ${signal}: stopping every child process`);
    killEverything();
    process.exit(130);
  });
}
