// The player driven like a user would: on a fake clock (Playwright's page.clock), so a 28-minute
// routine runs in seconds and every countdown is exact.
//
// The app reads Date.now() and catches up on its timers (an interval, and animation frames). After
// page.clock.runFor the screen shows the state at the last of those, at most one interval before
// the clock; sample points below are chosen at least 150 ms away from any phase change. Long
// stretches use stepFor (helpers.ts): the app's timers fire once a second, which is far cheaper
// than running every 16 ms frame and, time being computed from timestamps, reaches the same state.
import { test, expect, showSettings } from './fixtures';
import type { Page } from '@playwright/test';
import {
  BAND_EXERCISES,
  DEFAULT_TARGET,
  EXERCISES,
  control,
  exact,
  openWithClock,
  readPlayer,
  setHidden,
  skipTo,
  start,
  stepFor,
  summaryRow,
  summaryTable,
} from './helpers';

// Fake time is cheap but not free (the app ticks on every animation frame): room for a busy machine.
test.describe.configure({ timeout: 180_000 });

/** Pause, then End: the summary of what was done so far. */
async function endNow(page: Page) {
  await control(page, 'Pause').click();
  await control(page, 'End').click();
  await expect(page.getByTestId('summary')).toBeVisible();
}

test('guided: the whole routine runs by itself, every exercise and leg, and the summary adds up', async ({
  page,
  errors,
}) => {
  test.setTimeout(360_000);
  await openWithClock(page);
  await expect(page.getByTestId('estimate')).toHaveText(exact('10 exercises, each leg · About 28 min'));
  await start(page);

  // Default plan: 20 legs × 5 s get ready, reps at their tempo (clams 20 × (1.5 + 10 + 1.5) s,
  // five exercises 15 × 3 s, theraband balance 15 × 5 s, hip flexor 15 × 4 s, abductor 10 × 4 s,
  // hip hikes 15 × 3 s), 10 leg switches × 5 s, 9 rests × 10 s: 1650 s = 27 min 30 s.
  const TOTAL_MS = 1_650_000;
  const CHUNK = 20_000; // every leg lasts at least 45 s, so no leg can pass unseen
  const seen: string[] = [];
  let elapsed = 0;
  while (elapsed + CHUNK <= TOTAL_MS - 10_000) {
    if (elapsed === 0) {
      // The start at full speed: every timer and animation frame of the app runs.
      await page.clock.runFor(CHUNK);
    } else {
      // Then the app's own timers fire once every 5 s (as in a throttled tab): nothing but time
      // passes, and a 28-minute routine takes seconds even though the app ticks on every frame.
      await stepFor(page, CHUNK, 5_000);
    }
    elapsed += CHUNK;
    const view = await readPlayer(page);
    expect(view, `player still on screen at ${elapsed / 1000} s`).not.toBeNull();
    const pair = `${view!.exercise} / ${view!.leg}`;
    if (seen[seen.length - 1] !== pair) seen.push(pair);
  }
  // 1640 s in: the last rep of the last leg is under way.
  expect(elapsed).toBe(1_640_000);
  await page.clock.runFor(9_800); // 1649.8 s: rep 15 reached the top, on its way down
  const last = await readPlayer(page);
  expect(last).toMatchObject({ exercise: 'Hip hikes', leg: 'RIGHT', count: '15 / 15', phase: 'lowering' });
  await page.clock.runFor(400); // 1650.2 s: done
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.getByTestId('player')).toHaveCount(0);

  const expectedPairs = EXERCISES.flatMap((e) => [`${e.name} / LEFT`, `${e.name} / RIGHT`]);
  expect(seen).toEqual(expectedPairs);

  const table = await summaryTable(page);
  const expectedTable = Object.fromEntries(
    EXERCISES.map((e) => [e.id, [String(DEFAULT_TARGET[e.id]), String(DEFAULT_TARGET[e.id])]]),
  );
  expect(table).toEqual(expectedTable);
  await expect(page.getByTestId('summary-time')).toHaveText(exact('Time: 27 min 30 s'));

  // Home again: a fresh plan.
  await page.getByRole('button', { name: 'Home', exact: true }).click();
  await expect(page.getByTestId('routine')).toBeVisible();
  expect(errors).toEqual([]);
});

