/**
 * Co-speakers in a real browser (Debian's Chromium driven by playwright-core), against the app
 * started on loopback with the demo content and its mails sent to a real SMTP server of this file:
 * the public form with a co-speaker's slot filled, the proposer's status page with where the
 * invitation stands, and the co-speaker's own page, reached from their mail, where they accept
 * (consenting to the publication of their name) and later confirm. Each page passes axe-core's
 * WCAG 2.1 A/AA rules and is photographed to .tmp/screenshots.
 */
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
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

const describeIfBrowser = browserSuite('the co-speakers');

// The harness's SMTP server (plain JavaScript): typed as the integration tests' global one.
const { Mailbox } = require('../harness/mailbox') as { Mailbox: new () => typeof mailbox };

/** The demo content's edition whose call is open (database/seed/bluehats.json). */
const OPEN = 'bluehats-demo-upcoming';
const PROPOSER = { name: 'Dominique Porteuse', email: 'dominique.porteuse@example.org', administration: 'Ville de Grenoble' };
const CO_SPEAKER = { name: 'Alice Martin', email: 'alice.martin@example.org', administration: 'DINUM' };
const TITLE = 'Mutualiser un logiciel libre entre deux collectivités';

let app: RunningApp;
let box: typeof mailbox;
let browser: Browser;
let page: Page;
let base: string;

