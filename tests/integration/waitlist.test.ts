/**
 * The waitlist after the response date, through the admin API as an editor uses it and the status
 * link as a speaker does, on the injected clock, with real mails: the waitlist's own mail, freed
 * slots (declined, confirmation deadline passed to the millisecond), the suggestion that fits the
 * minutes and the afternoon, best-ranked first, and the promotion as one action, once.
 */
import { adminToken, adminTokenFor, api, createEdition, submitProposal } from '../harness/factories';

const UID = 'api::proposal.proposal';
const RESPONSE = '2023-11-26T23:00:00.000Z'; // 27 Nov 00:00 Paris
// Released at the response date with a 5-day window: 2 Dec 23:59 Paris, whose whole minute is inside.
const LAST_MS_INSIDE = '2023-12-02T22:59:59.999Z';
const FIRST_MS_OUT = '2023-12-02T23:00:00.000Z';
const AFTER = '2023-11-28T10:00:00.000Z';
let editor: string;
let reviewer: string;
let edition: any;
let ip = 0;

const outbox = () => strapi.service('api::notification.notification');
const row = (documentId: string) => strapi.db.query(UID).findOne({ where: { documentId } });
const as = (token: string, req: any) => req.set('Authorization', `Bearer ${token}`);
const desk = (method: 'get' | 'post', path: string, token = editor) => as(token, api()[method](`/bluehats${path}`));
const decide = (documentId: string, state: string) => desk('post', `/proposals/${documentId}/state`).send({ state });
const freed = (token = editor) => desk('get', `/editions/${edition.documentId}/freed-slots`, token);
const promote = (documentId: string, body: Record<string, unknown> = {}, token = editor) => desk('post', `/proposals/${documentId}/promote`, token).send(body);
const link = (p: { statusToken: string }, action: 'decline' | 'confirm') =>
  api().post(`/api/proposals/mine/${p.statusToken}/${action}`).set('X-Forwarded-For', `10.62.1.${++ip}`);

/** A proposal sent while the call is open, then decided by an editor. */
async function proposal(state: string | null, overrides: Record<string, unknown> = {}) {
  // One minute apart: the waitlist's ties go to the earlier submission.
  testClock.set(new Date(Date.parse('2023-11-15T09:00:00.000Z') + ip * 60_000));
  const p = await submitProposal(edition, ++ip, `10.62.0.${ip}`, { email: `attente${ip}@example.org`, ...overrides });
  if (state) expect((await decide(p.documentId, state)).status).toBe(200);
  return p;
}

/** The response date comes: the cron task releases every decision. */
async function responseDate() {
  // The acknowledgements are sent: only the decisions' mails are left to read.
  await outbox().drain();
  mailbox.clear();
  testClock.set(RESPONSE);
  await strapi.service('api::proposal.decisions').releaseDue();
  await outbox().drain();
}

/** A scored review of `mean` on every criterion of the edition. */
async function scored(p: { id: number }, mean: number) {
  const criteria = await strapi.service('api::review.review').criteria(edition.documentId);
  const scores = Object.fromEntries(criteria.map((c: { documentId: string }) => [c.documentId, mean]));
  await strapi.db.query('api::review.review').create({ data: { proposal: p.id, scores, scoredAt: RESPONSE } });
}