test('tap to count: clams counted by taps, holds run by themselves, then the switch to RIGHT', async ({
  page,
  errors,
}) => {
  await openWithClock(page);
  await showSettings(page);
  const tapButton = page.getByRole('button', { name: 'Tap to count', exact: true });
  await tapButton.click();
  await expect(tapButton).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Guided', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await start(page);
  await expect(page.getByTestId('mode')).toHaveText(exact('Counting: Tap to count'));

  const player = page.getByTestId('player');
  const count = page.getByTestId('count');
  await page.clock.runFor(5_200); // get ready is over
  await expect(player).toHaveAttribute('data-phase', 'awaiting-rep');
  await expect(page.getByTestId('phase')).toHaveText(exact('Tap for each rep'));

  // Nothing counts by itself in tap mode.
  await stepFor(page, 30_000);
  await expect(count).toHaveText(exact('0 / 20'));

  for (let rep = 1; rep <= 20; rep++) {
    await count.click(); // a tap on the screen, not on a control
    await expect(count).toHaveText(exact(`${rep} / 20`));
    await expect(player).toHaveAttribute('data-phase', 'holding');
    if (rep === 1) {
      await expect(page.getByTestId('phase')).toHaveText(exact('Hold'));
      await expect(page.getByTestId('countdown')).toHaveText(exact('10'));
      // A second tap during the hold is not another rep.
      await count.click();
      await expect(count).toHaveText(exact('1 / 20'));
    }
    // The 10 s hold runs out by itself (the first at full frame rate, then in 1 s steps).
    if (rep === 1) await page.clock.runFor(10_200);
    else await stepFor(page, 10_200);
    if (rep < 20) await expect(player).toHaveAttribute('data-phase', 'awaiting-rep');
  }

  await expect(player).toHaveAttribute('data-phase', 'transition');
  await expect(page.getByTestId('phase')).toHaveText(exact('Switch legs'));
  await expect(page.getByTestId('leg')).toContainText('RIGHT');
  await expect(page.getByTestId('exercise')).toHaveText(exact('Clams'));
  await expect(count).toHaveText(exact('0 / 20'));

  await endNow(page);
  expect(await summaryRow(page, 'clams')).toEqual(['20', 'skipped']);
  expect(errors).toEqual([]);
});

