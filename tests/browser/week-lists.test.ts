/**
 * The editor's week, the lists' part: the admin is French from the login page on, the home page
 * shows the call's essentials, and the proposals list reads in French, filters by edition from a
 * list and by state with readable chips. Debian's Chromium, driven by playwright-core.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, describeIfBrowser as browserSuite, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('the lists and the home page');

/** Stock Strapi English that must not reach an editor (whole words, or pieces of messages). */
const ENGLISH = [
  'Create a relation',
  'Delete entry',
  'Set up preview',
  'Available in',
  'Discover your application',
  'Your tasks',
  'Deploy to Strapi Cloud',
  'max.',
  'characters',
  'No content found',
  'Welcome',
  'Log in',
  'Password',
  'Hello',
  'Add Widget',
  'Last edited entries',
  'Project statistics',
  'submitted',
  'Filters',
  'Search for',
  'Entries per page',
];

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let base: string;
const PROPOSALS = () => `${base}/admin/content-manager/collection-types/api::proposal.proposal`;

/** The English strings of the list found in the page's visible text. */
async function englishOn(p: Page): Promise<string[]> {
  const text = await p.locator('body').innerText();
  return ENGLISH.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
}

describeIfBrowser('the lists, the home page and French everywhere', () => {
  beforeAll(async () => {
    app = await startApp(3);
    base = app.base;
    // A fresh profile: no language ever chosen in this browser.
    browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'fr-FR',
      viewport: { width: 1440, height: 1000 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp(app);
  });

  it('shows the login page in French', async () => {
    await page.goto(`${base}/admin/auth/login`);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await englishOn(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'admin-login.png') });
  }, 60_000);

  it('logs in and finds the call’s essentials on the home page, not Strapi’s onboarding', async () => {
    await page.fill('input[name="email"]', 'editrice@example.org');
    await page.fill('input[name="password"]', 'Editrice2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    for (const title of ['Éditions en cours', 'Propositions sans décision', 'Échecs de reconstruction']) {
      await page.getByText(title, { exact: true }).first().waitFor({ timeout: 30_000 });
    }
    await page.getByText('Prochaine étape :').first().waitFor({ timeout: 15_000 });
    // The demo edition's two undecided proposals: a French plural, and a link.
    await page.getByRole('link', { name: '2 propositions sans décision' }).waitFor({ timeout: 15_000 });
    expect(await englishOn(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'admin-home.png') });
  }, 60_000);

  it('lists proposals with their edition, French states, and the duration and date on screen at 1440 px', async () => {
    await page.goto(`${PROPOSALS()}?page=1&pageSize=10&sort=submittedAt:DESC`);
    await page.getByText('DEMO-2023-0001').waitFor({ timeout: 15_000 });
    const headers = await page.locator('thead th').allInnerTexts();
    for (const column of ['Réf.', 'Titre', 'Édition', 'Administration', 'Durée (min)', 'État', 'Reçue le']) {
      expect(headers.map((h) => h.trim().toLowerCase())).toContain(column.toLowerCase());
    }
    // The last column, its header and its dates, ends inside the window.
    for (const cell of [page.locator('thead th').filter({ hasText: 'Reçue le' }), page.locator('tbody tr').first().locator('td').nth(7)]) {
      const box = await cell.first().boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(1440);
    }
    expect(await page.locator('tbody tr').first().locator('td').nth(7).innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const body = await page.locator('tbody').innerText();
    expect(body).toContain('Reçue');
    expect(body).not.toMatch(/\bsubmitted\b|\baccepted\b|\bconfirmed\b/);
    expect(await englishOn(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'admin-proposals-list.png') });
  }, 60_000);

  it('filters by edition from a list of editions, not a title typed', async () => {
    await page.getByRole('combobox', { name: 'Édition' }).click();
    await page.getByRole('option', { name: 'Édition : Journées #BlueHats (édition de démonstration)' }).click();
    await page.waitForURL(/filters.*edition.*documentId/, { timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('combobox', { name: 'Édition' }).innerText()).toContain('Journées #BlueHats (édition de démonstration)');
    expect(await page.locator('tbody').innerText()).not.toContain('DEMO-2023-0001');
    // The stock filter on the edition (a title typed) and the internal fields are not offered.
    await page.getByRole('button', { name: 'Filtres' }).click();
    const popover = page.getByRole('dialog');
    await popover.getByRole('combobox').first().click();
    const fields = await page.getByRole('option').allInnerTexts();
    expect(fields).toContain('État');
    for (const internal of ['Édition', 'Clé anti-doublon', 'Empreinte du lien de suivi', 'Lien de suivi (chiffré)', 'Historique des états']) {
      expect(fields).not.toContain(internal);
    }
  }, 60_000);

  it('filters by state with a chip that reads « État est Reçue »', async () => {
    await page.getByRole('option', { name: 'État', exact: true }).click();
    const popover = page.getByRole('dialog');
    await popover.getByRole('combobox', { name: 'État' }).click();
    await page.getByRole('option', { name: 'Reçue', exact: true }).click();
    await popover.getByRole('button', { name: /ajouter/i }).click();
    await page.getByText('État est Reçue').first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    const url = decodeURIComponent(page.url());
    expect(url).toContain('[state][$eq]=submitted');
    expect(url).toMatch(/\[edition\]\[documentId\]\[\$eq\]=/);
    expect(await englishOn(page)).toEqual([]);
  }, 60_000);

  it('follows the undecided link to the list filtered on the edition and on « Reçue »', async () => {
    await page.goto(`${base}/admin`);
    await page.getByRole('link', { name: '2 propositions sans décision' }).click({ timeout: 30_000 });
    await page.waitForURL(/api::proposal\.proposal/, { timeout: 15_000 });
    await page.getByText('État est Reçue').first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('combobox', { name: 'Édition' }).innerText()).toContain('Édition : ');
    expect(await page.locator('tbody tr').count()).toBe(2);
  }, 60_000);

  it('shows years as written, and no English in the editions and sessions lists', async () => {
    await page.goto(`${base}/admin/content-manager/collection-types/api::edition.edition`);
    await page.getByText('Journées #BlueHats des 6 et 7 décembre 2023').waitFor({ timeout: 15_000 });
    const body = await page.locator('tbody').innerText();
    expect(body).toMatch(/\b2023\b/);
    expect(body).not.toMatch(/\d\s\d{3}\b/);
    expect(await englishOn(page)).toEqual([]);
    await page.goto(`${base}/admin/content-manager/collection-types/api::session.session`);
    await page.locator('tbody tr').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('tbody').innerText()).not.toMatch(/\btalk\b|\bworkshop\b/);
    expect(await englishOn(page)).toEqual([]);
  }, 60_000);

  it('edits a session and an edition without English (relations, length hints, entry actions)', async () => {
    for (const type of ['api::session.session', 'api::edition.edition']) {
      await page.goto(`${base}/admin/content-manager/collection-types/${type}`);
      await page.locator('tbody tr').first().click({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Enregistrer' }).waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      expect(await englishOn(page)).toEqual([]);
      // The entry's menu: « Supprimer l'entrée », not « Delete entry ».
      await page
        .getByRole('button', { name: /plus d'actions|more actions/i })
        .first()
        .click();
      expect(await englishOn(page)).toEqual([]);
      await page.keyboard.press('Escape');
    }
  }, 60_000);
});
