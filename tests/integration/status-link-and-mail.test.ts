/** The confirmation e-mail (real SMTP on loopback) and the private status link. */
import { api, createEdition } from '../harness/factories';

const UID = 'api::proposal.proposal';
let edition: any;
let ip = 0;

const form = (overrides: Record<string, unknown> = {}) => ({
  edition: edition.slug,
  speakerName: 'Agent Exemple',
  email: 'agent.exemple@example.org',
  administrationName: 'Ministère de l’Exemple',
  jobTitle: 'Cheffe de projet',
  title: 'Des logiciels libres dans les collèges',
  abstract: 'Comment nous avons déployé des outils libres dans cent collèges.',
  preferredDay: '2023-12-07',
  requestedDuration: 20,
  ...overrides,
});

const submit = (data: unknown, lang?: string) => {
  const req = api().post('/api/proposals').set('X-Forwarded-For', `10.9.0.${++ip}`);
  if (lang) req.set('Accept-Language', lang);
  return req.send({ data });
};
const mine = (token: string) => `/api/proposals/mine/${token}`;
const proposalRow = async (reference: string) => (await strapi.db.query(UID).findOne({ where: { reference } })) as Record<string, any>;
const mailState = async (reference: string) =>
  (await strapi.db.query('api::notification.notification').findOne({
    where: { proposal: { reference }, kind: 'submission_received' },
  })) as Record<string, any>;

