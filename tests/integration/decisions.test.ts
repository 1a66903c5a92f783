/** Decisions, their release (by an editor or at the response date), the mails, confirmation. */
import { adminToken, api, createEdition, createProposal, submitProposal } from '../harness/factories';

const UID = 'api::proposal.proposal';
const RESPONSE = '2023-11-26T23:00:00.000Z'; // 27 Nov 00:00 Paris
let token: string;
let edition: any;
let ip = 0;

const decisions = () => strapi.service('api::proposal.decisions');
const outbox = () => strapi.service('api::notification.notification');
const row = (documentId: string) => strapi.db.query(UID).findOne({ where: { documentId } });
const cm = (method: 'put' | 'post' | 'get', path: string) =>
  api()[method](`/content-manager/collection-types/${UID}${path}`).set('Authorization', `Bearer ${token}`);

const submitted = (overrides: Record<string, unknown> = {}) => submitProposal(edition, ++ip, `10.7.0.${ip}`, overrides);

const decide = (documentId: string, state: string, decisionMessage?: string) =>
  strapi.documents(UID).update({ documentId, data: { state, ...(decisionMessage ? { decisionMessage } : {}) } as any });
const mine = (t: string) => api().get(`/api/proposals/mine/${t}`);
const mailsTo = (email: string) => mailbox.messages.filter((m) => m.to === email);

