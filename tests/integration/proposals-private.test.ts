/** Proposals are never readable by the public: no route, no GraphQL field, no populate, no filter. */
import { AFTER_PROGRAM_2023, api, createEdition, createProposal, createSession } from '../harness/factories';

const gql = (query: string) => api().post('/graphql').send({ query });
let edition: any;
let proposal: any;
const SECRET_EMAIL = 'agent.secret@example.org';

beforeAll(async () => {
  // The session is public (the 2023 program is out): only the proposal behind it must stay hidden.
  testClock.set(AFTER_PROGRAM_2023);
  edition = await createEdition();
  proposal = await createProposal({ edition: edition.documentId, email: SECRET_EMAIL, state: 'accepted' });
  await createSession({ edition: edition.documentId, proposal: proposal.documentId });
});

const neverLeaks = (body: unknown) => {
  const text = JSON.stringify(body);
  expect(text).not.toContain(SECRET_EMAIL);
  expect(text).not.toContain('note interne confidentielle');
  expect(text).not.toContain(proposal.reference);
};

describe('REST', () => {
  it.each([
    // Only the submission lives at /api/proposals: a GET is refused with 405 and Allow: POST.
    ['the list', '/api/proposals', 405],
    ['one proposal', `/api/proposals/${'x'.repeat(24)}`, 404],
  ])('has no route for %s', async (_label, url, status) => {
    const res = await api().get(url);
    expect(res.status).toBe(status);
    expect(res.headers.allow ?? '').not.toMatch(/GET/);
    neverLeaks(res.body);
  });

  it('does not give the private originating proposal of a session', async () => {
    const res = await api().get('/api/sessions').query({ populate: '*' });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).not.toHaveProperty('proposal');
    neverLeaks(res.body);
  });

  it.each([
    ['populate=proposal', { populate: 'proposal' }],
    ['populate[proposal]', { populate: { proposal: true } }],
    ['a filter on the proposal e-mail', { filters: { proposal: { email: { $eq: SECRET_EMAIL } } } }],
    ['a filter on the proposal state', { filters: { proposal: { state: { $eq: 'accepted' } } } }],
    ['a sort on the proposal', { sort: 'proposal.email' }],
  ])('refuses %s on sessions with 400, no oracle', async (_label, query) => {
    const res = await api().get('/api/sessions').query(query);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    neverLeaks(res.body);
  });

  it('has no way from an edition to its proposals', async () => {
    for (const query of [{ populate: 'proposals' }, { filters: { proposals: { email: { $eq: SECRET_EMAIL } } } }]) {
      const res = await api().get('/api/editions').query(query);
      expect(res.status).toBe(400);
      neverLeaks(res.body);
    }
  });
});

describe('GraphQL', () => {
  it.each([
    ['the list', '{ proposals { email } }'],
    ['one proposal', `{ proposal(documentId: "${'x'.repeat(24)}") { email } }`],
    ['the connection', '{ proposals_connection { nodes { email } } }'],
    ['a session relation', '{ sessions { proposal { email } } }'],
    ['a filter through a session', `{ sessions(filters: { proposal: { email: { eq: "${SECRET_EMAIL}" } } }) { title } }`],
    ['a CRUD mutation', 'mutation { createProposal(data: { title: "x" }) { documentId } }'],
  ])('has no field for %s', async (_label, query) => {
    const res = await gql(query);
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
    // Refused because the field does not exist, not for some other reason.
    expect(JSON.stringify(res.body.errors)).toMatch(/proposal/i);
    neverLeaks(res.body);
  });

  it('does not describe proposals in the schema', async () => {
    const res = await gql('{ __schema { types { name } queryType { fields { name } } } }');
    const names = res.body.data.__schema.types.map((t: any) => t.name);
    expect(names).not.toContain('Proposal');
    expect(res.body.data.__schema.queryType.fields.map((f: any) => f.name)).not.toContain('proposals');
  });
});
