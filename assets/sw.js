// Bia's service worker: keeps every file of one build in one cache, so the app opens and runs
// with no network, and hands over to a newer build only when the page asks (the user tapped
// "Reload").
//
// This is the template: scripts/pwa-post-build.mjs (a Trunk post_build hook) writes dist/sw.js
// as a `const BUILD = { version, files, onDemand }` line, with every file of the build and its
// SHA-256, followed by this file. `onDemand` files (the languages) are cached when the app first
// asks for one, and again by each later build that finds it in the cache of the one before. Any change to any file changes sw.js, which is how the browser notices
// a new build.
//
// Rules: everything is relative to this script's URL (the app may live under any sub-path); no
// request ever goes to another origin; the cache of another app or another copy of Bia on the
// same origin is never touched.
/* global BUILD */
'use strict';

/** Caches of this copy of Bia: one per build, named by the build's version. */
const PREFIX = `bia:${self.registration.scope}:`;
const CACHE = `${PREFIX}${BUILD.version}`;
const urlOf = (path) => new URL(path, self.location.href).href;
const SHELL = urlOf('index.html');

self.addEventListener('install', (event) => {
  // An install that fails leaves no half-filled cache behind.
  event.waitUntil(
    precache().catch(async (error) => {
      await caches.delete(CACHE);
      throw error;
    }),
  );
});

// Not skipWaiting() here: a new build waits until the page sends SKIP_WAITING, so a session in
// progress is never swapped from under the user.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // Take the open pages at once: on a first visit that makes them work offline without a
      // reload. (The page reloads on the change of controller only when the user asked.)
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Any page of the app is the app shell; a precached file asked for by name is that file.
    event.respondWith(cached(url.href, { ignoreSearch: true }, SHELL).then((r) => r || fetch(request)));
  } else {
    event.respondWith(cached(url.href, {}).then((r) => r || onDemand(url.href) || fetch(request)));
  }
});

/** The build's on-demand files by URL, with their SHA-256. */
const ON_DEMAND = new Map(BUILD.onDemand.map(([path, sha256]) => [urlOf(path), sha256]));

/**
 * An on-demand file of this build (a language), fetched and kept in this build's cache when it
 * is this build's; undefined for any other URL.
 */
function onDemand(url) {
  const sha256 = ON_DEMAND.get(url);
  if (!sha256) return undefined;
  return (async () => {
    const file = await download(url, 'no-cache');
    const response = () => new Response(file.body, { status: 200, headers: file.type ? { 'Content-Type': file.type } : {} });
    // Another build's file (a deploy under way) is handed over but not kept.
    if ((await hex(file.body)) === sha256) await (await caches.open(CACHE)).put(url, response());
    return response();
  })();
}

/** The response for `url` from this build's cache, else for `fallback`, else undefined. */
async function cached(url, options, fallback) {
  const cache = await caches.open(CACHE);
  return (await cache.match(url, options)) || (fallback && (await cache.match(fallback)));
}

/**
 * Caches every file of the build, each checked against its SHA-256, so a half-finished deploy (a
 * new sw.js beside an old index.html) fails the install instead of caching a mix; the browser
 * tries again at its next update check. A first visit has just loaded most files: they are taken
 * from the HTTP cache when they are this build's, and only a file that is missing there or
 * differs is fetched again, past the cache.
 */
async function precache() {
  const cache = await caches.open(CACHE);
  // The languages an earlier build had cached are the ones in use here: this build keeps them.
  const earlier = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  const inUse = [];
  for (const [path, sha256] of BUILD.onDemand) {
    for (const name of earlier) {
      if (await (await caches.open(name)).match(urlOf(path))) {
        inUse.push([path, sha256]);
        break;
      }
    }
  }
  await Promise.all(
    [...BUILD.files, ...inUse].map(async ([path, sha256]) => {
      const url = urlOf(path);
      // The page was loaded as ./ rather than as index.html: that is where the cache holds it.
      const seen = url === SHELL ? [urlOf('./'), url] : [url];
      let file = null;
      for (const candidate of seen) {
        file = await download(candidate, 'force-cache').catch(() => null);
        if (file && (await hex(file.body)) === sha256) break;
        file = null;
      }
      if (!file) file = await download(url, 'reload');
      if ((await hex(file.body)) !== sha256) throw new Error(`sw: ${path} differs from this build`);
      // A fresh response: a host that redirects (index.html -> ./) would otherwise leave a
      // redirected response, which a navigation may not use.
      const headers = file.type ? { 'Content-Type': file.type } : {};
      await cache.put(url, new Response(file.body, { status: 200, headers }));
    }),
  );
}

/** The body and type of `url`, fetched with the HTTP cache mode `mode`. */
async function download(url, mode) {
  const response = await fetch(url, { cache: mode });
  if (!response.ok) throw new Error(`sw: ${url}: HTTP ${response.status}`);
  return { body: await response.arrayBuffer(), type: response.headers.get('Content-Type') };
}

async function hex(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