beforeAll(async () => {
  token = await adminToken();
  edition = await createEdition({ title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org', confirmationWindowDays: 5 });
});

beforeEach(async () => {
  await outbox().drain();
  await strapi.db.query('api::notification.notification').deleteMany({});
  await strapi.db.query(UID).deleteMany({});
  await strapi.db.query('api::session.session').deleteMany({});
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('the transition table', () => {
  it('refuses an illegal change in the admin, in French, and keeps the state', async () => {
    const p = await createProposal({ edition: edition.documentId });
    await decide(p.documentId, 'waitlisted');
    const res = await cm('put', `/${p.documentId}`).send({ state: 'submitted' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'waitlisted', to: 'submitted' });
    expect(res.body.error.message).toBe(
      "Une proposition sur liste d'attente ne peut pas devenir reçue. Depuis « sur liste d'attente », les états possibles sont : acceptée, non retenue, retirée."
    );
    expect((await row(p.documentId)).state).toBe('waitlisted');
  });

  it('records each legal change with its time, in the admin and through any API', async () => {
    const p = await createProposal({ edition: edition.documentId });
    expect((await cm('put', `/${p.documentId}`).send({ state: 'waitlisted' })).status).toBe(200);
    testClock.set('2023-11-16T10:00:00.000Z');
    await decide(p.documentId, 'accepted');
    const stored = await row(p.documentId);
    expect(stored.state).toBe('accepted');
    expect(new Date(stored.decidedAt).toISOString()).toBe('2023-11-16T10:00:00.000Z');
    expect(stored.stateHistory).toEqual([
      { from: 'submitted', to: 'waitlisted', at: '2023-11-15T09:00:00.000Z', by: 'Éditrice Test' },
      { from: 'waitlisted', to: 'accepted', at: '2023-11-16T10:00:00.000Z', by: 'automatique' },
    ]);
    await expect(decide(p.documentId, 'submitted')).rejects.toMatchObject({ details: { code: 'ILLEGAL_TRANSITION' } });
  });
});

describe('release', () => {
  it('keeps decisions internal until released: the link says "under review"', async () => {
    const p = await submitted();
    await decide(p.documentId, 'rejected', 'Merci !');
    const res = await mine(p.statusToken);
    expect(res.body.data).toMatchObject({ status: 'under-review', decisionMessage: null, canWithdraw: true, canConfirm: false });
    await outbox().drain();
    expect(mailsTo(p.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Proposition reçue/)]);
  });

  it('is refused to anyone but an admin', async () => {
    const res = await api().post(`/bluehats/editions/${edition.documentId}/release-decisions`);
    expect(res.status).toBe(401);
  });

  it('by an editor, sends each proposer exactly one mail, even when releases overlap', async () => {
    const accepted = await submitted();
    const waitlisted = await submitted();
    const rejected = await submitted();
    const undecided = await submitted();
    await decide(accepted.documentId, 'accepted', 'Votre sujet nous plaît beaucoup.');
    await decide(waitlisted.documentId, 'waitlisted');
    await decide(rejected.documentId, 'rejected');
    await outbox().drain();
    mailbox.clear();

    const release = () =>
      api().post(`/bluehats/editions/${edition.documentId}/release-decisions`).set('Authorization', `Bearer ${token}`).send({ confirm: true, expected: 3 });
    // Two confirmations at once (a double click, two editors): one sends, the other finds its preview stale.
    const answers = await Promise.all([release(), release()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 200)!.body.data.released).toBe(3);
    expect(answers.find((a) => a.status === 409)!.body.error.details).toMatchObject({ code: 'RELEASE_PREVIEW_STALE', preview: { total: 0 } });
    await decisions().releaseEdition(edition.documentId);
    await decisions().releaseDue();
    await outbox().drain();
    await outbox().retryDue();

    expect(mailsTo(accepted.email)).toHaveLength(1);
    expect(mailsTo(waitlisted.email)).toHaveLength(1);
    expect(mailsTo(rejected.email)).toHaveLength(1);
    expect(mailsTo(undecided.email)).toHaveLength(0);

    const [acceptance] = mailsTo(accepted.email);
    expect(acceptance.subject).toBe(`Action requise : confirmez votre intervention « ${accepted.title} » avant le 20 novembre 2023 à 23 h 59 (heure de Paris)`);
    expect(acceptance.text).toContain('Bonne nouvelle');
    expect(acceptance.text).toContain('Votre sujet nous plaît beaucoup.');
    expect(acceptance.text).toContain(`/suivi/${accepted.statusToken}`);
    expect(mailsTo(waitlisted.email)[0].subject).toBe(`Votre proposition « ${waitlisted.title} » est sur liste d'attente`);
    expect(mailsTo(rejected.email)[0].text).toContain('à regret');

    const acceptedRow = await row(accepted.documentId);
    expect(acceptedRow.notifiedAt).not.toBeNull();
    expect(new Date(acceptedRow.confirmationDeadline).toISOString()).toBe('2023-11-20T22:59:00.000Z');
    const view = await mine(accepted.statusToken);
    expect(view.body.data).toMatchObject({
      status: 'accepted',
      decisionMessage: 'Votre sujet nous plaît beaucoup.',
      canConfirm: true,
      confirmationDeadline: { fr: '20 novembre 2023 à 23 h 59 (heure de Paris)' },
    });
    expect((await mine(undecided.statusToken)).body.data.status).toBe('under-review');
  });

  it('happens by itself at the response date, for what was decided by then', async () => {
    const p = await submitted();
    await decide(p.documentId, 'accepted');
    testClock.set(new Date(Date.parse(RESPONSE) - 1));
    expect(await decisions().releaseDue()).toBe(0);
    expect((await mine(p.statusToken)).body.data.status).toBe('under-review');
    testClock.set(RESPONSE);
    expect(await decisions().releaseDue()).toBe(1);
    expect((await mine(p.statusToken)).body.data.status).toBe('accepted');
    await outbox().drain();
    expect(mailsTo(p.email).filter((m) => /Action requise/.test(m.subject))).toHaveLength(1);
    // A second run of the job changes nothing.
    expect(await decisions().releaseDue()).toBe(0);
  });

  it('after the response date, releases a new decision as soon as it is made', async () => {
    const p = await submitted();
    testClock.set('2023-11-28T10:00:00.000Z');
    await decide(p.documentId, 'waitlisted');
    expect((await mine(p.statusToken)).body.data.status).toBe('waitlisted');
    await outbox().drain();
    expect(mailsTo(p.email).filter((m) => /liste d'attente/.test(m.subject))).toHaveLength(1);
  });

  it('lists undecided proposals per edition, and warns once 48 h before and once at the response date', async () => {
    await submitted();
    await submitted();
    const decided = await submitted();
    await decide(decided.documentId, 'accepted');
    const res = await api().get('/bluehats/undecided').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([expect.objectContaining({ edition: expect.objectContaining({ documentId: edition.documentId }), undecided: 2 })]);

    testClock.set(new Date(Date.parse(RESPONSE) - 48 * 3600 * 1000 - 1));
    expect(await decisions().warnUndecided()).toEqual([]);
    testClock.set(new Date(Date.parse(RESPONSE) - 48 * 3600 * 1000));
    expect(await decisions().warnUndecided()).toEqual([expect.stringMatching(/^48h: 2 proposition\(s\) sans décision/)]);
    expect(await decisions().warnUndecided()).toEqual([]);
    testClock.set(RESPONSE);
    expect(await decisions().warnUndecided()).toEqual([expect.stringMatching(/^due: 2 proposition/)]);
    expect(await decisions().warnUndecided()).toEqual([]);
  });
});

describe('the speaker confirms', () => {
  async function acceptedAndReleased() {
    // A speaker who agreed to publication: the draft session names them.
    const p = await submitted({ consentPublication: true });
    await decide(p.documentId, 'accepted');
    await decisions().releaseEdition(edition.documentId);
    return p;
  }
  const confirm = (t: string) => api().post(`/api/proposals/mine/${t}/confirm`).set('X-Forwarded-For', `10.6.0.${++ip}`);

  it('through the link, which creates exactly one draft session prefilled from the proposal', async () => {
    const p = await acceptedAndReleased();
    const [a, b] = await Promise.all([confirm(p.statusToken), confirm(p.statusToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.data).toMatchObject({ status: 'confirmed', canConfirm: false });
    expect((await confirm(p.statusToken)).status).toBe(200);
    const sessions = await strapi.db.query('api::session.session').findMany({ populate: { speakers: true, edition: true, proposal: true } });
    expect(sessions).toHaveLength(1); // one draft row, never published
    expect(sessions[0]).toMatchObject({
      title: p.title,
      abstract: p.abstract,
      durationMinutes: 15,
      publishedAt: null,
      startsAt: expect.anything(),
    });
    expect(new Date(sessions[0].startsAt).toISOString()).toBe('2023-12-07T13:00:00.000Z'); // 14:00 Paris, preferred day
    expect(sessions[0].speakers.map((s: any) => s.name)).toEqual([p.speakerName]);
    expect(sessions[0].proposal.id).toBe(p.id);
    expect((await api().get('/api/sessions')).body.data).toEqual([]);
  });

  it('or declines, and nothing is created', async () => {
    const p = await acceptedAndReleased();
    const res = await api().post(`/api/proposals/mine/${p.statusToken}/decline`);
    expect(res.body.data.status).toBe('declined');
    expect(await strapi.db.query('api::session.session').count({})).toBe(0);
    expect((await confirm(p.statusToken)).status).toBe(409);
  });

  it('not before the decision is released, and not after the deadline', async () => {
    const p = await submitted();
    await decide(p.documentId, 'accepted');
    const early = await confirm(p.statusToken);
    expect(early.status).toBe(409);
    expect(early.body.error.details.code).toBe('NOTHING_TO_CONFIRM');
    await decisions().releaseEdition(edition.documentId);
    testClock.set('2023-11-20T22:59:59.999Z');
    expect((await mine(p.statusToken)).body.data.canConfirm).toBe(true);
    testClock.set('2023-11-20T23:00:00.000Z');
    const late = await confirm(p.statusToken);
    expect(late.status).toBe(403);
    expect(late.body.error.details.code).toBe('CONFIRMATION_CLOSED');
    expect(late.body.error.message).toContain('20 novembre 2023 à 23 h 59 (heure de Paris)');
  });

  it('is reminded once, 48 h before the deadline, when silent', async () => {
    const p = await acceptedAndReleased(); // released on 15 Nov 09:00, deadline 20 Nov 23:59
    testClock.set('2023-11-18T22:58:59.999Z');
    expect(await decisions().remindDue()).toBe(0);
    testClock.set('2023-11-18T22:59:00.000Z');
    expect(await decisions().remindDue()).toBe(1);
    expect(await decisions().remindDue()).toBe(0);
    await outbox().drain();
    const reminders = mailsTo(p.email).filter((m) => m.subject.startsWith('Rappel'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toContain('Rappel — action requise');
  });
});
