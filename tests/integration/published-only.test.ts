/** Drafts never leave through the content API: not by default, not on request, not nested. */
import { AFTER_PROGRAM_2023, api, createEdition, createEvent, createSession } from '../harness/factories';

const gql = (query: string, variables?: Record<string, unknown>) => api().post('/graphql').send({ query, variables });

let event: any;
let draftEdition: any;
let publishedEdition: any;

beforeAll(async () => {
  // After the program date, so that only being a draft hides the draft session (not the embargo).
  testClock.set(AFTER_PROGRAM_2023);
  event = await createEvent();
  publishedEdition = await createEdition({ title: 'Édition publiée', event: event.documentId });
  draftEdition = await createEdition({ title: 'Édition brouillon', event: event.documentId }, { publish: false });
  await createSession({ title: 'Session brouillon', edition: publishedEdition.documentId }, { publish: false });
  // A published edition with unpublished changes: the public sees the published version.
  await strapi.documents('api::edition.edition').update({
    documentId: publishedEdition.documentId,
    locale: 'fr',
    data: { title: 'Titre pas encore publié' } as any,
  });
});

describe('REST', () => {
  it('lists published editions only, in their published version', async () => {
    const res = await api().get('/api/editions');
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: any) => e.title)).toEqual(['Édition publiée']);
    expect(res.body.meta.pagination.total).toBe(1);
  });

  it('does not find a draft by its documentId', async () => {
    const res = await api().get(`/api/editions/${draftEdition.documentId}`);
    expect(res.status).toBe(404);
  });

  it.each(['draft', 'DRAFT', 'anything'])('refuses ?status=%s with a clear 400', async (status) => {
    const res = await api().get('/api/editions').query({ status });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      data: null,
      error: { status: 400, name: 'ValidationError', details: { code: 'DRAFTS_NOT_PUBLIC' } },
    });
    expect(res.body.error.message).toMatch(/brouillons/);
    expect(JSON.stringify(res.body)).not.toContain('brouillon"');
  });

  it('accepts ?status=published', async () => {
    const res = await api().get('/api/editions').query({ status: 'published' });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
  });

  it('does not populate draft sessions or draft editions', async () => {
    const editions = await api().get('/api/editions').query({ populate: 'sessions' });
    expect(editions.body.data[0].sessions).toEqual([]);
    const events = await api().get('/api/events').query({ populate: 'editions' });
    expect(events.body.data[0].editions.map((e: any) => e.title)).toEqual(['Édition publiée']);
  });

  it('does not let a filter on a draft relation reveal it', async () => {
    const res = await api()
      .get('/api/editions')
      .query({ filters: { sessions: { title: { $eq: 'Session brouillon' } } } });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });
});

describe('GraphQL', () => {
  it('lists published editions only', async () => {
    const res = await gql('{ editions { title } editions_connection { pageInfo { total } } }');
    expect(res.body.data.editions).toEqual([{ title: 'Édition publiée' }]);
    expect(res.body.data.editions_connection.pageInfo.total).toBe(1);
  });

  it.each([
    ['a root argument', '{ editions(status: DRAFT) { title } }', undefined],
    ['an argument beside other fields', '{ events { editions(filters: { title: { eq: "x" } }) { title } } editions(status: DRAFT) { title } }', undefined],
    ['a variable', 'query Q($s: PublicationStatus) { editions(status: $s) { title } }', { s: 'DRAFT' }],
    ['a single-document query', `query { edition(documentId: "x", status: DRAFT) { title } }`, undefined],
  ])('refuses drafts asked through %s', async (_label, query, variables) => {
    const res = await gql(query, variables as any);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('DRAFTS_NOT_PUBLIC');
    expect(JSON.stringify(res.body)).not.toContain('Édition brouillon');
  });

  it('also refuses through GET', async () => {
    const res = await api().get('/graphql').query({ query: '{ editions(status: DRAFT) { title } }' });
    expect(res.status).toBe(400);
  });

  it('accepts status: PUBLISHED', async () => {
    const res = await gql('{ editions(status: PUBLISHED) { title } }');
    expect(res.body.data.editions).toEqual([{ title: 'Édition publiée' }]);
  });

  it('does not show draft sessions through a relation', async () => {
    const res = await gql('{ editions { sessions { title } sessions_connection { nodes { title } } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.editions[0].sessions).toEqual([]);
    expect(res.body.data.editions[0].sessions_connection.nodes).toEqual([]);
  });
});
