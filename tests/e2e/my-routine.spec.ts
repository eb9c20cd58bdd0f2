// "My routine": the user's version of the routine (exercises off, their order, sets), followed by
// home, the player and the summary; the reminder and its calendar file; what a reload keeps and
// what "As written" gives back; moving an exercise from the keyboard.
import { readFile } from 'node:fs/promises';
import { test, expect, openApp } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { EXERCISES, control, exact, openWithClock, readPlayer, start, stepFor } from './helpers';
import { parseReminder } from './ics-check.mjs';

// A guided run on the fake clock is quick, but leave room for a busy machine.
test.describe.configure({ timeout: 180_000 });

const WRITTEN = EXERCISES.map((e) => e.id);
const NAME: Record<string, string> = Object.fromEntries(EXERCISES.map((e) => [e.id, e.name]));

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function openMyRoutine(page: Page): Promise<Locator> {
  await page.getByTestId('my-routine').click();
  const screen = page.getByTestId('my-routine-screen');
  await expect(screen).toBeVisible();
  await expect(screen.locator('li.my-exercise')).toHaveCount(WRITTEN.length);
  return screen;
}

async function goHome(page: Page): Promise<void> {
  await button(page, 'Home').click();
  await expect(page.getByTestId('routine')).toBeVisible();
}

const myItem = (page: Page, id: string) => page.getByTestId('my-list').locator(`li.my-exercise[data-id="${id}"]`);
const homeItem = (page: Page, id: string) => page.getByTestId('routine').locator(`li.exercise[data-id="${id}"]`);

/** The ids of `items`, in the order shown. */
const idsOf = (items: Locator) => items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')));
const myOrder = (page: Page) => idsOf(page.getByTestId('my-list').locator('li.my-exercise'));
const homeOrder = (page: Page) => idsOf(page.getByTestId('routine').locator('li.exercise'));

/** Whether the name in `item` is drawn struck through. */
const struckThrough = (item: Locator) =>
  item.locator('.exercise-name').evaluate((el) => getComputedStyle(el).textDecorationLine.includes('line-through'));

/** `ids` with `id` moved one place up. */
function movedUp(ids: readonly string[], id: string): string[] {
  const out = [...ids];
  const i = out.indexOf(id);
  [out[i - 1], out[i]] = [out[i], out[i - 1]];
  return out;
}

/** The summary's rows as shown: id, set, label and both legs. */
async function summaryRows(page: Page) {
  await expect(page.getByTestId('summary')).toBeVisible();
  return page.getByTestId('summary').locator('tr[data-id]').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-id'),
      set: tr.getAttribute('data-set'),
      label: (tr.querySelector('th')?.textContent ?? '').trim(),
      legs: [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()),
    })),
  );
}