async function open(on: Page, address: string): Promise<void> {
  const res = await on.goto(address.startsWith('http') ? address : `${base}${address}`);
  expect(res?.status()).toBe(200);
  // The DSFR's fonts, before anything is measured or photographed.
  await on.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Checked with axe-core and photographed full page: co-speakers-<name>.png. */
async function checkPage(on: Page, name: string): Promise<void> {
  await expectAccessible(on, name);
  await on.screenshot({ path: path.join(SHOTS, `co-speakers-${name}.png`), fullPage: true });
}

/** The status of the one co-speaker the status page lists: its data-status and its text. */
async function listedInvitation(on: Page): Promise<{ status: string | null; text: string }> {
  const item = on.locator('#co-intervenants li');
  expect(await item.count()).toBe(1);
  return { status: await item.getAttribute('data-status'), text: (await item.innerText()).trim() };
}

describeIfBrowser('co-speakers in a browser', () => {
  beforeAll(async () => {
    box = new Mailbox();
    const smtpPort = await box.start();
    // A port of its own: a server of another file may still be letting its port go.
    app = await startApp(3, (port) => ({ PUBLIC_URL: `http://127.0.0.1:${port}`, MAILBOX_PORT: String(smtpPort) }));
    base = app.base;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp(app);
    await box?.stop();
  });

  it('names a co-speaker in the form, shows the invitation on the status page, and the co-speaker accepts then confirms from their mail', async () => {
    // The form, with the first co-speaker's slot filled.
    await open(page, `/editions/${OPEN}/proposer`);
    await page.getByLabel(/^Votre nom/).fill(PROPOSER.name);
    await page.getByLabel(/^Votre adresse électronique/).fill(PROPOSER.email);
    await page.getByLabel(/^Votre administration/).fill(PROPOSER.administration);
    await page.getByLabel(/^Le titre de l'intervention/).fill(TITLE);
    await page.getByLabel(/^Le résumé/).fill('Deux villes, un même outil libre : comment nous avons partagé le développement et la maintenance.');
    await page.locator('label', { hasText: '20 minutes' }).click();
    await page.locator('label[for="consentPublication"]').click();
    const slot = page.locator('#coSpeakers');
    await slot.getByLabel('Nom').first().fill(CO_SPEAKER.name);
    await slot.getByLabel('Adresse électronique').first().fill(CO_SPEAKER.email);
    await slot.getByLabel('Administration').first().fill(CO_SPEAKER.administration);
    expect(await page.locator('#coSpeaker1-email').inputValue()).toBe(CO_SPEAKER.email);
    await checkPage(page, 'form');
    await submit(page, 'Envoyer ma proposition');
    await page.waitForURL(/\/suivi\/[\w-]+\/recu$/);
    await page.getByRole('heading', { level: 1, name: 'Proposition reçue' }).waitFor();
    const reference = /Sa référence : (\S+)\./.exec(await page.locator('main').innerText())![1];

    // The proposer's status page: the invitation, sent and not answered yet.
    await page.locator('#lien-de-suivi').click();
    await page.waitForURL(/\/suivi\/[\w-]+$/);
    const statusPage = page.url();
    expect(await listedInvitation(page)).toEqual({
      status: 'invited',
      text: `${CO_SPEAKER.name} (${CO_SPEAKER.administration}) : Invitation envoyée, sans réponse`,
    });
    await checkPage(page, 'status-invited');

    // The co-speaker's mail, over SMTP, with their own link to their own page.
    const [invitation] = await box.waitFor((m) => m.to === CO_SPEAKER.email && /\/invitation\/[\w-]+/.test(m.text), { timeoutMs: 10_000 });
    const link = new RegExp(`${base.replace(/[.]/g, '\\.')}/invitation/[\\w-]+`).exec(invitation.text)![0];
    expect(invitation.text).toContain(TITLE);
    await open(page, link);
    await page.getByRole('heading', { level: 1, name: 'Votre invitation à intervenir' }).waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toContain(`${PROPOSER.name} vous a nommé·e co-intervenant·e de « ${TITLE} »`);
    // Their page shows no address, not even their own.
    expect(main).not.toContain(CO_SPEAKER.email);
    expect(main).not.toContain(PROPOSER.email);
    expect(await page.locator('#invitation-etat').getAttribute('data-status')).toBe('invited');
    // Accepting is consenting to the publication of their name and administration: said before the button.
    expect(await page.locator('#accord-publication').innerText()).toMatch(/^En acceptant, vous acceptez que votre nom et votre administration/);
    await checkPage(page, 'invitation');
    await submit(page, 'J’accepte l’invitation');
    await page.waitForURL(/\/invitation\/[\w-]+\?fait=accepted$/);
    expect(await page.getByRole('status').innerText()).toBe('Vous avez accepté l’invitation. Merci !');
    expect(await page.locator('#invitation-etat').getAttribute('data-status')).toBe('accepted');
    // Nothing to confirm before the proposal is accepted.
    expect(await page.locator('#confirmer').count()).toBe(0);
    await checkPage(page, 'invitation-accepted');

    await open(page, statusPage);
    expect(await listedInvitation(page)).toEqual({ status: 'accepted', text: `${CO_SPEAKER.name} (${CO_SPEAKER.administration}) : Invitation acceptée` });
    await checkPage(page, 'status-accepted');

    // Accepted and released by the editors: the co-speaker is asked to confirm, and does so on their page.
    box.clear();
    await acceptAndRelease(base, reference);
    const [asked] = await box.waitFor((m) => m.to === CO_SPEAKER.email && /confirmez votre participation/.test(m.subject), { timeoutMs: 10_000 });
    expect(asked.text).toContain(link);
    await open(page, link);
    await page
      .locator('#confirmation')
      .getByText(/^Confirmez votre participation avant le /)
      .waitFor();
    await checkPage(page, 'invitation-to-confirm');
    await submit(page, 'Je confirme ma participation');
    await page.waitForURL(/\?fait=confirmed$/);
    expect(await page.getByRole('status').innerText()).toBe('Votre participation est confirmée. Merci !');
    expect(await page.locator('#invitation-etat').getAttribute('data-status')).toBe('confirmed');
    await checkPage(page, 'invitation-confirmed');

    await open(page, statusPage);
    expect(await listedInvitation(page)).toEqual({
      status: 'confirmed',
      text: `${CO_SPEAKER.name} (${CO_SPEAKER.administration}) : Participation confirmée`,
    });
  }, 120_000);

  it('shows the invitation page in English too, accessible', async () => {
    const [invitation] = await box.waitFor((m) => m.to === CO_SPEAKER.email && /\/invitation\/[\w-]+/.test(m.text));
    const link = /https?:\/\/\S+\/invitation\/[\w-]+/.exec(invitation.text)![0];
    await open(page, `${link}?lang=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { level: 1, name: 'Your invitation to speak' }).waitFor();
    await checkPage(page, 'invitation-en');
  }, 60_000);
});
