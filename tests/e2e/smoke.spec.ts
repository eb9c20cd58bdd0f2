import { test, expect, openApp } from './fixtures';

const EXERCISES = [
  'Clams',
  'Lateral leg raises',
  'Donkey kicks',
  'Donkey whips',
  'Fire hydrants',
  'Knee circles forward',
  'Theraband balance',
  'Standing hip flexor',
  'Standing hip abductor',
  'Hip hikes',
];

const exact = (s: string) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');

test('app loads without console errors and lists the ten exercises in order', async ({ page, errors }) => {
  await openApp(page);
  await expect(page).toHaveTitle(/Bia/);

  const routine = page.getByTestId('routine');
  // Soft: if the UI is wrong we still get to the error check below, so a panic is reported too.
  await expect.soft(routine.locator(':scope > li')).toHaveCount(EXERCISES.length);
  await expect.soft(routine.locator(':scope > li .exercise-name')).toHaveText(EXERCISES.map(exact));

  expect(errors, 'console errors / uncaught exceptions').toEqual([]);
});
