/** Public submission over REST: the window to the millisecond, validation, abuse, the answer. */
import { api, createEdition, PARIS_2023 } from '../harness/factories';

const UID = 'api::proposal.proposal';
let ipCounter = 0;
const freshIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

let edition: any;

const form = (overrides: Record<string, unknown> = {}) => ({
  edition: edition.slug,
  speakerName: 'Agent Exemple',
  email: 'Agent.Exemple@example.org',
  administrationName: 'DINUM',
  jobTitle: 'Développeuse',
  title: 'Un logiciel libre dans mon ministère',
  abstract: 'Retour d’expérience sur un déploiement réussi, en quelques lignes.',
  preferredDay: '2023-12-06',
  requestedDuration: 15,
  consentContact: true,
  consentPublication: true,
  ...overrides,
});

const submit = (data: unknown, { ip = freshIp(), lang }: { ip?: string; lang?: string } = {}) => {
  const req = api().post('/api/proposals').set('X-Forwarded-For', ip);
  if (lang) req.set('Accept-Language', lang);
  return req.send({ data });
};

const count = () => strapi.db.query(UID).count({});

beforeAll(async () => {
  edition = await createEdition({ slug: 'bluehats-2023', title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org' });
});

beforeEach(async () => {
  await strapi.db.query(UID).deleteMany({});
  testClock.set('2023-11-10T10:00:00.000Z');
});

describe('the window, to the millisecond', () => {
  it.each([
    ['the opening instant', '2023-11-03T08:00:00.000Z'],
    ['the last millisecond of "20 novembre 23:59" Paris time', '2023-11-20T22:59:59.999Z'],
  ])('accepts at %s', async (_label, now) => {
    testClock.set(now);
    const res = await submit(form());
    expect(res.status).toBe(201);
  });

  it('refuses the first millisecond after the deadline, in French, naming the time and zone', async () => {
    testClock.set('2023-11-20T23:00:00.000Z');
    const res = await submit(form());
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      data: null,
      error: {
        status: 403,
        name: 'ForbiddenError',
        message: "L'appel à interventions est clos depuis le 20 novembre 2023 à 23 h 59 (heure de Paris).",
        details: expect.objectContaining({
          code: 'CFP_CLOSED',
          at: '2023-11-20T22:59:00.000Z',
          timeZone: 'Europe/Paris',
          messageEn: 'The call for proposals closed on 20 November 2023 at 23:59 (Paris time).',
        }),
      },
    });
    expect(await count()).toBe(0);
  });

  it('answers in English when asked', async () => {
    testClock.set('2023-11-20T23:00:00.000Z');
    const res = await submit(form(), { lang: 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(res.body.error.message).toBe('The call for proposals closed on 20 November 2023 at 23:59 (Paris time).');
    expect(res.body.error.details.messageFr).toMatch(/^L'appel à interventions est clos/);
  });

  it('refuses the last millisecond before the opening', async () => {
    testClock.set('2023-11-03T07:59:59.999Z');
    const res = await submit(form());
    expect(res.status).toBe(403);
    expect(res.body.error.details).toMatchObject({ code: 'CFP_NOT_OPEN_YET', at: '2023-11-03T08:00:00.000Z' });
    expect(res.body.error.message).toBe("L'appel à interventions n'est pas encore ouvert : il ouvrira le 3 novembre 2023 à 9 h 00 (heure de Paris).");
  });

  it('holds on a daylight-saving night (Paris, clocks go back on 29 October 2023)', async () => {
    const dst = await createEdition({
      cfpOpensAt: '2023-10-01T00:00:00.000Z',
      cfpClosesAt: '2023-10-29T01:59:00.000Z', // 02:59 local, second pass (UTC+1)
    });
    testClock.set('2023-10-29T01:59:59.999Z');
    expect((await submit(form({ edition: dst.slug }))).status).toBe(201);
    testClock.set('2023-10-29T02:00:00.000Z');
    const late = await submit(form({ edition: dst.slug, title: 'Une autre proposition' }));
    expect(late.status).toBe(403);
    expect(late.body.error.message).toContain('29 octobre 2023 à 2 h 59 (heure de Paris)');
  });

  it('uses the time zone of the edition (Nouméa)', async () => {
    const noumea = await createEdition({
      timeZone: 'Pacific/Noumea',
      cfpOpensAt: '2024-05-31T13:00:00.000Z',
      cfpClosesAt: '2024-06-20T12:59:00.000Z', // 20 June 23:59 in Nouméa
      responseDate: '2024-06-25T00:00:00.000Z',
      programPublicationDate: '2024-06-28T00:00:00.000Z',
      days: [{ date: '2024-07-04', startTime: '14:00:00.000', endTime: '17:00:00.000' }],
    });
    testClock.set('2024-06-20T12:59:59.999Z');
    expect((await submit(form({ edition: noumea.slug, preferredDay: '2024-07-04' }))).status).toBe(201);
    testClock.set('2024-06-20T13:00:00.000Z');
    const late = await submit(form({ edition: noumea.slug, preferredDay: '2024-07-04', title: 'Trop tard à Nouméa' }));
    expect(late.status).toBe(403);
    expect(late.body.error.message).toBe("L'appel à interventions est clos depuis le 20 juin 2024 à 23 h 59 (heure de Nouméa).");
  });

  it('refuses an unpublished edition as unknown', async () => {
    const draft = await createEdition({}, { publish: false });
    const res = await submit(form({ edition: draft.slug }));
    expect(res.status).toBe(404);
    expect(res.body.error.details.code).toBe('EDITION_NOT_FOUND');
  });
});

describe('the answer', () => {
  it('is 201 with the reference, the status token and the dates, and nothing private', async () => {
    const res = await submit(form());
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      reference: expect.stringMatching(/^BH23-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      statusToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      statusUrl: expect.stringContaining(res.body.data.statusToken),
      status: 'under-review',
      statusLabel: { fr: 'Reçue, en cours d’examen', en: 'Received, under review' },
      edition: { slug: 'bluehats-2023', title: 'Journées #BlueHats 2023' },
      responseDate: { at: PARIS_2023.responseDate, fr: '27 novembre 2023 à 0 h 00 (heure de Paris)', en: '27 November 2023 at 00:00 (Paris time)' },
      programPublicationDate: {
        at: PARIS_2023.programPublicationDate,
        fr: '4 décembre 2023 à 9 h 00 (heure de Paris)',
        en: '4 December 2023 at 09:00 (Paris time)',
      },
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/reviewerNotes|statusTokenHash|duplicateKey|confirmationMail/);
    const row = await strapi.db.query(UID).findOne({ where: { reference: res.body.data.reference } });
    expect(row).toMatchObject({ email: 'agent.exemple@example.org', state: 'submitted', submittedAt: expect.anything() });
    expect(new Date(row.submittedAt).toISOString()).toBe('2023-11-10T10:00:00.000Z');
    expect(row.statusTokenHash).not.toBe(res.body.data.statusToken);
    expect(text).not.toContain(row.statusTokenHash);
  });
});

describe('validation', () => {
  const errorsOf = (res: any) => res.body.error.details.errors.map((e: any) => `${e.path.join('.')}:${e.code}`).sort();

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'missing and empty fields',
      { speakerName: '', title: '   ', email: undefined, abstract: null },
      ['abstract:REQUIRED', 'email:REQUIRED', 'speakerName:REQUIRED', 'title:REQUIRED'],
    ],
    ['a malformed e-mail', { email: 'agent@' }, ['email:INVALID_EMAIL']],
    ['a duration outside the list', { requestedDuration: 25 }, ['requestedDuration:DURATION_NOT_ALLOWED']],
    ['a duration as text', { requestedDuration: '15' }, ['requestedDuration:WRONG_TYPE']],
    ['a preferred day not of the edition', { preferredDay: '2023-12-08' }, ['preferredDay:UNKNOWN_DAY']],
    ['text over the limit', { title: 'x'.repeat(201) }, ['title:TOO_LONG']],
    ['an unknown field', { state: 'accepted', reviewerNotes: 'hi' }, ['reviewerNotes:UNKNOWN_FIELD', 'state:UNKNOWN_FIELD']],
    ['a wrong type', { speakerName: 42, consentContact: 'yes' }, ['consentContact:WRONG_TYPE', 'speakerName:WRONG_TYPE']],
    ['HTML', { abstract: 'Bonjour <script>alert(1)</script> tout le monde, voici mon sujet.' }, ['abstract:HTML_NOT_ALLOWED']],
    ['a filled honeypot', { website: 'http://spam.example' }, ['website:HONEYPOT_FILLED']],
  ])('refuses %s with one entry per field, and writes nothing', async (_label, change, expected) => {
    const data = form(change);
    const res = await submit(data);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', details: { code: 'VALIDATION_FAILED' } });
    expect(errorsOf(res)).toEqual(expected);
    for (const e of res.body.error.details.errors) {
      expect(e.message).toEqual(expect.any(String));
      expect(e.messageEn).toEqual(expect.any(String));
    }
    expect(await count()).toBe(0);
  });

  it('says what durations are allowed, in French', async () => {
    const res = await submit(form({ requestedDuration: 25 }));
    expect(res.body.error.message).toBe('25 minutes : les durées possibles sont 5, 10, 15, 20, 30 minutes.');
  });

  it('keeps "a < b" in an abstract, which is not HTML', async () => {
    const res = await submit(form({ abstract: 'Quand le coût < au budget et 3 > 2, on adopte le libre.' }));
    expect(res.status).toBe(201);
  });

  it.each<[string, () => unknown]>([
    ['no body', () => undefined],
    ['a body that is not an object', () => 'texte'],
    ['an array', () => [1, 2]],
    ['no edition', () => ({ ...form(), edition: undefined })],
    ['an edition that is an object', () => ({ ...form(), edition: { $ne: null } })],
  ])('gives a 4xx, never a 500, for %s', async (_label, data) => {
    const res = await submit(data());
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.data).toBeNull();
    expect(res.body.error.details.code).toEqual(expect.any(String));
  });

  it('refuses malformed JSON with a 4xx', async () => {
    const res = await api().post('/api/proposals').set('Content-Type', 'application/json').set('X-Forwarded-For', freshIp()).send('{"data": {');
    expect(res.status).toBe(400);
  });
});

