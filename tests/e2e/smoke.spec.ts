import { EXERCISE_NAMES } from './exercise-names.mjs';
import { test, expect, openApp } from './fixtures';


const exact = (s: string) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');

test('app loads without console errors and lists the ten exercises in order', async ({ page, errors }) => {
  await openApp(page);
  await expect(page).toHaveTitle(/Bia/);

  const routine = page.getByTestId('routine');
  // Soft: if the UI is wrong we still get to the error check below, so a panic is reported too.
  await expect.soft(routine.locator(':scope > li')).toHaveCount(EXERCISE_NAMES.length);
  await expect.soft(routine.locator(':scope > li .exercise-name')).toHaveText(EXERCISE_NAMES.map(exact));

  expect(errors, 'console errors / uncaught exceptions').toEqual([]);
});
