// Exercise figures: one per exercise on the home screen, in step with the pacer in the player,
// still under reduced motion, and the whole routine on paper.
import type { Locator, Page } from '@playwright/test';
import { EXERCISE_NAMES } from './exercise-names.mjs';
import { test, expect, installClock, openApp } from './fixtures';

const IDS = [
  'clams',
  'lateral-leg-raises',
  'donkey-kicks',
  'donkey-whips',
  'fire-hydrants',
  'knee-circles',
  'theraband-balance',
  'standing-hip-flexor',
  'standing-hip-abductor',
  'hip-hikes',
];

/** A Monday morning; the clock only moves when the test moves it. */
const T0 = new Date('2026-01-05T08:00:00').getTime();

async function openOnClock(page: Page): Promise<void> {
  await installClock(page, { time: T0 });
  await openApp(page);
  await page.clock.pauseAt(T0 + 60_000);
  await expect(page.getByTestId('routine')).toBeVisible();
}

async function progressOf(figure: Locator): Promise<number> {
  return Number(await figure.getAttribute('data-progress'));
}

/** Pages in a PDF made by Chromium. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

test('every exercise on the home screen shows its figure', async ({ page, errors }) => {
  await openApp(page);
  const items = page.getByTestId('routine').locator(':scope > li');
  await expect(items).toHaveCount(IDS.length);
  for (const [i, id] of IDS.entries()) {
    // A figure's film strip is drawn when it first comes on screen.
    await items.nth(i).scrollIntoViewIfNeeded();
    const figure = items.nth(i).getByTestId('figure');
    await expect(figure, id).toHaveCount(1);
    await expect(figure, id).toBeVisible();
    await expect(figure, id).toHaveAttribute('data-exercise', id);
    await expect(figure, id).toHaveAttribute('role', 'img');
    await expect(figure, id).toHaveAttribute('aria-label', `${EXERCISE_NAMES[i]}: how it moves`);
    // A drawn working leg and a head.
    await expect(figure.locator('path.figure-working'), id).toHaveAttribute('d', /^M-?\d+ -?\d+L/);
    await expect(figure.locator('path.figure-head'), id).toHaveAttribute('d', /^M-?\d+ -?\d+a\d+ /);
  }
  expect(errors).toEqual([]);
});

/**
 * The frames the figure of `id` on home shows `ms` into its loop: its film strip's animation is
 * stopped and set to each time, and the frame is read off where the strip stands in its window.
 * This reads the animation itself, not the moment the test happens to look.
 */
async function loopFrames(page: Page, id: string, times: number[]) {
  // Drawn when it first comes on screen.
  await page.locator(`li[data-id="${id}"]`).scrollIntoViewIfNeeded();
  await page.locator(`li[data-id="${id}"] svg.figure-strip`).waitFor({ state: 'attached' });
  return page.evaluate(
    ([id, times]) => {
      const figure = document.querySelector(`li[data-id="${id}"] [data-testid="figure"]`) as HTMLElement;
      const strip = figure.querySelector('svg.figure-strip') as SVGSVGElement;
      const [animation] = strip.getAnimations();
      const timing = animation.effect!.getComputedTiming();
      animation.pause();
      const width = figure.getBoundingClientRect().width;
      const frames = times.map((ms) => {
        animation.currentTime = ms;
        return Math.abs(Math.round(-new DOMMatrix(getComputedStyle(strip).transform).m41 / width));
      });
      return { frames, duration: timing.duration, iterations: timing.iterations };
    },
    [id, times] as [string, number[]],
  );
}

