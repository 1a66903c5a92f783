/**
 * The editors' decisions, through the admin API as an editor uses it (content manager and desk
 * routes, admin JWT), on the injected clock: only an editor's states, system fields the app's
 * alone, a history that names who, a changed decision kept from the proposer until it is released,
 * and a release that asks for confirmation, counts, and is recorded.
 */
import { adminToken, adminTokenFor, api, createEdition, submitProposal } from '../harness/factories';

const UID = 'api::proposal.proposal';
const RELEASE = 'api::decision-release.decision-release';
const RESPONSE = '2023-11-26T23:00:00.000Z'; // 27 Nov 00:00 Paris
let editor: string;
let reviewer: string;
let edition: any;
let ip = 0;

const outbox = () => strapi.service('api::notification.notification');
const row = (documentId: string) => strapi.db.query(UID).findOne({ where: { documentId } });
const as = (token: string, req: any) => req.set('Authorization', `Bearer ${token}`);
const cm = (method: 'put' | 'post' | 'get', path: string, token = editor) => as(token, api()[method](`/content-manager/collection-types/${UID}${path}`));
const desk = (method: 'get' | 'post', path: string, token = editor) => as(token, api()[method](`/bluehats${path}`));
const preview = () => desk('get', `/editions/${edition.documentId}/release-preview`);
const release = (body: Record<string, unknown> | undefined, token = editor) => {
  const req = desk('post', `/editions/${edition.documentId}/release-decisions`, token);
  return body ? req.send(body) : req;
};
const mine = (t: string) => api().get(`/api/proposals/mine/${t}`);
const mailsTo = (email: string) => mailbox.messages.filter((m) => m.to === email);

const submitted = () => submitProposal(edition, ++ip, `10.9.0.${ip}`);

/** An editor decides in the admin's side panel. */
const decide = (documentId: string, state: string, token = editor) => desk('post', `/proposals/${documentId}/state`, token).send({ state });

beforeAll(async () => {
  await adminToken();
  editor = await adminTokenFor('bluehats-editor', 'editrice@example.org');
  reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur@example.org');
  edition = await createEdition({ title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org', confirmationWindowDays: 5 });
});

beforeEach(async () => {
  await outbox().drain();
  await strapi.db.query('api::notification.notification').deleteMany({});
  await strapi.db.query(RELEASE).deleteMany({});
  await strapi.db.query(UID).deleteMany({});
  testClock.set('2023-11-15T09:00:00.000Z');
  mailbox.clear();
});

describe("only an editor's states", () => {
  it.each(['withdrawn', 'confirmed', 'declined'])('refuses %s set by an editor in the content manager, in French', async (state) => {
    const p = await submitted();
    const res = await cm('put', `/${p.documentId}`).send({ state });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'SPEAKER_STATE', state } });
    expect(res.body.error.message).toMatch(/^L'état « (retirée|confirmée|déclinée) » appartient à l'intervenant/);
    expect((await row(p.documentId)).state).toBe('submitted');
  });

  it('refuses them on a new proposal and through the side panel too', async () => {
    const created = await cm('post', '').send({
      speakerName: 'Agent',
      email: 'agent.cree@example.org',
      administrationName: 'DINUM',
      title: 'Créée dans le gestionnaire',
      abstract: 'Un résumé.',
      requestedDuration: 10,
      state: 'confirmed',
    });
    expect(created.status).toBe(400);
    expect(created.body.error.details.code).toBe('SPEAKER_STATE');
    const p = await submitted();
    const res = await decide(p.documentId, 'withdrawn');
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('SPEAKER_STATE');
  });

  it("keep the proposer's own answers working through the status link, named « l'intervenant »", async () => {
    const p = await submitted();
    expect((await decide(p.documentId, 'accepted')).status).toBe(200);
    const released = await release({ confirm: true, expected: 1 });
    expect(released.body.data.released).toBe(1);
    const confirm = await api().post(`/api/proposals/mine/${p.statusToken}/confirm`).set('X-Forwarded-For', `10.9.1.${++ip}`);
    expect(confirm.status).toBe(200);
    expect(confirm.body.data.status).toBe('confirmed');
    expect((await row(p.documentId)).stateHistory.map((h: any) => [h.to, h.by])).toEqual([
      ['accepted', 'Agent bluehats-editor'],
      ['confirmed', "l'intervenant"],
    ]);
  });

  it('offers in the side panel only the states an editor may set next, to roles that may decide', async () => {
    const p = await submitted();
    const panel = await desk('get', `/proposals/${p.documentId}/decision`);
    expect(panel.status).toBe(200);
    expect(panel.body.data).toMatchObject({ state: 'submitted', stateLabel: 'Reçue', history: [], communicated: null, warning: null });
    expect(panel.body.data.nextStates).toEqual([
      { state: 'accepted', label: 'Acceptée' },
      { state: 'waitlisted', label: "Sur liste d'attente" },
      { state: 'rejected', label: 'Non retenue' },
    ]);
    // A reviewer reads the panel but does not decide.
    expect((await desk('get', `/proposals/${p.documentId}/decision`, reviewer)).status).toBe(200);
    const refused = await decide(p.documentId, 'accepted', reviewer);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('NOT_ALLOWED');
    expect((await row(p.documentId)).state).toBe('submitted');
    // The table still holds: a decided proposal does not go back to « reçue ».
    await decide(p.documentId, 'waitlisted');
    const back = await decide(p.documentId, 'submitted');
    expect(back.status).toBe(400);
    expect(back.body.error.details).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'waitlisted', to: 'submitted' });
    expect((await decide('nope', 'accepted')).status).toBe(404);
  });
});