describe('abuse', () => {
  it('refuses the same e-mail and title in the same edition with 409', async () => {
    expect((await submit(form())).status).toBe(201);
    const again = await submit(form({ email: 'AGENT.exemple@example.org', title: '  un logiciel libre  dans mon ministère ' }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ name: 'ConflictError', details: { code: 'PROPOSAL_DUPLICATE' } });
    expect(await count()).toBe(1);
  });

  it('caps the body size with 413', async () => {
    const res = await submit(form({ abstract: 'a'.repeat(40 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error.details.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count()).toBe(0);
  });

  it('rate-limits one client address with 429 and Retry-After, not the others', async () => {
    const ip = '192.0.2.77';
    const { max } = strapi.config.get('proposals.rateLimit') as { max: number };
    for (let i = 0; i < max; i++) {
      const res = await submit(form({ title: `Proposition numéro ${i}` }), { ip });
      expect(res.status).not.toBe(429);
    }
    const limited = await submit(form({ title: 'Une de trop' }), { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error).toMatchObject({ status: 429, name: 'RateLimitError', details: { code: 'TOO_MANY_REQUESTS' } });
    expect((await submit(form({ title: 'Une autre adresse' }), { ip: '192.0.2.78' })).status).toBe(201);
  });

  it('lands 50 concurrent submissions exactly once each, with distinct references', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => submit(form({ title: `Proposition simultanée ${i}`, email: `agent${i}@example.org` })))
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const rows = await strapi.db.query(UID).findMany({ select: ['reference', 'title'] });
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r: any) => r.reference)).size).toBe(50);
    expect(new Set(results.map((r) => r.body.data.reference)).size).toBe(50);
  });

  it('lands one of 10 concurrent identical submissions, and answers 409 to the rest', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => submit(form())));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await count()).toBe(1);
  });
});

describe('editors', () => {
  it('may add a proposal at any time through the admin services, which gives it a reference', async () => {
    testClock.set('2024-01-15T00:00:00.000Z');
    const doc = await strapi.documents(UID).create({
      data: {
        edition: edition.documentId,
        speakerName: 'Reçue par courriel',
        email: 'Courriel@Example.org',
        administrationName: 'Ville',
        title: 'Arrivée par courriel',
        abstract: 'Saisie par un éditeur.',
        requestedDuration: 10,
      } as any,
    });
    expect(doc.reference).toMatch(/^BH23-/);
    expect(doc.email).toBe('courriel@example.org');
    expect(doc.state).toBe('submitted');
  });
});
