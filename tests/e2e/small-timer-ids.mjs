// Run in the page before Playwright's fake clock is installed (`page.addInitScript`): the timer
// and frame ids the clock hands out made small again. The fake clock counts ids from 10^12; the
// app keeps them as 32-bit integers (as web-sys and Leptos do, fine for the small ids real
// browsers give), so its clears would miss: stale timers pile up and fire after what set them
// is gone. Each id the page sees is a small number standing for the clock's own. Used by the
// tests' `installClock` (fixtures.ts) and by the benchmark (bench/run.mjs).
export function smallTimerIds() {
  const pairs = [
    ['setTimeout', 'clearTimeout', true],
    ['setInterval', 'clearInterval', false],
    ['requestAnimationFrame', 'cancelAnimationFrame', true],
  ];
  for (const [start, stop, once] of pairs) {
    const native = { start: window[start], stop: window[stop] };
    const current = { ...native };
    const real = new Map();
    let next = 1;
    const started = function (callback, ...rest) {
      const id = next++;
      const run =
        once && typeof callback === 'function'
          ? (...args) => {
              real.delete(id);
              return callback(...args);
            }
          : callback;
      real.set(id, current.start.call(window, run, ...rest));
      return id;
    };
    const stopped = function (id) {
      const handle = real.get(id);
      real.delete(id);
      if (handle !== undefined) current.stop.call(window, handle);
    };
    // The clock reads the browser's own functions first (it schedules its real timers with
    // them), then installs by assigning its fakes, and restores by assigning back what it read.
    // Until a fake is assigned the browser's own are what is read; after, the wrappers.
    const accessor = (key, wrapper) => {
      let faked = false;
      return {
        configurable: true,
        get: () => (faked ? wrapper : native[key]),
        set: (value) => {
          faked = value !== native[key] && value !== wrapper;
          current[key] = faked ? value : native[key];
        },
      };
    };
    Object.defineProperty(window, start, accessor('start', started));
    Object.defineProperty(window, stop, accessor('stop', stopped));
  }
}
