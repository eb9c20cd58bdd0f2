// Progress and the faults around it: the history screen, export and import, reloads mid-session,
// storage that is damaged, missing, full or shared by two tabs, and the persistent-storage
// request with the backup nudge. Nothing the user did may be lost.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, installClock, openApp, showSettings } from './fixtures';
import { control, exact, openWithClock, readPlayer, start } from './helpers';
import {
  DAY,
  TEXT,
  busyDays,
  button,
  download,
  exportDocument,
  finishSession,
  generatedSessions,
  importFile,
  noRoomToSetAside,
  openHistory,
  recentSessions,
  seedStored,
  sessionRecord,
  stored,
  storedDocument,
} from './progress-helpers';

// ---------- the history screen ----------

/** 10:00 UTC on a date. */
const at = (date: string) => new Date(`${date}T10:00:00Z`).getTime();

test('the history screen: streaks, calendar, reps chart, recent sessions, last export; Home goes back', async ({
  page,
  errors,
}) => {
  // Two sessions a week for four weeks in November, one not finished on 1 Dec, two a week for the
  // three weeks before this one, and one this week (Mon 5 Jan 2026; today is Wed 7 Jan).
  const days = [
    '2025-11-04', '2025-11-06', '2025-11-11', '2025-11-13', '2025-11-18', '2025-11-20', '2025-11-25', '2025-11-27',
    '2025-12-16', '2025-12-18', '2025-12-23', '2025-12-25', '2025-12-30', '2026-01-01', '2026-01-05',
  ];
  const sessions = days.map((d, i) =>
    sessionRecord(at(d), { reps: (id, target) => (id === 'clams' ? [10 + i, 9 + i] : [target, target]) }),
  );
  sessions.splice(8, 0, sessionRecord(at('2025-12-01'), { abandoned: true, minutes: 5 }));
  await seedStored(page, storedDocument(sessions, { lastExportAt: at('2025-12-20') }));
  await installClock(page, { time: at('2026-01-07') + 2 * 3_600_000 });
  await openApp(page);
  await openHistory(page);

  await expect(page.getByTestId('streak-current')).toHaveText('3 weeks');
  await expect(page.getByTestId('streak-longest')).toHaveText('4 weeks');
  await expect(page.getByTestId('this-week')).toHaveText('1 of 2');

  // One square per day from Mon 8 Sep 2025 to today, 18 week columns; finished sessions only.
  const squares = page.getByTestId('calendar').locator('rect');
  await expect(squares).toHaveCount(17 * 7 + 3);
  await expect(squares.first()).toHaveAttribute('aria-label', 'Mon 8 Sep 2025: no session');
  await expect(squares.last()).toHaveAttribute('aria-label', 'Wed 7 Jan 2026: no session');
  expect(await busyDays(page)).toHaveLength(15);
  await expect(page.getByTestId('calendar').locator('rect[aria-label="Mon 1 Dec 2025: no session"]')).toHaveCount(1);
  await expect(page.getByTestId('calendar').locator('rect[aria-label="Tue 16 Dec 2025: 1 session"] title')).toHaveText(
    'Tue 16 Dec 2025: 1 session',
  );
  await expect(page.getByTestId('calendar').locator('text')).toContainText(['Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Mon']);

  // Reps of clams: every session it was worked in (the abandoned one did none).
  const chart = page.getByTestId('reps-chart');
  await expect(chart).toHaveAttribute('data-points', '15');
  await expect(chart).toHaveAttribute('aria-label', 'Clams: reps on each leg in the last 15 sessions');
  await expect(page.locator('.chart-x')).toHaveText(/4 Nov\s*5 Jan/);
  await page.getByLabel('Exercise').selectOption('hip-hikes');
  await expect(chart).toHaveAttribute('aria-label', 'Hip hikes: reps on each leg in the last 15 sessions');

  const recent = await recentSessions(page);
  expect(recent).toHaveLength(10);
  expect(recent[0]).toBe('Mon 5 Jan 2026 · 27 min · Finished');
  expect(recent).toContain('Mon 1 Dec 2025 · 5 min · Not finished');
  await expect(page.getByTestId('last-exported')).toHaveText('Last exported: Sat 20 Dec 2025');

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await button(page, 'Home').click();
  await expect(page.getByTestId('routine')).toBeVisible();
  expect(errors).toEqual([]);
});

