// The page-side error collector, for an engine whose driver reports no console messages or
// uncaught errors (WebKitWebDriver speaks only classic WebDriver: no BiDi, no log endpoint). It
// is run by the driver into each new document, so it sees what happens from that moment on.
//
// Runs in the page: no closure over this module, only what the function itself holds.
export function installErrorHook() {
  // Only the app's own page counts toward how often the hook came in late.
  const isApp = !!document.querySelector('link[rel="manifest"]');
  if (window.__errors) return { installed: false, isApp, appStarted: !!window.wasmBindings };
  const errors = [];
  window.__errors = errors;
  const text = (v) => {
    try {
      if (v instanceof Error) return `${v.name}: ${v.message}`;
      if (typeof v === 'string') return v;
      return JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  };
  // Capture phase, so failed <script>/<link>/<img> loads (which do not bubble) are seen too.
  addEventListener(
    'error',
    (e) => {
      if (e instanceof ErrorEvent) errors.push(`uncaught: ${e.message || text(e.error)} (${e.filename}:${e.lineno})`);
      else if (e.target && e.target !== window) {
        const t = e.target;
        errors.push(`failed to load: <${(t.tagName || '?').toLowerCase()}> ${t.src || t.href || ''}`);
      }
    },
    true,
  );
  addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${text(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) =>
    errors.push(`CSP violation: ${e.effectiveDirective} ${e.blockedURI || 'inline'}`),
  );
  const original = console.error;
  console.error = function (...args) {
    errors.push(`console.error: ${args.map(text).join(' ')}`);
    return original.apply(this, args);
  };
  // Whether the app's module had already run (Trunk sets wasmBindings once init resolves): if so,
  // anything it logged while starting came before this hook and is not in the list.
  return { installed: true, isApp, appStarted: !!window.wasmBindings };
}

/** Takes what the hook collected so far in this document (and empties the list). */
export function takeErrors() {
  const list = window.__errors;
  if (!list) return null;
  return list.splice(0, list.length);
}