test('pause inside a clams hold keeps the time left; resume finishes the hold on time', async ({ page, errors }) => {
  await openWithClock(page);
  await start(page);
  // Get ready 5 s, lift 1.5 s: the first hold runs from 6.5 s to 16.5 s.
  await page.clock.runFor(9_450); // 7.05 s of hold left
  const player = page.getByTestId('player');
  const countdown = page.getByTestId('countdown');
  await expect(player).toHaveAttribute('data-phase', 'holding');
  await expect(page.getByTestId('phase')).toHaveText(exact('Hold'));
  await expect(page.getByTestId('count')).toHaveText(exact('1 / 20'));
  const before = (await countdown.textContent())?.trim();
  expect(before).toBe('8');

  await control(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText(exact('Paused'));
  await expect(page.getByTestId('pause')).toHaveText(exact('Resume'));
  // Two minutes on the floor: 20 s with every timer and frame running, then the rest in 1 s steps.
  await page.clock.runFor(20_000);
  await expect(countdown).toHaveText(exact(before!));
  await stepFor(page, 100_000);
  await expect(countdown).toHaveText(exact(before!));
  await expect(player).toHaveAttribute('data-phase', 'holding');
  await expect(page.getByTestId('phase')).toHaveText(exact('Paused'));
  await expect(page.getByTestId('count')).toHaveText(exact('1 / 20'));

  await control(page, 'Resume').click();
  await expect(page.getByTestId('phase')).toHaveText(exact('Hold'));
  await expect(countdown).toHaveText(exact(before!));
  await expect(page.getByTestId('pause')).toHaveText(exact('Pause'));
  await page.clock.runFor(6_900); // 0.15 s of hold left
  await expect(player).toHaveAttribute('data-phase', 'holding');
  await expect(countdown).toHaveText(exact('1'));
  await page.clock.runFor(400); // the hold is over: down
  await expect(player).toHaveAttribute('data-phase', 'lowering');
  await expect(page.getByTestId('phase')).toHaveText(exact('Down… 1'));
  await expect(page.getByTestId('count')).toHaveText(exact('1 / 20'));

  // The summary's time leaves out the two minutes paused: 136.75 s − 120 s.
  await endNow(page);
  await expect(page.getByTestId('summary-time')).toHaveText(exact('Time: 0 min 16 s'));
  expect(errors).toEqual([]);
});

test('skip and back at the first and the last exercise', async ({ page, errors }) => {
  await openWithClock(page);
  await start(page);
  const exercise = page.getByTestId('exercise');
  const player = page.getByTestId('player');

  // Back on the first exercise, mid-leg: it starts over from its countdown.
  await page.clock.runFor(20_200); // two clams reps counted
  await expect(page.getByTestId('count')).toHaveText(exact('2 / 20'));
  await control(page, 'Back').click();
  await expect(exercise).toHaveText(exact('Clams'));
  await expect(page.getByTestId('leg')).toContainText('LEFT');
  await expect(page.getByTestId('count')).toHaveText(exact('0 / 20'));
  await expect(player).toHaveAttribute('data-phase', 'get-ready');
  await expect(page.getByTestId('phase')).toHaveText(exact('Get ready'));
  await expect(page.getByTestId('countdown')).toHaveText(exact('5'));

  // Back on its right leg: the first exercise starts over from its left leg.
  await control(page, 'Done with this leg').click();
  await expect(page.getByTestId('leg')).toContainText('RIGHT');
  await page.clock.runFor(5_200); // switch-legs rest over: get ready, right leg
  await expect(player).toHaveAttribute('data-phase', 'get-ready');
  await expect(page.getByTestId('leg')).toContainText('RIGHT');
  await control(page, 'Back').click();
  await expect(exercise).toHaveText(exact('Clams'));
  await expect(page.getByTestId('leg')).toContainText('LEFT');
  await expect(player).toHaveAttribute('data-phase', 'get-ready');

  // Skip through to the last exercise.
  for (const e of EXERCISES.slice(1)) {
    await control(page, 'Skip').click();
    await expect(exercise).toHaveText(exact(e.name));
  }
  await expect(page.getByTestId('next')).toHaveText(exact('Next: Hip hikes, RIGHT'));
  // Back from exercise 10 goes to exercise 9.
  await control(page, 'Back').click();
  await expect(exercise).toHaveText(exact('Standing hip abductor'));
  await expect(page.getByTestId('leg')).toContainText('LEFT');
  await expect(page.getByTestId('count')).toHaveText(exact('0 / 10'));
  await control(page, 'Skip').click();
  await expect(exercise).toHaveText(exact('Hip hikes'));
  // Skip on the last exercise ends the routine.
  await control(page, 'Skip').click();
  await expect(page.getByTestId('summary')).toBeVisible();
  const table = await summaryTable(page);
  expect(table).toEqual(Object.fromEntries(EXERCISES.map((e) => [e.id, ['skipped', 'skipped']])));
  expect(errors).toEqual([]);
});

test('"Done with this leg" after some reps records "N of 15"', async ({ page, errors }) => {
  await openWithClock(page);
  await start(page);
  await skipTo(page, 'Lateral leg raises');
  // Get ready 5 s, then 3 s a rep: 7 reps done at 26 s, the 8th on its way up.
  await page.clock.runFor(26_200);
  await expect(page.getByTestId('count')).toHaveText(exact('7 / 15'));
  await control(page, 'Done with this leg').click();
  await expect(page.getByTestId('phase')).toHaveText(exact('Switch legs'));
  await expect(page.getByTestId('leg')).toContainText('RIGHT');
  await expect(page.getByTestId('count')).toHaveText(exact('0 / 15'));

  // Right leg: 5 s switch, 5 s get ready, 3 reps.
  await page.clock.runFor(19_200);
  await expect(page.getByTestId('leg')).toContainText('RIGHT');
  await expect(page.getByTestId('count')).toHaveText(exact('3 / 15'));
  await control(page, 'Done with this leg').click();
  await expect(page.getByTestId('phase')).toHaveText(exact('Rest'));
  await expect(page.getByTestId('exercise')).toHaveText(exact('Donkey kicks'));

  await endNow(page);
  expect(await summaryRow(page, 'lateral-leg-raises')).toEqual(['7 of 15', '3 of 15']);
  expect(await summaryRow(page, 'clams')).toEqual(['skipped', 'skipped']);
  expect(await summaryRow(page, 'donkey-kicks')).toEqual(['skipped', 'skipped']);
  expect(errors).toEqual([]);
});

test('no theraband today: exactly the three band exercises are left out, on home, in the player and in the summary', async ({
  page,
  errors,
}) => {
  await openWithClock(page);
  const routine = page.getByTestId('routine');
  await expect(routine.locator('li.exercise.skipped')).toHaveCount(0);

  await showSettings(page);
  const band = page.getByRole('checkbox', { name: 'theraband', exact: true });
  await expect(band).toBeChecked();
  await band.uncheck();
  await expect(band).not.toBeChecked();

  const skippedIds = await routine
    .locator('li.exercise.skipped')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')));
  expect(skippedIds).toEqual(BAND_EXERCISES);
  for (const id of BAND_EXERCISES) {
    await expect(routine.locator(`li[data-id="${id}"]`)).toContainText('skipped: no theraband today');
  }
  // 1650 s − (theraband balance 175 s + hip flexor 145 s + abductor 105 s) = 1225 s.
  await expect(page.getByTestId('estimate')).toHaveText(exact('7 exercises, each leg · About 21 min'));

  await start(page);
  const shown = new Set<string>();
  const look = async () => {
    const v = await readPlayer(page);
    if (v) shown.add(v.exercise);
  };
  await look();
  // Skip to knee circles, then let it run: what comes after it is hip hikes.
  for (const name of ['Lateral leg raises', 'Donkey kicks', 'Donkey whips', 'Fire hydrants', 'Knee circles forward']) {
    await control(page, 'Skip').click();
    await expect(page.getByTestId('exercise')).toHaveText(exact(name));
    await look();
  }
  await expect(page.getByTestId('next')).toHaveText(exact('Next: Knee circles forward, RIGHT'));
  await stepFor(page, 60_200); // left leg done, right leg under way
  await look();
  await expect(page.getByTestId('leg')).toContainText('RIGHT');
  await expect(page.getByTestId('next')).toHaveText(exact('Next: Hip hikes, LEFT'));
  await stepFor(page, 50_000); // right leg done at 105 s: rest before the next exercise
  await look();
  await expect(page.getByTestId('phase')).toHaveText(exact('Rest'));
  await expect(page.getByTestId('exercise')).toHaveText(exact('Hip hikes'));
  await expect(page.getByTestId('next')).toHaveText(exact('Next: Hip hikes, RIGHT'));
  // Back from hip hikes goes to knee circles, not to a band exercise.
  await control(page, 'Back').click();
  await expect(page.getByTestId('exercise')).toHaveText(exact('Knee circles forward'));
  await control(page, 'Skip').click();
  await expect(page.getByTestId('exercise')).toHaveText(exact('Hip hikes'));
  await look();
  await control(page, 'Skip').click();
  await expect(page.getByTestId('summary')).toBeVisible();

  const bandNames = EXERCISES.filter((e) => BAND_EXERCISES.includes(e.id)).map((e) => e.name);
  expect([...shown].filter((n) => bandNames.includes(n))).toEqual([]);

  const table = await summaryTable(page);
  for (const e of EXERCISES) {
    const expected = BAND_EXERCISES.includes(e.id)
      ? ['skipped: no theraband', 'skipped: no theraband']
      : ['skipped', 'skipped'];
    expect(table[e.id], e.id).toEqual(expected);
  }

  // The choice is kept for the next visit to home.
  await page.getByRole('button', { name: 'Home', exact: true }).click();
  await showSettings(page);
  await expect(page.getByRole('checkbox', { name: 'theraband', exact: true })).not.toBeChecked();
  await expect(page.getByTestId('routine').locator('li.exercise.skipped')).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('a minute hidden mid-exercise: on return the player shows where the routine is now', async ({
  page,
  errors,
  browser,
}) => {
  // A second, never-hidden run in its own context, side by side with the same clock.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  const otherErrors: string[] = [];
  other.on('console', (m) => m.type() === 'error' && otherErrors.push(`console.error: ${m.text()}`));
  other.on('pageerror', (e) => otherErrors.push(`pageerror: ${e.message}`));

  for (const p of [page, other]) {
    await openWithClock(p);
    await start(p);
    await skipTo(p, 'Lateral leg raises');
    // 9.2 s in: rep 1 done, rep 2 on its way up.
    await p.clock.runFor(9_200);
    expect(await readPlayer(p)).toMatchObject({
      exercise: 'Lateral leg raises',
      leg: 'LEFT',
      count: '1 / 15',
      phase: 'lifting',
    });
  }

  await setHidden(page, true);
  await page.clock.fastForward(60_000); // the tablet sleeps: no ticks for a minute
  await setHidden(page, false);
  await other.clock.runFor(60_000); // the other one ticks all along

  // 69.2 s in: left leg done at 50 s, 5 s switch, 5 s get ready, right leg from 60 s:
  // 3 reps done at 69 s, the 4th on its way up.
  const expected = {
    exercise: 'Lateral leg raises',
    leg: 'RIGHT',
    count: '3 / 15',
    phase: 'lifting',
    label: 'Up… 1',
  };
  const back = await readPlayer(page);
  const ticked = await readPlayer(other);
  expect(back).toMatchObject(expected);
  expect(back).toEqual(ticked);

  // And it goes on from there like the other one.
  await page.clock.runFor(3_000);
  await other.clock.runFor(3_000);
  expect(await readPlayer(page)).toMatchObject({ count: '4 / 15', leg: 'RIGHT' });
  expect(await readPlayer(page)).toEqual(await readPlayer(other));

  await otherContext.close();
  expect(otherErrors).toEqual([]);
  expect(errors).toEqual([]);
});

test.describe('on a 1280×800 screen', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the rep count is at least a fifth of the screen high and on screen', async ({ page, errors }) => {
    await openWithClock(page);
    await start(page);
    const count = page.getByTestId('count');
    const check = async (when: string) => {
      const box = await count.boundingBox();
      expect(box, when).not.toBeNull();
      expect(box!.height, `${when}: count height ${box!.height}px of 800px`).toBeGreaterThanOrEqual(0.2 * 800);
      await expect(count, when).toBeInViewport({ ratio: 1 });
    };
    await check('get ready');
    await page.clock.runFor(5_500);
    await expect(page.getByTestId('player')).toHaveAttribute('data-phase', 'lifting');
    await check('lifting');
    await control(page, 'Pause').click();
    await check('paused');
    expect(errors).toEqual([]);
  });
});