describe('system fields', () => {
  it('sent by an editor through the content manager are ignored, the rest is saved', async () => {
    const p = await submitted();
    await decide(p.documentId, 'waitlisted');
    const before = await row(p.documentId);
    const res = await cm('put', `/${p.documentId}`).send({
      title: 'Titre corrigé par l’équipe',
      stateHistory: [],
      statusTokenHash: 'x',
      statusTokenEncrypted: 'x',
      statusTokenExpiresAt: '2099-01-01T00:00:00.000Z',
      decisionReleasedAt: '2023-11-15T09:00:00.000Z',
      decidedAt: '2020-01-01T00:00:00.000Z',
      submittedAt: '2020-01-01T00:00:00.000Z',
      notifiedAt: '2020-01-01T00:00:00.000Z',
      confirmationDeadline: '2099-01-01T00:00:00.000Z',
      duplicateKey: 'x',
      reference: 'BH23-FAUX-FAUX',
      communicatedState: 'accepted',
      communicatedAt: '2023-11-15T09:00:00.000Z',
    });
    expect(res.status).toBe(200);
    const after = await row(p.documentId);
    expect(after.title).toBe('Titre corrigé par l’équipe');
    for (const field of [
      'stateHistory',
      'statusTokenHash',
      'statusTokenEncrypted',
      'statusTokenExpiresAt',
      'decisionReleasedAt',
      'decidedAt',
      'submittedAt',
      'notifiedAt',
      'confirmationDeadline',
      'duplicateKey',
      'reference',
      'communicatedState',
      'communicatedAt',
    ]) {
      expect([field, after[field]]).toEqual([field, before[field]]);
    }
    expect(after.stateHistory).toHaveLength(1);
    // The status link still works: its hash was not replaced.
    expect((await mine(p.statusToken)).status).toBe(200);
  });

  it('are out of the edit view, and so is the state, set from the side panel', async () => {
    const res = await api().get(`/content-manager/content-types/${UID}/configuration`).set('Authorization', `Bearer ${editor}`);
    expect(res.status).toBe(200);
    const { metadatas, layouts } = res.body.data.contentType;
    const inEditView = layouts.edit.flat().map((f: any) => f.name);
    for (const field of [
      'stateHistory',
      'statusTokenHash',
      'statusTokenEncrypted',
      'decisionReleasedAt',
      'duplicateKey',
      'reference',
      'communicatedState',
      'state',
    ]) {
      expect([field, metadatas[field].edit.visible]).toEqual([field, false]);
      expect(inEditView).not.toContain(field);
    }
    expect(inEditView).toEqual(expect.arrayContaining(['title', 'abstract', 'decisionMessage', 'reviewerNotes']));
  });
});

