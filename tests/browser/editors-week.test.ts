/**
 * The editor's week, end to end, in a real browser (Debian's Chromium driven by playwright-core,
 * never a downloaded browser), against the app started on loopback with the built admin and the demo
 * content. In the order an editor of the team lives it: the French login page and home, next year's
 * edition created with its instants typed in its own time zone, an incomplete publish refused,
 * the proposals triaged with filters, one decided, the decisions released through the confirmation
 * and its counts, the dashboard and its CSV, the edition duplicated for the year after, a rebuild
 * target tested and the delivery log read; last, a reviewer who sees none of the editor's actions.
 * Every page visited is read for English left over from stock Strapi (the list below).
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { describeIfBrowser as browserSuite, launchAdminBrowser, logInToAdmin, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('the editor’s week');

/** Stock Strapi English that must not reach an editor (whole messages, or pieces of them). */
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
  'Filters',
  'Search for',
  'Entries per page',
  'Create new entry',
  'Publish',
  'Save',
  'Loading',
  'submitted',
  'upcoming',
  'waitlisted',
];

const DEMO_EDITION = 'Journées #BlueHats (édition de démonstration)';
const NEXT_EDITION = 'Journées #BlueHats 2027';
const CM = '/admin/content-manager/collection-types';
const PROPOSALS = `${CM}/api::proposal.proposal`;
const TARGETS = `${CM}/api::rebuild-target.rebuild-target`;

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let base: string;
let receiver: http.Server;
let receiverUrl: string;

