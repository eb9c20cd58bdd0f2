// node trace.mjs URL [rate=4] [ms=6000] : long tasks on the main thread at RATE x CPU, with inner events
import { chromium } from '@playwright/test';
const [url, rate = '4', ms = '6000'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(rate) });
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.wasm,blink.user_timing,loading', transferMode: 'ReportEvents' });
const t0 = Date.now();
await page.goto(url);
await page.waitForTimeout(Number(ms));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.end');
await done;
await browser.close();
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const nav = events.filter((e) => e.name === 'navigationStart' || e.name === 'markAsMainFrame' ).map((e) => e.ts);
const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
const start = Math.min(...onMain.filter((e) => e.ph === 'X').map((e) => e.ts));
const fcp = onMain.find((e) => e.name === 'firstContentfulPaint');
const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
let blocking = 0, busy = 0;
for (const t of tasks) {
  busy += t.dur / 1000;
  const d = t.dur / 1000;
  if (d > 50) blocking += d - 50;
  if (d < Number(process.env.MIN || 30)) continue;
  const inner = {};
  for (const e of onMain) {
    if (e.ph !== 'X' || e === t || e.ts < t.ts || e.ts + (e.dur || 0) > t.ts + t.dur) continue;
    if (['FunctionCall', 'EvaluateScript', 'v8.compile', 'Layout', 'UpdateLayoutTree', 'Paint', 'TimerFire', 'FireAnimationFrame', 'ParseHTML', 'v8.callFunction', 'v8.wasm.compileConsume', 'v8.wasm.instantiate', 'v8.wasm.compileLazy', 'wasm.CompileLazy', 'v8.wasm.lazyCompile', 'wasm.LazyCompile', 'EventDispatch', 'FireIdleCallback', 'HitTest', 'PrePaint', 'Layerize', 'IntersectionObserverController::computeIntersections', 'v8.run', 'ResourceReceivedData', 'XHRReadyStateChange', 'v8.wasm.streamFromResponseCallback', 'RunMicrotasks', 'V8.GC_SCAVENGER', 'MajorGC', 'MinorGC'].includes(e.name)) {
      inner[e.name] = (inner[e.name] || 0) + e.dur / 1000;
    }
  }
  const top = Object.entries(inner).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  console.log(`${((t.ts - start) / 1000).toFixed(0).padStart(6)} ms  ${d.toFixed(0).padStart(4)} ms  ${top}`);
}
console.log(`FCP at ${fcp ? ((fcp.ts - start) / 1000).toFixed(0) : '?'} ms; busy ${busy.toFixed(0)} ms; blocking (observed >50) ${blocking.toFixed(0)} ms`);
