/**
 * Scored review in the admin, in French: a Relecteur opens a proposal of the demo edition from the
 * dashboard's ranking, scores each criterion in the « Relecture » side panel and saves; an Éditeur
 * then sees that proposal's weighted mean in the ranking, the unreviewed one first, and runs
 * « Répartir les propositions ».
 */
import path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { describeIfBrowser as browserSuite, launchAdminBrowser, logInToAdmin, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('scored review');
const DEMO_EDITION = 'Journées #BlueHats (édition de démonstration)';
const SCORED = 'Des logiciels libres dans tous les collèges';
const UNSCORED = "Bilan d'une année de BlueHats";

let app: RunningApp;
let browser: BrowserContext;
let page: Page;

const logIn = (email: string, password: string) => logInToAdmin(page, app.base, email, password);

const rankingRows = () => page.getByRole('region', { name: 'Classement des propositions' }).locator('tbody tr');

async function openDemoDashboard(): Promise<void> {
  await page.getByRole('link', { name: 'Appel à interventions' }).click();
  await page.getByText("État de l'appel").waitFor({ timeout: 15_000 });
  await page.getByRole('combobox', { name: 'Édition' }).click();
  await page.getByRole('option', { name: DEMO_EDITION, exact: true }).click();
  await rankingRows().first().waitFor({ timeout: 15_000 });
}

describeIfBrowser('scored review in the admin', () => {
  beforeAll(async () => {
    app = await startApp(11);
    ({ browser, page } = await launchAdminBrowser());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp(app);
  });

  it('lets a Relecteur score a proposal in its « Relecture » panel, without seeing the others’ scores first', async () => {
    await logIn('relecteur@example.org', 'Relecteur2026');
    await openDemoDashboard();
    // A reviewer has no « Répartir les propositions ».
    expect(await page.getByRole('button', { name: 'Répartir les propositions' }).count()).toBe(0);
    await page
      .getByRole('region', { name: 'Classement des propositions' })
      .getByRole('link', { name: new RegExp(SCORED) })
      .click();
    await page.getByText('Relecture', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByText("Les notes des autres relecteurs s'affichent une fois les vôtres enregistrées.").waitFor();
    const save = page.getByRole('button', { name: 'Enregistrer mes notes' });
    expect(await save.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Intérêt pour les agents publics : 5 sur 5' }).click();
    await page.getByRole('button', { name: 'Retour d’expérience concret : 4 sur 5' }).click();
    await page.getByRole('button', { name: 'Clarté : 3 sur 5' }).click();
    await page.getByLabel('Commentaire').fill('Un retour concret, utile à d’autres collectivités.');
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Notes enregistrées.' }).waitFor({ timeout: 15_000 });
    // (2×5 + 2×4 + 1×3) / 5 = 4.2
    await page.getByText(/^Votre moyenne pondérée :\s*4,2$/).waitFor();
    await page.getByText("Aucune autre notation pour l'instant.").waitFor();
    expect(await page.getByRole('button', { name: 'Intérêt pour les agents publics : 5 sur 5' }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: path.join(SHOTS, 'admin-review-panel.png'), fullPage: true });
  }, 120_000);

  it('shows an Éditeur the ranking, « non évaluées » first, and splits the proposals', async () => {
    await page.context().clearCookies();
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await logIn('editrice@example.org', 'Editrice2026');
    await openDemoDashboard();
    const rows = rankingRows();
    await rows.first().waitFor();
    const first = await rows.nth(0).innerText();
    const second = await rows.nth(1).innerText();
    expect(first).toContain(UNSCORED);
    expect(first).toMatch(/non évaluée/i); // the badge is shown in capitals
    expect(second).toContain(SCORED);
    expect(second).toMatch(/4,2\s+0\s+1 \/ 1\s+5\s+4\s+3/);

    await page.getByRole('checkbox', { name: 'Non évaluées seulement' }).click();
    expect(await rows.count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Non évaluées seulement' }).click();
    await page.getByRole('combobox', { name: 'Trier le classement' }).click();
    await page.getByRole('option', { name: 'Moyenne pondérée (décroissante)' }).click();
    expect(await rows.nth(0).innerText()).toContain(SCORED);

    await page.getByRole('button', { name: 'Répartir les propositions' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /relecteur/ })
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SHOTS, 'admin-review-ranking.png'), fullPage: true });
  }, 120_000);
});
