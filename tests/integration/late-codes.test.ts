/**
 * Late-submission codes: after the deadline, a code an editor issued admits a proposal through the
 * API, GraphQL and the public form; its expiry to the millisecond in the edition's zone; its uses
 * counted atomically (20 concurrent uses of a one-use code: exactly one accepted).
 */
import { adminTokenFor, api, createEdition } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const LATE_CODE = 'api::late-code.late-code';
const AFTER_DEADLINE = '2023-11-22T10:00:00.000Z';

let ip = 0;
const freshIp = () => `10.77.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

let edition: any;
let reunion: any;

const form = (n: number, overrides: Record<string, unknown> = {}) => ({
  edition: edition.slug,
  speakerName: `Agent ${n}`,
  email: `agent.${n}@example.org`,
  administrationName: 'DINUM',
  title: `Un logiciel libre dans mon ministère, épisode ${n}`,
  abstract: 'Retour d’expérience sur un déploiement réussi, en quelques lignes.',
  preferredDay: '2023-12-06',
  requestedDuration: 15,
  consentContact: true,
  consentPublication: true,
  ...overrides,
});

const submit = (data: unknown, { lang }: { lang?: string } = {}) => {
  const req = api().post('/api/proposals').set('X-Forwarded-For', freshIp());
  if (lang) req.set('Accept-Language', lang);
  return req.send({ data });
};

/** A code made through the document service, as the admin does: the app makes the code itself. */
async function issue(data: Record<string, unknown> = {}, forEdition = edition) {
  return (await strapi.documents(LATE_CODE).create({
    data: { edition: forEdition.documentId, label: 'Relance DINUM', validUntil: '2023-11-24T22:59:00.000Z', maxUses: 1, ...data } as any,
  })) as any;
}
const usesOf = async (code: any) => (await strapi.db.query(LATE_CODE).findOne({ where: { id: code.id } })).uses;

beforeAll(async () => {
  edition = await createEdition({ slug: 'bluehats-2023-late', title: 'Journées #BlueHats 2023' });
  // 23:59 in La Réunion (UTC+4) is 19:59 UTC.
  reunion = await createEdition({
    slug: 'bluehats-reunion-late',
    title: 'Journées #BlueHats La Réunion',
    timeZone: 'Indian/Reunion',
    cfpOpensAt: '2023-11-03T08:00:00.000Z',
    cfpClosesAt: '2023-11-20T19:59:00.000Z',
  });
});

beforeEach(async () => {
  await strapi.db.query(PROPOSAL).deleteMany({});
  await strapi.db.query(LATE_CODE).deleteMany({});
  testClock.set(AFTER_DEADLINE);
});

describe('after the deadline', () => {
  it('a valid code admits the proposal, counts one use, and the proposal records it', async () => {
    const code = await issue({ maxUses: 2 });
    expect(code.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const res = await submit(form(1, { lateCode: code.code.toLowerCase().replace(/(.{5})/, '$1-') }));
    expect(res.status).toBe(201);
    expect(await usesOf(code)).toBe(1);
    const row = await strapi.db.query(PROPOSAL).findOne({ where: { reference: res.body.data.reference }, populate: { lateCode: true } });
    expect(row.lateCode.documentId).toBe(code.documentId);
  });

  it('without a code the call is closed, as before', async () => {
    const res = await submit(form(1));
    expect(res.status).toBe(403);
    expect(res.body.error.details.code).toBe('CFP_CLOSED');
  });

  it('an unknown code, and a code of another edition, are LATE_CODE_UNKNOWN, in French by default', async () => {
    const other = await issue({}, reunion);
    for (const lateCode of ['ZZZZZZZZZZ', other.code, 'pas un code']) {
      const res = await submit(form(1, { lateCode }));
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        data: null,
        error: {
          status: 403,
          name: 'ForbiddenError',
          message: "Ce code de dépôt tardif n'existe pas pour cette édition. Vérifiez le code reçu de l'équipe.",
          details: expect.objectContaining({ code: 'LATE_CODE_UNKNOWN', messageEn: expect.stringMatching(/does not exist/) }),
        },
      });
    }
    expect(await strapi.db.query(PROPOSAL).count({})).toBe(0);
    expect(await usesOf(other)).toBe(0);
  });

  it('an exhausted code is LATE_CODE_EXHAUSTED, in English on request', async () => {
    const code = await issue({ maxUses: 1 });
    expect((await submit(form(1, { lateCode: code.code }))).status).toBe(201);
    const res = await submit(form(2, { lateCode: code.code }), { lang: 'en' });
    expect(res.status).toBe(403);
    expect(res.body.error.details.code).toBe('LATE_CODE_EXHAUSTED');
    expect(res.body.error.message).toBe('This late-submission code has already been used as many times as allowed.');
    expect(await usesOf(code)).toBe(1);
  });

  it('a submission refused for another reason gives its use back', async () => {
    const code = await issue({ maxUses: 1 });
    expect((await submit(form(1, { lateCode: code.code }))).status).toBe(201);
    const another = await issue({ maxUses: 1 });
    const duplicate = await submit(form(1, { lateCode: another.code }));
    expect(duplicate.status).toBe(409);
    const invalid = await submit(form(3, { lateCode: another.code, title: '' }));
    expect(invalid.status).toBe(400);
    expect(await usesOf(another)).toBe(0);
  });

  it.each([
    ['Paris: the last millisecond of 24 Nov 23:59', edition, '2023-11-24T22:59:00.000Z', '2023-11-24T22:59:59.999Z', 201],
    ['Paris: the first millisecond after', edition, '2023-11-24T22:59:00.000Z', '2023-11-24T23:00:00.000Z', 403],
    ['La Réunion: the last millisecond of 24 Nov 23:59', 'reunion', '2023-11-24T19:59:00.000Z', '2023-11-24T19:59:59.999Z', 201],
    ['La Réunion: the first millisecond after', 'reunion', '2023-11-24T19:59:00.000Z', '2023-11-24T20:00:00.000Z', 403],
  ])('expiry, %s', async (_case, which, validUntil, now, status) => {
    const target = which === 'reunion' ? reunion : edition;
    const code = await issue({ validUntil }, target);
    testClock.set(now);
    const res = await submit(form(1, { edition: target.slug, lateCode: code.code }));
    expect(res.status).toBe(status);
    if (status === 403) {
      expect(res.body.error.details.code).toBe('LATE_CODE_EXPIRED');
      const place = which === 'reunion' ? 'La Réunion' : 'Paris';
      expect(res.body.error.message).toBe(`Ce code de dépôt tardif n'est plus valable : il l'était jusqu'au 24 novembre 2023 à 23 h 59 (heure de ${place}).`);
      expect(await usesOf(code)).toBe(0);
    }
  });

  it('20 concurrent submissions with a one-use code: exactly one accepted, 19 LATE_CODE_EXHAUSTED', async () => {
    const code = await issue({ maxUses: 1 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => submit(form(100 + n, { lateCode: code.code }))));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 403)).toHaveLength(19);
    for (const r of answers.filter((a) => a.status === 403)) expect(r.body.error.details.code).toBe('LATE_CODE_EXHAUSTED');
    expect(await usesOf(code)).toBe(1);
    expect(await strapi.db.query(PROPOSAL).count({})).toBe(1);
  });

  it('the GraphQL mutation takes the code too', async () => {
    const code = await issue({ maxUses: 1 });
    const mutation = `mutation S($data: ProposalSubmissionInput!) { submitProposal(data: $data) { reference } }`;
    const send = (n: number) =>
      api()
        .post('/graphql')
        .set('X-Forwarded-For', freshIp())
        .send({ query: mutation, variables: { data: form(n, { lateCode: code.code }) } });
    const ok = await send(1);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.submitProposal.reference).toMatch(/^BH23-/);
    const again = await send(2);
    expect(again.body.errors[0].extensions.error.details.code).toBe('LATE_CODE_EXHAUSTED');
  });
});