describe('a decision changed after it was communicated', () => {
  it('keeps the proposer on what they were told until the change is released, then sends its mail', async () => {
    const p = await submitted();
    await decide(p.documentId, 'waitlisted');
    await release({ confirm: true, expected: 1 });
    expect((await mine(p.statusToken)).body.data.status).toBe('waitlisted');

    testClock.set('2023-11-16T10:00:00.000Z');
    expect((await cm('put', `/${p.documentId}`).send({ state: 'accepted' })).status).toBe(200);
    // Not « en cours d'examen »: the waiting list, as communicated.
    expect((await mine(p.statusToken)).body.data).toMatchObject({ status: 'waitlisted', canConfirm: false });
    const panel = (await desk('get', `/proposals/${p.documentId}/decision`)).body.data;
    expect(panel).toMatchObject({
      state: 'accepted',
      communicated: { state: 'waitlisted', label: "Sur liste d'attente" },
      warning: "Décision modifiée, non communiquée (communiquée : Sur liste d'attente)",
    });
    expect(panel.history.map((h: any) => [h.fromLabel, h.toLabel, h.by, h.atText])).toEqual([
      ['Reçue', "Sur liste d'attente", 'Agent bluehats-editor', '15 novembre 2023 à 10 h 00 (heure de Paris)'],
      ["Sur liste d'attente", 'Acceptée', 'Agent bluehats-editor', '16 novembre 2023 à 11 h 00 (heure de Paris)'],
    ]);

    const counted = (await preview()).body.data;
    expect(counted).toMatchObject({ mails: { acceptance: 1, waitlist: 0, rejection: 0 }, changes: 1, total: 1 });

    await outbox().drain();
    mailbox.clear();
    expect((await release({ confirm: true, expected: 1 })).body.data.released).toBe(1);
    await outbox().drain();
    expect(mailsTo(p.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Action requise : confirmez votre intervention/)]);
    expect((await mine(p.statusToken)).body.data).toMatchObject({ status: 'accepted', canConfirm: true });
    expect((await desk('get', `/proposals/${p.documentId}/decision`)).body.data).toMatchObject({ warning: null, communicated: { state: 'accepted' } });
  });

  it('is known for decisions released before the app kept what was communicated (backfilled at bootstrap)', async () => {
    const p = await submitted();
    await decide(p.documentId, 'waitlisted');
    await release({ confirm: true, expected: 1 });
    // As a proposal released by an earlier version stands: released, with nothing recorded of what was told.
    await strapi.db.query(UID).update({ where: { documentId: p.documentId }, data: { communicatedState: null, communicatedAt: null } });
    const released = (await row(p.documentId)).decisionReleasedAt;
    expect(await strapi.service('api::proposal.decisions').recordCommunicatedDecisions()).toBe(1);
    expect(await strapi.service('api::proposal.decisions').recordCommunicatedDecisions()).toBe(0);
    expect(await row(p.documentId)).toMatchObject({ communicatedState: 'waitlisted', communicatedAt: released });
    expect((await cm('put', `/${p.documentId}`).send({ state: 'accepted' })).status).toBe(200);
    expect((await mine(p.statusToken)).body.data.status).toBe('waitlisted');
  });

  it('going back to what was communicated waits for nothing and sends nothing', async () => {
    const p = await submitted();
    await decide(p.documentId, 'rejected');
    await release({ confirm: true, expected: 1 });
    await decide(p.documentId, 'waitlisted');
    expect((await preview()).body.data).toMatchObject({ total: 1, changes: 1 });
    await decide(p.documentId, 'rejected');
    expect((await preview()).body.data).toMatchObject({ total: 0, changes: 0 });
    expect((await mine(p.statusToken)).body.data.status).toBe('rejected');
  });

  it('after the response date, is released at once, in the name of the editor who changed it', async () => {
    const p = await submitted();
    await decide(p.documentId, 'waitlisted');
    await release({ confirm: true, expected: 1 });
    testClock.set('2023-11-28T10:00:00.000Z');
    expect((await decide(p.documentId, 'accepted')).status).toBe(200);
    expect((await mine(p.statusToken)).body.data.status).toBe('accepted');
    const records = await strapi.db.query(RELEASE).findMany({ orderBy: { id: 'asc' } });
    expect(records.map((r: any) => [r.releasedBy, r.acceptances, r.waitlists, r.changedDecisions, r.mailsSent])).toEqual([
      ['Agent bluehats-editor <editrice@example.org>', 0, 1, 0, 1],
      ['Agent bluehats-editor', 1, 0, 1, 1],
    ]);
  });
});