beforeAll(async () => {
  await adminToken();
  editor = await adminTokenFor('bluehats-editor', 'editrice.attente@example.org');
  reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur.attente@example.org');
  edition = await createEdition({ title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org', confirmationWindowDays: 5 });
});

beforeEach(async () => {
  await outbox().drain();
  await strapi.db.query('api::review.review').deleteMany({});
  await strapi.db.query('api::notification.notification').deleteMany({});
  await strapi.db.query('api::decision-release.decision-release').deleteMany({});
  await strapi.db.query(UID).deleteMany({});
  mailbox.clear();
});

describe('the waitlisted proposers', () => {
  it('get a mail of their own at the response date, distinct from the rejection', async () => {
    const waiting = await proposal('waitlisted', { title: 'En attente' });
    const refused = await proposal('rejected', { title: 'Refusée' });
    await responseDate();
    const [toWaiting] = await mailbox.waitFor((m: any) => m.to === waiting.email);
    const [toRefused] = await mailbox.waitFor((m: any) => m.to === refused.email);
    expect(toWaiting.subject).toBe("Votre proposition « En attente » est sur liste d'attente");
    expect(toWaiting.text).toContain("nous l'avons placée sur liste d'attente et nous vous écrirons si une place se libère");
    expect(toWaiting.text).not.toContain('à regret');
    expect(toRefused.subject).toBe('Votre proposition « Refusée »');
    expect(toRefused.text).toContain("à regret, n'avons pas pu retenir la vôtre");
    expect(toRefused.text).not.toContain("liste d'attente");
    const kinds = await strapi.db.query('api::notification.notification').findMany({ where: { kind: { $in: ['waitlist', 'rejection'] } } });
    expect(kinds.map((n: any) => n.kind).sort()).toEqual(['rejection', 'waitlist']);
  });
});

describe('freed slots', () => {
  it('come from a speaker who declines, with the waitlisted proposal that fits the minutes and the afternoon', async () => {
    const accepted = await proposal('accepted', { requestedDuration: 15, preferredDay: '2023-12-07', title: 'Acceptée' });
    await proposal('waitlisted', { requestedDuration: 20, preferredDay: null, title: 'Trop longue' });
    await proposal('waitlisted', { requestedDuration: 10, preferredDay: '2023-12-06', title: 'Autre après-midi' });
    const anyDay = await proposal('waitlisted', { requestedDuration: 10, preferredDay: null, title: 'Sans préférence' });
    const sameDay = await proposal('waitlisted', { requestedDuration: 15, preferredDay: '2023-12-07', title: 'Même après-midi' });
    await responseDate();
    expect((await freed()).body.data).toEqual({ promotionOpen: true, waitlisted: 4, slots: [] });

    testClock.set(AFTER);
    expect((await link(accepted, 'decline')).status).toBe(200);
    const res = await freed();
    expect(res.status).toBe(200);
    expect(res.body.data.slots).toEqual([
      {
        freed: { documentId: accepted.documentId, reference: accepted.reference, title: 'Acceptée' },
        reason: 'declined',
        reasonLabel: "L'intervenant a décliné",
        day: '2023-12-07',
        dayLabel: 'après-midi du 7 décembre',
        minutes: 15,
        filledMinutes: 0,
        remainingMinutes: 15,
        // Nobody scored: the earlier submission first; too long and another afternoon never.
        suggestion: {
          documentId: anyDay.documentId,
          reference: anyDay.reference,
          title: 'Sans préférence',
          requestedDuration: 10,
          dayLabel: 'Sans préférence de jour',
          weightedMean: null,
        },
      },
    ]);

    // Best-ranked first: the highest weighted mean of reviews wins over the earlier submission.
    await scored(anyDay, 3);
    await scored(sameDay, 4);
    expect((await freed()).body.data.slots[0].suggestion).toMatchObject({ reference: sameDay.reference, weightedMean: 4 });
  });

  it('come from a confirmation deadline passed, from the first millisecond after its minute', async () => {
    const silent = await proposal('accepted', { requestedDuration: 15 });
    const confirmedOne = await proposal('accepted', { requestedDuration: 15 });
    await proposal('waitlisted', { requestedDuration: 15 });
    await responseDate();
    expect(new Date((await row(silent.documentId)).confirmationDeadline).toISOString()).toBe('2023-12-02T22:59:00.000Z');
    testClock.set(AFTER);
    expect((await link(confirmedOne, 'confirm')).status).toBe(200);

    testClock.set(LAST_MS_INSIDE);
    expect((await freed()).body.data.slots).toEqual([]);
    testClock.set(FIRST_MS_OUT);
    const slots = (await freed()).body.data.slots;
    expect(slots.map((s: any) => [s.freed.reference, s.reason, s.reasonLabel, s.remainingMinutes])).toEqual([
      [silent.reference, 'confirmation_lapsed', 'Délai de confirmation dépassé sans réponse', 15],
    ]);
    expect(slots[0].suggestion).not.toBeNull();
  });
});

describe('promotion', () => {
  it('is one action: accepted, released at once with its own mail and confirmation window, the slot filled', async () => {
    const accepted = await proposal('accepted', { requestedDuration: 15, preferredDay: '2023-12-07' });
    const promoted = await proposal('waitlisted', { requestedDuration: 10, preferredDay: null, title: 'Promue' });
    const tooLong = await proposal('waitlisted', { requestedDuration: 10, preferredDay: '2023-12-07' });
    await responseDate();
    testClock.set(AFTER);
    await link(accepted, 'decline');
    mailbox.clear();

    const res = await promote(promoted.documentId, { slot: accepted.documentId });
    expect(res.status).toBe(200);
    // Released now, 28 Nov: its own 5 days, to 3 Dec 23:59 Paris (the program is out on 4 Dec at 9:00).
    expect(res.body.data).toEqual({
      promoted: {
        documentId: promoted.documentId,
        reference: promoted.reference,
        title: 'Promue',
        requestedDuration: 10,
        dayLabel: 'Sans préférence de jour',
        weightedMean: null,
        confirmationDeadline: '2023-12-03T22:59:00.000Z',
        confirmationDeadlineText: expect.stringContaining('3 décembre 2023 à 23 h 59'),
      },
      inPlaceOf: { documentId: accepted.documentId, reference: accepted.reference, title: accepted.title },
    });
    const after = await row(promoted.documentId);
    expect(after).toMatchObject({ state: 'accepted', communicatedState: 'accepted', promotedInPlaceOf: accepted.documentId });
    expect(new Date(after.decisionReleasedAt).toISOString()).toBe(AFTER);
    expect(after.stateHistory.at(-1)).toMatchObject({ from: 'waitlisted', to: 'accepted', at: AFTER, by: 'Agent bluehats-editor' });
    const [mail] = await mailbox.waitFor((m: any) => m.to === promoted.email);
    expect(mail.subject).toBe('Action requise : confirmez votre intervention « Promue » avant le 3 décembre 2023 à 23 h 59 (heure de Paris)');
    const status = await api().get(`/api/proposals/mine/${promoted.statusToken}`).set('X-Forwarded-For', `10.62.1.${++ip}`);
    expect(status.body.data).toMatchObject({ status: 'accepted', canConfirm: true });

    // 5 minutes are left: the other one (10 minutes) no longer fits; once is once.
    const slots = (await freed()).body.data.slots;
    expect(slots.map((s: any) => [s.filledMinutes, s.remainingMinutes, s.suggestion])).toEqual([[10, 5, null]]);
    const noRoom = await promote(tooLong.documentId);
    expect(noRoom.status).toBe(409);
    expect(noRoom.body.error.details.code).toBe('PROMOTION_DOES_NOT_FIT');
    const again = await promote(promoted.documentId);
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('ALREADY_PROMOTED');
    await outbox().drain();
    expect(mailbox.messages.filter((m: any) => m.to === promoted.email)).toHaveLength(1);
    expect(await strapi.db.query('api::notification.notification').count({ where: { kind: 'acceptance', proposal: { id: promoted.id } } })).toBe(1);
  });

  it('is refused with its own code: before the response date, nothing freed, not waitlisted, a slot not freed, in French and English', async () => {
    const waiting = await proposal('waitlisted');
    const accepted = await proposal('accepted');
    const before = await promote(waiting.documentId);
    expect(before.status).toBe(409);
    expect(before.body.error).toMatchObject({ name: 'ConflictError', details: { code: 'PROMOTION_BEFORE_RESPONSE_DATE' } });
    expect(before.body.error.message).toMatch(/^La date de réponse \(27 novembre 2023/);
    await responseDate();
    testClock.set(AFTER);
    const nothing = await promote(waiting.documentId).set('Accept-Language', 'en');
    expect(nothing.status).toBe(409);
    expect(nothing.body.error).toMatchObject({ message: 'No slot is freed in this edition: there is nothing to fill.', details: { code: 'NOTHING_FREED' } });
    const notWaiting = await promote(accepted.documentId);
    expect(notWaiting.body.error.details).toMatchObject({ code: 'NOT_WAITLISTED', state: 'accepted' });
    expect((await promote(waiting.documentId, { slot: accepted.documentId })).body.error.details.code).toBe('SLOT_NOT_FREED');
    expect((await promote(waiting.documentId, { slot: 42 })).body.error.details.errors[0]).toMatchObject({ code: 'INVALID_SLOT' });
    expect((await promote('nope')).status).toBe(404);
    expect((await row(waiting.documentId)).state).toBe('waitlisted');
  });

  it('happens once when two editors promote at the same time', async () => {
    const accepted = await proposal('accepted', { requestedDuration: 15 });
    const first = await proposal('waitlisted', { requestedDuration: 15 });
    const second = await proposal('waitlisted', { requestedDuration: 15 });
    await responseDate();
    testClock.set(AFTER);
    await link(accepted, 'decline');
    mailbox.clear();
    // The same proposal twice, and another one for the same 15 minutes.
    const answers = await Promise.all([promote(first.documentId), promote(first.documentId), promote(second.documentId)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const states = await strapi.db.query(UID).findMany({ where: { documentId: { $in: [first.documentId, second.documentId] } } });
    expect(states.filter((s: any) => s.state === 'accepted')).toHaveLength(1);
    await outbox().drain();
    expect(
      await strapi.db.query('api::notification.notification').count({ where: { kind: 'acceptance', proposal: { id: { $in: [first.id, second.id] } } } })
    ).toBe(1);
    expect((await freed()).body.data.slots).toEqual([]);
  });

  it('and the freed slots are refused to a reviewer', async () => {
    const waiting = await proposal('waitlisted');
    for (const res of [await freed(reviewer), await promote(waiting.documentId, {}, reviewer)]) {
      expect(res.status).toBe(403);
      expect(res.body.error.details.code).toBe('NOT_ALLOWED');
    }
    expect((await row(waiting.documentId)).state).toBe('waitlisted');
  });
});
