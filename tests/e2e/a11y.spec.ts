// Accessibility: an axe-core scan of each screen. Serious and critical violations fail the test,
// listed by rule, impact and the elements at fault.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openApp, showSettings } from './fixtures';
import { control } from './helpers';

type Found = { id: string; impact: string; help: string; targets: string[] };

/** Serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<Found[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

// Each scan takes a few seconds on a busy machine.
test.describe.configure({ timeout: 180_000 });

// Real time here (no fake clock): axe runs on the page's own timers.
test('axe: home, player and summary have no serious or critical violations', async ({ page, errors }) => {
  await openApp(page);
  await expect(page.getByTestId('routine')).toBeVisible();
  // With the settings, built as they come near.
  await showSettings(page);
  const home = await seriousViolations(page);
  // Home with exercises left out (no theraband today): they are shown, marked skipped.
  const band = page.getByRole('checkbox', { name: 'theraband', exact: true });
  await band.uncheck();
  await expect(page.getByTestId('routine').locator('li.exercise.skipped')).toHaveCount(3);
  const homeNoBand = await seriousViolations(page);
  await band.check();
  await expect(page.getByTestId('routine').locator('li.exercise.skipped')).toHaveCount(0);

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('player')).toBeVisible();
  const player = await seriousViolations(page);

  await control(page, 'Pause').click();
  await expect(control(page, 'End')).toBeVisible();
  const paused = await seriousViolations(page);

  await control(page, 'End').click();
  await expect(page.getByTestId('summary')).toBeVisible();
  const summary = await seriousViolations(page);

  expect.soft(home, 'home').toEqual([]);
  expect.soft(homeNoBand, 'home, no theraband').toEqual([]);
  expect.soft(player, 'player').toEqual([]);
  expect.soft(paused, 'player, paused').toEqual([]);
  expect.soft(summary, 'summary').toEqual([]);
  expect(errors).toEqual([]);
});

test('axe: the "About this exercise" panel has no serious or critical violations', async ({ page, errors }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  // Not paused: a paused player's faded count is reported by the scan of the player above.
  await control(page, 'About this exercise').click();
  const dialog = page.getByRole('dialog', { name: 'About this exercise' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Clams' })).toBeVisible();
  expect.soft(await seriousViolations(page), 'info panel').toEqual([]);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  expect(errors).toEqual([]);
});
