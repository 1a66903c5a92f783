/**
 * The editors' editions, through the admin API: no edition published without a complete call (or an
 * explicit « sans appel à interventions »), and next year's edition duplicated with its venue, its
 * dates moved by whole weeks, and a refusal when that year already exists.
 */
import { adminTokenFor, api, createEdition, createEvent, PARIS_2023 } from '../harness/factories';

const EDITION = 'api::edition.edition';
let token: string;

const cm = (method: 'get' | 'post' | 'put', p: string) =>
  api()[method](`/content-manager/collection-types/${EDITION}${p}`).set('Authorization', `Bearer ${token}`).query({ locale: 'fr' });
const publishedCount = (documentId: string) => strapi.db.query(EDITION).count({ where: { documentId, publishedAt: { $notNull: true } } });

const { cfpOpensAt, ...withoutOpening } = PARIS_2023;

beforeAll(async () => {
  token = await adminTokenFor('bluehats-editor', 'editrice.editions@example.org');
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('publishing an edition', () => {
  it('is refused while the call lacks its opening date: 400 with each missing field, in French, nothing published', async () => {
    const draft = await cm('post', '').send({ title: 'Journées sans ouverture 2027', slug: 'sans-ouverture-2027', year: 2027, ...withoutOpening });
    expect(draft.status).toBe(201);
    const documentId = draft.body.data.documentId;

    const res = await cm('post', `/${documentId}/actions/publish`).send({});
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      status: 400,
      name: 'ValidationError',
      message: "Publication impossible : il manque l'ouverture de l'appel. Complétez l'appel à interventions, ou cochez « Sans appel à interventions ».",
      details: {
        code: 'EDITION_CALL_INCOMPLETE',
        errors: [
          {
            path: ['cfpOpensAt'],
            code: 'REQUIRED_FOR_PUBLICATION',
            message: "Il manque l'ouverture de l'appel pour publier l'édition (ou cochez « Sans appel à interventions »).",
          },
        ],
      },
    });
    expect(await publishedCount(documentId)).toBe(0);

    const completed = await cm('post', `/${documentId}/actions/publish`).send({ cfpOpensAt });
    expect(completed.status).toBe(200);
    expect(await publishedCount(documentId)).toBe(1);
  });

  it('names every missing part of the call, days and durations included', async () => {
    const draft = await cm('post', '').send({ title: 'Journées vides 2027', slug: 'vides-2027', year: 2027 });
    expect(draft.status).toBe(201);
    const res = await cm('post', `/${draft.body.data.documentId}/actions/publish`).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual([
      'cfpOpensAt',
      'cfpClosesAt',
      'responseDate',
      'programPublicationDate',
      'days',
      'minDurationMinutes',
      'maxDurationMinutes',
    ]);
    expect(res.body.error.message).toContain("il manque l'ouverture de l'appel, la date limite de l'appel,");
  });

  it('is refused in one step too (create and publish), and for code that creates with status published', async () => {
    const before = await strapi.db.query(EDITION).count({});
    const res = await cm('post', '/actions/publish').send({ title: 'Journées directes 2027', slug: 'directes-2027', year: 2027, ...withoutOpening });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('EDITION_CALL_INCOMPLETE');
    await expect(createEdition({ cfpOpensAt: null })).rejects.toMatchObject({ details: { code: 'EDITION_CALL_INCOMPLETE' } });
    expect(await strapi.db.query(EDITION).count({})).toBe(before);
  });

  it('takes an edition marked « sans appel à interventions »: its call reads so, and a proposal is refused with CFP_NONE', async () => {
    const draft = await cm('post', '').send({ title: 'Rencontre sans appel 2027', slug: 'sans-appel-2027', year: 2027, withoutCall: true });
    expect(draft.status).toBe(201);
    const res = await cm('post', `/${draft.body.data.documentId}/actions/publish`).send({});
    expect(res.status).toBe(200);

    const page = await api()
      .get('/api/editions')
      .query({ filters: { slug: 'sans-appel-2027' } });
    expect(page.status).toBe(200);
    expect(page.body.data[0].callForProposals.state).toBe('no-call');

    const proposal = await api()
      .post('/api/proposals')
      .set('X-Forwarded-For', '10.9.9.9')
      .send({
        data: {
          edition: 'sans-appel-2027',
          speakerName: 'Agent Exemple',
          email: 'agent@example.org',
          administrationName: 'DINUM',
          title: 'Un sujet',
          abstract: 'Un résumé.',
          requestedDuration: 15,
          consentContact: true,
          consentPublication: true,
        },
      });
    expect(proposal.status).toBe(403);
    expect(proposal.body.error).toMatchObject({
      name: 'ForbiddenError',
      message: "Cette édition n'a pas d'appel à interventions : elle ne reçoit pas de propositions.",
      details: { code: 'CFP_NONE' },
    });
  });
});

