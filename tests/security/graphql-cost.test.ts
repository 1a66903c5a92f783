/**
 * Finding 2 of the security review: GraphQL had no bound but `depthLimit: 7`. One anonymous query of
 * 1,000 aliases of a paginated list kept the server busy, `/_health` included (here, on 100 sessions,
 * for more than the 60 s the first probe allows).
 * Each probe below speaks for its own client address (X-Forwarded-For; the harness trusts the proxy),
 * so that the rate limit of one probe never answers another.
 */
import { getIntrospectionQuery } from 'graphql';
import { AFTER_PROGRAM_2023, api, createEdition, createSession, createSpeaker, PARIS_2023 } from '../harness/factories';
import { GRAPHQL_LIMITS, measureOperation } from '../../src/access/graphql-limits';
import { statementsDuring } from '../harness/sql-statements';

let address = 0;
const nextAddress = () => `10.77.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

const gql = (query: string, { ip = nextAddress(), variables, language }: { ip?: string; variables?: Record<string, unknown>; language?: string } = {}) => {
  const req = api().post('/graphql').set('X-Forwarded-For', ip);
  if (language) req.set('Accept-Language', language);
  return req.send({ query, variables });
};

/** Whether a statement read the sessions: a refused query must be refused before anything runs. */
const readsSessions = (sql: string) => /from [`"]?(public[`"]?\.[`"]?)?sessions[`"]?/i.test(sql);

const SESSIONS = 100;
let edition: any;

beforeAll(async () => {
  // The sessions are public, so that every query reads them all.
  testClock.set(AFTER_PROGRAM_2023);
  const administration = await strapi.documents('api::administration.administration').create({
    data: { name: 'Direction interministérielle du numérique', acronym: 'DINUM' } as any,
    status: 'published',
  });
  const speakers = [];
  for (let i = 0; i < 20; i++) speakers.push(await createSpeaker({ administration: administration.documentId }));
  // One room per session (an edition without a room list has a single room).
  edition = await createEdition({
    registrationUrl: 'https://example.org/inscription',
    rooms: Array.from({ length: SESSIONS }, (_, i) => ({ name: `Salle ${i}` })),
  });
  for (let i = 0; i < SESSIONS; i++) {
    await createSession({
      edition: edition.documentId,
      startsAt: new Date(Date.parse('2023-12-06T13:00:00.000Z') + (i % 12) * 10 * 60 * 1000).toISOString(),
      // Each in its own room: the program's rules refuse overlaps.
      room: `Salle ${i}`,
      speakers: [speakers[i % 20].documentId, speakers[(i + 7) % 20].documentId],
    });
  }
}, 120000);

/** The abusive query of the review: 1,000 aliases of a list of 100 sessions with their speakers. */
const abusive = (aliases: number) =>
  `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: sessions(pagination: { limit: 100 }) { title speakers { name } }`).join(' ')} }`;

describe('a query over a limit is refused with a 400', () => {
  it('refuses the review’s 1,000 aliases of a paginated list at the door (its body is over the public limit), and /_health answers', async () => {
    // /_health is asked while the attack is in flight: it is answered, and the attack read nothing
    // (a timed bound would measure the machine; what is run is what the attack can cost).
    const { result, statements } = await statementsDuring(() =>
      Promise.all([gql(abusive(1000)), new Promise((resolve) => setTimeout(resolve, 20)).then(() => api().get('/_health'))])
    );
    const [res, healthRes] = result;
    expect(res.status).toBe(413);
    expect(res.body.error.details.code).toBe('PAYLOAD_TOO_LARGE');
    expect(healthRes.status).toBe(204);
    expect(statements.filter((s) => readsSessions(s.sql))).toEqual([]);
  }, 60000);

  it('refuses 1,000 aliases that fit in the body limit with a 400 before anything runs', async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: sessions { title }`).join(' ')} }`;
    const { result: res, statements } = await statementsDuring(() => gql(query));
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_TOO_MANY_TOKENS');
    expect(statements.filter((s) => readsSessions(s.sql))).toEqual([]);
  }, 60000);

  it('refuses too many aliases, with the limit, in French by default and in English on request', async () => {
    const query = abusive(GRAPHQL_LIMITS.maxAliases + 1);
    expect(measureOperation(query).tokens).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxTokens);
    const fr = await gql(query);
    expect(fr.status).toBe(400);
    expect(fr.body.data).toBeUndefined();
    expect(fr.body.errors[0]).toMatchObject({
      message: `La requête GraphQL contient trop d'alias : ${GRAPHQL_LIMITS.maxAliases + 1}, au plus ${GRAPHQL_LIMITS.maxAliases}.`,
      extensions: {
        code: 'GRAPHQL_TOO_MANY_ALIASES',
        error: {
          name: 'ValidationError',
          details: { code: 'GRAPHQL_TOO_MANY_ALIASES', limit: GRAPHQL_LIMITS.maxAliases, found: GRAPHQL_LIMITS.maxAliases + 1 },
        },
      },
    });
    const en = await gql(query, { language: 'en' });
    expect(en.body.errors[0].message).toBe(`The GraphQL query has too many aliases: ${GRAPHQL_LIMITS.maxAliases + 1}, at most ${GRAPHQL_LIMITS.maxAliases}.`);
    // The largest allowed number of aliases still runs.
    const allowed = await gql(`{ ${Array.from({ length: GRAPHQL_LIMITS.maxAliases }, (_, i) => `a${i}: editions { title }`).join(' ')} }`);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data[`a${GRAPHQL_LIMITS.maxAliases - 1}`]).toEqual([{ title: edition.title }]);
  });

  it('refuses a query of more tokens than the limit, even without aliases', async () => {
    const query = `{ editions { ${'title '.repeat(GRAPHQL_LIMITS.maxTokens)}} }`;
    const res = await gql(query);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_TOO_MANY_TOKENS', error: { details: { limit: GRAPHQL_LIMITS.maxTokens } } });
    expect(res.body.errors[0].message).toMatch(/^La requête GraphQL est trop longue/);
  });

  it('refuses a query whose fragments multiply its cost', async () => {
    // Few tokens and no alias: the same fragment, spread under every list, is what costs.
    const query = `fragment S on Session { title abstract startsAt durationMinutes room format slidesUrl videoUrl speakers { name bio administration { name acronym kind } } }
      { sessions { ...S } editions { sessions { ...S } } speakers { sessions { ...S } } events { editions { sessions { ...S } } } }`;
    const measured = measureOperation(query);
    expect(measured.tokens).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxTokens);
    expect(measured.aliases).toBe(0);
    expect(measured.cost).toBeGreaterThan(GRAPHQL_LIMITS.maxCost);
    const res = await gql(query);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'GRAPHQL_TOO_COSTLY',
      error: { details: { code: 'GRAPHQL_TOO_COSTLY', limit: GRAPHQL_LIMITS.maxCost, found: Math.ceil(measured.cost) } },
    });
  });

  it('refuses too many directives', async () => {
    const query = `{ editions { ${Array.from({ length: GRAPHQL_LIMITS.maxDirectives + 1 }, () => 'title @include(if: true)').join(' ')} } }`;
    const res = await gql(query);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_TOO_MANY_DIRECTIVES');
  });

  /** editions > sessions > speakers > sessions > … > the leaf field: `levels` fields deep, each relation list cut to `page`. */
  const nested = (levels: number, page?: number) => {
    const path = ['editions', ...Array.from({ length: levels - 2 }, (_, i) => (i % 2 === 0 ? 'sessions' : 'speakers'))];
    const leaf = path[path.length - 1] === 'speakers' ? 'name' : 'title';
    const field = (name: string, i: number) => (page && i > 0 ? `${name}(pagination: { limit: ${page} })` : name);
    return `{ ${path.map((f, i) => `${field(f, i)} { `).join('')}${leaf}${' }'.repeat(path.length)} }`;
  };

  it('refuses the same depth as Strapi’s depthLimit 7, with its own code first', async () => {
    const deepest = await gql(nested(GRAPHQL_LIMITS.maxDepth, 2));
    expect(deepest.body.errors).toBeUndefined();
    expect(deepest.status).toBe(200);
    const tooDeep = await gql(nested(GRAPHQL_LIMITS.maxDepth + 1, 2));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors[0].extensions.code).toBe('GRAPHQL_TOO_DEEP');
    // Strapi's depth rule is still there, behind ours.
    expect(tooDeep.body.errors.map((e: any) => e.message)).toContainEqual(expect.stringMatching(/exceeds maximum operation depth of 7/));
  });

  it('stops a query within every static bound once it has read too many relations, and answers 400 without data', async () => {
    // 8 levels, no alias, a cost of 82: each relation list multiplies the next (25 by default).
    const query = nested(GRAPHQL_LIMITS.maxDepth);
    const measured = measureOperation(query);
    expect(measured.cost).toBeLessThan(GRAPHQL_LIMITS.maxCost);
    const started = performance.now();
    const res = await gql(query);
    const ms = performance.now() - started;
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^La requête GraphQL lit trop de relations/),
      extensions: { code: 'GRAPHQL_TOO_MANY_RELATIONS', error: { details: { code: 'GRAPHQL_TOO_MANY_RELATIONS', limit: GRAPHQL_LIMITS.maxRelations } } },
    });
    // Unbounded, this query reads about 11,600 relations (31,577 objects): about 30 s on SQLite. Bounded,
    // the reads already started still finish: 1 to 3 s here, more when the machine is busy.
    expect(ms).toBeLessThan(15000);
  }, 60000);

  it('does not suggest field names to a wrong guess', async () => {
    const res = await gql('{ editions { titl } }');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean/);
  });
});

