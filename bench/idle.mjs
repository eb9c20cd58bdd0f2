// The idle probe of bench/run.mjs: what a page does while the user does nothing. For a window of
// real time (5 s by default) it measures
//
// - main-thread busy time: the growth of CDP Performance.getMetrics' TaskDuration (every task
//   of the page's main thread), with ScriptDuration, LayoutDuration and RecalcStyleDuration
//   beside it;
// - animation frames: requestAnimationFrame callbacks that actually ran (the init script wraps
//   requestAnimationFrame, and counts a callback when it is called, not when it is asked for;
//   a cancelled request never counts);
// - DOM mutations: the records of a MutationObserver on the whole document (subtree,
//   childList, attributes, characterData).
//
// Work that runs no script is counted too: CSS animations and transitions, Web Animations and SVG
// (SMIL) <animate> elements show as style, layout and paint in the busy time with no frame
// callbacks and no mutations; the census at the end of the window says which of them are running.
//
// The probe's own work (its MutationObserver callback, the wrapper around each frame callback,
// two page.evaluate calls) is inside the busy time; on a page that does nothing it is well
// under a millisecond.

/** Init script: counts frame callbacks run and mutation records, from the page's first script. */
export const IDLE_PROBE = () => {
  const counts = { frames: 0, frame_requests: 0, mutations: 0, attributes: 0, childList: 0, characterData: 0 };
  window.__idle = counts;
  const realFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = function (callback) {
    counts.frame_requests++;
    return realFrame(function (time) {
      counts.frames++;
      return callback.call(this, time);
    });
  };
  new MutationObserver((records) => {
    counts.mutations += records.length;
    for (const r of records) counts[r.type]++;
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
};

const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'LayoutCount', 'RecalcStyleCount'];

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const out = {};
  for (const { name, value } of list) if (METRICS.includes(name)) out[name] = value;
  return out;
}

/**
 * Measures `page` for `windowMs` of real time, doing nothing. `cdp` is a CDP session of the page
 * (the Performance domain is enabled here). The page must have run IDLE_PROBE as an init script.
 */
export async function idleWindow(page, cdp, windowMs = 5000) {
  // Wall time of the tasks (the default time domain), as a trace would show them.
  await cdp.send('Performance.enable');
  const m0 = await metrics(cdp);
  const c0 = await page.evaluate(() => ({ ...window.__idle, t: performance.now() }));
  await new Promise((r) => setTimeout(r, windowMs));
  const c1 = await page.evaluate(() => ({ ...window.__idle, t: performance.now() }));
  const m1 = await metrics(cdp);
  const running = await page.evaluate(() => {
    const smil = 'animate, animateTransform, animateMotion, set';
    const svgs = [...document.querySelectorAll('svg')].filter((svg) => !svg.ownerSVGElement && svg.querySelector(smil));
    return {
      web_animations: document.getAnimations().filter((a) => a.playState === 'running').length,
      smil_elements: document.querySelectorAll(smil).length,
      svgs_with_smil: svgs.length,
      svgs_animating: svgs.filter((svg) => !svg.animationsPaused()).length,
    };
  });
  const seconds = (c1.t - c0.t) / 1000;
  const d = (name) => c1[name] - c0[name];
  return {
    window_ms: c1.t - c0.t,
    busy_ms: (m1.TaskDuration - m0.TaskDuration) * 1000,
    script_ms: (m1.ScriptDuration - m0.ScriptDuration) * 1000,
    layout_ms: (m1.LayoutDuration - m0.LayoutDuration) * 1000,
    style_ms: (m1.RecalcStyleDuration - m0.RecalcStyleDuration) * 1000,
    layouts: m1.LayoutCount - m0.LayoutCount,
    style_recalcs: m1.RecalcStyleCount - m0.RecalcStyleCount,
    frames: d('frames'),
    frames_per_s: d('frames') / seconds,
    frame_requests: d('frame_requests'),
    mutations: d('mutations'),
    mutations_by_type: { attributes: d('attributes'), childList: d('childList'), characterData: d('characterData') },
    running_at_end: running,
  };
}
