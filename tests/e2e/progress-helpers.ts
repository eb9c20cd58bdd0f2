// Helpers for the progress specs: seeding the stored document, finishing sessions quickly,
// the history screen, downloads and imports.
import { readFile } from 'node:fs/promises';
import { expect, type Download, type Page } from '@playwright/test';
import { control } from './helpers';

export { DAY, exportDocument, generatedSessions, sessionRecord, storedDocument } from './progress-data.mjs';

/** The texts the tests look for (assets/text/en.json). */
export const TEXT = {
  unreadable: 'Saved data could not be read. It was kept aside as a backup and Bia started fresh.',
  unavailable: 'Storage is off in this browser: progress is kept only while this page is open.',
  full: 'Storage is full: the workout goes on, but new progress cannot be saved.',
  unreadableNotMoved:
    'Saved data could not be read, and storage is too full to keep it aside. Download it: until then Bia saves nothing, so it is not overwritten.',
  noSessions: 'No sessions yet. Finish a routine and it shows up here.',
};

/** Storage too full to set unreadable data aside: writing `bia.unreadable` fails with a quota error. */
export async function noRoomToSetAside(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === 'bia.unreadable') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
}

/** Puts `raw` in localStorage 'bia' before the app's first load in this tab (not on reloads). */
export async function seedStored(page: Page, raw: string): Promise<void> {
  await page.addInitScript((raw) => {
    if (sessionStorage.getItem('progress-seeded')) return;
    sessionStorage.setItem('progress-seeded', '1');
    localStorage.setItem('bia', raw);
  }, raw);
}

/** The stored text under `key`. */
export const stored = (page: Page, key = 'bia') => page.evaluate((key) => localStorage.getItem(key), key);

export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Start, Pause, End: a finished session (not abandoned), then back home. */
export async function finishSession(page: Page): Promise<void> {
  await button(page, 'Start').click();
  await expect(page.getByTestId('player')).toBeVisible();
  await control(page, 'Pause').click();
  await control(page, 'End').click();
  await expect(page.getByTestId('summary')).toBeVisible();
  await button(page, 'Home').click();
  await expect(page.getByTestId('routine')).toBeVisible();
}

export async function openHistory(page: Page): Promise<void> {
  await button(page, 'History').click();
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
}

/** The recent sessions as shown, newest first: "date · time · status". */
export async function recentSessions(page: Page): Promise<string[]> {
  const rows = page.getByTestId('recent-sessions').locator('li');
  return (await rows.evaluateAll((lis) =>
    lis.map((li) => [...li.children].map((c) => (c.textContent ?? '').trim()).join(' · ')),
  )) as string[];
}

/** The calendar's days that have sessions, by their labels. */
export async function busyDays(page: Page): Promise<string[]> {
  return page
    .getByTestId('calendar')
    .locator('rect:not([data-sessions="0"])')
    .evaluateAll((rects) => rects.map((r) => r.getAttribute('aria-label') ?? ''));
}

/** Clicks `name` and returns the file it downloads: its name and text. */
export async function download(page: Page, name: string): Promise<{ name: string; text: string; file: Download }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, name).click()]);
  const text = await readFile((await file.path())!, 'utf8');
  return { name: file.suggestedFilename(), text, file };
}

/** Chooses a file for Import on the history screen. */
export async function importFile(page: Page, name: string, contents: string | Buffer): Promise<void> {
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: typeof contents === 'string' ? Buffer.from(contents) : contents,
  });
}