describe('the release of decisions', () => {
  async function decided() {
    const [a, b, w, r, undecided] = [await submitted(), await submitted(), await submitted(), await submitted(), await submitted()];
    await decide(a.documentId, 'accepted');
    await decide(b.documentId, 'accepted');
    await decide(w.documentId, 'waitlisted');
    await decide(r.documentId, 'rejected');
    return { a, b, w, r, undecided };
  }

  it('previews what would go out, with warnings while the call is open and the response date ahead', async () => {
    await decided();
    const res = await preview();
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      mails: { acceptance: 2, waitlist: 1, rejection: 1 },
      changes: 0,
      total: 4,
      undecided: 1,
      callOpen: true,
      beforeResponseDate: true,
      warnings: [
        "L'appel à interventions est encore ouvert : d'autres propositions peuvent arriver.",
        "La date de réponse annoncée (27 novembre 2023 à 0 h 00 (heure de Paris)) n'est pas encore arrivée.",
        '1 proposition reste sans décision : son auteur ne recevra rien.',
      ],
      lastRelease: null,
    });
    testClock.set(RESPONSE);
    expect((await preview()).body.data).toMatchObject({
      callOpen: false,
      beforeResponseDate: false,
      warnings: ['1 proposition reste sans décision : son auteur ne recevra rien.'],
    });
    expect((await desk('get', '/editions/nope/release-preview')).status).toBe(404);
  });

  it('refuses a release without confirmation, and sends nothing', async () => {
    const { a } = await decided();
    for (const body of [undefined, {}, { confirm: 'yes', expected: 4 }, { confirm: true }]) {
      const res = await release(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'RELEASE_NOT_CONFIRMED' } });
      expect(res.body.error.message).toMatch(/^Communiquer les décisions ne se défait pas/);
    }
    expect((await release(undefined).set('Accept-Language', 'en')).body.error.message).toMatch(/^Releasing decisions cannot be undone/);
    expect((await row(a.documentId)).decisionReleasedAt).toBeNull();
    expect(await strapi.db.query(RELEASE).count({})).toBe(0);
  });

  it('refuses a stale preview with the fresh one, and sends nothing', async () => {
    const { a, undecided } = await decided();
    expect((await preview()).body.data.total).toBe(4);
    // Another editor decides in the meantime.
    await decide(undecided.documentId, 'rejected');
    const res = await release({ confirm: true, expected: 4 });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ code: 'RELEASE_PREVIEW_STALE', expected: 4, preview: { total: 5, mails: { rejection: 2 } } });
    expect((await row(a.documentId)).decisionReleasedAt).toBeNull();
  });

  it('sends what the preview said, records who and when, and shows it in the next preview', async () => {
    const { a, w, undecided } = await decided();
    const res = await release({ confirm: true, expected: 4 });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ released: 4 });
    const [record] = await strapi.db.query(RELEASE).findMany({ populate: { edition: true } });
    expect(record).toMatchObject({
      releasedBy: 'Agent bluehats-editor <editrice@example.org>',
      acceptances: 2,
      waitlists: 1,
      rejections: 1,
      changedDecisions: 0,
      mailsSent: 4,
      edition: { documentId: edition.documentId },
    });
    expect(new Date(record.releasedAt).toISOString()).toBe('2023-11-15T09:00:00.000Z');
    await outbox().drain();
    expect(mailsTo(a.email).map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/^Action requise/)]));
    expect(mailsTo(w.email).map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/liste d'attente/)]));
    expect(mailsTo(undecided.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Proposition reçue/)]);

    const next = (await preview()).body.data;
    expect(next).toMatchObject({
      total: 0,
      lastRelease: {
        at: '2023-11-15T09:00:00.000Z',
        atText: '15 novembre 2023 à 10 h 00 (heure de Paris)',
        by: 'Agent bluehats-editor <editrice@example.org>',
      },
    });
    // Nothing left to send: answered, nothing recorded.
    const empty = await release({ confirm: true, expected: 0 });
    expect(empty.status).toBe(200);
    expect(empty.body.data).toEqual({ released: 0 });
    expect(await strapi.db.query(RELEASE).count({})).toBe(1);
  });

  it('is recorded as « automatique » when it happens at the response date', async () => {
    await decided();
    testClock.set(RESPONSE);
    expect(await strapi.service('api::proposal.decisions').releaseDue()).toBe(4);
    const [record] = await strapi.db.query(RELEASE).findMany({});
    expect(record).toMatchObject({ releasedBy: 'automatique', mailsSent: 4 });
  });

  it('is refused to a reviewer, preview included', async () => {
    await decided();
    expect((await desk('get', `/editions/${edition.documentId}/release-preview`, reviewer)).status).toBe(403);
    expect((await release({ confirm: true, expected: 4 }, reviewer)).status).toBe(403);
  });

  it('records are read-only for editors in the admin', async () => {
    await decided();
    await release({ confirm: true, expected: 4 });
    const list = await as(editor, api().get(`/content-manager/collection-types/${RELEASE}`));
    expect(list.status).toBe(200);
    expect(list.body.results).toHaveLength(1);
    const forged = await as(editor, api().post(`/content-manager/collection-types/${RELEASE}`)).send({
      releasedBy: 'quelqu’un',
      releasedAt: '2023-11-15T09:00:00.000Z',
    });
    expect(forged.status).toBe(403);
  });
});