/** The queries the README and the tests document, for an edition given by its slug. */
const DOCUMENTED: Array<{ label: string; query: (slug: string) => string; variables?: (slug: string) => Record<string, unknown> }> = [
  {
    label: 'README: the program',
    query: (slug) => `{ program(edition: "${slug}") {
      days { date label sessions { title startsAt endsAt room speakers { name administration { acronym } } } }
    } }`,
  },
  {
    label: 'an edition with its days, venue, event and sessions',
    query: (slug) => `{ editions(filters: { slug: { eq: "${slug}" } }) {
      title year timeZone cfpClosesAt durationChoices
      days { date startTime endTime label }
      venue { name city }
      event { slug name }
      sessions(sort: "startsAt") { title durationMinutes speakers { name } }
    } }`,
  },
  {
    label: 'the call-for-proposals block',
    query: (slug) =>
      `{ editions(filters: { slug: { eq: "${slug}" } }) { callForProposals { state closesAt { text } durations { choices } timeLeft { text } } } }`,
  },
  { label: 'published editions and their count', query: () => '{ editions { title } editions_connection { pageInfo { total } } }' },
  { label: 'sessions through a relation', query: () => '{ editions { sessions { title } sessions_connection { nodes { title } } } }' },
  { label: 'the mutations of the schema', query: () => '{ __schema { mutationType { fields { name } } } }' },
  { label: 'the full introspection query of GraphQL tools', query: () => getIntrospectionQuery() },
  {
    label: 'a whole edition page of 50 sessions in one query',
    query: (slug) => `{ editions(filters: { slug: { eq: "${slug}" } }) {
      documentId title slug year description registrationUrl timeZone cfpOpensAt cfpClosesAt responseDate programPublicationDate
      minDurationMinutes maxDurationMinutes durationChoices contactEmail
      venue { name address city } days { date startTime endTime label }
      event { name slug description organizer { name website email } }
      callForProposals { state timeZone opensAt { at text } closesAt { at text } responseDate { at text } programPublicationDate { at text }
        durations { min max choices text } timeLeft { milliseconds text } nextChangeAt }
      sessions(sort: "startsAt", pagination: { limit: 50 }) {
        documentId title slug abstract startsAt durationMinutes room format slidesUrl videoUrl
        speakers { documentId name bio photo { url alternativeText width height } administration { name acronym kind } }
      }
    } }`,
  },
  {
    label: 'README: submitProposal',
    query: () => `mutation Submit($data: ProposalSubmissionInput!) {
      submitProposal(data: $data) { reference statusToken statusUrl status statusLabel { fr en } edition { slug } responseDate { at fr } }
    }`,
    variables: (slug) => ({
      data: {
        edition: slug,
        speakerName: 'Camille Exemple',
        email: 'camille@example.org',
        administrationName: 'DINUM',
        jobTitle: 'Développeuse',
        title: 'Notre forge logicielle libre',
        abstract: 'Deux ans de forge mutualisée entre trois ministères : ce qui a marché, ce qui a coincé.',
        preferredDay: null,
        requestedDuration: 15,
        consentContact: true,
        consentPublication: true,
      },
    }),
  },
];