/** Each string as a whole word or words (« Publish » is not found in a `content.published` event name). */
const ENGLISH_PATTERNS = ENGLISH.map((s) => [s, new RegExp(`(^|[^\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'iu')] as const);

/**
 * The English strings of the list found in the page's visible text: none, on every page visited, once
 * it has settled (a relation field's loader, Strapi's own « Loading », may still be there a moment on a
 * busy machine: it is waited for, up to 15 s, and then counts like any other English string).
 */
async function expectFrench(): Promise<void> {
  await page.waitForFunction(() => !/(^|[^\p{L}])Loading($|[^\p{L}])/iu.test(document.body.innerText), undefined, { timeout: 15_000 }).catch(() => undefined);
  const text = await page.locator('body').innerText();
  expect(ENGLISH_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([s]) => s)).toEqual([]);
}

/** The field labelled so, required (« Titre* ») or not. */
const field = (label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`));

const logIn = (email: string, password: string) => logInToAdmin(page, base, email, password);

async function openDashboardOn(title: string): Promise<void> {
  await page.getByRole('link', { name: 'Appel à interventions' }).click();
  await page.getByText("État de l'appel").waitFor({ timeout: 15_000 });
  await page.getByRole('combobox', { name: 'Édition' }).click();
  await page.getByRole('option', { name: title, exact: true }).click();
  await page.getByText(`${title} — fuseau Europe/Paris`).waitFor({ timeout: 15_000 });
}

describeIfBrowser('the editor’s week in the admin', () => {
  beforeAll(async () => {
    // A site to rebuild: answers 204, or 500 on /broken.
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url?.startsWith('/broken') ? 500 : 204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    // The receiver listens on loopback, which a target may only reach with the operator's consent.
    app = await startApp(0, () => ({ REBUILD_ALLOW_PRIVATE_TARGETS: 'true' }));
    base = app.base;
    ({ browser, page } = await launchAdminBrowser({ acceptDownloads: true }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp(app);
    await new Promise((resolve) => receiver?.close(resolve));
  });

  // Monday: the login page and the home page.

  it('shows the login page in French', async () => {
    await page.goto(`${base}/admin/auth/login`);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expectFrench();
    await page.screenshot({ path: path.join(SHOTS, 'admin-login.png') });
  }, 60_000);

  it('logs in and finds the call’s essentials on the home page, not Strapi’s onboarding', async () => {
    await logIn('editrice@example.org', 'Editrice2026');
    const links = await page
      .getByRole('navigation')
      .getByRole('link')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent || ''));
    expect(links).toEqual(expect.arrayContaining(['Accueil', 'Médiathèque', 'Paramètres', 'Appel à interventions']));
    for (const title of ['Éditions en cours', 'Propositions sans décision', 'Échecs de reconstruction']) {
      await page.getByText(title, { exact: true }).first().waitFor({ timeout: 30_000 });
    }
    await page.getByText('Prochaine étape :').first().waitFor({ timeout: 15_000 });
    // The demo edition's two undecided proposals: a French plural, and a link.
    await page.getByRole('link', { name: '2 propositions sans décision' }).waitFor({ timeout: 15_000 });
    // Strapi's guided tour (about building content types, in English) is off.
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('STRAPI_GUIDED_TOUR') ?? 'null')?.enabled)).toBe(false);
    await expectFrench();
    await page.screenshot({ path: path.join(SHOTS, 'admin-home.png') });
  }, 60_000);

  // Next year's edition, its instants typed in its own time zone.

  it("creates next year's edition: typed local times, a date alone gets its usual time, incoherent durations refused", async () => {
    await page.goto(`${base}${CM}/api::edition.edition/create`);
    // The form fills its defaults once loaded: typing before that would be wiped.
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Publier' }).waitFor();
    await field('Titre').fill(NEXT_EDITION);
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

    // The spring-forward night: 02:30 does not exist in Paris on 28 March 2027.
    await field('Publication du programme').fill('28/03/2027 02:30');
    await field('Publication du programme').blur();
    await page.getByText("02:30 n'existe pas cette nuit-là dans le fuseau Europe/Paris (changement d'heure) : choisissez une autre heure.").waitFor();
    await field('Publication du programme').fill('04/12/2027 09:00');
    await field('Publication du programme').blur();

    // The days' empty list comes after the venue's and before the rooms'; Enter would save the form, Tab leaves the pickers.
    await page
      .getByRole('button', { name: /Il n'a pas encore d'entrée/ })
      .nth(1)
      .click();
    await field('Date').fill('08/12/2027');
    await field('Date').press('Tab');
    await field('Début (heure locale)').fill('14:00');
    await field('Début (heure locale)').press('Tab');
    await field('Fin (heure locale)').fill('17:00');
    await field('Fin (heure locale)').press('Tab');

    await field("Clôture de l'appel (minute incluse)").scrollIntoViewIfNeeded();
    await expectFrench();
    await page.screenshot({ path: path.join(SHOTS, 'admin-edition-dates.png') });

    await field('Durée minimale (min)').fill('40');
    await field('Durée maximale (min)').fill('30');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('La durée minimale (40 min) doit être inférieure ou égale à la durée maximale (30 min).').first().waitFor({ timeout: 15_000 });
    await field('Durée minimale (min)').fill('5');

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/api::edition\.edition\/(?!create)[a-z0-9]+/, { timeout: 15_000 });
    // The saved draft is loaded again into the edit view before it can be published.
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Publier' }).waitFor();
    expect(await field('Titre').inputValue()).toBe(NEXT_EDITION);
  }, 90_000);

  it('is refused publication in French while the call has no opening date, then publishes once it is typed', async () => {
    await page.getByRole('button', { name: 'Publier' }).click();
    await page
      .getByRole('alert')
      .filter({
        hasText: "Publication impossible : il manque l'ouverture de l'appel. Complétez l'appel à interventions, ou cochez « Sans appel à interventions ».",
      })
      .waitFor({ timeout: 15_000 });
    await page.getByText("Il manque l'ouverture de l'appel pour publier l'édition (ou cochez « Sans appel à interventions »).").waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'admin-publish-refused.png') });

    await field("Ouverture de l'appel").fill('01/10/2027');
    await field("Ouverture de l'appel").blur();
    expect(await field("Ouverture de l'appel").inputValue()).toBe('01/10/2027 09:00');
    await page.getByRole('button', { name: 'Publier' }).click();
    // Strapi's « Publié » notice comes only with a successful publish (the refusal above stays listed).
    await page.getByRole('status').filter({ hasText: 'Publié' }).first().waitFor({ timeout: 15_000 });
    await expectFrench();
  }, 90_000);

  // Triage: the proposals list, filtered.

  it('lists proposals with their edition, French states, and the duration and date on screen at 1440 px', async () => {
    await page.goto(`${base}${PROPOSALS}?page=1&pageSize=10&sort=submittedAt:DESC`);
    await page.getByText('DEMO-2023-0001').waitFor({ timeout: 15_000 });
    const headers = await page.locator('thead th').allInnerTexts();
    for (const column of ['Réf.', 'Titre', 'Édition', 'Administration', 'Durée (min)', 'État', 'Reçue le']) {
      expect(headers.map((h) => h.trim().toLowerCase())).toContain(column.toLowerCase());
    }
    expect(await page.locator('tbody tr').count()).toBe(4);
    // The last column, its header and its dates, ends inside the window.
    for (const cell of [page.locator('thead th').filter({ hasText: 'Reçue le' }), page.locator('tbody tr').first().locator('td').nth(7)]) {
      const box = await cell.first().boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(1440);
    }
    expect(await page.locator('tbody tr').first().locator('td').nth(7).innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const body = await page.locator('tbody').innerText();
    expect(body).toContain('Reçue');
    expect(body).not.toMatch(/\bsubmitted\b|\baccepted\b|\bconfirmed\b/);
    await expectFrench();
    await page.screenshot({ path: path.join(SHOTS, 'admin-proposals-list.png') });
  }, 60_000);

  it('filters by edition from a list of editions, and internal fields are not offered as filters', async () => {
    await page.getByRole('combobox', { name: 'Édition' }).click();
    await page.getByRole('option', { name: `Édition : ${DEMO_EDITION}` }).click();
    await page.waitForURL(/filters.*edition.*documentId/, { timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('combobox', { name: 'Édition' }).innerText()).toContain(DEMO_EDITION);
    expect(await page.locator('tbody').innerText()).not.toContain('DEMO-2023-0001');
    // The stock filter on the edition (a title typed) and the internal fields are not offered.
    await page.getByRole('button', { name: 'Filtres' }).click();
    await page.getByRole('dialog').getByRole('combobox').first().click();
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
    expect(await page.locator('tbody tr').count()).toBe(2);
    await expectFrench();
  }, 60_000);

  it('follows the home page’s undecided link to the same filtered list', async () => {
    await page.goto(`${base}/admin`);
    await page.getByRole('link', { name: '2 propositions sans décision' }).click({ timeout: 30_000 });
    await page.waitForURL(/api::proposal\.proposal/, { timeout: 15_000 });
    await page.getByText('État est Reçue').first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('combobox', { name: 'Édition' }).innerText()).toContain('Édition : ');
    expect(await page.locator('tbody tr').count()).toBe(2);
  }, 60_000);

  // Decide.

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
    await expectFrench();
  }, 60_000);

  it('accepts it, and reads the change in the history: who, when, from → to', async () => {
    await page.getByRole('group', { name: 'Décider' }).getByRole('button', { name: 'Accepter' }).click();
    await page.getByText('État : Acceptée').waitFor({ timeout: 15_000 });
    const history = page.getByRole('list', { name: 'Historique des états' });
    await history.waitFor();
    const entry = await history.getByRole('listitem').first().innerText();
    expect(entry).toContain('Reçue → Acceptée');
    expect(entry).toContain('Éditrice Exemple');
    expect(entry).toMatch(/\d{1,2}(er)? \S+ \d{4} à \d{1,2} h \d{2} \(heure de Paris\)/);
    await page.getByText("Aucune décision communiquée à l'intervenant.").waitFor();
    // From « acceptée », an editor may put it on the waiting list or reject it; confirming is the speaker's.
    expect(await page.getByRole('group', { name: 'Décider' }).getByRole('button').allInnerTexts()).toEqual(["Mettre en liste d'attente", 'Ne pas retenir']);
    await page.screenshot({ path: path.join(SHOTS, 'admin-proposal-history.png') });
  }, 60_000);

  // Release, with the confirmation and its counts.

  it('asks before communicating the decisions: counts, the undecided, the open call', async () => {
    await openDashboardOn(DEMO_EDITION);
    await page.getByRole('button', { name: 'Communiquer les décisions' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('1 courriel partira').waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    expect(text).toContain("1 acceptation, 0 mise en liste d'attente, 0 refus");
    expect(text).toContain('1 proposition sans décision.');
    expect(text).toContain("L'appel à interventions est encore ouvert");
    expect(text).toContain('La date de réponse annoncée');
    expect(text).toContain('Aucun envoi de décisions pour cette édition jusqu’ici.');
    await expectFrench();
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

  // The dashboard and its CSV.

  it('keeps the dashboard on the current edition, written in the address, with undecided links and French counts', async () => {
    // A site to rebuild that failed once, for good: the dashboard names it and says why.
    const login = await page.request.post(`${base}/admin/login`, { data: { email: 'editrice@example.org', password: 'Editrice2026' } });
    const auth = { Authorization: `Bearer ${(await login.json()).data.token}` };
    for (const [name, url] of [
      ['Site code.gouv.fr', `${receiverUrl}/hooks/build`],
      ['Site en panne', `${receiverUrl}/broken`],
    ]) {
      const created = await page.request.post(`${base}/content-manager/collection-types/api::rebuild-target.rebuild-target`, {
        headers: auth,
        data: { name, url, method: 'POST', enabled: true, quietPeriodSeconds: 0, maxAttempts: 1 },
      });
      expect(created.status()).toBe(201);
      if (name === 'Site en panne') {
        const test = await page.request.post(`${base}/bluehats/rebuild-targets/${(await created.json()).data.documentId}/test`, { headers: auth, data: {} });
        expect((await test.json()).data).toMatchObject({ state: 'failed', status: 500 });
      }
    }

    await page.goto(`${base}/admin/plugins/bluehats`);
    await page.waitForURL(/edition=[a-z0-9]+/, { timeout: 15_000 });
    await page.getByText('Édition en cours').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('combobox', { name: 'Édition' }).innerText()).toContain(DEMO_EDITION);
    await page.getByText('1 proposition sans décision', { exact: true }).waitFor({ timeout: 15_000 });
    const undecided = page.getByRole('link', { name: /DEMO-NEXT-\d+/ }).first();
    expect(await undecided.getAttribute('href')).toMatch(/\/admin\/content-manager\/collection-types\/api::proposal\.proposal\/[a-z0-9]+$/);
    await page.getByText('Minutes des propositions retenues (acceptées ou confirmées) :', { exact: false }).waitFor();
    // One failure: named, its reason in French, « 1 essai » in the singular.
    await page.getByText('1 échec de reconstruction').waitFor();
    const failure = await page.getByText('le site a répondu 500 (erreur du serveur)', { exact: false }).innerText();
    expect(failure).toContain('Site en panne');
    expect(failure).toContain('1 essai,');
    expect(await page.getByText(/\(\d+ essais\)|acceptée : 0/).count()).toBe(0);
    await expectFrench();
    await page.screenshot({ path: path.join(SHOTS, 'admin-dashboard.png'), fullPage: true });

    await undecided.click();
    await page.waitForURL(/api::proposal\.proposal\/[a-z0-9]+/, { timeout: 15_000 });
    await page.getByText('État : Reçue').waitFor({ timeout: 15_000 });
    await page.goBack();
    await page.waitForURL(/plugins\/bluehats\?edition=/, { timeout: 15_000 });
  }, 90_000);

  it('downloads the CSV under the edition’s slug and the day, with an Édition column', async () => {
    await page.getByRole('button', { name: 'Exporter en CSV' }).waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^propositions-bluehats-demo-upcoming-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('"Édition";"Référence";"Titre"');
    expect(csv.toString('utf8')).toContain(`"${DEMO_EDITION}";`);
  }, 60_000);

  // Next year's edition, duplicated for the year after.

  it('duplicates the new edition from the dashboard and lands on the draft for 2028', async () => {
    await openDashboardOn(NEXT_EDITION);
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
    await expectFrench();
    await page.screenshot({ path: path.join(SHOTS, 'admin-duplicate.png') });
  }, 60_000);

  it('says when that year already exists, with a link to it', async () => {
    await openDashboardOn(NEXT_EDITION);
    await page.getByRole('button', { name: "Dupliquer pour l'an prochain" }).click();
    await page.getByRole('alert').filter({ hasText: "L'édition 2028 existe déjà" }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Ouvrir « Journées #BlueHats 2028 »' }).click();
    await page.waitForURL(/api::edition\.edition\/[a-z0-9]+/, { timeout: 15_000 });
  }, 60_000);

  // Rebuilds.

  it('tests a rebuild target from its edit view, and reads the result in French', async () => {
    await page.goto(`${base}${TARGETS}`);
    await page.getByText('Site code.gouv.fr').first().click({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Tester', exact: true }).click({ timeout: 15_000 });
    const result = page.getByRole('status').filter({ hasText: 'le site a répondu 204' });
    await result.waitFor({ timeout: 15_000 });
    expect(await result.innerText()).toMatch(/^Envoyé : le site a répondu 204 en \d+ millisecondes?\.$/);
    await expectFrench();
    await page.screenshot({ path: path.join(SHOTS, 'admin-rebuild-test.png') });
  }, 60_000);

  it('shows the delivery log in French, each site named, with nothing to create by hand', async () => {
    await page.goto(`${base}${CM}/api::delivery.delivery`);
    await page.locator('tbody tr').first().waitFor({ timeout: 15_000 });
    const table = await page.locator('tbody').innerText();
    expect(table).toContain('Envoyé');
    expect(table).toContain('Échec définitif');
    expect(table).toContain('Site code.gouv.fr');
    expect(table).toContain('Site en panne');
    expect(table).not.toMatch(/\b(sent|failed|pending)\b/);
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('link', { name: /créer une entrée|create new entry/i }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /créer une entrée|create new entry/i }).count()).toBe(0);
    await expectFrench();
    await page.screenshot({ path: path.join(SHOTS, 'admin-deliveries.png') });
  }, 60_000);

  // The other lists and edit views an editor opens during the week.

  it('shows years as written, and no English in the editions and sessions lists and edit views', async () => {
    await page.goto(`${base}${CM}/api::edition.edition`);
    await page.getByText('Journées #BlueHats des 6 et 7 décembre 2023').waitFor({ timeout: 15_000 });
    const body = await page.locator('tbody').innerText();
    expect(body).toMatch(/\b2027\b/);
    expect(body).not.toMatch(/\d\s\d{3}\b/);
    await expectFrench();
    for (const type of ['api::session.session', 'api::edition.edition']) {
      await page.goto(`${base}${CM}/${type}`);
      await page.locator('tbody tr').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('tbody').innerText()).not.toMatch(/\btalk\b|\bworkshop\b/);
      await expectFrench();
      await page.locator('tbody tr').first().click();
      await page.getByRole('button', { name: 'Enregistrer' }).waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      await expectFrench();
      // The entry's menu: « Supprimer l'entrée », not « Delete entry ».
      await page
        .getByRole('button', { name: /plus d'actions|more actions/i })
        .first()
        .click();
      await expectFrench();
      await page.keyboard.press('Escape');
    }
  }, 90_000);

  // A reviewer, for contrast.

  it('shows a reviewer the dashboard without the export, duplication and release actions', async () => {
    await browser.clearCookies();
    await page.evaluate(() => sessionStorage.clear());
    await page.evaluate(() => localStorage.removeItem('jwtToken'));
    await logIn('relecteur@example.org', 'Relecteur2026');
    await page.getByRole('link', { name: 'Appel à interventions' }).click();
    await page.getByText("État de l'appel").first().waitFor({ timeout: 15_000 });
    // The role's permissions are fetched once the page is up: let them arrive before looking.
    await page.waitForLoadState('networkidle');
    for (const action of ['Exporter en CSV', "Dupliquer pour l'an prochain", 'Communiquer les décisions']) {
      expect(await page.getByRole('button', { name: action }).count()).toBe(0);
    }
    await expectFrench();
  }, 60_000);
});