test('an empty history says so, and the last export is "never"', async ({ page, errors }) => {
  await openApp(page);
  await openHistory(page);
  await expect(page.getByText(TEXT.noSessions)).toBeVisible();
  await expect(page.getByTestId('last-exported')).toHaveText('Last exported: never');
  await expect(page.getByTestId('streak-current')).toHaveText('0 weeks');
  await expect(page.getByText('No reps recorded for this exercise yet.')).toBeVisible();
  expect(errors).toEqual([]);
});

// ---------- reloads ----------

test('a reload mid-hold keeps the seconds left; the player comes back paused and the hold ends on time', async ({
  page,
  errors,
}) => {
  // Guards a gap: the session was saved only when its state changed, so a reload mid-hold came
  // back at the hold's start (10 s) instead of where it was. It is now also saved on pagehide.
  await openWithClock(page);
  await start(page);
  // Get ready 5 s, lift 1.5 s, then the 10 s hold: at 11.7 s, 4.8 s of it are left. (The app
  // reads the time, so a jump is as good as running every tick; the last 300 ms run tick by tick.)
  await page.clock.fastForward(11_400);
  await page.clock.runFor(300);
  expect(await readPlayer(page)).toMatchObject({ phase: 'holding', countdown: '5', count: '1 / 20' });

  await page.reload();
  await expect(page.getByTestId('player')).toBeVisible();
  await expect(control(page, 'Resume')).toBeVisible();
  expect(await readPlayer(page)).toMatchObject({
    phase: 'holding',
    exercise: 'Clams',
    leg: 'LEFT',
    count: '1 / 20',
    label: 'Paused',
    countdown: '5',
  });

  // A minute on the floor before going on: the hold still has its 4.8 s.
  await page.clock.fastForward(60_000);
  await control(page, 'Resume').click();
  await page.clock.runFor(4_600);
  expect(await readPlayer(page)).toMatchObject({ phase: 'holding', countdown: '1' });
  await page.clock.runFor(400);
  expect(await readPlayer(page)).toMatchObject({ phase: 'lowering', count: '1 / 20' });
  await page.clock.runFor(1_500);
  expect(await readPlayer(page)).toMatchObject({ phase: 'lifting', count: '1 / 20' });
  expect(errors).toEqual([]);
});

test('a reload mid-leg comes back on the same exercise, leg and count', async ({ page, errors }) => {
  await openWithClock(page);
  await start(page);
  await control(page, 'Skip').click(); // lateral leg raises, left leg
  // Get ready 5 s, then reps of 1.5 s up and 1.5 s down: at 26.7 s, 7 done, the 8th going up.
  await page.clock.fastForward(26_400);
  await page.clock.runFor(300);
  const before = await readPlayer(page);
  expect(before).toMatchObject({ exercise: 'Lateral leg raises', leg: 'LEFT', count: '7 / 15', phase: 'lifting' });

  await page.reload();
  await expect(control(page, 'Resume')).toBeVisible();
  expect(await readPlayer(page)).toMatchObject({ ...before, label: 'Paused' });
  await control(page, 'Resume').click();
  await page.clock.runFor(3_000);
  expect(await readPlayer(page)).toMatchObject({ exercise: 'Lateral leg raises', leg: 'LEFT', count: '8 / 15' });
  expect(errors).toEqual([]);
});

// ---------- storage faults ----------

test('a version 2 document, history inside, comes back whole as a small document and a history of its own', async ({
  page,
  errors,
}) => {
  const sessions = ['2026-01-05', '2026-01-07'].map((d) => sessionRecord(at(d)));
  const v2 = storedDocument(sessions);
  expect(JSON.parse(v2).version).toBe(2);
  await seedStored(page, v2);
  await openApp(page);
  await openHistory(page);
  expect(await recentSessions(page)).toHaveLength(2);
  await button(page, 'Home').click();
  // A change of setting saves: the document without the history, the history beside it.
  await showSettings(page);
  await page.getByLabel('Voice', { exact: true }).uncheck();
  await expect.poll(async () => JSON.parse((await stored(page))!).version).toBe(4);
  const doc = JSON.parse((await stored(page))!);
  expect(doc.history).toBeUndefined();
  expect(doc.settings.voice).toBe(false);
  // Version 4's user's version of the routine and reminder schedule: as written, none chosen.
  expect(doc.my_routine).toEqual({});
  expect(doc.schedule.days).toEqual([false, false, false, false, false, false, false]);
  await expect(page.locator('ol[data-testid=routine] li.exercise')).toHaveCount(10);
  expect(JSON.parse((await stored(page, 'bia.history'))!).sessions).toHaveLength(2);
  await page.reload();
  await openHistory(page);
  expect(await recentSessions(page)).toHaveLength(2);
  expect(errors).toEqual([]);
});

