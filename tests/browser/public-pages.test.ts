/**
 * The public pages in a real browser: Debian's Chromium driven by playwright-core, against the app
 * started on loopback with the demo content. Every page and state passes axe-core's WCAG 2.1 A/AA
 * rules; the form is filled with the keyboard alone, and used end to end with JavaScript off; each
 * page is photographed at desktop and mobile widths. Never downloads a browser.
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  acceptAndRelease,
  CHROMIUM,
  CHROMIUM_ARGS,
  describeIfBrowser as browserSuite,
  expectAccessible,
  SHOTS,
  startApp,
  stopApp,
  submit,
  type RunningApp,
} from './support';

const describeIfBrowser = browserSuite('the public pages');

const VIEWPORTS = { desktop: { width: 1440, height: 1000 }, mobile: { width: 375, height: 812 } };

/** The demo content's editions (database/seed/bluehats.json): one open at seeding time, two past ones with a program. */
const OPEN = 'bluehats-demo-upcoming';
const Y2023 = 'bluehats-2023';
const SESSION = '2023-ouverture';
/** Instants around the 2023 edition's dates (Paris time), each in one state of its call. */
const IN_2023 = {
  upcoming: '2023-11-01T09:00:00.000Z',
  open: '2023-11-15T09:00:00.000Z',
  closed: '2023-11-22T09:00:00.000Z',
  'decisions-released': '2023-11-28T09:00:00.000Z',
  'program-published': '2023-12-05T09:00:00.000Z',
};

const PROPOSAL = {
  speakerName: 'Agente Exemple',
  email: 'agente.exemple@example.org',
  administrationName: 'Ministère de l’Exemple',
  jobTitle: 'Cheffe de projet',
  title: 'Des logiciels libres dans les collèges',
  abstract: 'Comment nous avons déployé des outils libres dans cent collèges, et ce que nous en avons appris.',
};

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;

/** Moves the app's clock (null: back to the wall clock), and waits for the app to say so. */
function setClock(iso: string | null): Promise<void> {
  return new Promise((resolve) => {
    const answer = (m: unknown) => {
      if (m && typeof m === 'object' && 'clockSet' in m) {
        app.server.off('message', answer);
        resolve();
      }
    };
    app.server.on('message', answer);
    app.server.send({ clock: iso });
  });
}

/** Checked and photographed full page at both widths: public-<name>-desktop.png, public-<name>-mobile.png. */
async function checkPage(on: Page, name: string): Promise<void> {
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await on.setViewportSize(size);
    await expectAccessible(on, `${name} (${label})`);
    await on.screenshot({ path: path.join(SHOTS, `public-${name}-${label}.png`), fullPage: true });
  }
  await on.setViewportSize(VIEWPORTS.desktop);
}

async function open(on: Page, address: string, status = 200): Promise<void> {
  const res = await on.goto(`${base}${address}`);
  expect(res?.status()).toBe(status);
  // The DSFR's fonts, before anything is measured or photographed.
  await on.evaluate(() => document.fonts.ready.then(() => undefined));
}

