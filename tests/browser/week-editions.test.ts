/**
 * The editors' week, editions part, in a real browser: next year's edition created with its instants
 * typed in the edition's zone, a publish refused in French while the call is incomplete, then
 * published, and duplicated from the dashboard into the year after, landing on the new draft.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, describeIfBrowser as browserSuite, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('the editions of the editors’ week');

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let base: string;

const EDITION = 'Journées #BlueHats 2027';
/** The field labelled so, required (« Titre* ») or not. */
const field = (label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`));

describeIfBrowser('the editions of the editors’ week', () => {
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
    // Strapi's announcement banner would hide part of the screenshots.
    const close = page.getByRole('button', { name: /fermer|close/i }).first();
    if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);
  }, 60_000);

  it("creates next year's edition, typing its instants in the edition's zone: a date alone gets its usual time", async () => {
    await page.goto(`${base}/admin/content-manager/collection-types/api::edition.edition/create`);
    // The form fills its defaults once loaded: typing before that would be wiped.
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Publier' }).waitFor();
    await field('Titre').fill(EDITION);
    await field('Identifiant (URL)').fill('bluehats-2027');
    await field('Année').fill('2027');
    expect(await field('Année').inputValue()).toBe('2027');

    await field("Clôture de l'appel (minute incluse)").fill('20/11/2027');
    await field("Clôture de l'appel (minute incluse)").blur();
    expect(await field("Clôture de l'appel (minute incluse)").inputValue()).toBe('20/11/2027 23:59');
    await page.getByText('Europe/Paris — samedi 20 novembre 2027 à 23 h 59').waitFor();

    await field('Date de réponse').fill('27/11/2027 9h');
    await field('Publication du programme').fill('04/12/2027 09:00');
    await field('Publication du programme').blur();
    expect(await field('Date de réponse').inputValue()).toBe('27/11/2027 09:00');
    await page.getByText('Europe/Paris — samedi 4 décembre 2027 à 9 h 00').waitFor();

    await field('Publication du programme').fill('28/03/2027 02:30');
    await field('Publication du programme').blur();
    await page.getByText("02:30 n'existe pas cette nuit-là dans le fuseau Europe/Paris (changement d'heure) : choisissez une autre heure.").waitFor();
    await field('Publication du programme').fill('04/12/2027 09:00');
    await field('Publication du programme').blur();

    await field('Durée minimale (min)').fill('5');
    await field('Durée maximale (min)').fill('30');
    // The days' empty list comes after the venue's; Enter would save the form, Tab leaves the pickers.
    await page
      .getByRole('button', { name: /Il n'a pas encore d'entrée/ })
      .last()
      .click();
    await field('Date').fill('08/12/2027');
    await field('Date').press('Tab');
    await field('Début (heure locale)').fill('14:00');
    await field('Début (heure locale)').press('Tab');
    await field('Fin (heure locale)').fill('17:00');
    await field('Fin (heure locale)').press('Tab');
    await field("Clôture de l'appel (minute incluse)").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'admin-edition-dates.png') });

    expect(await field('Titre').inputValue()).toBe(EDITION);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/api::edition\.edition\/(?!create)[a-z0-9]+/, { timeout: 15_000 });
    // The saved draft is loaded again into the edit view before it can be published.
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Publier' }).waitFor();
    expect(await field('Titre').inputValue()).toBe(EDITION);
  }, 90_000);

  it('is refused publication in French while the call has no opening date', async () => {
    await page.getByRole('button', { name: 'Publier' }).click();
    await page
      .getByRole('alert')
      .filter({
        hasText: "Publication impossible : il manque l'ouverture de l'appel. Complétez l'appel à interventions, ou cochez « Sans appel à interventions ».",
      })
      .waitFor({ timeout: 15_000 });
    await page.getByText("Il manque l'ouverture de l'appel pour publier l'édition (ou cochez « Sans appel à interventions »).").waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'admin-publish-refused.png') });
  }, 60_000);

  it('publishes once the opening date is typed', async () => {
    await field("Ouverture de l'appel").fill('01/10/2027');
    await field("Ouverture de l'appel").blur();
    expect(await field("Ouverture de l'appel").inputValue()).toBe('01/10/2027 09:00');
    await page.getByRole('button', { name: 'Publier' }).click();
    // Strapi's « Publié » notice comes only with a successful publish (the refusal above stays listed).
    await page.getByRole('status').filter({ hasText: 'Publié' }).first().waitFor({ timeout: 15_000 });
  }, 60_000);

  it('duplicates it from the dashboard and lands on the draft for 2028', async () => {
    await page.getByRole('link', { name: 'Appel à interventions' }).click();
    await page.getByText("État de l'appel").waitFor({ timeout: 15_000 });
    await page.getByRole('combobox', { name: 'Édition' }).click();
    await page.getByRole('option', { name: EDITION, exact: true }).click();
    await page.getByText(`${EDITION} — fuseau Europe/Paris`).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: "Dupliquer pour l'an prochain" }).click();
    await page.waitForURL(/api::edition\.edition\/[a-z0-9]+/, { timeout: 15_000 });
    await field('Titre').waitFor();
    expect(await field('Titre').inputValue()).toBe('Journées #BlueHats 2028');
    expect(await field('Année').inputValue()).toBe('2028');
    // 52 weeks later: the same weekday (Saturday), the same local time.
    expect(await field("Clôture de l'appel (minute incluse)").inputValue()).toBe('18/11/2028 23:59');
    expect(await field('Identifiant (URL)').inputValue()).toBe('bluehats-2028');
    await page.getByRole('button', { name: 'Publier' }).waitFor();
    await page.getByText('Fuseau : Europe/Paris').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SHOTS, 'admin-duplicate.png') });
  }, 60_000);

  it('says when that year already exists, with a link to it', async () => {
    await page.getByRole('link', { name: 'Appel à interventions' }).click();
    await page.getByRole('combobox', { name: 'Édition' }).click();
    await page.getByRole('option', { name: EDITION, exact: true }).click();
    await page.getByText(`${EDITION} — fuseau Europe/Paris`).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: "Dupliquer pour l'an prochain" }).click();
    await page.getByRole('alert').filter({ hasText: "L'édition 2028 existe déjà" }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Ouvrir « Journées #BlueHats 2028 »' }).click();
    await page.waitForURL(/api::edition\.edition\/[a-z0-9]+/, { timeout: 15_000 });
  }, 60_000);
});