describe('the edition a release reads', () => {
  it("is the editors' latest version (the draft), on SQLite and PostgreSQL alike", async () => {
    // Published with a response date of 27 November and 5 days to confirm; then, in its draft, the
    // editors move the response date to 1 December 00:00 Paris and shorten the window to 2 days.
    const moved = await createEdition({ title: 'Édition modifiée après publication', confirmationWindowDays: 5 });
    const p = await submitProposal(moved, ++ip, `10.9.1.${ip}`);
    await decide(p.documentId, 'accepted');
    await strapi.db.query('api::edition.edition').updateMany({
      where: { documentId: moved.documentId, publishedAt: null },
      data: { responseDate: '2023-11-30T23:00:00.000Z', confirmationWindowDays: 2 },
    });
    testClock.set('2023-11-28T09:00:00.000Z');
    // The published row would say the response date has passed, and give 5 days.
    const res = await desk('get', `/editions/${moved.documentId}/release-preview`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ beforeResponseDate: true, total: 1 });
    expect(res.body.data.warnings).toContain("La date de réponse annoncée (1er décembre 2023 à 0 h 00 (heure de Paris)) n'est pas encore arrivée.");
    expect((await desk('post', `/editions/${moved.documentId}/release-decisions`).send({ confirm: true, expected: 1 })).status).toBe(200);
    // 28 November + 2 days, the last minute of 30 November in Paris.
    expect(new Date((await row(p.documentId)).confirmationDeadline).toISOString()).toBe('2023-11-30T22:59:00.000Z');
  });

  /** An edition published with the response date of 27 November, whose draft then moves it to `responseDate`. */
  async function movedTo(title: string, responseDate: string) {
    const moved = await createEdition({ title, confirmationWindowDays: 5 });
    await strapi.db.query('api::edition.edition').updateMany({ where: { documentId: moved.documentId, publishedAt: null }, data: { responseDate } });
    return moved;
  }

  it('at the response date, for the cron: the draft moved it later, nothing goes before it, all goes at its first millisecond', async () => {
    const moved = await movedTo('Édition dont la réponse recule', '2023-11-30T23:00:00.000Z');
    const p = await submitProposal(moved, ++ip, `10.9.2.${ip}`);
    await decide(p.documentId, 'accepted');
    // Past the published row's date (27 November): neither the decision nor the cron releases it.
    testClock.set('2023-11-28T09:00:00.000Z');
    await decide(p.documentId, 'waitlisted');
    expect(await strapi.service('api::proposal.decisions').releaseDue()).toBe(0);
    testClock.set('2023-11-30T22:59:59.999Z');
    expect(await strapi.service('api::proposal.decisions').releaseDue()).toBe(0);
    expect((await row(p.documentId)).decisionReleasedAt).toBeNull();
    testClock.set('2023-11-30T23:00:00.000Z');
    expect(await strapi.service('api::proposal.decisions').releaseDue()).toBe(1);
    expect((await row(p.documentId)).communicatedState).toBe('waitlisted');
  });

  it('after the response date, for a decision: the draft moved it earlier, a decision then is released at once', async () => {
    const moved = await movedTo('Édition dont la réponse avance', '2023-11-19T23:00:00.000Z');
    const p = await submitProposal(moved, ++ip, `10.9.3.${ip}`);
    testClock.set('2023-11-19T22:59:59.999Z');
    await decide(p.documentId, 'accepted');
    expect((await row(p.documentId)).decisionReleasedAt).toBeNull();
    // Before the published row's date (27 November), past the draft's.
    testClock.set('2023-11-20T09:00:00.000Z');
    await decide(p.documentId, 'rejected');
    const released = await row(p.documentId);
    expect(released.communicatedState).toBe('rejected');
    expect(new Date(released.decisionReleasedAt).toISOString()).toBe('2023-11-20T09:00:00.000Z');
  });
});