describe('duplicating an edition for next year', () => {
  let source: { documentId: string };

  beforeAll(async () => {
    const event = await createEvent();
    source = await createEdition({
      title: 'Rencontres #BlueHats 2030',
      slug: 'rencontres-2030',
      year: 2030,
      event: event.documentId,
      venue: { name: 'Palais des congrès', hostShow: 'Open Source Experience', address: '2 place de la Porte Maillot', city: 'Paris' },
      cfpOpensAt: '2030-11-01T08:00:00.000Z',
      cfpClosesAt: '2030-11-20T22:59:00.000Z', // Wednesday 20 November 2030, 23:59 Paris
      responseDate: '2030-11-26T23:00:00.000Z',
      programPublicationDate: '2030-12-02T08:00:00.000Z',
      days: [{ date: '2030-12-04', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'après-midi du 4 décembre' }],
    });
  });

  it('titles the copy for the next year, keeps the venue, moves the dates by 52 weeks (same weekdays, same local times) and answers the draft', async () => {
    const res = await api().post(`/bluehats/editions/${source.documentId}/duplicate`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ title: 'Rencontres #BlueHats 2031', slug: 'rencontres-2031', year: 2031 });
    const copy: any = await strapi
      .documents(EDITION)
      .findOne({ documentId: res.body.data.documentId, locale: 'fr', status: 'draft', populate: { days: true, venue: true, event: true } });
    expect(copy).toMatchObject({
      publishedAt: null,
      venue: { name: 'Palais des congrès', hostShow: 'Open Source Experience', address: '2 place de la Porte Maillot', city: 'Paris' },
      cfpOpensAt: '2031-10-31T08:00:00.000Z',
      cfpClosesAt: '2031-11-19T22:59:00.000Z', // Wednesday 19 November 2031, 23:59 Paris
      responseDate: '2031-11-25T23:00:00.000Z',
      programPublicationDate: '2031-12-01T08:00:00.000Z',
    });
    // PostgreSQL answers a time as « 14:00:00 », SQLite as « 14:00:00.000 »: the minute is what counts.
    expect(copy.days.map((d: any) => [d.date, d.startTime.slice(0, 5), d.label])).toEqual([['2031-12-03', '14:00', null]]);
    expect(await publishedCount(copy.documentId)).toBe(0);
  });

  it("refuses when that year's edition of the event already exists: 409 naming it, nothing written", async () => {
    const before = await strapi.db.query(EDITION).count({});
    const existing = await strapi.db.query(EDITION).findOne({ where: { slug: 'rencontres-2031' } });
    const res = await api().post(`/bluehats/editions/${source.documentId}/duplicate`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      status: 409,
      name: 'ConflictError',
      message: "L'édition 2031 existe déjà : « Rencontres #BlueHats 2031 ». Ouvrez-la plutôt que d'en créer une seconde.",
      details: expect.objectContaining({ code: 'EDITION_ALREADY_EXISTS', documentId: existing.documentId, title: 'Rencontres #BlueHats 2031' }),
    });
    expect(await strapi.db.query(EDITION).count({})).toBe(before);
  });

  it('is refused to a reviewer', async () => {
    const reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur.editions@example.org');
    const res = await api().post(`/bluehats/editions/${source.documentId}/duplicate`).set('Authorization', `Bearer ${reviewer}`);
    expect(res.status).toBe(403);
  });
});
