// "First visit" for bench/run.mjs: everything a new visitor downloads, the page and the install
// of its service worker (which fetches every file of the build again, past the HTTP cache).
//
// Counted on the server: tests/e2e/static-server.mjs with --gzip --stats counts each response it
// sends (body bytes, and bytes on the wire with the headers), whoever asked, the page or the
// service worker; GET /__static-server/stats?reset=1 starts a count. What the service worker
// takes from the HTTP cache never reaches the server and is not counted: it was no download.
//
// The split between the page and the service worker comes from the browser: the page's CDP
// session sees the page's own requests only (not the worker's, nor the fetch of sw.js), so each
// page request that went to the network (not answered by the service worker nor the HTTP cache)
// is matched, by path and in order, with a response the server counted; the responses left over
// are the service worker's. The page's encodedDataLength sum is kept as a cross-check.

async function stats(statsUrl, reset = false) {
  const res = await fetch(reset ? `${statsUrl}?reset=1` : statsUrl);
  return res.json();
}

/** One fresh context with service workers allowed: loads `url`, waits until the app is
 * interactive (`init` must set window.__ready, as bench/run.mjs's READY_PROBE does) and its
 * service worker is activated, then until the server has had no request for `quietMs`. */
export async function firstVisit(browser, url, statsUrl, { init = [], quietMs = 1500, timeoutMs = 30_000 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
  const page = await context.newPage();
  for (const script of init) await page.addInitScript(script);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const notNetwork = new Set();
  const urls = new Map();
  const pageSide = { responses: 0, bytes: 0, paths: [] };
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.responseReceived', (e) => {
    const r = e.response;
    if (r.fromServiceWorker || r.fromDiskCache || r.fromPrefetchCache) notNetwork.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId);
    if (notNetwork.has(e.requestId) || !url || !url.startsWith('http')) return;
    pageSide.responses++;
    pageSide.bytes += e.encodedDataLength;
    pageSide.paths.push(new URL(url).pathname);
  });
  await stats(statsUrl, true);
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.__ready);
  const sw = await page.evaluate(async (timeoutMs) => {
    const late = new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`no service worker ready after ${timeoutMs} ms`)), timeoutMs),
    );
    const registration = await Promise.race([navigator.serviceWorker.ready, late]);
    const worker = registration.active;
    if (worker.state !== 'activated') {
      await Promise.race([
        late,
        new Promise((resolve) => {
          worker.addEventListener('statechange', () => worker.state === 'activated' && resolve());
          if (worker.state === 'activated') resolve();
        }),
      ]);
    }
    return { state: worker.state, controlled: !!navigator.serviceWorker.controller, script: worker.scriptURL };
  }, timeoutMs);
  const activatedMs = Date.now() - t0;
  // Then until nothing more is asked for during quietMs (the page's update check, late icons).
  let last = await stats(statsUrl);
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs && Date.now() - t0 < timeoutMs) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await stats(statsUrl);
    if (now.total.responses !== last.total.responses || now.total.wire_bytes !== last.total.wire_bytes) quietSince = Date.now();
    last = now;
  }
  await context.close();

  const responses = last.responses;
  const sum = (rs, key) => rs.reduce((a, r) => a + r[key], 0);
  const unmatched = new Map();
  for (const p of pageSide.paths) unmatched.set(p, (unmatched.get(p) || 0) + 1);
  for (const r of responses) {
    const n = unmatched.get(r.path) || 0;
    r.by = n > 0 ? 'page' : 'service_worker';
    if (n > 0) unmatched.set(r.path, n - 1);
  }
  const worker = responses.filter((r) => r.by === 'service_worker');
  const pageOnly = responses.filter((r) => r.by === 'page');
  const files = new Map();
  for (const r of responses) {
    const f = files.get(r.path) || { path: r.path, page: 0, service_worker: 0, body_bytes: 0, statuses: [] };
    f[r.by]++;
    f.body_bytes += r.body_bytes;
    f.statuses.push(r.status);
    files.set(r.path, f);
  }
  return {
    service_worker: { ...sw, activated_after_ms: activatedMs },
    responses: responses.length,
    body_bytes: sum(responses, 'body_bytes'),
    wire_bytes: sum(responses, 'wire_bytes'),
    page: { responses: pageOnly.length, body_bytes: sum(pageOnly, 'body_bytes'), wire_bytes: sum(pageOnly, 'wire_bytes') },
    worker: { responses: worker.length, body_bytes: sum(worker, 'body_bytes'), wire_bytes: sum(worker, 'wire_bytes') },
    page_seen_by_browser: {
      responses: pageSide.responses,
      encoded_bytes: pageSide.bytes,
      not_matched_on_server: [...unmatched].filter(([, n]) => n > 0).map(([p]) => p),
    },
    files: [...files.values()].sort((a, b) => b.body_bytes - a.body_bytes),
  };
}
