/**
 * The admin's home page (GET /bluehats/home) and the content manager's lists: what an editor reads
 * first, who may read it, and the filters the server refuses through the admin API.
 */
import { adminTokenFor, api, createEdition, createProposal, createSession } from '../harness/factories';

const PROPOSALS = '/content-manager/collection-types/api::proposal.proposal';

let editorToken: string;
let current: any;
let next: any;

beforeAll(async () => {
  testClock.set('2023-11-15T09:00:00.000Z');
  editorToken = await adminTokenFor('bluehats-editor', 'editrice@example.org');
  current = await createEdition({ title: 'Journées #BlueHats 2023', year: 2023 });
  // Next year's edition, still a draft, its call not open yet.
  next = await createEdition(
    {
      title: 'Journées #BlueHats 2024',
      year: 2024,
      cfpOpensAt: '2024-11-04T08:00:00.000Z',
      cfpClosesAt: '2024-11-20T22:59:00.000Z',
      responseDate: '2024-11-26T23:00:00.000Z',
      programPublicationDate: '2024-12-04T08:00:00.000Z',
      days: [{ date: '2024-12-05', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'après-midi' }],
    },
    { publish: false }
  );
  // Over: not on the home page.
  await createEdition({
    title: 'Journées #BlueHats 2022',
    year: 2022,
    cfpOpensAt: '2022-11-03T08:00:00.000Z',
    cfpClosesAt: '2022-11-20T22:59:00.000Z',
    responseDate: '2022-11-26T23:00:00.000Z',
    programPublicationDate: '2022-12-04T08:00:00.000Z',
    days: [{ date: '2022-12-06', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'après-midi' }],
  });
  await createProposal({ edition: current.documentId, state: 'submitted', title: 'Sans décision A' });
  await createProposal({ edition: current.documentId, state: 'submitted', title: 'Sans décision B' });
  const decided = await createProposal({ edition: current.documentId, state: 'submitted', title: 'Décidée' });
  await strapi.documents('api::proposal.proposal').update({ documentId: decided.documentId, data: { state: 'accepted' } as any });
  const target = await strapi.db
    .query('api::rebuild-target.rebuild-target')
    .create({ data: { name: 'Site des Journées', url: 'https://example.org/hook', method: 'POST', enabled: true } });
  await strapi.db.query('api::delivery.delivery').create({
    data: { target: target.id, state: 'failed', attempts: 5, lastStatus: 502, lastError: 'HTTP 502', events: [] },
  });
});

const home = (token: string) => api().get('/bluehats/home').set('Authorization', `Bearer ${token}`);

describe('GET /bluehats/home', () => {
  it('gives each current edition the state of its call, its next boundary in its zone and its undecided count', async () => {
    const res = await home(editorToken);
    expect(res.status).toBe(200);
    const { editions, undecided } = res.body.data;
    expect(editions.map((e: any) => e.title)).toEqual(['Journées #BlueHats 2023', 'Journées #BlueHats 2024']);
    const [open, upcoming] = editions;
    expect(open).toMatchObject({
      documentId: current.documentId,
      published: true,
      timeZone: 'Europe/Paris',
      state: { value: 'open', label: 'Ouvert' },
      // The deadline as typed (23:59), not the minute the call closes from.
      nextBoundary: { name: 'cfp.closed', label: "Clôture de l'appel", at: '2023-11-20T23:00:00.000Z', text: '20 novembre 2023 à 23 h 59 (heure de Paris)' },
      undecided: 2,
    });
    expect(upcoming).toMatchObject({
      documentId: next.documentId,
      published: false,
      state: { value: 'upcoming', label: 'À venir' },
      nextBoundary: { name: 'cfp.opened', label: "Ouverture de l'appel", text: '4 novembre 2024 à 9 h 00 (heure de Paris)' },
      undecided: 0,
    });
    expect(undecided).toBe(2);
  });

  it('moves on with the clock: after the deadline the call is closed and the response date comes next', async () => {
    testClock.set('2023-11-21T09:00:00.000Z');
    try {
      const [open] = (await home(editorToken)).body.data.editions;
      expect(open.state).toEqual({ value: 'closed', label: 'Clos' });
      expect(open.nextBoundary).toMatchObject({ name: 'decisions.released', label: 'Date de réponse', text: '27 novembre 2023 à 0 h 00 (heure de Paris)' });
    } finally {
      testClock.set('2023-11-15T09:00:00.000Z');
    }
  });

  it('lists the last rebuild failures with their target', async () => {
    const { rebuildFailures } = (await home(editorToken)).body.data;
    expect(rebuildFailures).toEqual([expect.objectContaining({ target: 'Site des Journées', attempts: 5, lastStatus: 502, lastError: 'HTTP 502' })]);
  });

  it('is read by reviewers, refused to a role without the dashboard action, and to anonymous callers', async () => {
    expect((await home(await adminTokenFor('bluehats-reviewer', 'relecteur@example.org'))).status).toBe(200);
    const author = await home(await adminTokenFor('strapi-author'));
    expect(author.status).toBe(403);
    expect(author.body.data).toBeNull();
    expect(JSON.stringify(author.body)).not.toContain('Journées');
    expect((await api().get('/bluehats/home')).status).toBe(401);
  });
});