describeIfBrowser('the public pages in a browser', () => {
  beforeAll(async () => {
    // Not the admin test's port: a server of the other file may still be letting its port go.
    app = await startApp(1, (port) => ({ PUBLIC_URL: `http://127.0.0.1:${port}` }));
    base = app.base;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    context = await browser.newContext({ locale: 'fr-FR', viewport: VIEWPORTS.desktop });
    page = await context.newPage();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp(app);
  });

  it('shows the home page, in French and in English, with the language switch in sight on a phone too', async () => {
    await open(page, '/');
    await page.getByRole('heading', { level: 1, name: 'Appels à interventions' }).waitFor();
    await checkPage(page, 'home');
    for (const size of Object.values(VIEWPORTS)) {
      await page.setViewportSize(size);
      expect(await page.getByRole('link', { name: 'English' }).isVisible()).toBe(true);
    }
    await page.setViewportSize(VIEWPORTS.desktop);
    await open(page, '/?lang=en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { level: 1, name: 'Calls for talks' }).waitFor();
    await checkPage(page, 'home-en');
  }, 60_000);

  it('shows an edition in every state of its call, moving the app’s clock through 2023', async () => {
    try {
      for (const [state, instant] of Object.entries(IN_2023)) {
        await setClock(instant);
        await open(page, `/editions/${Y2023}`);
        expect(await page.locator('[data-call-state]').first().getAttribute('data-call-state')).toBe(state);
        if (state === 'decisions-released') await expectAccessible(page, `edition-${state}`);
        else await checkPage(page, `edition-${state}`);
      }
      // A form opened while the call is open and sent once it has closed: the edition, with the refusal.
      await setClock(IN_2023.open);
      await open(page, `/editions/${Y2023}/proposer`);
      await page.getByLabel(/^Votre nom/).fill(PROPOSAL.speakerName);
      await page.getByLabel(/^Votre adresse électronique/).fill(PROPOSAL.email);
      await page.getByLabel(/^Votre administration/).fill(PROPOSAL.administrationName);
      await page.getByLabel(/^Le titre de l'intervention/).fill(PROPOSAL.title);
      await page.getByLabel(/^Le résumé/).fill(PROPOSAL.abstract);
      await page.locator('label', { hasText: '20 minutes' }).click();
      await setClock(IN_2023.closed);
      await submit(page, 'Envoyer ma proposition');
      await page.getByRole('alert').getByRole('heading', { name: 'Appel à interventions clos' }).waitFor();
      await expectAccessible(page, 'edition-refusal');
    } finally {
      await setClock(null);
    }
    await open(page, `/editions/${Y2023}`);
    expect(await page.locator('[data-call-state]').first().getAttribute('data-call-state')).toBe('past');
    await expectAccessible(page, 'edition-past');
    await open(page, `/editions/${OPEN}?lang=en`);
    expect(await page.locator('[data-call-state]').first().getAttribute('data-call-state')).toBe('open');
    await expectAccessible(page, 'edition-open-en');
  }, 60_000);

  it('shows the program and a session, and the page not found', async () => {
    await open(page, `/editions/${Y2023}/programme`);
    await checkPage(page, 'program');
    await page.getByRole('link', { name: 'Ouverture des journées' }).click();
    await page.waitForURL(`**/programme/${SESSION}`);
    await checkPage(page, 'session');
    await open(page, `/editions/${Y2023}/programme?lang=en`);
    await expectAccessible(page, 'program-en');
    await open(page, '/editions/une-edition-inconnue', 404);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await checkPage(page, 'not-found');
  }, 60_000);

  it('refuses a form with errors by field, takes it once corrected, then follows the proposal to its acceptance', async () => {
    await open(page, `/editions/${OPEN}`);
    await page.getByRole('link', { name: 'Proposer une intervention' }).click();
    await page.waitForURL(`**/editions/${OPEN}/proposer`);
    await checkPage(page, 'form');

    // Values the browser lets through (it checks neither lengths nor choices before sending): the server refuses them.
    await page.getByLabel(/^Votre nom/).fill(PROPOSAL.speakerName);
    await page.getByLabel(/^Votre adresse électronique/).fill(PROPOSAL.email);
    await page.getByLabel(/^Votre administration/).fill(PROPOSAL.administrationName);
    await page.getByLabel(/^Le titre de l'intervention/).fill('Abc');
    await page.getByLabel(/^Le résumé/).fill('Trop court');
    await submit(page, 'Envoyer ma proposition');
    await page.getByRole('heading', { name: 'Le formulaire contient 3 erreur(s)' }).waitFor();
    expect(await page.title()).toMatch(/^Erreur : /);
    expect(await page.locator('#erreurs a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '#title',
      '#abstract',
      '#requestedDuration',
    ]);
    expect(await page.getByLabel(/^Le titre de l'intervention/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/^Votre nom/).inputValue()).toBe(PROPOSAL.speakerName);
    await checkPage(page, 'form-errors');

    await page.getByLabel(/^Le titre de l'intervention/).fill(PROPOSAL.title);
    await page.getByLabel(/^Le résumé/).fill(PROPOSAL.abstract);
    // The DSFR draws radios and checkboxes on their labels: a person clicks the label.
    await page.locator('label', { hasText: '20 minutes' }).click();
    await page.locator('label', { hasText: 'J’accepte d’être recontacté' }).click();
    expect(await page.getByLabel('20 minutes', { exact: true }).isChecked()).toBe(true);
    await submit(page, 'Envoyer ma proposition');
    await page.waitForURL(/\/suivi\/[\w-]+\/recu$/);
    await page.getByRole('heading', { level: 1, name: 'Proposition reçue' }).waitFor();
    const reference = /Sa référence : (\S+)\./.exec(await page.locator('main').innerText())![1];
    await checkPage(page, 'receipt');

    await page.locator('#lien-de-suivi').click();
    await page.waitForURL(/\/suivi\/[\w-]+$/);
    expect((await page.locator('#etat').textContent())?.trim()).toBe('Reçue, en cours d’examen');
    await page.getByText(PROPOSAL.title).first().waitFor();
    await checkPage(page, 'status');

    await page.getByRole('link', { name: 'Retirer ma proposition' }).click();
    await page.getByRole('heading', { level: 1, name: 'Retirer votre proposition ?' }).waitFor();
    await checkPage(page, 'withdraw-step');
    await page.getByRole('link', { name: 'Non, revenir au suivi' }).click();
    await page.waitForURL(/\/suivi\/[\w-]+$/);

    await acceptAndRelease(base, reference);
    await page.reload();
    expect((await page.locator('#etat').textContent())?.trim()).toBe('Retenue : merci de confirmer votre venue');
    await page.getByRole('heading', { name: 'Votre proposition est retenue' }).waitFor();
    await checkPage(page, 'status-accepted');
    await page.getByRole('link', { name: 'Je décline' }).click();
    await page.getByRole('heading', { level: 1, name: 'Décliner votre participation ?' }).waitFor();
    await expectAccessible(page, 'decline-step');
    await page.getByRole('link', { name: 'Non, revenir au suivi' }).click();
    await submit(page, 'Je confirme ma venue');
    await page.waitForURL(/\?fait=confirmee$/);
    expect((await page.locator('#etat').textContent())?.trim()).toBe('Confirmée : à bientôt !');
    await expectAccessible(page, 'status-confirmed');
  }, 90_000);

  it('shows the form’s errors in English', async () => {
    await open(page, `/editions/${OPEN}/proposer?lang=en`);
    await page.getByLabel(/^Your name/).fill('Agent Example');
    await page.getByLabel(/^Your e-mail address/).fill('agent.example@example.org');
    await page.getByLabel(/^Your administration/).fill('Ministry of Examples');
    await page.getByLabel(/^The title of the talk/).fill('Free software in every school');
    await page.getByLabel(/^The abstract/).fill('Too short');
    await submit(page, 'Send my proposal');
    await page.getByRole('heading', { name: 'The form has 2 error(s)' }).waitFor();
    await expectAccessible(page, 'form-errors-en');
  }, 60_000);

  it('takes a proposal from the keyboard alone: Tab, typing, arrows and Space, Enter', async () => {
    await open(page, `/editions/${OPEN}/proposer`);
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || '');
    const next = async () => {
      await page.keyboard.press('Tab');
      return focused();
    };

    // The skip link comes first and leads into the page's content.
    expect(await next()).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('contenu');
    let presses = 0;
    while ((await next()) !== 'speakerName') expect(++presses).toBeLessThan(5);

    const type = async (id: string, text: string) => {
      expect(await focused()).toBe(id);
      // The DSFR's focus ring: what a keyboard user sees of where they are.
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
      await page.keyboard.type(text);
    };
    await type('speakerName', 'Dominique Clavier');
    await next();
    await type('email', 'dominique.clavier@example.org');
    await next();
    await type('administrationName', 'Direction interministérielle du numérique');
    expect(await next()).toBe('jobTitle');
    await next();
    await type('title', 'Naviguer sans souris dans un formulaire public');
    await next();
    await type('abstract', 'Tout un formulaire rempli au clavier : tabulation, flèches, espace et entrée.');

    // The co-speakers' slots, all optional, are passed over one field at a time.
    for (const n of [1, 2, 3]) {
      for (const field of ['name', 'email', 'administrationName']) expect(await next()).toBe(`coSpeaker${n}-${field}`);
    }
    // A radio group is one stop: the arrows move the choice within it.
    expect(await next()).toBe('preferredDay-1');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('preferredDay-2');
    expect(await next()).toBe('requestedDuration-1');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('requestedDuration-3');
    expect(await next()).toBe('consentContact');
    await page.keyboard.press('Space');
    expect(await next()).toBe('consentPublication');
    await page.keyboard.press('Space');
    // The job title's publication is a consent of its own, left unticked here.
    expect(await next()).toBe('consentJobTitle');
    // The essentials of personal data end with a link to the whole notice, before the button.
    expect(await next()).toBe('En savoir plus sur vos données personnelles');
    expect(await next()).toBe('Envoyer ma proposition');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');

    expect(await page.locator('input[name="preferredDay"]:checked').getAttribute('id')).toBe('preferredDay-2');
    expect(await page.locator('input[name="requestedDuration"]:checked').getAttribute('value')).toBe('15');
    expect(await page.locator('#consentContact').isChecked()).toBe(true);
    expect(await page.locator('#consentPublication').isChecked()).toBe(true);
    expect(await page.locator('#consentJobTitle').isChecked()).toBe(false);

    await Promise.all([page.waitForURL(/\/suivi\/[\w-]+\/recu$/), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { level: 1, name: 'Proposition reçue' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('« Naviguer sans souris dans un formulaire public »');
  }, 60_000);

  it('shows a proposer their consents and data: changes a consent, downloads the data, erases it after a confirmation step', async () => {
    await setClock(null);
    const sent = await fetch(`${base}/api/proposals`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.77.0.1' },
      body: JSON.stringify({
        data: {
          edition: OPEN,
          ...PROPOSAL,
          email: 'agente.donnees@example.org',
          title: 'Mes données, de bout en bout',
          requestedDuration: 10,
          consentContact: true,
          consentPublication: true,
        },
      }),
    });
    expect(sent.status).toBe(201);
    const { statusToken: token } = ((await sent.json()) as { data: { statusToken: string } }).data;

    // Each consent as given, with the version of the text seen; the rights, each one a plain link or button.
    await open(page, `/suivi/${token}`);
    expect(await page.locator('#vos-accords dd[data-consent="contact"]').innerText()).toMatch(/^Donné le .+ \(texte version \d+\)$/);
    expect(await page.locator('#vos-accords dd[data-consent="jobTitle"]').getAttribute('data-given')).toBe('non');
    await checkPage(page, 'status-personal-data');

    // Withdrawing a consent is as easy as giving it.
    await page.getByRole('link', { name: 'Changer mes accords' }).click();
    await page.waitForURL(`**/suivi/${token}/accords`);
    await expectAccessible(page, 'consents-form');
    await page.locator('label[for="consentContact"]').click();
    expect(await page.locator('#consentContact').isChecked()).toBe(false);
    await submit(page, 'Enregistrer mes accords');
    await page.waitForURL(`**/suivi/${token}?fait=accords`);
    expect(await page.getByRole('status').innerText()).toBe('Vos accords sont enregistrés.');
    expect(await page.locator('#vos-accords dd[data-consent="contact"]').getAttribute('data-given')).toBe('non');

    // « Télécharger mes données »: a JSON file of everything stored about this proposal, and no secret.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#telecharger').click()]);
    expect(download.suggestedFilename()).toMatch(/^mes-donnees-BH\d\d-[0-9A-Z]{4}-[0-9A-Z]{4}\.json$/);
    const file = fs.readFileSync((await download.path())!, 'utf8');
    const exported = JSON.parse(file);
    expect(file).toContain('agente.donnees@example.org');
    expect(file).toContain('Mes données, de bout en bout');
    expect(file).not.toContain(token);
    expect(JSON.stringify(exported)).not.toMatch(/statusTokenHash|duplicateKey|statusTokenEncrypted/);

    // « Effacer mes données »: a confirmation page first, then the answer says what stays (here nothing).
    await page.locator('#effacer').click();
    await page.waitForURL(`**/suivi/${token}/effacer`);
    await page.getByRole('heading', { level: 1, name: 'Effacer vos données ?' }).waitFor();
    await checkPage(page, 'erase-step');
    await submit(page, 'Oui, effacer mes données');
    await page.waitForURL(/\/donnees-effacees\?resultat=delete$/);
    await page.getByRole('heading', { level: 1, name: 'Vos données sont effacées' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Rien n’est conservé de votre proposition.');
    await checkPage(page, 'erased');
    await open(page, `/suivi/${token}`, 404);

    // The notice the form, the status page and the acknowledgement link to.
    await open(page, '/donnees-personnelles');
    await checkPage(page, 'personal-data');
  }, 90_000);

  describe('with JavaScript off', () => {
    let plain: BrowserContext;
    /** A tab without scripts; axe-core, a script, checks the same addresses in the other one. */
    let bare: Page;
    beforeAll(async () => {
      plain = await browser.newContext({ locale: 'fr-FR', viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
      bare = await plain.newPage();
    });
    afterAll(() => plain?.close());

    it('sends a proposal, reads the receipt and the status page, corrects it, and withdraws it after a confirmation step', async () => {
      const res = await bare.goto(`${base}/editions/${OPEN}`);
      expect(res?.status()).toBe(200);
      // No script of the page runs: the DSFR's would mark the document.
      expect(await bare.locator('html').getAttribute('data-fr-js')).toBeNull();
      await bare.getByRole('link', { name: 'Proposer une intervention' }).click();
      await bare.waitForURL(`**/editions/${OPEN}/proposer`);

      // Nothing checks the empty form before it leaves: the server answers with every error.
      await submit(bare, 'Envoyer ma proposition');
      await bare.getByRole('heading', { name: /^Le formulaire contient \d+ erreur\(s\)$/ }).waitFor();
      expect(await bare.locator('#speakerName-error').innerText()).toBe('Votre nom est obligatoire.');

      await bare.getByLabel(/^Votre nom/).fill('Camille Sansscript');
      await bare.getByLabel(/^Votre adresse électronique/).fill('camille.sansscript@example.org');
      await bare.getByLabel(/^Votre administration/).fill('Préfecture de l’Exemple');
      await bare.getByLabel(/^Le titre de l'intervention/).fill('Un formulaire qui marche sans JavaScript');
      await bare.getByLabel(/^Le résumé/).fill('Tout passe par le serveur : les erreurs, l’accusé de réception et le suivi.');
      await bare.locator('label', { hasText: 'Pas de préférence' }).click();
      await bare.locator('label', { hasText: '10 minutes' }).click();
      await submit(bare, 'Envoyer ma proposition');
      await bare.waitForURL(/\/suivi\/[\w-]+\/recu$/);

      const receipt = await bare.locator('main').innerText();
      expect(receipt).toContain('Merci ! Votre proposition « Un formulaire qui marche sans JavaScript » est bien reçue.');
      const link = bare.locator('#lien-de-suivi');
      const token = /\/suivi\/([\w-]+)$/.exec((await link.getAttribute('href'))!)![1];
      expect(await link.innerText()).toBe(`${base}/suivi/${token}`);
      await link.click();
      await bare.waitForURL(`**/suivi/${token}`);
      expect((await bare.locator('#etat').textContent())?.trim()).toBe('Reçue, en cours d’examen');
      expect(await bare.locator('main').innerText()).toContain('camille.sansscript@example.org');

      await bare.getByRole('link', { name: 'Corriger ma proposition' }).click();
      await bare.waitForURL(`**/suivi/${token}/modifier`);
      await bare.getByRole('heading', { level: 1, name: 'Proposer une intervention' }).waitFor();
      expect(await bare.getByLabel(/^Le titre de l'intervention/).inputValue()).toBe('Un formulaire qui marche sans JavaScript');
      expect(await bare.getByLabel('10 minutes').isChecked()).toBe(true);
      await bare.getByLabel(/^Le titre de l'intervention/).fill('Un formulaire qui marche aussi sans JavaScript');
      await submit(bare, 'Enregistrer les modifications');
      await bare.waitForURL(`**/suivi/${token}?fait=modifiee`);
      expect(await bare.getByRole('status').innerText()).toBe('Vos modifications sont enregistrées.');
      expect(await bare.locator('main').innerText()).toContain('Un formulaire qui marche aussi sans JavaScript');

      // The pages of this flow not met above, checked where axe-core can run.
      for (const [address, name] of [
        [`/suivi/${token}?fait=modifiee`, 'status-updated'],
        [`/suivi/${token}/modifier`, 'correction-form'],
      ]) {
        await open(page, address);
        await expectAccessible(page, name);
      }

      await bare.getByRole('link', { name: 'Retirer ma proposition' }).click();
      await bare.waitForURL(`**/suivi/${token}/retirer`);
      expect(await bare.locator('main').innerText()).toContain('Ce retrait est définitif.');
      await submit(bare, 'Oui, retirer ma proposition');
      await bare.waitForURL(`**/suivi/${token}?fait=retiree`);
      expect(await bare.getByRole('status').innerText()).toBe('Votre proposition est retirée.');
      expect((await bare.locator('#etat').textContent())?.trim()).toBe('Retirée');
      expect(await bare.getByRole('link', { name: 'Retirer ma proposition' }).count()).toBe(0);
      expect(await bare.getByRole('link', { name: 'Corriger ma proposition' }).count()).toBe(0);

      await open(page, `/suivi/${token}?fait=retiree`);
      await expectAccessible(page, 'status-withdrawn');
    }, 60_000);
  });
});
