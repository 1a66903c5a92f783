/**
 * One error contract: every public REST route, read from the app's own router, is asked with a
 * method it does not take, with unknown ids and bad query parameters, in several languages (odd
 * ones included). Every refusal must be Strapi's shape with a stable `details.code`, both languages,
 * the message in the language asked for (French by default), never a 5xx; every code met is in the
 * README's error table. GraphQL errors carry the same in `extensions`.
 */
import fs from 'fs';
import path from 'path';
import { api, createEdition, createEvent, createSession, AFTER_PROGRAM_2023 } from '../harness/factories';

const REQUIRED_FIELDS =
  'speakerName: "Agent Exemple", email: "agent@example.org", administrationName: "DINUM", title: "Un titre valable", abstract: "Un résumé assez long pour passer.", requestedDuration: 20';

type Language = 'fr' | 'en';
interface RouteLayer {
  methods: string[];
  path: string;
  match(path: string): boolean;
}

/** Accept-Language headers, as browsers, tools and mistakes send them, and the language they mean. */
const LANGUAGE_CASES: Array<[header: string | undefined, expected: Language]> = [
  [undefined, 'fr'],
  ['de', 'fr'],
  ['en-GB', 'en'],
  ['de-CH, en;q=0.5', 'en'],
  ['fr;q=0.1, en;q=0.9', 'en'],
  ['EN-us', 'en'],
  ['*', 'fr'],
  [';;q=abc,,, en;q=0', 'fr'],
];

/** Query parameters no public route understands, or with a value of the wrong type. */
const BAD_QUERIES = [
  'filters[nope][$eq]=1',
  'populate=nope',
  'sort=nope',
  'fields=nope',
  'pagination[pageSize]=abc',
  'pagination[page]=-1',
  'filters[$or]=1',
  'filters[$not]=1',
  'filters[id][$eq]=abc',
  'filters[id][$in][0]=99999999999',
  'filters[id][$between]=1',
  'populate[nope][populate]=*',
  'locale=zz',
  'status=draft',
];

const README = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
/** The `details.code` values the README's error tables name. */
const documentedCodes = new Set(
  README.split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...line.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]))
);

let ip = 0;
/** Every request from its own address: the write routes' per-address limit stays out of the way. */
const freshIp = () => `203.0.113.${(ip++ % 250) + 1}`;

/** The public REST routes, as the app's router holds them (HEAD goes with GET). */
function publicRoutes(): RouteLayer[] {
  const layers = (strapi.server as any).api('content-api').listRoutes() as RouteLayer[];
  return layers.filter((layer) => layer.methods.length > 0 && layer.path.startsWith('/api/'));
}

/** A concrete address for a route, every parameter an id nothing has. */
const unknownParams = (routePath: string) => routePath.replace(/:\w+(\([^)]*\))?/g, 'nope-unknown').replace(/\(\.\*\)/g, 'nope-unknown');
const addressOf = (route: RouteLayer) => unknownParams(route.path);

/** An address for a route whose parameters name what exists, where something does (the query is what is wrong). */
const existing: Record<string, string> = {};
const existingAddressOf = (route: RouteLayer) =>
  unknownParams(
    route.path
      .replace(/^\/api\/(editions|sessions|events)\/:id$/, (_, collection: string) => `/api/${collection}/${existing[collection]}`)
      .replace(':edition', 'contract-2023')
      .replace(':session', existing.sessions)
  );

/** The methods the router takes at an address, all routes together (what `Allow` must say). */
const allowedAt = (address: string) => [...new Set(publicRoutes().flatMap((r) => (r.match(address) ? r.methods : [])))];

function send(method: string, url: string, { language, body }: { language?: string; body?: unknown } = {}) {
  let request = (api() as any)[method.toLowerCase()](url).set('X-Forwarded-For', freshIp());
  if (language !== undefined) request = request.set('Accept-Language', language);
  return body === undefined ? request : request.send(body);
}

const codesMet = new Set<string>();