test('hip hikes off and donkey whips moved up: home, the player and the summary follow the user’s version', async ({
  page,
  errors,
}) => {
  await openWithClock(page);
  await openMyRoutine(page);

  const hikes = myItem(page, 'hip-hikes');
  const inRoutine = hikes.getByTestId('in-routine');
  await expect(inRoutine).toBeChecked();
  await expect(hikes).not.toHaveClass(/\boff\b/);
  await inRoutine.uncheck();
  await expect(inRoutine).not.toBeChecked();
  await expect(hikes).toHaveClass(/\boff\b/);
  await expect(hikes).toContainText('off in my routine');
  expect(await struckThrough(hikes)).toBe(true);

  await button(page, 'Move Donkey whips up').click();
  const mine = movedUp(WRITTEN, 'donkey-whips');
  expect(mine.slice(2, 4)).toEqual(['donkey-whips', 'donkey-kicks']);
  await expect.poll(() => myOrder(page)).toEqual(mine);

  await goHome(page);
  expect(await homeOrder(page)).toEqual(mine);
  const homeHikes = homeItem(page, 'hip-hikes');
  await expect(homeHikes).toHaveClass(/\boff\b/);
  await expect(homeHikes).toContainText('off in my routine');
  expect(await struckThrough(homeHikes)).toBe(true);
  for (const id of mine.filter((id) => id !== 'hip-hikes')) {
    await expect(homeItem(page, id)).not.toHaveClass(/\boff\b/);
    expect(await struckThrough(homeItem(page, id)), id).toBe(false);
  }
  // 1650 s as written − hip hikes (2 × 5 s get ready, 2 × 15 × 3 s, 5 s switch) − one 10 s rest = 1535 s.
  await expect(page.getByTestId('estimate')).toHaveText(exact('9 exercises, each leg · About 26 min'));

  // The player goes through the user's order; Skip from exercise to exercise.
  await start(page);
  const player = page.getByTestId('player');
  const shown: string[] = [];
  const included = mine.filter((id) => id !== 'hip-hikes');
  for (const [i, id] of included.entries()) {
    if (i > 0) await control(page, 'Skip').click();
    await expect(player).toHaveAttribute('data-exercise', id);
    await expect(page.getByTestId('exercise')).toHaveText(exact(NAME[id]));
    shown.push((await player.getAttribute('data-exercise'))!);
  }
  expect(shown).toEqual(included);
  // The last one in the routine: after its left leg comes its right leg, then nothing.
  await expect(page.getByTestId('exercise')).toHaveText(exact('Standing hip abductor'));
  await expect(page.getByTestId('next')).toHaveText(exact('Next: Standing hip abductor, RIGHT'));
  // Standing hip abductor guided: 5 s get ready, 10 × 4 s, 5 s switch, 5 s, 10 × 4 s = 95 s.
  for (let t = 0; t < 90_000; t += 5_000) {
    await stepFor(page, 5_000);
    const view = await readPlayer(page);
    expect(view, `player still on screen at ${(t + 5_000) / 1000} s`).not.toBeNull();
    expect(await player.getAttribute('data-exercise')).toBe('standing-hip-abductor');
  }
  await expect(page.getByTestId('leg')).toContainText('RIGHT');
  await expect(page.getByTestId('next')).not.toContainText('Hip hikes');
  await stepFor(page, 5_500);
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.getByTestId('player')).toHaveCount(0);

  const rows = await summaryRows(page);
  expect(rows.map((r) => r.id)).toEqual(mine);
  for (const row of rows) {
    const legs =
      row.id === 'hip-hikes'
        ? ['off in my routine', 'off in my routine']
        : row.id === 'standing-hip-abductor'
          ? ['10', '10']
          : ['skipped', 'skipped'];
    expect(row, row.id!).toEqual({ id: row.id, set: '1', label: NAME[row.id!], legs });
  }
  expect(errors).toEqual([]);
});

