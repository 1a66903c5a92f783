/**
 * GraphQL is typed: `program` answers object types (days, sessions, speakers and their
 * administration, instants as DateTime) equal to the REST program route, Session has its computed
 * `endsAt`, states are enums, and the submission input marks its required fields non-null. The
 * embargo, the private types and the cost limits still hold.
 */
import { AFTER_PROGRAM_2023, api, createEdition, createSession, createSpeaker } from '../harness/factories';

type Json = any; // GraphQL and REST answers, compared field by field below.

const PROGRAM_DATE = '2023-12-04T08:00:00.000Z';
let ip = 0;
const gql = (query: string, variables?: Record<string, unknown>) => api().post('/graphql').set('X-Forwarded-For', `10.32.0.${++ip}`).send({ query, variables });

const SESSION_FIELDS = `documentId number slug title cancelled scheduleSequence abstract startsAt endsAt durationMinutes room format slidesUrl videoUrl updatedAt
  speakers { documentId name jobTitle bio administration { name acronym kind } }`;
const PROGRAM_QUERY = `query Program($edition: String!, $locale: String) {
  program(edition: $edition, locale: $locale) {
    edition { documentId slug title year timeZone venue { name hostShow address city } locale }
    days { index date label start end sessions { ...Session } }
    unscheduled { ...Session }
  }
}
fragment Session on ProgramSession { ${SESSION_FIELDS} }`;

/** A type as introspection describes a field's type: `[ProgramDay!]!`. */
function typeName(type: Json): string {
  if (type.kind === 'NON_NULL') return `${typeName(type.ofType)}!`;
  if (type.kind === 'LIST') return `[${typeName(type.ofType)}]`;
  return type.name;
}

async function fieldsOf(name: string): Promise<Record<string, string>> {
  const res = await gql(`{ __type(name: "${name}") { kind fields { name type { ...T } } inputFields { name type { ...T } } enumValues { name } } }
    fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`);
  const type = res.body.data.__type;
  if (!type) throw new Error(`no type ${name}`);
  return Object.fromEntries((type.fields ?? type.inputFields).map((f: Json) => [f.name, typeName(f.type)]));
}

async function enumValues(name: string): Promise<string[]> {
  const res = await gql(`{ __type(name: "${name}") { kind enumValues { name } } }`);
  expect(res.body.data.__type.kind).toBe('ENUM');
  return res.body.data.__type.enumValues.map((v: Json) => v.name);
}

/** The REST program without the row ids, which GraphQL does not show (Strapi 5 identifies by documentId). */
function withoutIds(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'id')
      .map(([key, v]) => [key, withoutIds(v)])
  );
}

