/**
 * The editors' week at the desk, in a real browser: the dashboard on the edition named in the
 * address, its undecided proposals as links and its French counts, the CSV named after the edition
 * and the day, a rebuild target tested from its edit view, and the delivery log in French.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { chromium, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, describeIfBrowser as browserSuite, SHOTS, startApp, stopApp, type RunningApp } from './support';

const describeIfBrowser = browserSuite('the editors’ desk');

const DEMO_TITLE = 'Journées #BlueHats (édition de démonstration)';
const TARGET = 'api::rebuild-target.rebuild-target';

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let base: string;
let receiver: http.Server;
let receiverUrl: string;
let token: string;
let demo: { documentId: string; title: string };

/** The admin API as the editor, beside the browser (setting up what the week found in place). */
const adminApi = (request: APIRequestContext) => ({
  get: (p: string) => request.get(`${base}${p}`, { headers: { Authorization: `Bearer ${token}` } }),
  post: (p: string, data: object = {}) => request.post(`${base}${p}`, { headers: { Authorization: `Bearer ${token}` }, data }),
});

describeIfBrowser('the editors’ desk in a browser', () => {
  beforeAll(async () => {
    // A site to rebuild: answers 204, or 500 on /broken.
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url?.startsWith('/broken') ? 500 : 204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    // The receiver listens on loopback, which a target may only reach with the operator's consent.
    app = await startApp(3, () => ({ REBUILD_ALLOW_PRIVATE_TARGETS: 'true' }));
    base = app.base;
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
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('logs in as an editor', async () => {
    await page.goto(`${base}/admin/auth/login`);
    await page.fill('input[name="email"]', 'editrice@example.org');
    await page.fill('input[name="password"]', 'Editrice2026');
    await page.click('button[type="submit"]');
    await page.getByRole('link', { name: 'Appel à interventions' }).waitFor({ timeout: 30_000 });
    const close = page.getByRole('button', { name: /fermer|close/i }).first();
    if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);

    const login = await page.request.post(`${base}/admin/login`, { data: { email: 'editrice@example.org', password: 'Editrice2026' } });
    token = (await login.json()).data.token;
    const editions = (await (await adminApi(page.request).get('/bluehats/editions')).json()).data as Array<{ documentId: string; title: string }>;
    demo = editions.find((e) => e.title === DEMO_TITLE)!;
    expect(demo).toBeDefined();
    // Two sites to rebuild; the broken one has failed once, for good.
    for (const [name, url] of [
      ['Site code.gouv.fr', `${receiverUrl}/hooks/build`],
      ['Site en panne', `${receiverUrl}/broken`],
    ]) {
      const res = await adminApi(page.request).post(`/content-manager/collection-types/${TARGET}`, {
        name,
        url,
        method: 'POST',
        enabled: true,
        quietPeriodSeconds: 0,
        maxAttempts: 1,
      });
      expect(res.status()).toBe(201);
      if (name === 'Site en panne') {
        const test = await adminApi(page.request).post(`/bluehats/rebuild-targets/${(await res.json()).data.documentId}/test`);
        expect((await test.json()).data).toMatchObject({ state: 'failed', status: 500 });
      }
    }
  }, 60_000);

  it('opens the dashboard on the current edition, written in the address', async () => {
    await page.goto(`${base}/admin/plugins/bluehats`);
    await page.waitForURL(new RegExp(`edition=${demo.documentId}`), { timeout: 15_000 });
    await page.getByText('Édition en cours').waitFor({ timeout: 15_000 });
  }, 60_000);

  it('keeps the edition named in the address, with undecided proposals as links and French counts', async () => {
    await page.goto(`${base}/admin/plugins/bluehats?edition=${demo.documentId}`);
    expect(await page.getByRole('combobox', { name: 'Édition' }).innerText()).toContain(DEMO_TITLE);
    await page.getByText(/^\d+ propositions? sans décision$/).waitFor({ timeout: 15_000 });
    const undecided = page.getByRole('link', { name: /DEMO-NEXT-0001/ });
    await undecided.waitFor();
    expect(await undecided.getAttribute('href')).toMatch(/\/admin\/content-manager\/collection-types\/api::proposal\.proposal\/[a-z0-9]+$/);
    await page.getByText('Minutes des propositions retenues (acceptées ou confirmées) :', { exact: false }).waitFor();
    // One failure: named, its reason in French, « 1 essai » in the singular.
    await page.getByText('1 échec de reconstruction').waitFor();
    const failure = await page.getByText('le site a répondu 500 (erreur du serveur)', { exact: false }).innerText();
    expect(failure).toContain('Site en panne');
    expect(failure).toContain('1 essai,');
    expect(await page.getByText(/\(\d+ essais\)|acceptée : 0/).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'admin-dashboard.png'), fullPage: true });

    await undecided.click();
    await page.waitForURL(/api::proposal\.proposal\/[a-z0-9]+/, { timeout: 15_000 });
    await page.getByRole('combobox', { name: 'État' }).waitFor({ timeout: 15_000 });
    await page.goBack();
    await page.waitForURL(new RegExp(`plugins/bluehats\\?edition=${demo.documentId}`), { timeout: 15_000 });
  }, 60_000);

  it('downloads the CSV under the edition’s slug and the day', async () => {
    await page.getByRole('button', { name: 'Exporter en CSV' }).waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^propositions-bluehats-demo-upcoming-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!).toString('utf8');
    expect(csv).toContain('"Édition";"Référence";"Titre"');
    expect(csv).toContain(`"${DEMO_TITLE}";`);
  }, 60_000);

  it('tests a rebuild target from its edit view, and reads the result in French', async () => {
    await page.goto(`${base}/admin/content-manager/collection-types/${TARGET}`);
    await page.getByText('Site code.gouv.fr').first().click({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Tester', exact: true }).click({ timeout: 15_000 });
    const result = page.getByRole('status').filter({ hasText: 'le site a répondu 204' });
    await result.waitFor({ timeout: 15_000 });
    expect(await result.innerText()).toMatch(/^Envoyé : le site a répondu 204 en \d+ millisecondes?\.$/);
    await page.screenshot({ path: path.join(SHOTS, 'admin-rebuild-test.png') });
  }, 60_000);

  it('shows the delivery log in French, each site named, with nothing to create by hand', async () => {
    await page.goto(`${base}/admin/content-manager/collection-types/api::delivery.delivery`);
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
    await page.screenshot({ path: path.join(SHOTS, 'admin-deliveries.png') });
  }, 60_000);
});
