// Shared helpers for the player specs: a controlled clock, reading the player, the summary,
// hiding and showing the page.
import { expect, type Page } from '@playwright/test';
import { installClock, openApp } from './fixtures';

/** When every test's clock starts (a Monday morning). */
export const T0 = new Date('2026-01-05T08:00:00').getTime();

/** The routine, in order: id and the name shown. */
export const EXERCISES = [
  { id: 'clams', name: 'Clams' },
  { id: 'lateral-leg-raises', name: 'Lateral leg raises' },
  { id: 'donkey-kicks', name: 'Donkey kicks' },
  { id: 'donkey-whips', name: 'Donkey whips' },
  { id: 'fire-hydrants', name: 'Fire hydrants' },
  { id: 'knee-circles', name: 'Knee circles forward' },
  { id: 'theraband-balance', name: 'Theraband balance' },
  { id: 'standing-hip-flexor', name: 'Standing hip flexor' },
  { id: 'standing-hip-abductor', name: 'Standing hip abductor' },
  { id: 'hip-hikes', name: 'Hip hikes' },
] as const;

export const BAND_EXERCISES = ['theraband-balance', 'standing-hip-flexor', 'standing-hip-abductor'];

/** Default reps per leg, as the summary shows a completed leg. */
export const DEFAULT_TARGET: Record<string, number> = {
  clams: 20,
  'lateral-leg-raises': 15,
  'donkey-kicks': 15,
  'donkey-whips': 15,
  'fire-hydrants': 15,
  'knee-circles': 15,
  'theraband-balance': 15,
  'standing-hip-flexor': 15,
  'standing-hip-abductor': 10,
  'hip-hikes': 15,
};

/** A whole-string match, ignoring surrounding whitespace. */
export const exact = (s: string) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/**
 * Opens the app on a fake clock that only moves when the test moves it (runFor / fastForward):
 * the clock starts at T0, the page loads, then the clock is paused at T0 + 1 min, so every later
 * figure is exact.
 */
export async function openWithClock(page: Page): Promise<void> {
  await installClock(page, { time: T0 });
  await openApp(page);
  await page.clock.pauseAt(T0 + 60_000);
  await expect(page.getByTestId('routine')).toBeVisible();
}

/**
 * Lets `ms` of time pass in steps of `stepMs`, each step firing every due timer of the app once
 * at its end (page.clock.fastForward), as a throttled tab would. Much cheaper than runFor, which
 * runs every 16 ms animation frame; the app computes time from timestamps, so the state reached
 * is the same.
 */
export async function stepFor(page: Page, ms: number, stepMs = 1_000): Promise<void> {
  for (let done = 0; done < ms; done += stepMs) {
    await page.clock.fastForward(Math.min(stepMs, ms - done));
  }
}

/** Clicks Start on the home screen and waits for the player. */
export async function start(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('player')).toBeVisible();
}

/** A player control by its visible name. */
export const control = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** What the player shows, read in one go. */
export interface PlayerView {
  phase: string; // data-phase
  exercise: string;
  leg: 'LEFT' | 'RIGHT' | string;
  count: string;
  label: string; // the phase text
  countdown: string;
}

export async function readPlayer(page: Page): Promise<PlayerView | null> {
  return page.evaluate(() => {
    const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
    const player = q('player');
    if (!player) return null;
    const t = (id: string) => (q(id)?.textContent ?? '').trim();
    const legText = t('leg');
    const leg = legText.includes('LEFT') ? 'LEFT' : legText.includes('RIGHT') ? 'RIGHT' : legText;
    return {
      phase: player.getAttribute('data-phase') ?? '',
      exercise: t('exercise'),
      leg,
      count: t('count'),
      label: t('phase'),
      countdown: t('countdown'),
    };
  });
}

/** The summary's cells for one exercise: [left, right]. */
export async function summaryRow(page: Page, id: string): Promise<[string, string]> {
  const cells = page.getByTestId('summary').locator(`tr[data-id="${id}"] td`);
  await expect(cells).toHaveCount(2);
  const texts = await cells.allTextContents();
  return [texts[0].trim(), texts[1].trim()];
}

/** Every summary row: id -> [left, right]. */
export async function summaryTable(page: Page): Promise<Record<string, [string, string]>> {
  await expect(page.getByTestId('summary')).toBeVisible();
  return page.evaluate(() => {
    const out: Record<string, [string, string]> = {};
    for (const tr of document.querySelectorAll('[data-testid="summary"] tr[data-id]')) {
      const tds = [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim());
      out[tr.getAttribute('data-id')!] = [tds[0], tds[1]];
    }
    return out;
  });
}

/** Skips forward (the Skip button) until the player shows `name`. */
export async function skipTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < EXERCISES.length; i++) {
    const shown = (await page.getByTestId('exercise').textContent())?.trim();
    if (shown === name) return;
    await control(page, 'Skip').click();
  }
  await expect(page.getByTestId('exercise')).toHaveText(exact(name));
}

/** Makes the page look hidden (tab in the background, screen off) or visible again. */
export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, hidden);
}