/** A refusal in the contract, in the expected language; returns its code. */
function expectInContract(res: { status: number; body: any; headers: Record<string, string> }, language: Language, where: string): string {
  const context = `${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect({ context, serverError: res.status >= 500 }).toEqual({ context, serverError: false });
  expect({ context, json: res.headers['content-type'] }).toEqual({ context, json: expect.stringMatching(/^application\/json/) });
  expect({ context, body: res.body }).toEqual({
    context,
    body: {
      data: null,
      error: {
        status: res.status,
        name: expect.stringMatching(/^[A-Z]\w+Error$/),
        message: expect.any(String),
        details: expect.objectContaining({ code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/), messageFr: expect.any(String), messageEn: expect.any(String) }),
      },
    },
  });
  const { message, details } = res.body.error;
  expect({ context, french: details.messageFr === details.messageEn }).toEqual({ context, french: false });
  expect({ context, message }).toEqual({ context, message: language === 'en' ? details.messageEn : details.messageFr });
  expect({ context, contentLanguage: res.headers['content-language'] }).toEqual({ context, contentLanguage: language });
  expect({ context, vary: res.headers.vary }).toEqual({ context, vary: expect.stringMatching(/Accept-Language/) });
  codesMet.add(details.code);
  return details.code;
}

beforeAll(async () => {
  testClock.set(AFTER_PROGRAM_2023);
  const event = await createEvent();
  const edition = await createEdition({ slug: 'contract-2023', event: event.documentId });
  const session = await createSession({ edition: edition.documentId, startsAt: '2023-12-06T13:00:00.000Z' });
  Object.assign(existing, { editions: edition.documentId, sessions: session.documentId, events: event.documentId });
});

it('reads the public routes from the router: the stock content types, the proposals and the outputs', () => {
  const paths = publicRoutes().map((r) => `${r.methods.filter((m) => m !== 'HEAD').join(',')} ${r.path}`);
  expect(paths).toEqual(
    expect.arrayContaining([
      'GET /api/editions',
      'GET /api/editions/:id',
      'GET /api/sessions/:id',
      'GET /api/events',
      'GET /api/speakers',
      'GET /api/administrations',
      'POST /api/proposals',
      'PUT /api/proposals/mine/:token',
      'POST /api/proposals/mine/:token/decline',
      'GET /api/editions/:edition/schedule.xml',
      'GET /api/sessions/:session/page.md',
    ])
  );
});

describe('every public REST route', () => {
  it('refuses a method it does not take with 405, the methods it takes in Allow, in every language', async () => {
    const candidates = ['PATCH', 'DELETE', 'PUT', 'POST'];
    for (const [index, route] of publicRoutes().entries()) {
      const address = addressOf(route);
      const allowed = allowedAt(address);
      const method = [...candidates.slice(index % 4), ...candidates].find((m) => !allowed.includes(m))!;
      for (const [header, language] of LANGUAGE_CASES) {
        const res = await send(method, address, { language: header, body: method === 'DELETE' ? undefined : { data: {} } });
        const where = `${method} ${address} (Accept-Language: ${header})`;
        expect({ where, status: res.status }).toEqual({ where, status: 405 });
        expect(expectInContract(res, language, where)).toBe('METHOD_NOT_ALLOWED');
        expect({ where, allow: res.headers.allow.split(/,\s*/).sort() }).toEqual({ where, allow: [...allowed].sort() });
        expect({ where, allow: res.body.error.details.allow.sort() }).toEqual({ where, allow: [...allowed].sort() });
      }
    }
  });

  it('answers an unknown id or token in the contract, in every language', async () => {
    for (const route of publicRoutes().filter((r) => r.path.includes(':') || r.path.includes('('))) {
      const method = route.methods.find((m) => m !== 'HEAD')!;
      const address = addressOf(route);
      for (const [header, language] of LANGUAGE_CASES) {
        const res = await send(method, address, { language: header, body: method === 'GET' || method === 'DELETE' ? undefined : { data: { nope: 1 } } });
        const where = `${method} ${address} (Accept-Language: ${header})`;
        expect({ where, refused: res.status >= 400 }).toEqual({ where, refused: true });
        expectInContract(res, language, where);
      }
    }
  });

  it('answers bad query parameters with a success or a refusal in the contract, never a 5xx', async () => {
    let turn = 0;
    for (const route of publicRoutes()) {
      const method = route.methods.find((m) => m !== 'HEAD')!;
      for (const query of BAD_QUERIES) {
        const url = `${existingAddressOf(route)}?${query}`;
        const [header, language] = LANGUAGE_CASES[turn++ % LANGUAGE_CASES.length];
        const res = await send(method, url, { language: header, body: method === 'GET' || method === 'DELETE' ? undefined : { data: {} } });
        const where = `${method} ${url} (Accept-Language: ${header})`;
        if (res.status >= 400) {
          expectInContract(res, language, where);
        } else {
          // Parameters a route does not read are ignored: a plain answer, not an error in disguise.
          expect({ where, status: res.status, error: res.body?.error }).toEqual({ where, status: expect.any(Number), error: undefined });
        }
      }
    }
  });

  it("gives Strapi's own refusals of the stock routes a code: unknown key, unknown id, drafts", async () => {
    for (const collection of ['editions', 'sessions', 'events', 'speakers', 'administrations']) {
      for (const [query, param] of [
        ['filters[nope][$eq]=1', 'filters'],
        ['populate=nope', 'populate'],
        ['sort=nope', 'sort'],
        ['fields=nope', 'fields'],
      ]) {
        const res = await send('GET', `/api/${collection}?${query}`, { language: 'en' });
        expect(res.status).toBe(400);
        expect(expectInContract(res, 'en', `/api/${collection}?${query}`)).toBe('INVALID_QUERY_PARAMETER');
        expect(res.body.error.details).toMatchObject({ param, key: 'nope', reason: 'Invalid key nope' });
        expect(res.body.error.message).toBe(`Invalid "${param}" parameter: "nope" does not exist or cannot be asked for.`);
      }
      const unknown = await send('GET', `/api/${collection}/nope-unknown`);
      expect(unknown.status).toBe(404);
      expect(expectInContract(unknown, 'fr', `/api/${collection}/nope-unknown`)).toBe('NOT_FOUND');
      const drafts = await send('GET', `/api/${collection}?status=draft`, { language: 'en-GB' });
      expect(drafts.status).toBe(400);
      expect(expectInContract(drafts, 'en', `/api/${collection}?status=draft`)).toBe('DRAFTS_NOT_PUBLIC');
      expect(drafts.body.error.message).toBe('Drafts are not available through the public API: only published content is.');
    }
  });

  it.each([
    // The shape the database layer expects.
    ['filters[$or]=1', '$or', /expects a list of conditions/],
    ['filters[$or][slug]=x', '$or', /expects a list of conditions/],
    ['filters[$and][0]=abc', '$and[0]', /expects conditions/],
    ['filters[$not]=1', '$not', /expects conditions/],
    ['filters[year][$eq][$eq]=1', 'year.$eq', /expects a value, not conditions/],
    ['filters[year][$between][0]=1', 'year.$between', /expects two values/],
    ['filters[event][$eq]=1&filters[event][slug]=x', 'event', /mixes/],
    // Values of the field's type (PostgreSQL compares them itself, and fails).
    ['filters[year][$eq]=abc', 'year.$eq', /expects a whole number, not "abc"/],
    ['filters[year][$in][0]=2023&filters[year][$in][1]=abc', 'year.$in', /whole number/],
    ['filters[year][$eq]=1.5', 'year.$eq', /whole number/],
    ['filters[year][$gt]=99999999999', 'year.$gt', /whole number/],
    ['filters[id][$eq]=abc', 'id.$eq', /whole number/],
    ['filters[event]=abc', 'event.id', /whole number/],
    ['filters[event][id][$in][0]=abc', 'event.id.$in', /whole number/],
    ['filters[sessions][durationMinutes][$lt]=', 'sessions.durationMinutes.$lt', /whole number/],
    ['filters[$or][0][year][$ne]=abc', '$or[0].year.$ne', /whole number/],
    // Operators that only apply to text, and fields that cannot be filtered on.
    ['filters[year][$contains]=1', 'year.$contains', /operator "\$contains" does not apply to "year"/],
    ['filters[cfpOpensAt][$startsWith]=2023', 'cfpOpensAt.$startsWith', /does not apply/],
    ['filters[durationChoices][$eq]=5', 'durationChoices', /cannot be used as a filter/],
  ])('refuses the filter %s with 400 INVALID_QUERY_PARAMETER at %s, on every database', async (query, key, message) => {
    const res = await send('GET', `/api/editions?${query}`, { language: 'en' });
    expect(res.status).toBe(400);
    expect(expectInContract(res, 'en', query)).toBe('INVALID_QUERY_PARAMETER');
    expect(res.body.error.details).toMatchObject({ param: 'filters', key });
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details.messageFr).toMatch(/^Paramètre « filters » non valide : /);
  });

  it.each([
    'filters[year][$eq]=2023',
    'filters[year]=2023',
    'filters[$or][0][slug]=contract-2023&filters[$or][1][year][$lt]=2000',
    'filters[$and][0][year][$between][0]=2020&filters[$and][0][year][$between][1]=2030',
    'filters[$not][year][$eq]=1999',
    'filters[slug][$containsi]=CONTRACT',
    'filters[slug][$in][0]=contract-2023&filters[slug][$in][1]=x',
    'filters[year][$null]=false',
    'filters[event][slug][$startsWith]=event',
    'filters[days][date][$eq]=2023-12-06',
    'filters[cfpOpensAt][$lt]=2023-11-04T00:00:00.000Z',
  ])('still reads the well-formed filter %s', async (query) => {
    const res = await send('GET', `/api/editions?${query}`);
    expect({ query, status: res.status, slugs: res.body.data?.map((e: { slug: string }) => e.slug) }).toEqual({ query, status: 200, slugs: ['contract-2023'] });
  });

  it('tells an unknown route from an unknown document, and still serves what exists', async () => {
    const route = await send('GET', '/api/nope', { language: 'de' });
    expect(route.status).toBe(404);
    expect(expectInContract(route, 'fr', '/api/nope')).toBe('ROUTE_NOT_FOUND');
    expect(route.body.error.message).toBe("Aucune route de l'API ne correspond à cette adresse.");
    const proposals = await send('GET', '/api/proposals');
    expect(proposals.status).toBe(405);
    expect(expectInContract(proposals, 'fr', 'GET /api/proposals')).toBe('METHOD_NOT_ALLOWED');
    const page = await send('GET', `/api/sessions/${existing.sessions}/page.md`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/markdown/);
    const unknownSession = await send('GET', '/api/sessions/nope-unknown/page.md', { language: 'en' });
    expect(expectInContract(unknownSession, 'en', 'page.md')).toBe('SESSION_NOT_FOUND');
  });

  it('names every code met above in the README error table', () => {
    expect(codesMet.size).toBeGreaterThan(5);
    expect([...codesMet].filter((code) => !documentedCodes.has(code))).toEqual([]);
  });
});

describe('GraphQL', () => {
  // Inside the call for proposals of the edition made above: a submission is checked field by field.
  beforeAll(() => testClock.set('2023-11-15T09:00:00.000Z'));

  const gql = (body: unknown, language?: string) => {
    let request = api().post('/graphql').set('X-Forwarded-For', freshIp());
    if (language !== undefined) request = request.set('Accept-Language', language);
    return request.send(body as object);
  };

  /** Each error with its code in `extensions.code` and `extensions.error.details`, both languages, the asked one first. */
  function expectGraphqlContract(res: { status: number; body: any }, language: Language, where: string): string[] {
    const context = `${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    expect({ context, serverError: res.status >= 500 }).toEqual({ context, serverError: false });
    expect({ context, errors: Array.isArray(res.body.errors) && res.body.errors.length > 0 }).toEqual({ context, errors: true });
    return res.body.errors.map((error: any) => {
      const { code, error: inner } = error.extensions ?? {};
      expect({ context, code }).toEqual({ context, code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/) });
      expect({ context, inner }).toEqual({
        context,
        inner: {
          status: expect.any(Number),
          name: expect.any(String),
          message: error.message,
          details: expect.objectContaining({ code, messageFr: expect.any(String), messageEn: expect.any(String) }),
        },
      });
      expect({ context, french: inner.details.messageFr === inner.details.messageEn }).toEqual({ context, french: false });
      expect({ context, message: error.message }).toEqual({ context, message: language === 'en' ? inner.details.messageEn : inner.details.messageFr });
      return code;
    });
  }

  const CASES: Array<[what: string, body: unknown, code: string]> = [
    ['an unknown field', { query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['an unknown filter', { query: '{ editions(filters: { nope: { eq: 1 } }) { slug } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a syntax error', { query: '{ editions { slug ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a variable of the wrong type', { query: 'query($n: Int!) { editions(pagination: { limit: $n }) { slug } }', variables: { n: 'abc' } }, 'BAD_USER_INPUT'],
    ['drafts', { query: '{ editions(status: DRAFT) { slug } }' }, 'DRAFTS_NOT_PUBLIC'],
    ['an unknown operation name', { query: 'query a { editions { slug } }', operationName: 'b' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['no query', {}, 'BAD_REQUEST'],
    ['a filter on a JSON field', { query: '{ editions(filters: { durationChoices: { eq: 5 } }) { slug } }' }, 'INVALID_QUERY_PARAMETER'],
    // Every required field given (the input type makes them non-null), so that the service's own refusal answers.
    [
      'a submission to an unknown edition',
      { query: `mutation { submitProposal(data: { edition: "nope", ${REQUIRED_FIELDS} }) { reference } }` },
      'EDITION_NOT_FOUND',
    ],
    [
      'an invalid submission',
      { query: `mutation { submitProposal(data: { edition: "contract-2023", ${REQUIRED_FIELDS.replace('agent@example.org', 'x')} }) { reference } }` },
      'VALIDATION_FAILED',
    ],
  ];

  it.each(CASES)('answers %s with a stable extensions.code, in both languages', async (what, body, code) => {
    for (const [header, language] of LANGUAGE_CASES) {
      const res = await gql(body, header);
      expect(expectGraphqlContract(res, language, `${what} (Accept-Language: ${header})`)[0]).toBe(code);
    }
  });

  it('answers a GET without a query and a PUT in the contract too', async () => {
    const get = await api().get('/graphql').set('Accept-Language', 'en-GB').set('Content-Type', 'application/json');
    expect(expectGraphqlContract(get, 'en', 'GET /graphql')[0]).toBe('BAD_REQUEST');
    const put = await api().put('/graphql').set('Content-Type', 'application/json').send({ query: '{ editions { slug } }' });
    expect(put.status).toBe(405);
    expect(expectGraphqlContract(put, 'fr', 'PUT /graphql')[0]).toBe('BAD_REQUEST');
    expect(put.body.errors[0].extensions.error.status).toBe(405);
  });
});
