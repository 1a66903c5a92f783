/**
 * The program builder in the admin, in French, on the demo's 2023 edition (its program date is past):
 * an Éditeur places a talk with the keyboard alone, sees an overlap turn red and the server refuse
 * it (its message shown, the talk back in its place), accepts « Proposer un placement », and
 * publishes the next version of the program, whose changelog shows on the page and on the public
 * program page.
 */
import path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ROW_PX } from '../../src/plugins/bluehats/admin/src/components/program-grid';
import { describeIfBrowser as browserSuite, expectAccessible, launchAdminBrowser, logInToAdmin, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('the program builder');
const EDITION_2023 = 'Journées #BlueHats des 6 et 7 décembre 2023';
const KEYBOARD_TALK = 'Des logiciels libres au clavier';
const SUGGESTED_TALK = 'Une forge pour les collectivités';

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let headers: Record<string, string>;
let edition: string;
let versionsBefore: number;

/** The admin API as the panel calls it, signed in as server.js's Éditeur. */
async function adminApi(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
  // `any`: each route answers its own shape; the assertions read what they need.
  const res = await fetch(`${app.base}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** A talk of the 2023 edition made by hand, in draft and without a start: it waits in « À placer ». */
async function draftTalk(title: string, slug: string): Promise<void> {
  const created = await adminApi('POST', '/content-manager/collection-types/api::session.session?locale=fr', {
    title,
    slug,
    format: 'talk',
    durationMinutes: 20,
    edition: { connect: [{ documentId: edition, locale: 'fr' }] },
  });
  expect(created.status).toBe(201);
}

/** The builder's live region (the notice above it is a status too). */
const live = () => page.locator('#programme-annonce');
/** A session's block on the grid: its name is its title, its times, then what only a screen reader hears. */
const gridBlock = (title: string): Locator => page.getByRole('button', { name: new RegExp(`^${title} \\d+ h \\d+ – `) });
const nameOf = async (title: string): Promise<string> => ((await gridBlock(title).textContent()) ?? '').replace(/\s+/g, ' ');

async function press(key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await page.keyboard.press(key);
}

describeIfBrowser('the program builder in the admin', () => {
  beforeAll(async () => {
    app = await startApp(17);
    const login = await fetch(`${app.base}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'editrice@example.org', password: 'Editrice2026' }),
    });
    headers = { Authorization: `Bearer ${((await login.json()) as { data: { token: string } }).data.token}`, 'Content-Type': 'application/json' };
    const editions = await adminApi('GET', '/bluehats/editions');
    edition = (editions.json.data as Array<{ documentId: string; title: string }>).find((e) => e.title === EDITION_2023)!.documentId;
    // The demo's 2023 talks are in « Salle BlueHats », the edition's one room, as the seed gives it.
    const rooms = await adminApi('GET', `/content-manager/collection-types/api::edition.edition/${edition}?locale=fr`);
    expect(rooms.status).toBe(200);
    expect(rooms.json.data.rooms.map((r: { name: string }) => r.name)).toEqual(['Salle BlueHats']);
    // The demo's published 2023 program is its version 1 (the seed publishes it in one batch): what
    // the editor publishes here is version 2, « with its changelog ».
    versionsBefore = (await adminApi('GET', `/bluehats/editions/${edition}/program/versions`)).json.data.length;
    expect(versionsBefore).toBe(1);
    await draftTalk(KEYBOARD_TALK, 'des-logiciels-libres-au-clavier');
    await draftTalk(SUGGESTED_TALK, 'une-forge-pour-les-collectivites');
    ({ browser, page } = await launchAdminBrowser());
    await logInToAdmin(page, app.base, 'editrice@example.org', 'Editrice2026');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp(app);
  });

  it('places a talk with the keyboard alone, announced as it moves', async () => {
    await page.getByRole('link', { name: 'Programme' }).click();
    await page.getByRole('combobox', { name: 'Édition' }).click();
    await page.getByRole('option', { name: EDITION_2023, exact: true }).click();
    const toPlace = page.getByRole('region', { name: /^À placer/ });
    await toPlace.getByText(KEYBOARD_TALK).waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'program builder');

    await toPlace.locator('[data-session]').filter({ hasText: KEYBOARD_TALK }).focus();
    await press('Enter');
    await live()
      .filter({ hasText: `« ${KEYBOARD_TALK} » prise, à 14 h 00` })
      .waitFor();
    // From the first afternoon's 14 h 00, twelve steps of 5 minutes: 15 h 00, after the demo's talks.
    await press('ArrowDown', 12);
    await live()
      .filter({ hasText: /^Déplacée à 15 h 00/ })
      .waitFor();
    await press('Shift+ArrowDown');
    await live()
      .filter({ hasText: /^Durée : 25 min\./ })
      .waitFor();
    await press('Enter');
    await live()
      .filter({ hasText: `« ${KEYBOARD_TALK} » placée à 15 h 00` })
      .waitFor({ timeout: 15_000 });
    const placed = gridBlock(KEYBOARD_TALK);
    await placed.waitFor();
    expect(await nameOf(KEYBOARD_TALK)).toMatch(/15 h 00 – 15 h 25, salle Salle BlueHats, 25 min, brouillon$/);
    expect(await toPlace.getByText(KEYBOARD_TALK).count()).toBe(0);
    // The focus stayed on the talk, now in the grid.
    expect(await placed.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'program-builder-placed.png'), fullPage: true });
  }, 120_000);

  it('turns an overlap red while moving, and shows the server’s refusal, the talk back in its place', async () => {
    await gridBlock(KEYBOARD_TALK).focus();
    await press('Enter');
    // 15 h 00 → 14 h 20: inside « Des cartes libres pour tous les services publics » (14 h 15 – 14 h 35).
    await press('ArrowUp', 8);
    await live()
      .filter({ hasText: /^Déplacée à 14 h 20.* Conflit : .*se chevauchent/ })
      .waitFor();
    expect(await nameOf(KEYBOARD_TALK)).toMatch(/14 h 20 – 14 h 45.*en conflit, en déplacement$/);
    await page
      .getByRole('region', { name: 'Règles du programme' })
      .getByText(/^Conflit : .*se chevauchent/)
      .first()
      .waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'program-builder-conflict.png'), fullPage: true });

    // The drop is the server's to refuse: its French message, and the talk goes back to 15 h 00.
    await press('Enter');
    const refusal = page.getByRole('alert').filter({ hasText: /se chevauchent/ });
    await refusal.waitFor({ timeout: 15_000 });
    await live()
      .filter({ hasText: /^Refusé : .*La session revient à sa place\.$/ })
      .waitFor();
    expect(await nameOf(KEYBOARD_TALK)).toMatch(/15 h 00 – 15 h 25/);
    expect(await nameOf(KEYBOARD_TALK)).not.toMatch(/en conflit/);

    // Escape puts a picked-up talk back without asking the server.
    await gridBlock(KEYBOARD_TALK).focus();
    await press('Enter');
    await press('ArrowDown', 3);
    await press('Escape');
    await live()
      .filter({ hasText: `Déplacement annulé : « ${KEYBOARD_TALK} » reste à sa place.` })
      .waitFor();
    expect(await nameOf(KEYBOARD_TALK)).toMatch(/15 h 00 – 15 h 25/);
  }, 120_000);

  it('proposes a placement as ghosts, and accepts it', async () => {
    await page.getByRole('button', { name: 'Proposer un placement' }).click();
    const proposal = page.getByRole('region', { name: 'Placement proposé' });
    await proposal.getByText(new RegExp(`^${SUGGESTED_TALK} : \\d+ h \\d+`)).waitFor({ timeout: 15_000 });
    expect(await page.getByText(`Proposée : ${SUGGESTED_TALK}`).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'program-builder-suggestion.png'), fullPage: true });
    await proposal.getByRole('button', { name: 'Accepter la proposition' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Proposition acceptée : \d+ sessions? placées?\.$/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await gridBlock(SUGGESTED_TALK).waitFor();
    expect(await page.getByRole('region', { name: 'Placement proposé' }).count()).toBe(0);
    expect(
      await page
        .getByRole('region', { name: /^À placer/ })
        .getByText(SUGGESTED_TALK)
        .count()
    ).toBe(0);
  }, 120_000);

  it('moves a talk with the mouse, then shortens it by its foot', async () => {
    const block = gridBlock(KEYBOARD_TALK);
    await block.scrollIntoViewIfNeeded();
    // Grabbed 3 px below its top, dropped 3 px below the first afternoon's 16 h 30 row (30 rows of 5 minutes from 14 h 00).
    const column = page.locator('section').filter({ has: block }).locator('[data-room]').first();
    await block.dragTo(column, { sourcePosition: { x: 10, y: 3 }, targetPosition: { x: 10, y: 30 * ROW_PX + 3 } });
    await live()
      .filter({ hasText: `« ${KEYBOARD_TALK} » placée à 16 h 30` })
      .waitFor({ timeout: 15_000 });
    expect(await nameOf(KEYBOARD_TALK)).toMatch(/16 h 30 – 16 h 55/);

    // Its foot dragged two rows up: 10 minutes shorter, checked and written by the server.
    const foot = page.locator(`[data-resize="${await block.getAttribute('data-session')}"]`);
    const box = (await foot.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 2 * ROW_PX, { steps: 5 });
    await page.mouse.up();
    await live()
      .filter({ hasText: /15 min/ })
      .waitFor({ timeout: 15_000 });
    expect(await nameOf(KEYBOARD_TALK)).toMatch(/16 h 30 – 16 h 45/);
  }, 120_000);

  it('publishes version 2 with its changelog, on the page and on the public program', async () => {
    await page.getByRole('button', { name: 'Publier le programme' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publier', exact: true }).click();
    const next = versionsBefore + 1;
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^Version ${next} publiée : \\d+ changements?\\.$`) })
      .first()
      .waitFor({ timeout: 30_000 });
    const versions = page.getByRole('region', { name: 'Versions' });
    // The badge beside the heading names the current version, the list's first item is the same one.
    await versions.locator('li').first().getByText(`Version ${next}`, { exact: true }).waitFor();
    const changes = await versions.locator('li').first().innerText();
    expect(changes).toContain(KEYBOARD_TALK);
    expect(changes).toContain(SUGGESTED_TALK);
    expect(await page.getByRole('region', { name: 'Dernière publication' }).innerText()).toContain(KEYBOARD_TALK);
    expect(await nameOf(KEYBOARD_TALK)).toMatch(/publiée$/);
    await versions.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'program-builder-version.png'), fullPage: true });
    await expectAccessible(page, 'program builder after publication');

    const slug = 'bluehats-2023';
    await page.goto(`${app.base}/editions/${slug}/programme`);
    const body = await page.locator('body').innerText();
    expect(body).toContain(`Version ${next}`);
    expect(body).toContain(KEYBOARD_TALK);
    expect(body).toMatch(new RegExp(`${KEYBOARD_TALK}[^\\n]*ajoutée|ajoutée[^\\n]*${KEYBOARD_TALK}`, 'i'));
    await page.screenshot({ path: path.join(SHOTS, 'program-public-version.png'), fullPage: true });
  }, 120_000);
});