test('three sets of clams run guided to the end: Set 1, 2 and 3 of 3 on the player, a row each in the summary', async ({
  page,
  errors,
}) => {
  test.setTimeout(300_000);
  await openWithClock(page);
  await openMyRoutine(page);

  const clams = myItem(page, 'clams');
  const sets = clams.getByTestId('sets');
  await expect(sets.locator('output')).toHaveText(exact('1'));
  await expect(button(page, 'Less: Sets, Clams')).toBeDisabled();
  await button(page, 'More: Sets, Clams').click();
  await expect(sets.locator('output')).toHaveText(exact('2'));
  await button(page, 'More: Sets, Clams').click();
  await expect(sets.locator('output')).toHaveText(exact('3'));
  await expect(button(page, 'More: Sets, Clams')).toBeDisabled(); // three sets at most

  for (const id of WRITTEN.slice(1)) {
    await myItem(page, id).getByTestId('in-routine').uncheck();
    await expect(myItem(page, id)).toHaveClass(/\boff\b/);
  }
  await expect(clams).not.toHaveClass(/\boff\b/);

  await goHome(page);
  await expect(homeItem(page, 'clams')).not.toHaveClass(/\boff\b/);
  await expect(page.getByTestId('routine').locator('li.exercise.off')).toHaveCount(9);
  // 3 sets × 2 legs × (5 s + 20 × 13 s) + 3 switches × 5 s + 2 rests between sets × 30 s = 1665 s.
  await expect(page.getByTestId('estimate')).toContainText('About 28 min');

  await start(page);
  const player = page.getByTestId('player');
  const set = page.getByTestId('set');
  await expect(player).toHaveAttribute('data-exercise', 'clams');
  await expect(set).toHaveText(exact('Set 1 of 3'));
  await expect(player).toHaveAttribute('data-phase', 'get-ready');

  // Set n starts at (n − 1) × 565 s: get ready, its left leg from +5 s, 5 s to switch legs from
  // +265 s, get ready, its right leg from +275 s, done at +535 s, then 30 s of rest.
  let now = 0;
  const at = async (s: number) => {
    const ms = Math.round(s * 1000);
    await stepFor(page, ms - now, 5_000);
    now = ms;
  };
  const expectView = async (when: number, setText: string, leg: string, phase: string | RegExp) => {
    await at(when);
    const view = await readPlayer(page);
    expect(view, `at ${when} s`).not.toBeNull();
    expect(view!.exercise, `at ${when} s`).toBe('Clams');
    expect(view!.leg, `at ${when} s`).toBe(leg);
    await expect(set, `at ${when} s`).toHaveText(exact(setText));
    // The figure is the clams' in every set (the plan has an entry per set, the routine one).
    await expect(player.getByTestId('figure'), `at ${when} s`).toHaveAttribute('data-exercise', 'clams');
    if (typeof phase === 'string') expect(view!.phase, `at ${when} s`).toBe(phase);
    else expect(view!.phase, `at ${when} s`).toMatch(phase);
  };
  const working = /^(lifting|holding|lowering)$/;
  for (const [n, from] of [
    [1, 0],
    [2, 565],
    [3, 1130],
  ] as const) {
    await expectView(from + 100, `Set ${n} of 3`, 'LEFT', working);
    await expectView(from + 267, `Set ${n} of 3`, 'RIGHT', 'transition');
    await expect(page.getByTestId('phase')).toHaveText(exact('Switch legs'));
    await expectView(from + 272, `Set ${n} of 3`, 'RIGHT', 'get-ready');
    await expectView(from + 400, `Set ${n} of 3`, 'RIGHT', working);
    if (n < 3) {
      // The rest between sets: 30 s, then the next set's get ready on the left leg.
      await expectView(from + 540, `Set ${n + 1} of 3`, 'LEFT', 'transition');
      await expect(page.getByTestId('phase')).toHaveText(exact('Rest before the next set'));
      await expectView(from + 560, `Set ${n + 1} of 3`, 'LEFT', 'transition');
      await expectView(from + 567, `Set ${n + 1} of 3`, 'LEFT', 'get-ready');
    }
  }
  await at(1660);
  await page.clock.runFor(4_800); // 1664.8 s: the last rep on its way down
  expect(await readPlayer(page)).toMatchObject({ exercise: 'Clams', leg: 'RIGHT', count: '20 / 20', phase: 'lowering' });
  await page.clock.runFor(400); // 1665.2 s: done
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.getByTestId('player')).toHaveCount(0);

  const rows = await summaryRows(page);
  const clamRows = rows.filter((r) => r.id === 'clams');
  expect(clamRows).toEqual([1, 2, 3].map((n) => ({
    id: 'clams',
    set: String(n),
    label: `Clams · Set ${n} of 3`,
    legs: ['20', '20'],
  })));
  expect(rows.slice(0, 3)).toEqual(clamRows);
  expect(rows.slice(3).map((r) => r.id)).toEqual(WRITTEN.slice(1));
  for (const row of rows.slice(3)) expect(row.legs, row.id!).toEqual(['off in my routine', 'off in my routine']);
  await expect(page.getByTestId('summary-time')).toHaveText(exact('Time: 27 min 45 s'));
  expect(errors).toEqual([]);
});