describe('introspection', () => {
  it('shows the program as object types, instants as DateTime, dates as Date', async () => {
    const query = await fieldsOf('Query');
    expect(query.program).toBe('Program');
    expect(await fieldsOf('Program')).toEqual({
      edition: 'ProgramEdition!',
      days: '[ProgramDay!]!',
      unscheduled: '[ProgramSession!]!',
      version: 'PublicProgramVersion',
    });
    expect(await fieldsOf('PublicProgramVersion')).toEqual({
      number: 'Int!',
      label: 'ProgramTexts!',
      releasedAt: 'DateTime!',
      updated: 'ProgramTexts!',
      changes: '[ProgramChange!]!',
    });
    expect(await fieldsOf('ProgramChange')).toEqual({ kind: 'ProgramChangeKind!', id: 'Int!', title: 'String!', text: 'ProgramTexts!' });
    expect(await fieldsOf('ProgramDay')).toEqual({
      index: 'Int!',
      date: 'Date!',
      label: 'String',
      start: 'DateTime',
      end: 'DateTime',
      sessions: '[ProgramSession!]!',
    });
    expect(await fieldsOf('ProgramSession')).toMatchObject({
      documentId: 'ID!',
      title: 'String!',
      startsAt: 'DateTime',
      endsAt: 'DateTime',
      durationMinutes: 'Int',
      format: 'ENUM_SESSION_FORMAT',
      speakers: '[ProgramSpeaker!]!',
    });
    expect(await fieldsOf('ProgramSpeaker')).toEqual({
      documentId: 'ID!',
      name: 'String!',
      jobTitle: 'String',
      bio: 'String',
      administration: 'ProgramAdministration',
    });
    expect(await fieldsOf('ProgramAdministration')).toEqual({ name: 'String!', acronym: 'String', kind: 'ENUM_ADMINISTRATION_KIND' });
    expect(await fieldsOf('ProgramEdition')).toMatchObject({ documentId: 'ID!', slug: 'String!', year: 'Int!', timeZone: 'String!', venue: 'ProgramVenue' });
  });

  it('gives Session its computed endsAt', async () => {
    expect(await fieldsOf('Session')).toMatchObject({ startsAt: 'DateTime', durationMinutes: 'Int', endsAt: 'DateTime' });
  });

  it('makes the states enums, named as Strapi names its own enumerations’ values', async () => {
    expect(await enumValues('CallState')).toEqual(['upcoming', 'open', 'closed', 'decisions_released', 'program_published', 'past', 'no_call']);
    expect(await enumValues('ProposalStatus')).toEqual(['under_review', 'accepted', 'waitlisted', 'rejected', 'withdrawn', 'confirmed', 'declined']);
    expect(await fieldsOf('CallForProposals')).toMatchObject({ state: 'CallState!', nextChangeAt: 'DateTime' });
    expect(await fieldsOf('CallInstant')).toEqual({ at: 'DateTime!', text: 'String!' });
    expect(await fieldsOf('ProposalReceipt')).toMatchObject({ status: 'ProposalStatus!' });
    expect(await fieldsOf('LocalizedInstant')).toMatchObject({ at: 'DateTime' });
  });

  it('marks the required fields of the submission input non-null, and only those', async () => {
    expect(await fieldsOf('ProposalSubmissionInput')).toEqual({
      edition: 'String!',
      speakerName: 'String!',
      email: 'String!',
      administrationName: 'String!',
      jobTitle: 'String',
      title: 'String!',
      abstract: 'String!',
      preferredDay: 'String',
      requestedDuration: 'Int!',
      consentContact: 'Boolean',
      consentPublication: 'Boolean',
      consentJobTitle: 'Boolean',
      consentVersions: 'ConsentVersionsInput',
      language: 'String',
      website: 'String',
      // Optional: a late-submission code, which admits a submission after the deadline.
      lateCode: 'String',
      // Optional: the co-speakers, each checked by the service like the REST form's.
      coSpeakers: '[CoSpeakerInput!]',
    });
    expect(await fieldsOf('CoSpeakerInput')).toEqual({ name: 'String', email: 'String', administrationName: 'String' });
  });

  it('still hides the private types: no proposal type, query or field', async () => {
    const res = await gql('{ proposal: __type(name: "Proposal") { name } queries: __type(name: "Query") { fields { name } } }');
    expect(res.body.data.proposal).toBeNull();
    expect(res.body.data.queries.fields.map((f: Json) => f.name).filter((n: string) => /proposal|coSpeaker/i.test(n))).toEqual([]);
    const coSpeaker = await gql('{ type: __type(name: "CoSpeaker") { name } }');
    expect(coSpeaker.body.data.type).toBeNull();
    expect(Object.keys(await fieldsOf('Session'))).not.toContain('proposal');
    expect(Object.keys(await fieldsOf('ProgramSession'))).not.toContain('proposal');
  });
});

