/**
 * An Éditeur erases a person on request in the admin, in French: the « Données personnelles » page,
 * the address typed, the preview, the confirmation dialog that says it cannot be undone, the result,
 * and the access log's line. A Relecteur has no such page in the menu.
 */
import path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { describeIfBrowser as browserSuite, launchAdminBrowser, logInToAdmin, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('the personal-data page');
const PERSON = 'camille.exemple@example.org'; // a proposer of the demo content

let app: RunningApp;
let browser: BrowserContext;
let page: Page;

const logIn = (email: string, password: string) => logInToAdmin(page, app.base, email, password);

describeIfBrowser('the personal-data page of the admin', () => {
  beforeAll(async () => {
    app = await startApp(7);
    ({ browser, page } = await launchAdminBrowser());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp(app);
  });

  it('lets an Éditeur preview, confirm and erase a person, then shows the log line', async () => {
    await logIn('editrice@example.org', 'Editrice2026');
    await page.getByRole('link', { name: 'Données personnelles' }).click();
    await page.getByRole('heading', { name: 'Données personnelles', level: 1 }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Adresse électronique de la personne').fill(PERSON.toUpperCase());
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByText(`à l'adresse ${PERSON}`).waitFor({ timeout: 15_000 });
    await page.getByText('Ce qui sera fait', { exact: true }).waitFor();
    expect(await page.getByText(/^(supprimée|anonymisée \(statistiques gardées\)|publication gardée, données personnelles effacées)$/).count()).toBeGreaterThan(
      0
    );
    await page.screenshot({ path: path.join(SHOTS, 'admin-personal-data-preview-desktop.png'), fullPage: true });

    await page.getByRole('button', { name: 'Effacer ses données…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Un effacement ne se défait pas.').waitFor();
    // The dialog fades in: let its animations end before the picture.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState === 'finished'));
    await page.screenshot({ path: path.join(SHOTS, 'admin-personal-data-confirm-desktop.png') });
    await dialog.getByRole('button', { name: 'Effacer définitivement' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /effacées? :/ })
      .waitFor({ timeout: 15_000 });
    await page
      .getByText(/^Effacement sur demande reçue par un éditeur/)
      .first()
      .waitFor();
    expect(await page.getByText('Éditrice Exemple <editrice@example.org>').count()).toBeGreaterThan(0);
    expect(await page.locator('body').innerText()).not.toContain(PERSON.split('@')[0].replace('.', ' '));

    // Again: nothing left at that address.
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByText('Aucune proposition ne porte cette adresse').waitFor({ timeout: 15_000 });
  }, 120_000);

  it('is not in a Relecteur’s menu', async () => {
    await page.goto(`${app.base}/admin/auth/login`);
    await page.context().clearCookies();
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await logIn('relecteur@example.org', 'Relecteur2026');
    expect(await page.getByRole('link', { name: 'Données personnelles' }).count()).toBe(0);
  }, 60_000);
});
