/**
 * The editor's week, decisions: a proposal's history panel offers only an editor's states; the
 * release of decisions asks for confirmation with its counts and warnings, then says what it sent.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, describeIfBrowser as browserSuite, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('the decisions in the admin');

const PROPOSALS = '/admin/content-manager/collection-types/api::proposal.proposal';
const DEMO_EDITION = 'Journées #BlueHats (édition de démonstration)';

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let base: string;

describeIfBrowser('the decisions in the admin, in a browser', () => {
  beforeAll(async () => {
    app = await startApp(7);
    base = app.base;
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

  it('logs in as an editor', async () => {
    await page.goto(`${base}/admin/auth/login`);
    await page.fill('input[name="email"]', 'editrice@example.org');
    await page.fill('input[name="password"]', 'Editrice2026');
    await page.click('button[type="submit"]');
    await page.getByRole('link', { name: 'Appel à interventions' }).waitFor({ timeout: 30_000 });
    const close = page.getByRole('button', { name: /fermer|close/i }).first();
    if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);
  }, 60_000);

  it("opens a proposal: its history panel offers only an editor's states, and no system field is in the form", async () => {
    await page.goto(`${base}${PROPOSALS}?page=1&pageSize=10&filters[$and][0][reference][$eq]=DEMO-NEXT-0001`);
    await page.getByRole('link', { name: 'DEMO-NEXT-0001' }).click({ timeout: 15_000 });
    await page.getByText('État : Reçue').waitFor({ timeout: 15_000 });
    await page.getByText('Aucun changement depuis la réception.').waitFor();
    const decide = page.getByRole('group', { name: 'Décider' });
    expect(await decide.getByRole('button').allInnerTexts()).toEqual(['Accepter', "Mettre en liste d'attente", 'Ne pas retenir']);
    for (const label of ['État', 'Historique des états', 'Empreinte du lien de suivi', 'Décision communiquée le', 'Référence']) {
      expect([label, await page.getByLabel(label, { exact: true }).count()]).toEqual([label, 0]);
    }
  }, 60_000);

  it('accepts it, and reads the change in the history: who, when, from → to', async () => {
    await page.getByRole('group', { name: 'Décider' }).getByRole('button', { name: 'Accepter' }).click();
    await page.getByText('État : Acceptée').waitFor({ timeout: 15_000 });
    const history = page.getByRole('list', { name: 'Historique des états' });
    await history.waitFor();
    const entry = await history.getByRole('listitem').first().innerText();
    expect(entry).toContain('Reçue → Acceptée');
    expect(entry).toContain('Éditrice Exemple');
    expect(entry).toMatch(/\d{1,2} \S+ \d{4} à \d{1,2} h \d{2} \(heure de Paris\)/);
    await page.getByText("Aucune décision communiquée à l'intervenant.").waitFor();
    // From « acceptée », an editor may put it on the waiting list or reject it; confirming is the speaker's.
    expect(await page.getByRole('group', { name: 'Décider' }).getByRole('button').allInnerTexts()).toEqual(["Mettre en liste d'attente", 'Ne pas retenir']);
    await page.screenshot({ path: path.join(SHOTS, 'admin-proposal-history.png') });
  }, 60_000);

  it('asks before communicating the decisions: counts, the undecided, the open call', async () => {
    await page.getByRole('link', { name: 'Appel à interventions' }).click();
    await page.getByText("État de l'appel").waitFor({ timeout: 15_000 });
    await page.getByRole('combobox', { name: 'Édition' }).click();
    await page.getByRole('option', { name: DEMO_EDITION }).click();
    await page.getByText('Propositions : 2').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Communiquer les décisions' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('1 courriel partira').waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    expect(text).toContain("1 acceptation, 0 mise en liste d'attente, 0 refus");
    expect(text).toContain('1 proposition sans décision.');
    expect(text).toContain("L'appel à interventions est encore ouvert");
    expect(text).toContain('La date de réponse annoncée');
    expect(text).toContain('Aucun envoi de décisions pour cette édition jusqu’ici.');
    // The dialog fades in: let its animations end before the picture.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState === 'finished'));
    await page.screenshot({ path: path.join(SHOTS, 'admin-release-dialog.png') });
  }, 60_000);

  it('confirms, sees what was sent, and the next release has nothing to send but names the last one', async () => {
    await page.getByRole('alertdialog').getByRole('button', { name: "Confirmer l'envoi" }).click();
    await page.getByRole('status').filter({ hasText: '1 décision communiquée aux intervenants.' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Communiquer les décisions' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Aucune décision à communiquer').waitFor({ timeout: 15_000 });
    expect(await dialog.innerText()).toMatch(/Dernier envoi : le .+, par Éditrice Exemple <editrice@example\.org>\./);
    expect(await dialog.getByRole('button', { name: "Confirmer l'envoi" }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);
});