test('keyboard: P pauses and resumes, arrows skip and go back, Space and Enter count in tap mode', async ({
  page,
  errors,
}) => {
  await openWithClock(page);
  await start(page);
  const phase = page.getByTestId('phase');
  const exercise = page.getByTestId('exercise');

  await page.clock.runFor(2_200); // get ready: 2.8 s left
  await expect(page.getByTestId('countdown')).toHaveText(exact('3'));
  await page.keyboard.press('p');
  await expect(phase).toHaveText(exact('Paused'));
  await expect(page.getByTestId('pause')).toHaveText(exact('Resume'));
  await page.clock.runFor(10_000);
  await expect(page.getByTestId('countdown')).toHaveText(exact('3'));
  await page.keyboard.press('p');
  await expect(phase).toHaveText(exact('Get ready'));
  await expect(page.getByTestId('pause')).toHaveText(exact('Pause'));
  await page.clock.runFor(3_000);
  await expect(page.getByTestId('player')).toHaveAttribute('data-phase', /lifting|holding|lowering/);

  await page.keyboard.press('ArrowRight');
  await expect(exercise).toHaveText(exact('Lateral leg raises'));
  await page.keyboard.press('ArrowRight');
  await expect(exercise).toHaveText(exact('Donkey kicks'));
  await page.keyboard.press('ArrowLeft');
  await expect(exercise).toHaveText(exact('Lateral leg raises'));

  // Tap mode from the player's own switch, then count with the keyboard.
  const mode = page.getByTestId('mode');
  await mode.click();
  await expect(mode).toHaveText(exact('Counting: Tap to count'));
  await page.clock.runFor(5_200);
  await expect(page.getByTestId('player')).toHaveAttribute('data-phase', 'awaiting-rep');
  await expect(page.getByTestId('count')).toHaveText(exact('0 / 15'));
  await page.keyboard.press('Space');
  await expect(page.getByTestId('count')).toHaveText(exact('1 / 15'));
  await page.keyboard.press('Space');
  await expect(page.getByTestId('count')).toHaveText(exact('2 / 15'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('count')).toHaveText(exact('3 / 15'));
  // The keys counted reps and did nothing else: still tap mode, same exercise.
  await expect(mode).toHaveText(exact('Counting: Tap to count'));
  await expect(exercise).toHaveText(exact('Lateral leg raises'));
  await expect(page.getByTestId('player')).toHaveAttribute('data-phase', 'awaiting-rep');
  expect(errors).toEqual([]);
});
