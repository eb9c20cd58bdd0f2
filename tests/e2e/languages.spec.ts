// Bia in the browser's language: picked from navigator.languages, changed in settings and kept,
// spoken with the utterance's language set, laid out without overflow in every language, and
// still there offline. Every expected word is read from the language files, never written here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, showSettings } from './fixtures';
import { DIST, ROOT, Server, waitForController } from './pwa-helpers';

interface LanguageFile {
  language: string;
  name: string;
  ui: Record<string, string>;
  speech: Record<string, string | string[]>;
  routine?: { title: string; exercises: Record<string, { name: string; instructions: string }> };
}

const file = (code: string): LanguageFile =>
  JSON.parse(readFileSync(path.join(ROOT, 'assets/text', `${code}.json`), 'utf8'));
const CODES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'];
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** The routine's title and first exercise's name as a language shows them. */
function routineWords(code: string): { title: string; first: string } {
  const t = file(code);
  if (t.routine) return { title: t.routine.title, first: t.routine.exercises.clams.name };
  const routine = JSON.parse(readFileSync(path.join(ROOT, 'assets/routine.json'), 'utf8'));
  return { title: routine.title, first: routine.exercises[0].name };
}

async function expectHomeIn(page: Page, code: string): Promise<void> {
  const t = file(code);
  await expect(page.locator('html')).toHaveAttribute('lang', code);
  await expect(button(page, t.ui.start)).toBeVisible();
  const { title, first } = routineWords(code);
  await expect(page.locator('.routine-title')).toHaveText(title);
  await expect(page.getByTestId('routine')).toContainText(first);
}

for (const [locale, code] of [
  ['de-DE', 'de'],
  ['fr-FR', 'fr'],
  ['es-ES', 'es'],
  ['pt-BR', 'pt'],
] as const) {
  test.describe(`a browser in ${locale}`, () => {
    test.use({ locale });
    test(`opens in ${file(code).name}`, async ({ page, errors }) => {
      await openApp(page);
      await expectHomeIn(page, code);
      // Never English first: the first screen painted is already in the language.
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(code);
      expect(errors).toEqual([]);
    });
  });
}

test.describe('a German browser', () => {
  test.use({ locale: 'de-AT' });

  test('switches to English in settings, keeps it over a reload, and back to automatic', async ({
    page,
    errors,
  }) => {
    await openApp(page);
    await expectHomeIn(page, 'de');
    await showSettings(page);
    const choice = page.getByTestId('language');
    // "Automatic" names the browser's language in its own name.
    await expect(choice.locator('option').first()).toHaveText(
      file('de').ui.language_automatic.replace('{language}', file('de').name),
    );
    await choice.selectOption('en');
    await expectHomeIn(page, 'en');
    await page.reload();
    await expectHomeIn(page, 'en');
    await showSettings(page);
    await expect(page.getByTestId('language')).toHaveValue('en');
    await page.getByTestId('language').selectOption('');
    await expectHomeIn(page, 'de');
    await page.reload();
    await expectHomeIn(page, 'de');
    expect(errors).toEqual([]);
  });
});

test.describe('a Brazilian browser', () => {
  test.use({ locale: 'pt-BR' });

  test('speaks the cues in Portuguese, with the utterance language set', async ({ page, errors }) => {
    // Speech captured: each utterance's words and language, then an "end" soon after.
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        spoken.push({ text: u.text, lang: u.lang });
        setTimeout(() => u.onend?.(new Event('end') as SpeechSynthesisEvent), 50);
      };
    });
    await openApp(page);
    const pt = file('pt');
    await button(page, pt.ui.start).click();
    await expect(page.getByTestId('player')).toBeVisible();
    const spoken = () => page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    await expect.poll(async () => (await spoken()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const said = await spoken();
    const intro = (leg: string) =>
      (pt.speech.intro as string)
        .replace('{leg}', leg)
        .replace('{exercise}', pt.routine!.exercises.clams.name)
        .replace('{target}', '20');
    expect([intro(pt.speech.left as string), intro(pt.speech.right as string)]).toContain(said[0].text);
    for (const { lang } of said) expect(lang).toBe('pt-BR');
    const english = file('en');
    const englishWords = new Set(Object.values(english.speech).flat());
    for (const { text } of said) expect(englishWords.has(text), text).toBe(false);
    expect(errors).toEqual([]);
  });
});