test('the home figures loop at the exercise tempo, moved by the browser', async ({ page, errors }) => {
  await openApp(page);
  // Clams: 1.5 s up, 10 s at the top, 1.5 s down, again.
  const clams = await loopFrames(page, 'clams', [0, 750, 1_500, 6_000, 11_400, 12_250, 13_000]);
  expect(clams.duration).toBe(13_000);
  expect(clams.iterations).toBe(Infinity);
  const [start, rising, top, holding, stillTop, lowering, again] = clams.frames;
  expect(start).toBe(0);
  expect(rising).not.toBe(start);
  expect(rising).not.toBe(top);
  expect(holding).toBe(top);
  expect(stillTop).toBe(top);
  expect(lowering).not.toBe(top);
  expect(lowering).not.toBe(start);
  expect(again).toBe(start);
  // The standing hip flexor: 2 s up, 2 s down, no hold.
  const flexor = await loopFrames(page, 'standing-hip-flexor', [0, 1_000, 2_000, 2_100, 4_000]);
  expect(flexor.duration).toBe(4_000);
  const [down, halfway, up, moving, back] = flexor.frames;
  expect(halfway).not.toBe(down);
  expect(up).not.toBe(halfway);
  expect(moving).not.toBe(up);
  expect(back).toBe(down);
  expect(errors).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('only the figures on screen move, and one never seen is not drawn', async ({ page, errors }) => {
    await openApp(page);
    const state = (id: string) =>
      page.evaluate(
        // Undefined until the strip is drawn.
        (id) => document.querySelector(`li[data-id="${id}"] svg.figure-strip`)?.getAnimations()[0]?.playState,
        id,
      );
    const routine = page.getByTestId('routine');
    await routine.locator('li[data-id="clams"]').scrollIntoViewIfNeeded();
    await expect.poll(() => state('clams')).toBe('running');
    await expect(routine.locator('li[data-id="hip-hikes"] svg.figure-strip')).toHaveCount(0);
    await routine.locator('li[data-id="hip-hikes"]').scrollIntoViewIfNeeded();
    await expect.poll(() => state('hip-hikes')).toBe('running');
    await expect.poll(() => state('clams')).toBe('paused');
    expect(errors).toEqual([]);
  });
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('each exercise shows its start and top positions side by side, still', async ({ page, errors }) => {
    await openOnClock(page);
    const routine = page.getByTestId('routine');
    for (const id of IDS) {
      const figures = routine.locator(`li[data-id="${id}"]`).getByTestId('figure');
      await expect(figures, id).toHaveCount(2);
      await expect(figures.nth(0), id).toHaveAttribute('data-progress', '0.00');
      await expect(figures.nth(0), id).toHaveAttribute('aria-label', 'Start position');
      await expect(figures.nth(1), id).toHaveAttribute('data-progress', '1.00');
      await expect(figures.nth(1), id).toHaveAttribute('aria-label', 'Top position');
    }
    const clams = routine.locator('li[data-id="clams"] path.figure-working').first();
    const before = await clams.getAttribute('d');
    await page.clock.runFor(2_000);
    const after = await clams.getAttribute('d');
    expect(after).toBe(before);
    expect(errors).toEqual([]);
  });
});

test('in the player the figure rises, holds, lowers and pauses with the pacer', async ({ page, errors }) => {
  await openOnClock(page);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const player = page.getByTestId('player');
  const figure = player.getByTestId('figure');
  await expect(figure).toHaveCount(1);
  await expect(figure).toHaveAttribute('data-exercise', 'clams');
  await expect(figure).toHaveClass(/figure-left/);

  // Get ready (5 s): the start position.
  await page.clock.runFor(2_000);
  await expect(figure).toHaveAttribute('data-progress', '0.00');
  const startPose = await figure.locator('path.figure-working').getAttribute('d');

  // Clams: 1.5 s up from 5 s, so halfway up at 5.75 s.
  await page.clock.runFor(3_750);
  await expect(player).toHaveAttribute('data-phase', 'lifting');
  expect(await progressOf(figure)).toBeCloseTo(0.5, 1);
  expect(await figure.locator('path.figure-working').getAttribute('d')).not.toBe(startPose);

  // Holding (10 s from 6.5 s): at the top.
  await page.clock.runFor(3_000);
  await expect(player).toHaveAttribute('data-phase', 'holding');
  await expect(figure).toHaveAttribute('data-progress', '1.00');

  // Lowering from 16.5 s: halfway down at 17.25 s.
  await page.clock.runFor(8_500);
  await expect(player).toHaveAttribute('data-phase', 'lowering');
  expect(await progressOf(figure)).toBeCloseTo(0.5, 1);

  // The next rep: halfway up at 18.75 s; paused there, it stays there.
  await page.clock.runFor(1_500);
  await expect(player).toHaveAttribute('data-phase', 'lifting');
  const paused = await progressOf(figure);
  expect(paused).toBeCloseTo(0.5, 1);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.clock.runFor(5_000);
  expect(await progressOf(figure)).toBe(paused);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await page.clock.runFor(400);
  expect(await progressOf(figure)).toBeGreaterThan(paused);

  // The right leg: the mirror image.
  await page.getByRole('button', { name: 'Done with this leg', exact: true }).click();
  await expect(page.getByTestId('leg')).toContainText('RIGHT');
  await expect(figure).toHaveClass(/figure-right/);
  await expect(figure).toHaveAttribute('data-exercise', 'clams');
  expect(errors).toEqual([]);
});

