/** Test data, created through the document service of the booted app. */
import path from 'path';
import fs from 'fs';
import supertest from 'supertest';
import { PARIS_2023 } from '../fixtures/editions';

export const api = () => supertest(strapi.server.httpServer);

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export { PARIS_2023 };

/** The 2023 program is out (4 December) and its days are still to come (6 and 7 December): sessions are public. */
export const AFTER_PROGRAM_2023 = '2023-12-05T12:00:00.000Z';

type Options = { publish?: boolean; locale?: string };

export async function createEvent(data: Record<string, unknown> = {}, { publish = true }: Options = {}) {
  const slug = unique('event');
  return strapi.documents('api::event.event').create({
    data: { name: `Événement ${slug}`, slug, ...data } as any,
    locale: 'fr',
    status: publish ? 'published' : undefined,
  });
}

export async function createEdition(data: Record<string, unknown> = {}, { publish = true }: Options = {}) {
  const slug = unique('edition');
  return strapi.documents('api::edition.edition').create({
    data: { title: `Édition ${slug}`, slug, year: 2023, ...PARIS_2023, ...data } as any,
    locale: 'fr',
    status: publish ? 'published' : undefined,
  });
}

export async function createSpeaker(data: Record<string, unknown> = {}, { publish = true }: Options = {}) {
  return strapi.documents('api::speaker.speaker').create({
    data: { name: unique('Intervenant'), ...data } as any,
    locale: 'fr',
    status: publish ? 'published' : undefined,
  });
}

export async function createSession(data: Record<string, unknown> = {}, { publish = true }: Options = {}) {
  const slug = unique('session');
  return strapi.documents('api::session.session').create({
    data: { title: `Session ${slug}`, slug, durationMinutes: 20, format: 'talk', ...data } as any,
    locale: 'fr',
    status: publish ? 'published' : undefined,
  });
}

export async function createProposal(data: Record<string, unknown> = {}) {
  return strapi.documents('api::proposal.proposal').create({
    data: {
      reference: unique('REF'),
      speakerName: 'Agent Exemple',
      email: `${unique('agent')}@example.org`,
      administrationName: 'DINUM',
      title: 'Une proposition',
      abstract: 'Un résumé.',
      requestedDuration: 10,
      state: 'submitted',
      reviewerNotes: 'note interne confidentielle',
      // The talks tests publish come from proposers who agreed to publication (src/domain/consent.ts).
      consentPublication: true,
      ...data,
    } as any,
  });
}

/**
 * A proposal sent through the public API as a proposer sends it, from `address` (each test file keeps
 * its own range, clear of the rate limit), the `n`th of its file: answers its row and its status token.
 */
export async function submitProposal(edition: { slug: string }, n: number, address: string, overrides: Record<string, unknown> = {}) {
  const res = await api()
    .post('/api/proposals')
    .set('X-Forwarded-For', address)
    .send({
      data: {
        edition: edition.slug,
        speakerName: `Agent ${n}`,
        email: `agent${n}@example.org`,
        administrationName: 'DINUM',
        title: `Proposition numéro ${n}`,
        abstract: 'Un résumé suffisamment long pour être accepté.',
        requestedDuration: 15,
        preferredDay: '2023-12-07',
        ...overrides,
      },
    });
  expect(res.status).toBe(201);
  const proposal = await strapi.db.query('api::proposal.proposal').findOne({ where: { reference: res.body.data.reference } });
  return { ...proposal, statusToken: res.body.data.statusToken as string };
}

/**
 * The public pages as a browser asks for them, each request from its own address in
 * `10.<range>.x.y` (each test file keeps its own range, clear of the per-address limit): `get` in a
 * language, `post` a form as HTML sends it.
 */
export function pageClient(range: number) {
  let n = 0;
  const address = () => {
    n += 1;
    return `10.${range}.${Math.floor(n / 250)}.${n % 250}`;
  };
  const get = (path: string, lang?: string) => {
    const req = api().get(path).set('X-Forwarded-For', address());
    if (lang) req.set('Accept-Language', lang);
    return req;
  };
  const post = (path: string, fields: Record<string, string> = {}) => api().post(path).set('X-Forwarded-For', address()).type('form').send(fields);
  return { address, get, post };
}

export function demoData() {
  const file = path.resolve(__dirname, '..', '..', 'database', 'seed', 'bluehats.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function seedModule() {
  return require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'seed', 'demo.js'));
}

/** Registers the first super admin through the real admin API and returns a bearer token. */
const randomClient = () => `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

export async function adminToken(): Promise<string> {
  const credentials = { email: 'editor@example.org', password: 'Editeur2026!' };
  const existing = await strapi.db.query('admin::user').count({});
  if (existing === 0) {
    const res = await api()
      .post('/admin/register-admin')
      .send({ ...credentials, firstname: 'Éditrice', lastname: 'Test' });
    if (res.status !== 201 && res.status !== 200) throw new Error(`register-admin: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.token ?? res.body.data.accessToken;
  }
  // Strapi limits admin logins per address and e-mail; every test file logs in afresh, so each login
  // comes from its own client address (in the 198.18.0.0/15 benchmarking range).
  const login = await api().post('/admin/login').set('X-Forwarded-For', randomClient()).send(credentials);
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);
  return login.body.data.token ?? login.body.data.accessToken;
}

/** Logs in an admin holding one role (created on first use), e.g. the stock `strapi-author`. */
export async function adminTokenFor(roleCode: string, email = `${roleCode}@example.org`): Promise<string> {
  // The first admin must exist before any other (and logging it in each time would meet the login rate limit).
  if ((await strapi.db.query('admin::user').count({})) === 0) await adminToken();
  const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  if (!role) throw new Error(`no admin role ${roleCode}`);
  if (!(await strapi.db.query('admin::user').findOne({ where: { email } }))) {
    await strapi
      .service('admin::user')
      .create({ email, firstname: 'Agent', lastname: roleCode, password: 'Motdepasse2026', isActive: true, roles: [role.id], registrationToken: null });
  }
  const res = await api().post('/admin/login').set('X-Forwarded-For', randomClient()).send({ email, password: 'Motdepasse2026' });
  if (res.status !== 200) throw new Error(`admin login as ${roleCode}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token ?? res.body.data.accessToken;
}
