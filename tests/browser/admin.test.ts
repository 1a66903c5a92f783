/**
 * The editors' day, in a real browser: Debian's Chromium driven by playwright-core, against the
 * app started on loopback with the built admin. Never downloads a browser.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, describeIfBrowser as browserSuite, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('the editors’ admin');

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let base: string;

describeIfBrowser('the editors’ admin in a browser', () => {
  beforeAll(async () => {
    app = await startApp(0);
    base = app.base;
    // A fresh profile each run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'fr-FR',
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp(app);
  });

  it('logs in as an editor, in French', async () => {
    await page.goto(`${base}/admin/auth/login`);
    await page.fill('input[name="email"]', 'editrice@example.org');
    await page.fill('input[name="password"]', 'Editrice2026');
    await page.click('button[type="submit"]');
    await page.getByRole('link', { name: 'Appel à interventions' }).waitFor({ timeout: 30_000 });
    const links = await page
      .getByRole('navigation')
      .getByRole('link')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent || ''));
    expect(links).toEqual(expect.arrayContaining(['Accueil', 'Médiathèque', 'Paramètres', 'Appel à interventions']));
    // Strapi's announcement banner would hide part of the screenshots.
    const close = page.getByRole('button', { name: /fermer|close/i }).first();
    if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);
  }, 60_000);

  it('creates an edition, and sees incoherent durations refused in French', async () => {
    await page.goto(`${base}/admin/content-manager/collection-types/api::edition.edition/create`);
    await page.getByLabel('Titre').first().fill('Journées #BlueHats 2031');
    await page.getByLabel('Année').fill('2031');
    await page.getByLabel('Durée minimale (min)').fill('40');
    await page.getByLabel('Durée maximale (min)').fill('30');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('La durée minimale (40 min) doit être inférieure ou égale à la durée maximale (30 min).').first().waitFor({ timeout: 15_000 });
    await page.getByLabel('Durée maximale (min)').fill('45');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/api::edition\.edition\/(?!create)[a-z0-9]+/, { timeout: 15_000 });
    expect(page.url()).not.toContain('/create');
  }, 60_000);

  it('opens the proposals list, with its columns, and filters it by state', async () => {
    await page.goto(`${base}/admin/content-manager/collection-types/api::proposal.proposal?page=1&pageSize=10&sort=submittedAt:DESC`);
    await page.getByText('DEMO-2023-0001').waitFor({ timeout: 15_000 });
    const header = await page.locator('thead').innerText();
    for (const column of ['Réf.', 'Titre', 'Édition', 'Administration', 'Durée (min)', 'État', 'Reçue le']) {
      expect(header.toLowerCase()).toContain(column.toLowerCase());
    }
    const all = await page.locator('tbody tr').count();
    expect(all).toBe(4);
    await page.screenshot({ path: path.join(SHOTS, 'proposals-list.png') });
    await page.goto(`${base}/admin/content-manager/collection-types/api::proposal.proposal?page=1&pageSize=10&filters[$and][0][state][$eq]=submitted`);
    await page.getByText('DEMO-NEXT-0001').waitFor({ timeout: 15_000 });
    expect(await page.locator('tbody tr').count()).toBe(2);
    // The state reads in French in the edit view's « Historique » panel, where editors decide.
    await page.getByText('DEMO-NEXT-0001').click();
    await page.getByText('État : Reçue').waitFor({ timeout: 15_000 });
  }, 60_000);

  it('opens the call-for-proposals dashboard, exports the CSV and is asked before releasing the decisions', async () => {
    await page.getByRole('link', { name: 'Appel à interventions' }).click();
    await page.getByText("État de l'appel").waitFor({ timeout: 15_000 });
    await page.getByRole('combobox', { name: 'Édition' }).click();
    await page.getByRole('option', { name: 'Journées #BlueHats (édition de démonstration)' }).click();
    await page.getByText('2 propositions', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByText('Minutes').first().waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('"Référence";"Titre"');

    // Nothing decided yet in the demo edition: the dialog says so, and there is nothing to confirm.
    await page.getByRole('button', { name: 'Communiquer les décisions' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Aucune décision à communiquer').waitFor({ timeout: 15_000 });
    expect(await dialog.innerText()).toContain('2 propositions sans décision.');
    expect(await dialog.getByRole('button', { name: "Confirmer l'envoi" }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);

  it('shows a reviewer the dashboard without the export, duplication and release actions', async () => {
    await browser.clearCookies();
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.goto(`${base}/admin/auth/login`);
    await page.fill('input[name="email"]', 'relecteur@example.org');
    await page.fill('input[name="password"]', 'Relecteur2026');
    await page.click('button[type="submit"]');
    await page.getByRole('link', { name: 'Appel à interventions' }).click({ timeout: 30_000 });
    await page.getByText("État de l'appel").first().waitFor({ timeout: 15_000 });
    // The role's permissions are fetched once the page is up: let them arrive before looking.
    await page.waitForLoadState('networkidle');
    for (const action of ['Exporter en CSV', "Dupliquer pour l'an prochain", 'Communiquer les décisions']) {
      expect(await page.getByRole('button', { name: action }).count()).toBe(0);
    }
  }, 60_000);
});