describe('filters of the content manager (admin API)', () => {
  const list = (query: string) => api().get(`${PROPOSALS}?${query}`).set('Authorization', `Bearer ${editorToken}`);

  it('filter proposals by edition and state, as the list view asks', async () => {
    const res = await list(`filters[$and][0][edition][documentId][$eq]=${current.documentId}&filters[$and][1][state][$eq]=submitted`);
    expect(res.status).toBe(200);
    expect(res.body.results.map((p: any) => p.title).sort()).toEqual(['Sans décision A', 'Sans décision B']);
  });

  it.each([
    ['statusTokenHash', 'filters[$and][0][statusTokenHash][$eq]=abc', 'statusTokenHash'],
    ['duplicateKey', 'filters[duplicateKey][$startsWith]=a', 'duplicateKey'],
    ['statusTokenEncrypted', 'filters[$or][0][title][$eq]=x&filters[$or][1][statusTokenEncrypted][$null]=false', 'statusTokenEncrypted'],
  ])('refuse a filter on %s with 400 FILTER_NOT_ALLOWED', async (_field, query, key) => {
    const res = await list(query).set('Accept-Language', 'fr');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'FILTER_NOT_ALLOWED' } });
    expect(res.body.error.details.key).toBe(key);
    expect(res.body.error.message).toBe(`Le champ « ${key} » est interne à l'application : il ne peut pas servir de filtre.`);
  });

  it('leave the internal fields out of the list’s search box (`_q`), which would be an oracle too', async () => {
    const proposal = await createProposal({ edition: current.documentId, state: 'submitted', title: 'Recherchée' });
    const hash = 'e'.repeat(64);
    await strapi.db.query('api::proposal.proposal').updateMany({ where: { documentId: proposal.documentId }, data: { statusTokenHash: hash } });
    const search = async (q: string) => (await list(`_q=${encodeURIComponent(q)}`)).body.results.map((p: any) => p.title);
    expect(await search('Recherchée')).toEqual(['Recherchée']);
    expect(await search(hash)).toEqual([]);
    expect(await search('eeeeeeee')).toEqual([]);
  });

  it('refuse it through a relation too (sessions by their proposal’s fingerprint)', async () => {
    const proposal = await createProposal({ edition: current.documentId, state: 'submitted' });
    await createSession({ edition: current.documentId, proposal: proposal.documentId }, { publish: false });
    const hash = 'f'.repeat(64);
    await strapi.db.query('api::proposal.proposal').updateMany({ where: { documentId: proposal.documentId }, data: { statusTokenHash: hash } });
    const plain = await api()
      .get(`/content-manager/collection-types/api::session.session?filters[proposal][title][$eq]=${encodeURIComponent(proposal.title)}`)
      .set('Authorization', `Bearer ${editorToken}`);
    expect(plain.status).toBe(200);
    expect(plain.body.results).toHaveLength(1);
    const res = await api()
      .get(`/content-manager/collection-types/api::session.session?filters[proposal][statusTokenHash][$eq]=${hash}`)
      .set('Authorization', `Bearer ${editorToken}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'FILTER_NOT_ALLOWED', key: 'proposal.statusTokenHash' });
  });
});