beforeAll(async () => {
  edition = await createEdition({ title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org' });
});

beforeEach(async () => {
  await strapi.service('api::notification.notification').drain();
  await strapi.db.query(UID).deleteMany({});
  mailbox.clear();
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('the confirmation e-mail', () => {
  it('arrives in French with the reference, the content, the dates in Paris time and the status link', async () => {
    const res = await submit(form());
    expect(res.status).toBe(201);
    const [mail] = await mailbox.waitFor((m) => m.to === 'agent.exemple@example.org');
    expect(mail.subject).toBe(`Proposition reçue : « Des logiciels libres dans les collèges » (${res.body.data.reference})`);
    expect(mail.replyTo).toBe('contact@example.org');
    for (const line of [
      'Bonjour Agent Exemple,',
      `Référence : ${res.body.data.reference}`,
      'Administration : Ministère de l’Exemple',
      'Durée souhaitée : 20 minutes',
      'Jour préféré : jeudi 7 décembre 2023',
      'Comment nous avons déployé des outils libres dans cent collèges.',
      'Nous vous répondrons au plus tard le 27 novembre 2023 à 0 h 00 (heure de Paris).',
      'Le programme sera publié le 4 décembre 2023 à 9 h 00 (heure de Paris).',
      res.body.data.statusUrl,
      "Vous pouvez la corriger jusqu'au 20 novembre 2023 à 23 h 59 (heure de Paris).",
    ]) {
      expect(mail.text).toContain(line);
    }
    await strapi.service('api::notification.notification').drain();
    const row = await mailState(res.body.data.reference);
    expect(row).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('arrives in English when the proposer asked for English', async () => {
    const res = await submit(form(), 'en');
    const [mail] = await mailbox.waitFor(() => true);
    expect(mail.subject).toBe(`Proposal received: "Des logiciels libres dans les collèges" (${res.body.data.reference})`);
    expect(mail.text).toContain('We will answer by 27 November 2023 at 00:00 (Paris time).');
    expect(mail.text).toContain('Preferred day: Thursday 7 December 2023');
  });

  it('does not lose the proposal when SMTP is down, and sends it once SMTP is back', async () => {
    await mailbox.stop();
    try {
      const res = await submit(form());
      expect(res.status).toBe(201);
      await strapi.service('api::notification.notification').drain();
      const pending = await mailState(res.body.data.reference);
      expect(pending).toMatchObject({ state: 'pending', attempts: 1 });
      expect(pending.lastError).toEqual(expect.any(String));
      expect((await proposalRow(res.body.data.reference)).state).toBe('submitted');

      // Not yet due: the retry waits (backoff).
      expect(await strapi.service('api::notification.notification').retryDue()).toEqual({});

      await mailbox.start();
      testClock.set(new Date(Date.parse('2023-11-15T09:00:00.000Z') + 10 * 60 * 1000));
      expect(await strapi.service('api::notification.notification').retryDue()).toEqual({ sent: 1 });
      const [mail] = await mailbox.waitFor(() => true);
      expect(mail.text).toContain(res.body.data.statusUrl);
      expect(await mailState(res.body.data.reference)).toMatchObject({ state: 'sent', attempts: 2 });

      // A second run sends nothing more.
      testClock.set('2023-11-16T09:00:00.000Z');
      expect(await strapi.service('api::notification.notification').retryDue()).toEqual({});
      expect(mailbox.messages).toHaveLength(1);
    } finally {
      if (!mailbox.server) await mailbox.start();
    }
  });

  it('sends once when two retry jobs run at the same time', async () => {
    await mailbox.stop();
    const res = await submit(form());
    await strapi.service('api::notification.notification').drain();
    await mailbox.start();
    testClock.set('2023-11-15T12:00:00.000Z');
    const service = strapi.service('api::notification.notification');
    const outcomes = await Promise.all([service.retryDue(), service.retryDue(), service.retryDue()]);
    expect(outcomes.reduce((n: number, o: Record<string, number>) => n + (o.sent ?? 0), 0)).toBe(1);
    await mailbox.waitFor(() => true);
    expect(mailbox.messages.filter((m) => m.text.includes(res.body.data.reference))).toHaveLength(1);
  });
});

describe('the private status link', () => {
  it('shows the proposal to its author, under review, with no decision', async () => {
    const { body } = await submit(form());
    await strapi.db
      .query(UID)
      .update({ where: { reference: body.data.reference }, data: { state: 'accepted', decisionMessage: 'Bravo', decidedAt: testClock.now().toISOString() } });
    const res = await api().get(mine(body.data.statusToken));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      reference: body.data.reference,
      title: 'Des logiciels libres dans les collèges',
      email: 'agent.exemple@example.org',
      status: 'under-review',
      statusLabel: { fr: 'Reçue, en cours d’examen', en: 'Received, under review' },
      canEdit: true,
      canWithdraw: true,
      editableUntil: { at: '2023-11-20T22:59:00.000Z', fr: '20 novembre 2023 à 23 h 59 (heure de Paris)' },
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/accepted|Bravo|reviewerNotes|statusTokenHash/);
    expect(res.body.data.decisionMessage).toBeNull();
  });

  it.each([
    ['an unknown token', 'A'.repeat(43)],
    ['a malformed token', 'not a token'],
    ['a too short token', 'abc'],
  ])('answers 404 to %s, the same as to any other', async (_label, token) => {
    const res = await api().get(mine(encodeURIComponent(token)));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      data: null,
      error: expect.objectContaining({ status: 404, name: 'NotFoundError', message: "Cette page n'existe pas ou n'est plus valide." }),
    });
  });

  it('answers 404 once the link has expired, as for a wrong token', async () => {
    const { body } = await submit(form());
    testClock.set('2024-02-06T00:00:00.000Z'); // 60 days after the last day
    const res = await api().get(mine(body.data.statusToken));
    expect(res.status).toBe(404);
    const wrong = await api().get(mine('B'.repeat(43)));
    expect(res.body).toEqual(wrong.body);
  });

  it('lets the author correct the proposal until the deadline, under the same validation', async () => {
    const { body } = await submit(form());
    const token = body.data.statusToken;
    const invalid = await api()
      .put(mine(token))
      .send({ data: { requestedDuration: 45, title: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.errors.map((e: any) => e.code).sort()).toEqual(['DURATION_NOT_ALLOWED', 'REQUIRED']);

    testClock.set('2023-11-20T22:59:59.999Z');
    const ok = await api()
      .put(mine(token))
      .send({ data: { title: 'Des logiciels libres dans tous les collèges', requestedDuration: 30 } });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ title: 'Des logiciels libres dans tous les collèges', requestedDuration: 30, abstract: form().abstract });

    testClock.set('2023-11-20T23:00:00.000Z');
    const late = await api()
      .put(mine(token))
      .send({ data: { title: 'Trop tard pour corriger' } });
    expect(late.status).toBe(403);
    expect(late.body.error.details.code).toBe('CFP_CLOSED');
    const row = await proposalRow(body.data.reference);
    expect(row.title).toBe('Des logiciels libres dans tous les collèges');
  });

  it('lets the author withdraw, even after the deadline, and then refuses corrections', async () => {
    const { body } = await submit(form());
    const token = body.data.statusToken;
    testClock.set('2023-11-25T10:00:00.000Z');
    const res = await api().post(`${mine(token)}/withdraw`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'withdrawn', canEdit: false, canWithdraw: false });
    expect((await proposalRow(body.data.reference)).state).toBe('withdrawn');
    expect((await api().post(`${mine(token)}/withdraw`)).status).toBe(200);
    testClock.set('2023-11-15T10:00:00.000Z');
    const edit = await api()
      .put(mine(token))
      .send({ data: { title: 'Revenir sur le retrait' } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.details.code).toBe('PROPOSAL_WITHDRAWN');
  });

  it('frees the title after a withdrawal, so the author may submit again', async () => {
    const { body } = await submit(form());
    await api().post(`${mine(body.data.statusToken)}/withdraw`);
    expect((await submit(form())).status).toBe(201);
  });
});

describe('GraphQL submitProposal', () => {
  const mutation = `mutation Submit($data: ProposalSubmissionInput!) {
    submitProposal(data: $data) { reference statusToken status edition { slug } responseDate { at fr } }
  }`;
  const gql = (data: Record<string, unknown>) => api().post('/graphql').set('X-Forwarded-For', `10.8.0.${++ip}`).send({ query: mutation, variables: { data } });

  it('submits through the same service', async () => {
    const res = await gql(form());
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.submitProposal).toMatchObject({
      reference: expect.stringMatching(/^BH23-/),
      status: 'under_review', // the GraphQL enum value of "under-review"
      edition: { slug: edition.slug },
      responseDate: { at: '2023-11-26T23:00:00.000Z', fr: '27 novembre 2023 à 0 h 00 (heure de Paris)' },
    });
    await mailbox.waitFor(() => true);
  });

  it('gives the field errors and the window code', async () => {
    const invalid = await gql(form({ email: 'nope' }));
    expect(invalid.body.errors[0].extensions.error.details.errors[0]).toMatchObject({ path: ['email'], code: 'INVALID_EMAIL' });
    testClock.set('2023-11-21T00:00:00.000Z');
    const closed = await gql(form());
    expect(closed.body.errors[0].extensions.error.details).toMatchObject({ code: 'CFP_CLOSED' });
    expect(closed.body.errors[0].message).toMatch(/clos depuis le 20 novembre 2023 à 23 h 59/);
    expect(await strapi.db.query(UID).count({})).toBe(0);
  });

  it('keeps the proposals queries and CRUD mutations out of the schema', async () => {
    const res = await api().post('/graphql').send({ query: '{ __schema { mutationType { fields { name } } } }' });
    const names = res.body.data.__schema.mutationType.fields.map((f: any) => f.name);
    expect(names).toContain('submitProposal');
    expect(names.filter((n: string) => /proposal/i.test(n))).toEqual(['submitProposal']);
  });
});

describe('a backlog of mails larger than one delivery pass', () => {
  it('is sent in one go, pass after pass, not left to the retry task', async () => {
    const res = await submit(form({ title: 'La proposition aux deux cent cinq accusés' }));
    expect(res.status).toBe(201);
    const outbox = strapi.service('api::notification.notification');
    await outbox.drain();
    await mailbox.waitFor((m) => m.text.includes(res.body.data.reference));
    mailbox.clear();
    // More mails due than one pass takes (200), as after a burst of submissions.
    const proposal = await proposalRow(res.body.data.reference);
    const due = Array.from({ length: 205 }, (_, i) => ({
      kind: 'submission_received',
      onceKey: `${proposal.id}:backlog:${i}`,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: new Date('2023-11-15T09:00:00.000Z').toISOString(),
      proposal: proposal.id,
    }));
    for (const data of due) await strapi.db.query('api::notification.notification').create({ data });

    outbox.deliverSoon();
    await outbox.drain();
    expect(mailbox.messages).toHaveLength(205);
    expect(
      await strapi.db.query('api::notification.notification').count({ where: { onceKey: { $startsWith: `${proposal.id}:backlog:` }, state: 'sent' } })
    ).toBe(205);
  }, 60_000);
});