test('stored data that does not parse: the app starts, the text is kept aside and offered as a file', async ({
  page,
  errors,
}) => {
  const garbage = '{"version":2,"history":{"sessions":[{"id":"s1","started_at":';
  await seedStored(page, garbage);
  await openApp(page);
  const notice = page.locator('.notice', { hasText: TEXT.unreadable });
  await expect(notice).toBeVisible();
  expect(await stored(page, 'bia.unreadable')).toBe(garbage);

  const [file] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download' }).click()]);
  expect(file.suggestedFilename()).toMatch(/^bia-unreadable-\d{4}-\d{2}-\d{2}\.txt$/);
  const { readFile } = await import('node:fs/promises');
  expect(await readFile((await file.path())!, 'utf8')).toBe(garbage);

  // Usable: a session is recorded and saved, and the backup is still there.
  await notice.getByRole('button', { name: 'OK' }).click();
  await expect(notice).toHaveCount(0);
  await finishSession(page);
  await openHistory(page);
  expect(await recentSessions(page)).toHaveLength(1);
  expect(JSON.parse((await stored(page, 'bia.history'))!).sessions).toHaveLength(1);
  expect(await stored(page, 'bia.unreadable')).toBe(garbage);
  expect(errors).toEqual([]);
});

test('unreadable data with no room to set it aside: nothing is saved over it until it is downloaded', async ({
  page,
  errors,
}) => {
  const garbage = '{"version":2,"history":{"sessions":[{"id":"s1","started_at":';
  await seedStored(page, garbage);
  await noRoomToSetAside(page);
  await openApp(page);
  const notice = page.locator('.notice', { hasText: TEXT.unreadableNotMoved });
  await expect(notice).toBeVisible();
  expect(await stored(page, 'bia.unreadable')).toBeNull();

  // Changes are not saved over the only copy...
  await showSettings(page);
  const band = page.getByRole('checkbox', { name: 'theraband', exact: true });
  await band.uncheck();
  await finishSession(page);
  expect(await stored(page)).toBe(garbage);

  // ...until the user has it as a file; then what they do is saved again.
  await expect(notice.getByRole('button', { name: 'OK' })).toHaveCount(0);
  const [file] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download' }).click()]);
  const { readFile } = await import('node:fs/promises');
  expect(await readFile((await file.path())!, 'utf8')).toBe(garbage);
  await expect(notice).toHaveCount(0);
  expect(JSON.parse((await stored(page, 'bia.history'))!).sessions).toHaveLength(1);
  await page.reload();
  await expect(band).not.toBeChecked();
  await openHistory(page);
  expect(await recentSessions(page)).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('unreadable data with no room to set it aside can be discarded instead, and then the app saves', async ({
  page,
  errors,
}) => {
  await seedStored(page, '{not json');
  await noRoomToSetAside(page);
  await openApp(page);
  const notice = page.locator('.notice', { hasText: TEXT.unreadableNotMoved });
  await showSettings(page);
  await page.getByRole('checkbox', { name: 'theraband', exact: true }).uncheck();
  expect(await stored(page)).toBe('{not json');
  await notice.getByRole('button', { name: 'Discard it' }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await showSettings(page);
  await expect(page.getByRole('checkbox', { name: 'theraband', exact: true })).not.toBeChecked();
  await expect(page.locator('.notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('storage that throws (SecurityError): the app runs from memory and the notice stays', async ({ page, errors }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await openApp(page);
  const notice = page.locator('.notice', { hasText: TEXT.unavailable });
  await expect(notice).toBeVisible();

  await finishSession(page);
  await expect(notice).toBeVisible();
  await openHistory(page);
  expect(await recentSessions(page)).toHaveLength(1);
  await expect(notice).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('quota exceeded: a clear notice, the session goes on, what was saved stays as it was', async ({ page, errors }) => {
  await openWithClock(page);
  await start(page);
  await page.clock.runFor(3_000);
  await control(page, 'Pause').click();
  const saved = await stored(page);
  expect(JSON.parse(saved!).session.paused_at).toBeTruthy();

  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await control(page, 'Resume').click();
  await expect(page.locator('.notice', { hasText: TEXT.full })).toBeVisible();
  // 2 s of get ready were left, then the lift (1.5 s) and the hold (10 s).
  await page.clock.runFor(2_800);
  expect(await readPlayer(page)).toMatchObject({ exercise: 'Clams', phase: 'lifting', count: '0 / 20' });
  await page.clock.runFor(10_000);
  expect(await readPlayer(page)).toMatchObject({ phase: 'holding' });
  expect(await stored(page)).toBe(saved);

  await control(page, 'Pause').click();
  await control(page, 'End').click();
  await expect(page.getByTestId('summary')).toBeVisible();
  await button(page, 'Home').click();
  await openHistory(page);
  expect(await recentSessions(page)).toHaveLength(1);
  expect(await stored(page)).toBe(saved);
  await expect(page.locator('.notice', { hasText: TEXT.full })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('two tabs: a session finished in one shows in the other without a reload; neither overwrites the other', async ({
  page,
  context,
  errors,
}) => {
  const tabB = await context.newPage();
  const errorsB: string[] = [];
  tabB.on('console', (m) => m.type() === 'error' && errorsB.push(m.text()));
  tabB.on('pageerror', (e) => errorsB.push(e.message));
  await openApp(page);
  await openApp(tabB);
  await openHistory(tabB);
  await expect(tabB.getByText(TEXT.noSessions)).toBeVisible();

  // Tab A finishes a session; tab B follows it (one session, one state) and, back from its
  // summary, lists it.
  await finishSession(page);
  await expect(tabB.getByTestId('summary')).toBeVisible();
  // Tab B followed the pause and the end: neither its copy of the running session nor the
  // summary it still shows comes back to tab A, which has left them.
  await expect(page.getByTestId('routine')).toBeVisible();
  await expect(page.getByTestId('player')).toHaveCount(0);
  await expect(page.getByTestId('summary')).toHaveCount(0);
  await button(tabB, 'Home').click();
  await expect(tabB.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  expect(await recentSessions(tabB)).toHaveLength(1);

  // Tab B changes a setting and finishes a session of its own; tab A keeps both.
  await button(tabB, 'Home').click();
  await showSettings(tabB);
  await tabB.getByLabel('Voice', { exact: true }).uncheck();
  await finishSession(tabB);
  await expect(page.getByTestId('summary')).toBeVisible();
  await button(page, 'Home').click();
  await showSettings(page);
  await expect(page.getByLabel('Voice', { exact: true })).not.toBeChecked();
  await openHistory(page);
  expect(await recentSessions(page)).toHaveLength(2);
  const doc = JSON.parse((await stored(page))!);
  expect(JSON.parse((await stored(page, 'bia.history'))!).sessions).toHaveLength(2);
  expect(doc.settings.voice).toBe(false);
  expect(errorsB).toEqual([]);
  expect(errors).toEqual([]);
});

// ---------- export and import ----------

test('bad import files are refused with a message, and nothing changes', async ({ page, errors }) => {
  const now = Date.now();
  const mine = [sessionRecord(now - 3 * DAY), sessionRecord(now - DAY)];
  await seedStored(page, storedDocument(mine));
  await openApp(page);
  await openHistory(page);
  const before = await stored(page);
  const shown = await recentSessions(page);
  expect(shown).toHaveLength(2);

  const good = exportDocument([sessionRecord(now - 10 * DAY)], now);
  const broken = sessionRecord(now - 5 * DAY);
  broken.finished_at = broken.started_at - 1;
  const cases: [string, string | Buffer, string][] = [
    ['notes.json', 'Monday: clams, 20 each side', 'The file is not a Bia export: it is not JSON (expected value at line 1 column 1).'],
    ['other.json', JSON.stringify({ app: 'strava', kind: 'export', version: 1 }), 'The file is JSON but not a Bia export.'],
    ['truncated.json', good.slice(0, good.length - 20), 'The file is not a Bia export: it is not JSON (EOF while parsing'],
    ['future.json', exportDocument([], now, { version: 99 }), 'The file was exported by a newer Bia (format 99; this one reads up to 1).'],
    ['huge.json', Buffer.alloc(5 * 1024 * 1024 + 1, 0x20), 'The file is 5.1 MB; a Bia export is at most 5 MB.'],
    [
      'backwards.json',
      exportDocument([broken], now),
      'The file is damaged at history.sessions[0].finished_at: is before started_at. Nothing was imported',
    ],
  ];
  for (const [name, contents, message] of cases) {
    await importFile(page, name, contents);
    await expect(page.getByTestId('backup-message'), name).toContainText(message);
    await expect(page.getByTestId('backup-message')).toHaveClass(/error/);
    expect(await recentSessions(page), name).toEqual(shown);
    expect(await stored(page), name).toBe(before);
  }
  expect(errors).toEqual([]);
});

test('an exported file imported in a fresh browser shows the same history; importing it again adds nothing', async ({
  page,
  browser,
  errors,
}, testInfo) => {
  const now = Date.now();
  const sessions = generatedSessions(now);
  await seedStored(page, storedDocument(sessions));
  await openApp(page);
  await openHistory(page);
  await expect(page.getByTestId('last-exported')).toHaveText('Last exported: never');
  const recent = await recentSessions(page);
  const days = await busyDays(page);
  expect(days.length).toBeGreaterThan(20);

  const json = await download(page, 'Export (JSON)');
  expect(json.name).toMatch(/^bia-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(json.text)).toMatchObject({ app: 'bia', kind: 'export', version: 1 });
  await expect(page.getByTestId('last-exported')).not.toHaveText('Last exported: never');
  expect(JSON.parse((await stored(page))!).last_export_at).toBeGreaterThanOrEqual(now);

  const csv = await download(page, 'Export history (CSV)');
  expect(csv.name).toMatch(/^bia-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv.text.trim().split('\n');
  expect(lines[0]).toBe('date,exercise,name,leg,target,reps,outcome,set');
  expect(lines).toHaveLength(1 + sessions.length * 10 * 2);

  const fresh = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const other = await fresh.newPage();
  const otherErrors: string[] = [];
  other.on('console', (m) => m.type() === 'error' && otherErrors.push(m.text()));
  await openApp(other);
  await openHistory(other);
  await expect(other.getByText(TEXT.noSessions)).toBeVisible();
  await importFile(other, json.name, json.text);
  await expect(other.getByTestId('backup-message')).toHaveText(`Imported ${sessions.length} sessions, 0 already here`);
  expect(await recentSessions(other)).toEqual(recent);
  expect(await busyDays(other)).toEqual(days);
  expect(await other.getByTestId('streak-longest').textContent()).toBe(
    await page.getByTestId('streak-longest').textContent(),
  );
  // Saved, so it survives a reload.
  await other.reload();
  await openHistory(other);
  expect(await recentSessions(other)).toEqual(recent);
  await importFile(other, json.name, json.text);
  await expect(other.getByTestId('backup-message')).toHaveText(`Imported 0 sessions, ${sessions.length} already here`);
  await fresh.close();
  expect(otherErrors).toEqual([]);
  expect(errors).toEqual([]);
});

// ---------- persistent storage and the backup nudge ----------

test('persistent storage is asked for once, after the first finished session; the nudge comes after 3 and goes with an export', async ({
  page,
  errors,
}) => {
  await page.addInitScript(() => {
    const calls = JSON.parse(sessionStorage.getItem('progress-persist-calls') ?? '0');
    sessionStorage.setItem('progress-persist-calls', String(calls));
    StorageManager.prototype.persist = async () => {
      sessionStorage.setItem('progress-persist-calls', String(Number(sessionStorage.getItem('progress-persist-calls')) + 1));
      return false;
    };
    StorageManager.prototype.persisted = async () => false;
  });
  const persistCalls = async () => Number(await page.evaluate(() => sessionStorage.getItem('progress-persist-calls')));
  await openApp(page);
  await expect(page.getByText('Not guaranteed: the browser may clear', { exact: false })).toBeVisible();
  expect(await persistCalls()).toBe(0);

  // A session under way is not a finished one.
  await button(page, 'Start').click();
  await control(page, 'Pause').click();
  expect(await persistCalls()).toBe(0);
  await control(page, 'End').click();
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect.poll(persistCalls).toBe(1);
  expect(JSON.parse((await stored(page))!).persist_asked).toBe(true);
  await button(page, 'Home').click();

  await finishSession(page);
  await expect(page.getByTestId('backup-nudge')).toHaveCount(0);
  await showSettings(page);
  await expect(page.getByTestId('storage-space')).toContainText(/Your saved data: \d+ KB/);
  await page.reload();
  await finishSession(page);
  expect(await persistCalls()).toBe(1);

  const nudge = page.getByTestId('backup-nudge');
  await expect(nudge).toHaveText(/3 sessions since your last backup/);
  // Never during a workout.
  await button(page, 'Start').click();
  await expect(page.getByTestId('player')).toBeVisible();
  await expect(nudge).toHaveCount(0);
  await control(page, 'Pause').click();
  await control(page, 'End').click();
  await button(page, 'Home').click();
  await expect(nudge).toHaveText(/4 sessions since your last backup/);

  const file = await download(page, 'Export now');
  expect(file.name).toMatch(/^bia-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(file.text).history.sessions).toHaveLength(4);
  await expect(nudge).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('routine')).toBeVisible();
  await expect(nudge).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('with persistent storage there is no nudge, and the settings say the data is kept', async ({ page, errors }) => {
  await page.addInitScript(() => {
    StorageManager.prototype.persisted = async () => true;
  });
  const now = Date.now();
  await seedStored(page, storedDocument([1, 2, 3, 4].map((n) => sessionRecord(now - n * DAY))));
  await openApp(page);
  await showSettings(page);
  await expect(page.getByTestId('storage-persistence')).toHaveText(exact('Kept: the browser will not clear Bia\'s data by itself.'));
  await expect(page.getByTestId('storage-space')).toContainText(/Space the browser counts for Bia: \d+(\.\d)? (KB|MB)/);
  await expect(page.getByTestId('backup-nudge')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// ---------- the user's own days, wherever they are ----------

test.describe('in Los Angeles', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });

  test('a session at 19:30 is on its own day: listed, on the calendar, this week, and in the CSV', async ({
    page,
    errors,
  }) => {
    // Tuesday 1 December 2026, 19:30 PST: already Wednesday in UTC.
    const evening = Date.parse('2026-12-02T03:30:00Z');
    await seedStored(page, storedDocument([sessionRecord(evening)]));
    await installClock(page, { time: evening + 2 * 3_600_000 });
    await openApp(page);
    await openHistory(page);
    expect((await recentSessions(page))[0]).toBe('Tue 1 Dec 2026 · 27 min · Finished');
    expect(await busyDays(page)).toEqual(['Tue 1 Dec 2026: 1 session']);
    await expect(page.getByTestId('calendar').locator('rect').last()).toHaveAttribute(
      'aria-label',
      'Tue 1 Dec 2026: 1 session',
    );
    await expect(page.getByTestId('this-week')).toHaveText('1 of 2');
    const csv = await download(page, 'Export history (CSV)');
    expect(csv.name).toBe('bia-2026-12-01.csv');
    const rows = csv.text.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.startsWith('2026-12-01T19:30-08:00,')).toBe(true);
    expect(errors).toEqual([]);
  });

  test('a streak week that spans the change of clocks keeps its Sunday night', async ({ page, errors }) => {
    // Monday 2 March 2026, 00:30 PST, and Sunday 8 March, 23:30 PDT (clocks went forward that
    // morning): two sessions in that week. Read in UTC the second would fall on Monday 9 March.
    const sessions = [Date.parse('2026-03-02T08:30:00Z'), Date.parse('2026-03-09T06:30:00Z')].map((t) =>
      sessionRecord(t),
    );
    await seedStored(page, storedDocument(sessions));
    await installClock(page, { time: Date.parse('2026-03-11T20:00:00Z') });
    await openApp(page);
    await openHistory(page);
    await expect(page.getByTestId('streak-current')).toHaveText('1 week');
    await expect(page.getByTestId('this-week')).toHaveText('0 of 2');
    expect(await busyDays(page)).toEqual(['Mon 2 Mar 2026: 1 session', 'Sun 8 Mar 2026: 1 session']);
    expect(errors).toEqual([]);
  });
});

test.describe('in Auckland', () => {
  test.use({ timezoneId: 'Pacific/Auckland' });

  test('a session at 08:00 on Monday is on Monday, in this week', async ({ page, errors }) => {
    // Monday 30 November 2026, 08:00 NZDT: still Sunday in UTC.
    const morning = Date.parse('2026-11-29T19:00:00Z');
    await seedStored(page, storedDocument([sessionRecord(morning)]));
    await installClock(page, { time: morning + 4 * 3_600_000 });
    await openApp(page);
    await openHistory(page);
    expect((await recentSessions(page))[0]).toBe('Mon 30 Nov 2026 · 27 min · Finished');
    expect(await busyDays(page)).toEqual(['Mon 30 Nov 2026: 1 session']);
    await expect(page.getByTestId('this-week')).toHaveText('1 of 2');
    expect(errors).toEqual([]);
  });
});