/** What sticks out: the page wider than the screen, or a control whose text does not fit. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      found.push(`the page is ${document.documentElement.scrollWidth} px wide on a ${width} px screen`);
    }
    const name = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll<HTMLElement>('button, select, label, output, h1, h2, h3, p, li, a')) {
      const box = el.getBoundingClientRect();
      // Hidden, or there for screen readers only (a 1 px box that clips by design).
      if (box.width <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
      if (box.right > width + 1 || box.left < -1) found.push(`${name(el)} goes past the screen's edge`);
      if (el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)} is clipped (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return found;
  });
}

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 800, height: 1280 },
  { width: 1280, height: 800 },
];

for (const code of CODES) {
  test(`every screen holds its layout in ${file(code).name}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const t = file(code);
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ locale: code, viewport });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const at = (screen: string) => `${code} ${viewport.width}×${viewport.height} ${screen}`;
      await openApp(page);
      await expectHomeIn(page, code);
      await showSettings(page);
      await expect(page.getByTestId('language')).toBeVisible();
      expect(await overflows(page), at('home and settings')).toEqual([]);

      await button(page, t.ui.start).click();
      await expect(page.getByTestId('player')).toBeVisible();
      await button(page, t.ui.pause).click();
      expect(await overflows(page), at('paused player')).toEqual([]);
      await button(page, t.ui.end).click();
      await expect(page.getByTestId('summary')).toBeVisible();
      expect(await overflows(page), at('summary')).toEqual([]);
      await button(page, t.ui.home).click();

      await button(page, t.ui.history).click();
      await expect(page.getByRole('heading', { name: t.ui.history, level: 1 })).toBeVisible();
      expect(await overflows(page), at('history')).toEqual([]);
      await button(page, t.ui.home).click();

      await button(page, t.ui.my_routine).click();
      await expect(page.getByTestId('my-routine-screen')).toBeVisible();
      expect(await overflows(page), at('my routine')).toEqual([]);
      expect(errors, at('errors')).toEqual([]);
      await context.close();
    }
  });
}

/** Pages in a PDF made by Chromium. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

for (const code of CODES) {
  test(`the routine prints on two A4 pages in ${file(code).name}`, async ({ browser }) => {
    const context = await browser.newContext({ locale: code });
    const page = await context.newPage();
    await openApp(page);
    await expectHomeIn(page, code);
    await page.emulateMedia({ media: 'print' });
    const print = page.getByTestId('print-routine');
    await expect(print).toBeVisible();
    await expect(print.locator('li.print-exercise')).toHaveCount(10);
    await expect(print.locator('h1')).toHaveText(routineWords(code).title);
    expect(pageCount(await page.pdf({ format: 'A4' })), code).toBe(2);
    await context.close();
  });
}

test('the device switched to German mid-session: the player carries on, in the new words', async ({ page, errors }) => {
  await openApp(page);
  await button(page, file('en').ui.start).click();
  const player = page.getByTestId('player');
  await expect(player).toBeVisible();
  await button(page, file('en').ui.pause).click();
  const phase = await player.getAttribute('data-phase');
  const count = await page.getByTestId('count').textContent();

  // What the browser does when its user changes the system's languages.
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['de-DE', 'de'] });
    window.dispatchEvent(new Event('languagechange'));
  });
  const de = file('de');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(button(page, de.ui.resume)).toBeVisible();
  await expect(player).toContainText(de.routine!.exercises.clams.name);
  // The same session, where it was.
  expect(await player.getAttribute('data-phase')).toBe(phase);
  expect(await page.getByTestId('count').textContent()).toBe(count);
  await button(page, de.ui.resume).click();
  await expect(button(page, de.ui.pause)).toBeVisible();
  expect(errors).toEqual([]);
});

test('a language chosen once still loads offline', async ({ browser }) => {
  test.setTimeout(120_000);
  const server = await Server.start(DIST, '/');
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await waitForController(page);
    await showSettings(page);
    await page.getByTestId('language').selectOption('nl');
    await expectHomeIn(page, 'nl');
    // The host gone: the language comes from the service worker's cache.
    await server.stop();
    await page.reload();
    await expectHomeIn(page, 'nl');
  } finally {
    await server.stop();
    await context.close();
  }
});
