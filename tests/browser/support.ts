/**
 * What every browser test file shares: Debian's Chromium (never a downloaded browser), where the
 * screenshots go, and the app started on loopback by ./server.js, then stopped.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SHOTS = process.env.SCREENSHOTS_DIR || path.resolve(__dirname, '..', '..', '.tmp', 'screenshots');
/** As root in a closed network: no sandbox, and none of Chromium's background connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `describe` when Chromium is there; in CI its absence is an error, elsewhere the file is skipped with a message. */
export function describeIfBrowser(what: string): jest.Describe {
  const hasChromium = fs.existsSync(CHROMIUM);
  if (!hasChromium && process.env.CI) throw new Error(`Chromium is required in CI (${CHROMIUM}); .ci/run installs Debian's chromium package.`);
  if (!hasChromium) console.warn(`Browser tests of ${what} skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH).`);
  return hasChromium ? describe : describe.skip;
}

export interface RunningApp {
  base: string;
  server: ChildProcess;
}

/** Starts the app (./server.js) on a port of this file's own (`offset` keeps two files apart), and waits for READY. */
export function startApp(offset: number, env: (port: string) => Record<string, string> = () => ({})): Promise<RunningApp> {
  const port = String(20000 + ((process.pid + offset) % 20000));
  const server = spawn(process.execPath, [path.join(__dirname, 'server.js')], {
    env: { ...process.env, PORT: port, ...env(port) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('READY')) resolve({ base: `http://127.0.0.1:${port}`, server });
    });
    server.on('exit', (code) => reject(new Error(`app exited with ${code}`)));
  });
}

export async function stopApp(app: RunningApp | undefined): Promise<void> {
  if (!app || app.server.exitCode !== null) return;
  app.server.send?.('stop');
  await new Promise((resolve) => app.server.once('exit', resolve));
}

/**
 * The admin's browser: a fresh profile each run (playwright passes it as --user-data-dir), so no
 * language was ever chosen and the admin starts in French as an editor's first visit does.
 */
export async function launchAdminBrowser(options: { acceptDownloads?: boolean } = {}): Promise<{ browser: BrowserContext; page: Page }> {
  const browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'fr-FR',
    viewport: { width: 1440, height: 1000 },
    ...options,
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  fs.mkdirSync(SHOTS, { recursive: true });
  return { browser, page };
}

/** Logs in to the admin, waits for the desk's menu, and closes Strapi's banner (it would hide the top of the screenshots). */
export async function logInToAdmin(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Appel à interventions' }).waitFor({ timeout: 30_000 });
  const close = page.getByRole('button', { name: 'Fermer' }).first();
  if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);
}

/** The WCAG 2.1 A and AA rules of axe-core. */
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is: no violation, each one named if any.
 * Run in the page itself (the pages have no frame), not through the package's blank page.
 */
export async function expectAccessible(on: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page: on }).withTags(WCAG).setLegacyMode().analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect({ page: what, violations: found }).toEqual({ page: what, violations: [] });
}

/** Presses a submit button of a public page, and waits for the page the server answers. */
export async function submit(on: Page, button: string): Promise<void> {
  const answered = on.waitForEvent('framenavigated', (frame) => frame === on.mainFrame());
  await on.getByRole('button', { name: button }).click();
  await answered;
  await on.waitForLoadState('load');
}

/** The editors' side, through the admin's API as the admin panel calls it (as server.js's Éditeur): accept a proposal and release it. */
export async function acceptAndRelease(base: string, reference: string): Promise<void> {
  const login = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'editrice@example.org', password: 'Editrice2026' }),
  });
  const { data } = (await login.json()) as { data: { token: string } };
  const headers = { Authorization: `Bearer ${data.token}`, 'Content-Type': 'application/json' };
  const uid = 'api::proposal.proposal';
  const list = await fetch(`${base}/content-manager/collection-types/${uid}?filters[reference][$eq]=${encodeURIComponent(reference)}&populate=edition`, {
    headers,
  });
  const [proposal] = ((await list.json()) as { results: Array<{ documentId: string; edition: { documentId: string } }> }).results;
  const update = await fetch(`${base}/content-manager/collection-types/${uid}/${proposal.documentId}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ state: 'accepted', decisionMessage: 'Bravo, et à bientôt au Palais des Congrès !' }),
  });
  expect(update.status).toBe(200);
  // A release is confirmed with the count its preview announced.
  const editionPath = `${base}/bluehats/editions/${proposal.edition.documentId}`;
  const preview = (await (await fetch(`${editionPath}/release-preview`, { headers })).json()) as { data: { total: number } };
  const release = await fetch(`${editionPath}/release-decisions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ confirm: true, expected: preview.data.total }),
  });
  expect(release.status).toBe(200);
}