describe('the queries the README and the tests document still answer', () => {
  for (const { label, query, variables } of DOCUMENTED) {
    // The figures only depend on the document's shape, not on the slug.
    const m = measureOperation(query('bluehats-2023'));
    it(`${label} (${m.tokens} tokens, cost ${Math.ceil(m.cost)}, depth ${m.depth}): well within the bounds, 200 with data`, async () => {
      expect(m.tokens).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxTokens / 2);
      expect(m.cost).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxCost / 2);
      expect(m.aliases).toBe(0);
      expect(m.depth).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxDepth - 2);
      // The call is open at its opening instant: the mutation is answered, not refused by the dates.
      if (variables) testClock.set(PARIS_2023.cfpOpensAt);
      const res = await gql(query(edition.slug), { variables: variables?.(edition.slug) });
      testClock.set(AFTER_PROGRAM_2023);
      expect(res.body.errors).toBeUndefined();
      expect(res.status).toBe(200);
      expect(res.body.data).toBeTruthy();
    });
  }
});

describe('anonymous callers are rate-limited per address', () => {
  it('answers 429 with Retry-After past the limit, and another address still passes', async () => {
    const { max } = (strapi.config.get('plugin::graphql.anonymousRateLimit') as { max: number } | undefined) ?? { max: 120 };
    const ip = nextAddress();
    for (let sent = 0; sent < max; sent += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, max - sent) }, () => gql('{ __typename }', { ip })));
      for (const res of batch) expect(res.status).toBe(200);
    }
    const limited = await gql('{ __typename }', { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({
      data: null,
      error: { status: 429, name: 'RateLimitError', details: { code: 'TOO_MANY_REQUESTS' } },
    });
    expect(limited.body.error.message).toMatch(/^Trop de demandes depuis votre adresse/);
    // Through GET and a trailing slash too: the same endpoint.
    expect((await api().get('/graphql/').set('X-Forwarded-For', ip).query({ query: '{ __typename }' })).status).toBe(429);
    const other = await gql('{ __typename }');
    expect(other.status).toBe(200);
  });

  it('does not count a call with credentials, and Strapi refuses forged ones at once', async () => {
    const { max } = (strapi.config.get('plugin::graphql.anonymousRateLimit') as { max: number } | undefined) ?? { max: 120 };
    const token = await strapi.service('admin::api-token').create({ name: `graphql-limits-${Date.now()}`, type: 'read-only', lifespan: null });
    const ip = nextAddress();
    const withToken = () =>
      api().post('/graphql').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token.accessKey}`).send({ query: '{ __typename }' });
    for (let sent = 0; sent <= max; sent += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, withToken));
      for (const res of batch) expect(res.status).toBe(200);
    }
    const forged = await api().post('/graphql').set('X-Forwarded-For', ip).set('Authorization', 'Bearer forged').send({ query: '{ __typename }' });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ data: null, error: { status: 401 } });
  });
});
