// Generated histories for the progress tests and the history screenshots: a stored document
// (version 2, as earlier builds wrote it to localStorage 'bia', history inside: every test that
// seeds one also loads it through the migration to version 3) and export files.
// Plain .mjs so the spec and a Node screenshot script can both import it.

export const DAY = 86_400_000;

/** The routine's exercise ids with their default targets. */
export const ROUTINE = [
  ['clams', 20],
  ['lateral-leg-raises', 15],
  ['donkey-kicks', 15],
  ['donkey-whips', 15],
  ['fire-hydrants', 15],
  ['knee-circles', 15],
  ['theraband-balance', 15],
  ['standing-hip-flexor', 15],
  ['standing-hip-abductor', 10],
  ['hip-hikes', 15],
];

/**
 * One session record as Bia stores it. `reps(id, target)` gives [left, right] (default: the
 * target on each leg, completed).
 */
export function sessionRecord(startedAt, { minutes = 27, abandoned = false, reps } = {}) {
  const exercises = ROUTINE.map(([id, target]) => {
    // An abandoned session did nothing, unless `reps` says otherwise.
    const [left, right] = reps ? reps(id, target) : abandoned ? [0, 0] : [target, target];
    const leg = (n) => ({ reps: n, outcome: n >= target ? 'completed' : abandoned && n === 0 ? 'not-done' : 'ended-early' });
    return { id, target, left: leg(left), right: leg(right) };
  });
  return {
    id: `s${startedAt}`,
    started_at: startedAt,
    finished_at: startedAt + minutes * 60_000 + 90_000,
    active_ms: minutes * 60_000,
    abandoned,
    exercises,
  };
}

/**
 * Sessions over the `days` before `now`: most Tuesdays, Thursdays and Saturdays, two weeks off
 * in the middle, a few not finished, reps creeping up toward the top of each range (about 40 in
 * 120 days). Deterministic.
 */
export function generatedSessions(now, { days = 120 } = {}) {
  const sessions = [];
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const today = Math.floor(now / DAY);
  const first = today - days;
  for (let day = first; day <= today; day++) {
    const weekday = (day + 3) % 7; // 0 = Monday
    const offWeeks = day >= first + 49 && day < first + 63;
    if (![1, 3, 5].includes(weekday) || offWeeks || random() < 0.1) continue;
    const startedAt = day * DAY + (7 + Math.floor(random() * 11)) * 3_600_000;
    if (startedAt > now) continue;
    const progress = (day - first) / days;
    const abandoned = random() < 0.07;
    sessions.push(
      sessionRecord(startedAt, {
        minutes: abandoned ? 6 + Math.floor(random() * 8) : 24 + Math.floor(random() * 8),
        abandoned,
        reps: (id, target) => {
          const top = id === 'clams' ? 20 : id === 'standing-hip-abductor' ? 15 : 25;
          const base = Math.min(top, target + Math.round((top - target) * progress));
          const wobble = () => Math.max(0, base - (random() < 0.2 ? 1 + Math.floor(random() * 4) : 0));
          return [wobble(), wobble()];
        },
      }),
    );
  }
  return sessions;
}

/** A stored document (localStorage 'bia') holding `sessions`, as version 2 wrote it, history
 * inside (the app migrates it to version 3); `settings` when given, else the defaults. */
export function storedDocument(sessions, { lastExportAt = null, persistAsked = true, settings } = {}) {
  return JSON.stringify({
    version: 2,
    ...(settings && { settings }),
    session: null,
    history: { sessions },
    overrides: {},
    last_export_at: lastExportAt,
    persist_asked: persistAsked,
  });
}

/** An export file as Bia writes it. */
export function exportDocument(sessions, exportedAt, extra = {}) {
  return JSON.stringify({ app: 'bia', kind: 'export', version: 1, exported_at: exportedAt, history: { sessions }, ...extra });
}
