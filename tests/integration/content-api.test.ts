/** Published, seeded content as a frontend reads it: REST and GraphQL, French and English. */
import { api, demoData, seedModule } from '../harness/factories';

const SEEDED_AT = new Date('2026-11-23T12:00:00.000Z');

beforeAll(async () => {
  testClock.set(SEEDED_AT);
  await seedModule().seedDemo(strapi, demoData());
});

describe('REST', () => {
  it('lists the event with its published editions', async () => {
    const res = await api()
      .get('/api/events')
      .query({ populate: { editions: { fields: ['slug', 'year'] } } });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    const [event] = res.body.data;
    expect(event).toMatchObject({ slug: 'journees-bluehats', name: 'Journées #BlueHats', locale: 'fr' });
    expect(event.organizer).toBeUndefined(); // components are only there when asked for
    expect(event.editions.map((e: { slug: string }) => e.slug).sort()).toEqual(['bluehats-2022', 'bluehats-2023', 'bluehats-demo-upcoming']);
  });

  it('gives the 2023 edition with the dates of the announcement, as UTC instants', async () => {
    const res = await api()
      .get('/api/editions')
      .query({ filters: { slug: 'bluehats-2023' }, populate: ['days', 'venue'] });
    expect(res.status).toBe(200);
    const [edition] = res.body.data;
    expect(edition).toMatchObject({
      year: 2023,
      timeZone: 'Europe/Paris',
      cfpClosesAt: '2023-11-20T22:59:00.000Z',
      responseDate: '2023-11-26T23:00:00.000Z',
      programPublicationDate: '2023-12-04T08:00:00.000Z',
      minDurationMinutes: 5,
      maxDurationMinutes: 30,
      durationChoices: [5, 10, 15, 20, 30],
      registrationUrl: 'https://www.opensource-experience.com/creer-mon-badge/',
      contactEmail: 'contact@code.gouv.fr',
      venue: { name: 'Palais des Congrès', hostShow: 'Open Source Experience', city: 'Paris' },
    });
    // SQLite answers 14:00:00.000 and PostgreSQL 14:00:00: compare the minutes.
    expect(edition.days.map((d: any) => [d.date, d.startTime.slice(0, 5), d.endTime.slice(0, 5)])).toEqual([
      ['2023-12-06', '14:00', '17:00'],
      ['2023-12-07', '14:00', '17:00'],
    ]);
  });

  it('gives an upcoming edition whose call is open at the moment of seeding', async () => {
    const res = await api()
      .get('/api/editions')
      .query({ filters: { slug: 'bluehats-demo-upcoming' } });
    const [edition] = res.body.data;
    expect(new Date(edition.cfpOpensAt).getTime()).toBeLessThan(SEEDED_AT.getTime());
    expect(new Date(edition.cfpClosesAt).getTime()).toBeGreaterThan(SEEDED_AT.getTime());
  });

  it('serves English when asked, French by default', async () => {
    const en = await api().get('/api/events').query({ locale: 'en' });
    expect(en.body.data[0]).toMatchObject({ name: '#BlueHats days', locale: 'en', slug: 'journees-bluehats' });
    const fr = await api().get('/api/events');
    expect(fr.body.data[0].name).toBe('Journées #BlueHats');
  });

  it('gives sessions with their speakers and administrations, and no private relation', async () => {
    const res = await api()
      .get('/api/sessions')
      .query({ sort: 'startsAt', populate: { speakers: { populate: ['administration'] } } });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(4);
    const round = res.body.data.find((s: any) => s.slug === '2023-table-ronde-ecoles');
    expect(round).toMatchObject({ format: 'round_table', durationMinutes: 30, startsAt: '2023-12-07T13:10:00.000Z' });
    expect(round.speakers.map((s: any) => s.name).sort()).toEqual(['Camille Exemple', 'Sacha Témoin']);
    expect(round.speakers[0].administration.name).toBeTruthy();
    expect(round).not.toHaveProperty('proposal');
  });

  it('gives administrations and speakers', async () => {
    const admins = await api().get('/api/administrations').query({ sort: 'name' });
    expect(admins.body.data.map((a: any) => a.acronym)).toContain('DINUM');
    expect(admins.body.meta.pagination.total).toBe(5);
    const speakers = await api().get('/api/speakers');
    expect(speakers.body.data).toHaveLength(4);
  });

  it('refuses writes from the public', async () => {
    const res = await api()
      .post('/api/events')
      .send({ data: { name: 'x', slug: 'x' } });
    expect([403, 404, 405]).toContain(res.status);
    expect(await strapi.documents('api::event.event').count({ locale: 'fr' })).toBe(1);
  });
});

describe('GraphQL', () => {
  const gql = (query: string, variables?: Record<string, unknown>) => api().post('/graphql').send({ query, variables });

  it('gives editions with their days, venue and sessions', async () => {
    const res = await gql(`{
      editions(filters: { slug: { eq: "bluehats-2023" } }) {
        title year timeZone cfpClosesAt durationChoices
        days { date startTime endTime label }
        venue { name city }
        event { slug name }
        sessions(sort: "startsAt") { title durationMinutes speakers { name } }
      }
    }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const [edition] = res.body.data.editions;
    expect(edition).toMatchObject({
      year: 2023,
      cfpClosesAt: '2023-11-20T22:59:00.000Z',
      venue: { name: 'Palais des Congrès', city: 'Paris' },
      event: { slug: 'journees-bluehats' },
    });
    expect(edition.days).toHaveLength(2);
    expect(edition.sessions.map((s: any) => s.title)[0]).toBe('Ouverture des journées #BlueHats');
  });

  it('serves English', async () => {
    const res = await gql(`{ events(locale: "en") { name } }`);
    expect(res.body.data.events).toEqual([{ name: '#BlueHats days' }]);
  });
});
