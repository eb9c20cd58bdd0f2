// Lighthouse for bench/run.mjs: the npm `lighthouse` CLI (node_modules/lighthouse, a pinned
// devDependency) in a child process, driving Debian's Chromium (CHROMIUM_PATH, /usr/bin/chromium)
// headless with the flags of tests/e2e/browser.mjs. Lighthouse's defaults otherwise: the mobile
// form factor (a Moto G Power sized screen) with simulated throttling (slow 4G, CPU 4x), a fresh
// profile and cleared storage for each run. Only the performance, accessibility and
// best-practices categories are run.
//
// Each run writes bench-results/lighthouse-<i>.report.json and .report.html (open the HTML in a
// browser for the full report).
//
//   node bench/lighthouse.mjs <url> [runs]     # on its own, against a server already running
import { spawn } from 'node:child_process';
import { readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const METRICS = {
  fcp_ms: 'first-contentful-paint',
  lcp_ms: 'largest-contentful-paint',
  tbt_ms: 'total-blocking-time',
  speed_index_ms: 'speed-index',
  tti_ms: 'interactive',
  cls: 'cumulative-layout-shift',
};
// Audits that show the server serves as a real host would (gzip, long cache for hashed files).
const CHECKS = ['uses-text-compression', 'uses-long-cache-ttl', 'total-byte-weight'];

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function cliPath() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('lighthouse/package.json')), 'cli', 'index.js');
}

function runCli(url, outBase) {
  const flags = [...new Set(['--headless=new', '--no-sandbox', '--disable-gpu', ...CHROMIUM_ARGS])];
  const args = [
    cliPath(),
    url,
    '--output=json',
    '--output=html',
    `--output-path=${outBase}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${flags.join(' ')}`,
    '--no-enable-error-reporting',
    '--quiet',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code ? reject(new Error(`lighthouse exited with ${code}:\n${stderr.trim()}`)) : resolve(stderr)));
  });
}

/** One run's figures from its report. */
function summarise(lhr) {
  const out = {
    lighthouse_version: lhr.lighthouseVersion,
    user_agent: lhr.environment?.hostUserAgent,
    form_factor: lhr.configSettings?.formFactor,
    throttling_method: lhr.configSettings?.throttlingMethod,
    runtime_error: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    warnings: lhr.runWarnings || [],
    scores: {},
    metrics: {},
    checks: {},
    failed: {},
    console_errors: (lhr.audits['errors-in-console']?.details?.items || []).map((i) => `${i.source}: ${i.description}`),
  };
  for (const c of CATEGORIES) {
    const score = lhr.categories[c]?.score;
    out.scores[c] = typeof score === 'number' ? Math.round(score * 100) : null;
  }
  for (const [key, id] of Object.entries(METRICS)) out.metrics[key] = lhr.audits[id]?.numericValue ?? null;
  for (const id of CHECKS) {
    const a = lhr.audits[id];
    if (a) out.checks[id] = { score: a.score, display: a.displayValue || '' };
  }
  // The audits of each category that did not pass (score below 1, weighted in the category).
  for (const c of CATEGORIES) {
    out.failed[c] = (lhr.categories[c]?.auditRefs || [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && typeof a.score === 'number' && a.score < 1 && a.scoreDisplayMode !== 'informative')
      .map((a) => ({ id: a.id, score: a.score, display: a.displayValue || '' }));
  }
  return out;
}

/** Runs Lighthouse `runs` times against `url`; the figures are the median of the runs. */
export async function lighthouse(url, { runs = 1, outDir = path.join(root, 'bench-results') } = {}) {
  await mkdir(outDir, { recursive: true });
  const all = [];
  for (let i = 1; i <= runs; i++) {
    const outBase = path.join(outDir, `lighthouse-${i}`);
    await runCli(url, outBase);
    const lhr = JSON.parse(await readFile(`${outBase}.report.json`, 'utf8'));
    all.push({ ...summarise(lhr), report: path.relative(root, `${outBase}.report.html`) });
  }
  const pick = (f) => median(all.map(f));
  return {
    runs: all.length,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, pick((r) => r.scores[c])])),
    metrics: Object.fromEntries(Object.keys(METRICS).map((k) => [k, pick((r) => r.metrics[k])])),
    all_runs: all,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, runs = '1'] = process.argv.slice(2);
  if (!url) {
    console.error('usage: node bench/lighthouse.mjs <url> [runs]');
    process.exit(2);
  }
  console.log(JSON.stringify(await lighthouse(url, { runs: Number(runs) }), null, 2));
}