test('reminder on Monday, Wednesday and Friday at 07:30: the next one on the screen and home, and a calendar file that says so', async ({
  page,
  errors,
  baseURL,
}) => {
  await openWithClock(page); // Monday 5 January 2026, 08:01
  await expect(page.getByTestId('next-reminder')).toHaveCount(0);
  await openMyRoutine(page);

  const day = (n: number) => page.locator(`.reminder-days input[data-day="${n}"]`);
  for (const n of [0, 2, 4]) {
    await day(n).check();
    await expect(day(n)).toBeChecked();
  }
  for (const n of [1, 3, 5, 6]) await expect(day(n)).not.toBeChecked();
  const time = page.getByTestId('reminder-time');
  await time.fill('07:30');
  await expect(time).toHaveValue('07:30');
  // Monday 07:30 has passed: the next one is on Wednesday.
  await expect(page.getByTestId('reminder-next')).toHaveText(exact('Next: Wednesday 07:30'));

  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reminder-download').click()]);
  expect(file.suggestedFilename()).toBe('bia-reminder.ics');
  const text = await readFile((await file.path())!, 'utf8');
  const reminder = parseReminder(text);
  expect(reminder.byday).toEqual(['MO', 'WE', 'FR']);
  expect({ hour: reminder.hour, minute: reminder.minute }).toEqual({ hour: 7, minute: 30 });
  expect(reminder.floating).toBe(true);
  expect(reminder.hasAlarm).toBe(true);
  // The app's own page, under the base path the tests serve it from.
  const appUrl = new URL('./', baseURL).href;
  expect(reminder.url).toBe(appUrl);
  expect(reminder.url).toBe(page.url().replace(/[?#].*$/, ''));
  expect(reminder.url!.startsWith(baseURL!)).toBe(true);
  // The event starts at the next reminder still to come (Monday 07:30 is gone at 08:01), on a
  // chosen day (a calendar reads a start off the rule as one more reminder).
  expect(reminder.date).toBe('2026-01-07');
  const startDay = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(`${reminder.date}T12:00:00`).getDay()];
  expect(reminder.byday).toContain(startDay);

  await goHome(page);
  const next = page.getByTestId('next-reminder');
  await expect(next).toHaveText(/^\s*Next: (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d\d:\d\d\s*$/);
  await expect(next).toHaveText(exact('Next: Wednesday 07:30'));
  expect(errors).toEqual([]);
});

test('a reload keeps the user’s version; "As written" gives back an exercise, then the whole routine', async ({
  page,
  errors,
}) => {
  await openApp(page);
  await openMyRoutine(page);
  await button(page, 'More: Sets, Clams').click();
  await button(page, 'More: Sets, Clams').click();
  await expect(myItem(page, 'clams').getByTestId('sets').locator('output')).toHaveText(exact('3'));
  await myItem(page, 'hip-hikes').getByTestId('in-routine').uncheck();
  await expect(myItem(page, 'hip-hikes')).toHaveClass(/\boff\b/);
  await button(page, 'Move Donkey whips up').click();
  const mine = movedUp(WRITTEN, 'donkey-whips');
  await expect.poll(() => myOrder(page)).toEqual(mine);
  for (const n of [1, 3]) await page.locator(`.reminder-days input[data-day="${n}"]`).check();
  // Saved as it is made.
  await expect
    .poll(async () => {
      const doc = JSON.parse((await page.evaluate(() => localStorage.getItem('bia'))) ?? '{}');
      return { mine: !!doc.my_routine, schedule: !!doc.schedule };
    })
    .toEqual({ mine: true, schedule: true });

  const checkKept = async () => {
    await expect(myItem(page, 'clams').getByTestId('sets').locator('output')).toHaveText(exact('3'));
    await expect(myItem(page, 'hip-hikes')).toHaveClass(/\boff\b/);
    await expect(myItem(page, 'hip-hikes').getByTestId('in-routine')).not.toBeChecked();
    await expect(page.getByTestId('my-list').locator('li.my-exercise.off')).toHaveCount(1);
    expect(await myOrder(page)).toEqual(mine);
    for (let n = 0; n < 7; n++) {
      const box = page.locator(`.reminder-days input[data-day="${n}"]`);
      if (n === 1 || n === 3) await expect(box, `day ${n}`).toBeChecked();
      else await expect(box, `day ${n}`).not.toBeChecked();
    }
  };

  await page.reload();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('routine')).toBeVisible();
  expect(await homeOrder(page)).toEqual(mine);
  await expect(homeItem(page, 'hip-hikes')).toHaveClass(/\boff\b/);
  await expect(page.getByTestId('estimate')).toHaveText(/^\s*9 exercises, each leg · /);
  await expect(page.getByTestId('next-reminder')).toHaveText(/^\s*Next: (Tuesday|Thursday) \d\d:\d\d\s*$/);
  await openMyRoutine(page);
  await checkKept();

  // As written for clams: one set again; the rest of the user's version stays.
  const clamsAsWritten = myItem(page, 'clams').getByTestId('exercise-as-written');
  await expect(clamsAsWritten).toBeEnabled();
  await clamsAsWritten.click();
  await expect(myItem(page, 'clams').getByTestId('sets').locator('output')).toHaveText(exact('1'));
  await expect(clamsAsWritten).toBeDisabled();
  await expect(myItem(page, 'hip-hikes')).toHaveClass(/\boff\b/);
  expect(await myOrder(page)).toEqual(mine);

  // The whole routine as written.
  const allAsWritten = page.getByTestId('all-as-written');
  await expect(allAsWritten).toBeEnabled();
  await allAsWritten.click();
  await expect.poll(() => myOrder(page)).toEqual(WRITTEN);
  await expect(page.getByTestId('my-list').locator('li.my-exercise.off')).toHaveCount(0);
  await expect(myItem(page, 'hip-hikes').getByTestId('in-routine')).toBeChecked();
  await expect(allAsWritten).toBeDisabled();

  await goHome(page);
  expect(await homeOrder(page)).toEqual(WRITTEN);
  await expect(page.getByTestId('routine').locator('li.exercise.off')).toHaveCount(0);
  await expect(page.getByTestId('estimate')).toHaveText(exact('10 exercises, each leg · About 28 min'));

  // And a reload keeps it as written.
  await page.reload();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('routine')).toBeVisible();
  expect(await homeOrder(page)).toEqual(WRITTEN);
  await expect(page.getByTestId('routine').locator('li.exercise.off')).toHaveCount(0);
  await expect(page.getByTestId('estimate')).toHaveText(exact('10 exercises, each leg · About 28 min'));
  expect(errors).toEqual([]);
});

test('keyboard: Enter on "Move Fire hydrants up" moves it one place up and the focus stays with it', async ({
  page,
  errors,
}) => {
  await openApp(page);
  await openMyRoutine(page);
  const moveUp = button(page, 'Move Fire hydrants up');
  await moveUp.focus();
  await expect(moveUp).toBeFocused();
  await page.keyboard.press('Enter');

  const once = movedUp(WRITTEN, 'fire-hydrants');
  await expect.poll(() => myOrder(page)).toEqual(once);
  const focusIn = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return {
        id: el?.closest('li[data-id]')?.getAttribute('data-id') ?? null,
        label: el?.getAttribute('aria-label') ?? null,
      };
    });
  await expect.poll(focusIn).toEqual({ id: 'fire-hydrants', label: 'Move Fire hydrants up' });
  await expect(myItem(page, 'fire-hydrants').locator('.exercise-order')).toHaveText(exact('4'));

  // Enter again: up once more, still with the keyboard on it.
  await page.keyboard.press('Enter');
  const twice = movedUp(once, 'fire-hydrants');
  await expect.poll(() => myOrder(page)).toEqual(twice);
  await expect.poll(focusIn).toEqual({ id: 'fire-hydrants', label: 'Move Fire hydrants up' });
  await expect(myItem(page, 'fire-hydrants').locator('.exercise-order')).toHaveText(exact('3'));
  expect(errors).toEqual([]);
});

test('a moved exercise keeps its own figure on home, drawn before the move or after', async ({ page, errors }) => {
  await openApp(page);
  // Each figure's film strip as drawn when it comes on screen.
  const strip = async (id: string) => {
    const figure = homeItem(page, id).getByTestId('figure');
    await figure.scrollIntoViewIfNeeded();
    await expect(figure).toHaveAttribute('data-loop-ms', /^\d+$/);
    return figure.evaluate((f) => f.innerHTML);
  };
  const before = { whips: await strip('donkey-whips'), kicks: await strip('donkey-kicks') };
  expect(before.whips).not.toEqual(before.kicks);

  await openMyRoutine(page);
  await button(page, 'Move Donkey whips up').click();
  await goHome(page);
  expect((await homeOrder(page)).slice(2, 4)).toEqual(['donkey-whips', 'donkey-kicks']);
  expect(await strip('donkey-whips')).toEqual(before.whips);
  expect(await strip('donkey-kicks')).toEqual(before.kicks);
  expect(errors).toEqual([]);
});