describe('the program through GraphQL', () => {
  let edition: Json;
  let onlySpeaker: Json;

  beforeAll(async () => {
    testClock.set(AFTER_PROGRAM_2023);
    edition = await createEdition({
      venue: { name: 'Palais des Congrès', hostShow: 'Open Source Experience', address: '2 place de la Porte Maillot', city: 'Paris' },
    });
    const administration = await strapi.documents('api::administration.administration').create({
      data: { name: `Direction interministérielle du numérique ${process.pid}`, acronym: 'DINUM', kind: 'ministry' } as Json,
    });
    const speaker = await createSpeaker({ name: 'Camille Exemple', bio: 'Développeuse.', administration: administration.documentId });
    onlySpeaker = await createSpeaker({ name: 'Sacha Témoin' });
    await createSession({
      edition: edition.documentId,
      title: 'Ouverture',
      startsAt: '2023-12-06T13:00:00.000Z',
      durationMinutes: 15,
      room: 'Salle BlueHats',
      speakers: [speaker.documentId, onlySpeaker.documentId],
    });
    await createSession({
      edition: edition.documentId,
      title: 'Table ronde',
      startsAt: '2023-12-07T13:10:00.000Z',
      durationMinutes: 30,
      format: 'round_table',
    });
    await createSession({ edition: edition.documentId, title: 'Atelier sans heure', format: 'workshop' });
  });

  it('answers typed data equal to the REST program route', async () => {
    const rest = await api().get(`/api/editions/${edition.slug}/program`);
    expect(rest.status).toBe(200);
    const res = await gql(PROGRAM_QUERY, { edition: edition.slug });
    expect(res.body.errors).toBeUndefined();
    // The changelog's lines are compared in tests/integration/program-versions.test.ts; here the version itself.
    const { version, ...program } = rest.body.data;
    expect(version).toMatchObject({ number: 3 }); // three sessions published one by one: three versions
    expect(res.body.data.program).toEqual(withoutIds(program));
    // Asked apart: the whole program and its version in one query cost more than GraphQL's limit allows.
    const versioned = await gql(
      'query V($edition: String!) { program(edition: $edition) { version { number releasedAt label { fr en } updated { fr en } } } }',
      {
        edition: edition.slug,
      }
    );
    const { number, releasedAt, label, updated } = version;
    expect(versioned.body.data.program.version).toEqual({ number, releasedAt, label, updated });
    // The comparison is not empty: both have the sessions, their ends and the speaker's administration.
    const opening = res.body.data.program.days[0].sessions[0];
    expect(opening).toMatchObject({ title: 'Ouverture', startsAt: '2023-12-06T13:00:00.000Z', endsAt: '2023-12-06T13:15:00.000Z', format: 'talk' });
    expect(opening.speakers.map((s: Json) => [s.name, s.administration?.kind ?? null])).toEqual([
      ['Camille Exemple', 'ministry'],
      ['Sacha Témoin', null],
    ]);
    expect(res.body.data.program.unscheduled.map((s: Json) => [s.title, s.startsAt, s.endsAt])).toEqual([['Atelier sans heure', null, null]]);
  });

  it('is the same by documentId, and refuses an unknown edition with the REST code', async () => {
    const byId = await gql(PROGRAM_QUERY, { edition: edition.documentId });
    expect(byId.body.data.program.edition.slug).toBe(edition.slug);
    const unknown = await gql(PROGRAM_QUERY, { edition: 'inconnue' });
    expect(unknown.body.data.program).toBeNull();
    expect(unknown.body.errors[0].extensions.error.details.code).toBe('EDITION_NOT_FOUND');
  });

  it('gives each Session its end, from its start and duration', async () => {
    const res = await gql(
      `{ sessions(filters: { edition: { documentId: { eq: "${edition.documentId}" } } }, sort: "title") { title startsAt durationMinutes endsAt } }`
    );
    expect(res.body.data.sessions).toEqual([
      { title: 'Atelier sans heure', startsAt: null, durationMinutes: 20, endsAt: null },
      { title: 'Ouverture', startsAt: '2023-12-06T13:00:00.000Z', durationMinutes: 15, endsAt: '2023-12-06T13:15:00.000Z' },
      { title: 'Table ronde', startsAt: '2023-12-07T13:10:00.000Z', durationMinutes: 30, endsAt: '2023-12-07T13:40:00.000Z' },
    ]);
  });

  it('says the call state and a receipt’s status as enum values', async () => {
    testClock.set('2023-11-28T12:00:00.000Z');
    const res = await gql(`{ editions(filters: { slug: { eq: "${edition.slug}" } }) { callForProposals { state closesAt { at } } } }`);
    expect(res.body.data.editions[0].callForProposals).toEqual({ state: 'decisions_released', closesAt: { at: '2023-11-20T22:59:00.000Z' } });
    testClock.set('2023-11-15T09:00:00.000Z');
    const submitted = await gql(`mutation S($data: ProposalSubmissionInput!) { submitProposal(data: $data) { status responseDate { at } } }`, {
      data: {
        edition: edition.slug,
        speakerName: 'Agent Exemple',
        email: `agent.${process.pid}@example.org`,
        administrationName: 'DINUM',
        title: 'Une proposition typée',
        abstract: 'Un résumé assez long pour être accepté par le formulaire.',
        requestedDuration: 15,
      },
    });
    expect(submitted.body.errors).toBeUndefined();
    expect(submitted.body.data.submitProposal).toEqual({ status: 'under_review', responseDate: { at: '2023-11-26T23:00:00.000Z' } });
    testClock.set(AFTER_PROGRAM_2023);
  });

  it('refuses a submission without a required field before anything runs', async () => {
    testClock.set('2023-11-15T09:00:00.000Z');
    const before = await strapi.db.query('api::proposal.proposal').count({});
    const res = await gql(`mutation S($data: ProposalSubmissionInput!) { submitProposal(data: $data) { reference } }`, {
      data: {
        edition: edition.slug,
        speakerName: 'Agent Exemple',
        administrationName: 'DINUM',
        title: 'Sans adresse',
        abstract: 'Un résumé.',
        requestedDuration: 15,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toMatch(/"email" of required type "String!" was not provided/);
    expect(await strapi.db.query('api::proposal.proposal').count({})).toBe(before);
    testClock.set(AFTER_PROGRAM_2023);
  });
});

describe('the embargo through GraphQL', () => {
  it('shows no session through `program` before the program date, not even a published-then-deferred one, and never a draft', async () => {
    testClock.set('2023-12-01T12:00:00.000Z');
    const edition = await createEdition({ programPublicationDate: PROGRAM_DATE });
    await createSession({ title: 'Sous embargo', edition: edition.documentId, startsAt: '2023-12-06T13:00:00.000Z' });
    await createSession({ title: 'Brouillon', edition: edition.documentId, startsAt: '2023-12-06T14:00:00.000Z' }, { publish: false });
    const titles = async () => {
      const res = await gql(PROGRAM_QUERY, { edition: edition.slug });
      expect(res.body.errors).toBeUndefined();
      const { days, unscheduled } = res.body.data.program;
      return [...days.flatMap((d: Json) => d.sessions), ...unscheduled].map((s: Json) => s.title);
    };
    expect(await titles()).toEqual([]);
    testClock.set(new Date(Date.parse(PROGRAM_DATE) - 1).toISOString());
    await strapi.service('api::session.embargo').publishDue();
    expect(await titles()).toEqual([]);
    testClock.set(PROGRAM_DATE);
    await strapi.service('api::session.embargo').publishDue();
    expect(await titles()).toEqual(['Sous embargo']);
    testClock.set(AFTER_PROGRAM_2023);
  });
});

describe('the limits', () => {
  it('count a program query once against the relations budget, whatever its size: its fields are read in memory', async () => {
    testClock.set(AFTER_PROGRAM_2023);
    // One room per session (an edition without a room list has a single room).
    const edition = await createEdition({ rooms: Array.from({ length: 48 }, (_, i) => ({ name: `Salle ${i}` })) });
    const speakers = await Promise.all(Array.from({ length: 10 }, () => createSpeaker()));
    // 48 sessions × 10 speakers: program, days, the sessions of 2 days, 48 speaker lists and 480
    // administrations make 532 object fields, past the budget of 500 if they counted.
    for (let i = 0; i < 48; i++) {
      await createSession({
        edition: edition.documentId,
        speakers: speakers.map((s) => s.documentId),
        startsAt: new Date(Date.parse('2023-12-06T13:00:00Z') + i * 60_000).toISOString(),
        // Each in its own room: the program's rules refuse overlaps.
        room: `Salle ${i}`,
      });
    }
    const res = await gql(`{ program(edition: "${edition.slug}") { days { sessions { title speakers { name administration { name } } } } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.program.days.flatMap((d: Json) => d.sessions)).toHaveLength(48);
  }, 120_000);

  it('still bound a program query: aliases past the limit are refused before it runs', async () => {
    const aliases = Array.from({ length: 11 }, (_, i) => `p${i}: program(edition: "x") { days { date } }`).join(' ');
    const many = await gql(`{ ${aliases} }`);
    expect(many.status).toBe(400);
    expect(many.body.errors[0].extensions.code).toBe('GRAPHQL_TOO_MANY_ALIASES');
  });
});
