/** Saving an edition with incoherent dates is refused, in the admin and through the document service. */
import { adminToken, api, createEdition, PARIS_2023 } from '../harness/factories';

const UID = 'api::edition.edition';
let token: string;

beforeAll(async () => {
  token = await adminToken();
});

const cm = (method: 'post' | 'put', path: string) => api()[method](`/content-manager/collection-types/${UID}${path}`).set('Authorization', `Bearer ${token}`);

describe('in the admin (content-manager API)', () => {
  it('creates a coherent edition', async () => {
    const res = await cm('post', '?locale=fr').send({ title: 'Édition cohérente', slug: 'coherente', year: 2023, ...PARIS_2023 });
    expect(res.status).toBe(201);
  });

  it('refuses a response date before the deadline, in French, on the right field', async () => {
    const before = await strapi.db.query(UID).count({});
    const res = await cm('post', '?locale=fr').send({
      title: 'Édition incohérente',
      slug: 'incoherente',
      year: 2023,
      ...PARIS_2023,
      responseDate: '2023-11-19T23:00:00.000Z',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'EDITION_INCOHERENT' } });
    expect(res.body.error.message).toBe(
      "La date de réponse (20 novembre 2023 à 0 h 00 (heure de Paris)) ne peut pas précéder la clôture de l'appel (20 novembre 2023 à 23 h 59 (heure de Paris))."
    );
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['responseDate'], code: 'RESPONSE_BEFORE_DEADLINE' })]);
    expect(await strapi.db.query(UID).count({})).toBe(before); // nothing written
  });

  it('refuses a day that ends before it starts, pointing at the day', async () => {
    const res = await cm('post', '?locale=fr').send({
      title: 'Jour à l’envers',
      slug: 'jour-envers',
      year: 2023,
      ...PARIS_2023,
      days: [{ date: '2023-12-06', startTime: '17:00:00.000', endTime: '14:00:00.000' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['days', '0', 'endTime'], code: 'DAY_ENDS_BEFORE_START' });
  });

  it('checks an update against the stored dates it leaves unchanged', async () => {
    const edition = await createEdition({}, { publish: false });
    const res = await cm('put', `/${edition.documentId}?locale=fr`).send({ programPublicationDate: '2023-12-06T14:00:00.000Z' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['programPublicationDate'], code: 'DATES_AFTER_FIRST_DAY' });
    const stored = await strapi.documents(UID).findOne({ documentId: edition.documentId, locale: 'fr' });
    expect(stored!.programPublicationDate).toBe(PARIS_2023.programPublicationDate);
  });

  it('lists every problem at once', async () => {
    const res = await cm('post', '?locale=fr').send({
      title: 'Tout faux',
      slug: 'tout-faux',
      year: 2023,
      ...PARIS_2023,
      timeZone: 'Mars/Olympus',
      minDurationMinutes: 40,
      cfpOpensAt: '2023-11-25T00:00:00.000Z',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.code).sort()).toEqual([
      'CFP_CLOSES_BEFORE_OPENING',
      'DURATION_CHOICE_OUT_OF_BOUNDS',
      'DURATION_MIN_ABOVE_MAX',
      'INVALID_TIME_ZONE',
    ]);
    expect(res.body.error.message).toMatch(/^L'édition contient 4 incohérences/);
  });
});

describe('through the document service (any code path)', () => {
  it('refuses min above max on update', async () => {
    const edition = await createEdition();
    await expect(strapi.documents(UID).update({ documentId: edition.documentId, locale: 'fr', data: { minDurationMinutes: 31 } as any })).rejects.toMatchObject(
      { name: 'ValidationError', details: { code: 'EDITION_INCOHERENT' } }
    );
  });
});