describe('before the deadline, or outside a closed call', () => {
  it('before the deadline a code is neither needed nor counted, even a wrong one', async () => {
    testClock.set('2023-11-20T22:59:59.999Z');
    const code = await issue({ maxUses: 1 });
    expect((await submit(form(1, { lateCode: code.code }))).status).toBe(201);
    expect((await submit(form(2, { lateCode: 'ZZZZZZZZZZ' }))).status).toBe(201);
    expect(await usesOf(code)).toBe(0);
  });

  it('before the call opens a code admits nothing', async () => {
    testClock.set('2023-11-01T10:00:00.000Z');
    const code = await issue({ maxUses: 1 });
    const res = await submit(form(1, { lateCode: code.code }));
    expect(res.status).toBe(403);
    expect(res.body.error.details.code).toBe('CFP_NOT_OPEN_YET');
    expect(await usesOf(code)).toBe(0);
  });
});

describe('the public form', () => {
  const page = (path: string) => api().get(path).set('X-Forwarded-For', freshIp());
  const unescaped = (html: string) =>
    html
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');

  it('a closed edition offers the code field; the form with a valid code submits it; a wrong code is refused', async () => {
    const code = await issue({ maxUses: 1 });
    const closed = await page(`/editions/${edition.slug}`);
    expect(closed.status).toBe(200);
    expect(closed.text).toContain('Code de dépôt tardif');
    expect(closed.text).toMatch(/<form method="get" action="\/editions\/bluehats-2023-late\/proposer" id="code-tardif"/);

    const without = await page(`/editions/${edition.slug}/proposer`);
    expect(without.status).toBe(403);

    const wrong = await page(`/editions/${edition.slug}/proposer?code=ZZZZZZZZZZ`);
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain('Code de dépôt tardif refusé');
    expect(unescaped(wrong.text)).toContain("Ce code de dépôt tardif n'existe pas pour cette édition.");

    const shown = await page(`/editions/${edition.slug}/proposer?code=${code.code}`);
    expect(shown.status).toBe(200);
    expect(shown.headers['cache-control']).toMatch(/no-store/);
    expect(shown.text).toContain('Dépôt tardif');
    expect(shown.text).toContain(`<input type="hidden" name="lateCode" value="${code.code}">`);

    // The page without a code is not served from a cache filled by the one with it, nor the reverse.
    expect((await page(`/editions/${edition.slug}/proposer`)).status).toBe(403);

    const posted = await api().post(`/editions/${edition.slug}/proposer`).set('X-Forwarded-For', freshIp()).type('form').send({
      speakerName: 'Agente Tardive',
      email: 'agente.tardive@example.org',
      administrationName: 'Ministère de l’Exemple',
      title: 'Une proposition arrivée tard',
      abstract: 'Une proposition reçue après la date limite, avec un code de l’équipe.',
      preferredDay: '2023-12-07',
      requestedDuration: '20',
      consentContact: 'oui',
      consentPublication: 'oui',
      website: '',
      lateCode: code.code,
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toMatch(/^\/suivi\/[A-Za-z0-9_-]+\/recu$/);
    expect(await usesOf(code)).toBe(1);

    const exhausted = await page(`/editions/${edition.slug}/proposer?code=${code.code}&lang=en`);
    expect(exhausted.status).toBe(403);
    expect(unescaped(exhausted.text)).toContain('This late-submission code has already been used as many times as allowed.');
  });
});

describe('editors', () => {
  it('create a code through the admin: the code is made by the app, uses ignored, then never rewritten by hand', async () => {
    const token = await adminTokenFor('bluehats-editor');
    const cm = (method: 'post' | 'put' | 'get', path = '') =>
      api()[method](`/content-manager/collection-types/${LATE_CODE}${path}`).set('Authorization', `Bearer ${token}`);
    const created = await cm('post').send({
      label: 'Intervenante relancée',
      edition: { connect: [{ documentId: edition.documentId }] },
      validUntil: '2023-11-24T22:59:00.000Z',
      maxUses: 3,
      code: 'AAAAAAAAAA',
      uses: 2,
    });
    expect(created.status).toBe(201);
    expect(created.body.data.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(created.body.data.code).not.toBe('AAAAAAAAAA');
    expect(created.body.data.uses).toBe(0);
    const updated = await cm('put', `/${created.body.data.documentId}`).send({ label: 'Autre libellé', code: 'BBBBBBBBBB', uses: 3 });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ label: 'Autre libellé', code: created.body.data.code, uses: 0 });
    expect((await submit(form(1, { lateCode: created.body.data.code }))).status).toBe(201);
  });

  it('a reviewer cannot read the codes', async () => {
    await issue();
    const token = await adminTokenFor('bluehats-reviewer');
    const res = await api().get(`/content-manager/collection-types/${LATE_CODE}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
  });
});