test.describe('on a 1280×800 tablet', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the figure sits beside the count, which stays a fifth of the screen high', async ({ page, errors }) => {
    // Ten reps of a 10 s hold on the test clock: some 20 s alone, longer beside other tests.
    test.slow();
    await openOnClock(page);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const count = page.getByTestId('count');
    const figure = page.getByTestId('player').getByTestId('figure');
    const check = async (when: string) => {
      const c = (await count.boundingBox())!;
      const f = (await figure.boundingBox())!;
      expect(c.height, `${when}: count height`).toBeGreaterThanOrEqual(0.2 * 800);
      await expect(count, when).toBeInViewport({ ratio: 1 });
      await expect(figure, when).toBeInViewport({ ratio: 1 });
      expect(f.width, `${when}: figure width`).toBeGreaterThanOrEqual(80);
      // Beside: on the count's row, not over it.
      const middle = f.y + f.height / 2;
      expect(middle, when).toBeGreaterThan(c.y);
      expect(middle, when).toBeLessThan(c.y + c.height);
      expect(f.x + f.width, when).toBeLessThanOrEqual(c.x);
    };
    await check('get ready');
    await page.clock.runFor(5_750);
    await check('lifting');
    // A wider count: ten reps tapped (each with its 10 s hold).
    await page.getByTestId('mode').click();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Space');
      await page.clock.runFor(10_500);
    }
    await expect(count).toContainText('10 /');
    await check('ten reps');
    expect(errors).toEqual([]);
  });
});

test.describe('on a 768×1024 portrait tablet', () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test('the figure sits above the count, and nothing spills off the screen', async ({ page, errors }) => {
    await openOnClock(page);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.clock.runFor(5_750);
    const count = page.getByTestId('count');
    const figure = page.getByTestId('player').getByTestId('figure');
    await expect(figure).toBeInViewport({ ratio: 1 });
    await expect(count).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('pause')).toBeInViewport({ ratio: 1 });
    const c = (await count.boundingBox())!;
    const f = (await figure.boundingBox())!;
    expect(f.y + f.height).toBeLessThanOrEqual(c.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    expect(errors).toEqual([]);
  });
});

test('print gives the whole routine with figures, on two pages, without the controls', async ({ page, errors }) => {
  await openApp(page);
  const print = page.getByTestId('print-routine');
  // Built only while printing.
  await expect(print).toHaveCount(0);

  // The button opens the browser's print dialog.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  await expect(print).toBeVisible();
  const items = print.locator('li.print-exercise');
  await expect(items).toHaveCount(IDS.length);
  for (const [i, id] of IDS.entries()) {
    const item = items.nth(i);
    await expect(item).toHaveAttribute('data-id', id);
    await expect(item.getByRole('heading', { name: EXERCISE_NAMES[i], exact: true })).toBeVisible();
    const figures = item.getByTestId('figure');
    await expect(figures, id).toHaveCount(2);
    await expect(figures.nth(0), id).toBeVisible();
    await expect(figures.nth(0), id).toHaveAttribute('data-progress', '0.00');
    await expect(figures.nth(1), id).toBeVisible();
    await expect(figures.nth(1), id).toHaveAttribute('data-progress', '1.00');
    await expect(item, id).toContainText('each leg');
    await expect(item, id).toContainText(/reps/);
  }
  await expect(items.nth(0)).toContainText('Hold for 10 seconds at the top');
  await expect(items.nth(0)).toContainText('Start position');
  await expect(items.nth(0)).toContainText('Top position');

  // No controls or settings on paper.
  for (const name of ['Start', 'Print']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeHidden();
  }
  await expect(page.getByTestId('routine')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeHidden();
  for (const input of await page.locator('input, select').all()) await expect(input).toBeHidden();

  expect(pageCount(await page.pdf({ format: 'A4' }))).toBe(2);
  expect(pageCount(await page.pdf({ format: 'Letter' }))).toBe(2);

  await page.emulateMedia({ media: 'screen' });
  await expect(print).toHaveCount(0);
  expect(errors).toEqual([]);
});

test.describe('in a browser that cannot tell what is on screen', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('every figure is drawn and the settings are built, without scrolling', async ({ page, errors }) => {
    await page.addInitScript(() => {
      delete (window as unknown as { IntersectionObserver?: unknown }).IntersectionObserver;
    });
    await openApp(page);
    const routine = page.getByTestId('routine');
    // hip-hikes is the last, far below the fold on a phone.
    await expect(routine.locator('li[data-id="hip-hikes"] svg.figure-strip')).toHaveCount(1);
    await expect(routine.locator('svg.figure-strip')).toHaveCount(IDS.length);
    await expect(page.locator('section.settings')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});
