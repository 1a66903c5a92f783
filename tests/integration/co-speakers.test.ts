/**
 * Co-speakers without accounts: named with the proposal (API, GraphQL, the public form, the status
 * link's correction), each invited over real SMTP with their own link, their answers through it
 * (accept, decline, confirm, withdraw, erase), the proposer's view of them, the session and the
 * program they end up in, and what never leaks: their address, their records to a Relecteur.
 */
import { AFTER_PROGRAM_2023, adminToken, adminTokenFor, api, createEdition, pageClient } from '../harness/factories';

const UID = 'api::proposal.proposal';
const CO = 'api::co-speaker.co-speaker';
const MAIL = 'api::notification.notification';
const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const TASK = 'api::privacy-task.privacy-task';
const VERSION = 'api::program-version.program-version';

let edition: any;
let ip = 0;
const address = () => `10.163.${Math.floor(++ip / 250)}.${ip % 250}`;
const pages = pageClient(164);
const outbox = () => strapi.service(MAIL);

const alice = { name: 'Alice Martin', email: 'alice.martin@example.org', administrationName: 'DINUM' };
const bruno = { name: 'Bruno Petit', email: 'bruno.petit@example.org', administrationName: 'Ville de Lyon' };
const chloe = { name: 'Chloé Durand', email: 'chloe.durand@example.org', administrationName: 'Région Bretagne' };
const david = { name: 'David Leroy', email: 'david.leroy@example.org', administrationName: 'Ministère des Armées' };

const form = (n: number, overrides: Record<string, unknown> = {}) => ({
  edition: edition.slug,
  speakerName: `Agent ${n}`,
  email: `agent${n}@example.org`,
  administrationName: 'DINUM',
  title: `Une intervention à plusieurs voix ${n}`,
  abstract: 'Un résumé suffisamment long pour être accepté par le formulaire.',
  requestedDuration: 15,
  preferredDay: '2023-12-07',
  consentPublication: true,
  ...overrides,
});

const submit = (data: unknown, lang?: string) => {
  const req = api().post('/api/proposals').set('X-Forwarded-For', address());
  if (lang) req.set('Accept-Language', lang);
  return req.send({ data });
};
const invitation = (token: string, action = '', body?: unknown, lang?: string) => {
  const req = action
    ? api().post(`/api/proposals/invitations/${token}/${action}`).set('X-Forwarded-For', address())
    : api().get(`/api/proposals/invitations/${token}`).set('X-Forwarded-For', address());
  if (lang) req.set('Accept-Language', lang);
  return action ? req.send(body === undefined ? {} : body) : req;
};
const mine = (token: string) => api().get(`/api/proposals/mine/${token}`);

/** The invitation tokens, read from the mails as the co-speakers receive them. */
async function invitationTokens(...emails: string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const email of emails) {
    const [mail] = await mailbox.waitFor((m) => m.to === email && /invitation\/[A-Za-z0-9_-]+/.test(m.text));
    tokens[email] = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
  }
  return tokens;
}

async function submitWith(n: number, coSpeakers: unknown[], overrides: Record<string, unknown> = {}) {
  const res = await submit(form(n, { coSpeakers, ...overrides }));
  expect(res.status).toBe(201);
  const proposal = await strapi.db.query(UID).findOne({ where: { reference: res.body.data.reference } });
  const emails = (coSpeakers as { email: string }[]).map((c) => c.email);
  return { proposal, statusToken: res.body.data.statusToken as string, tokens: emails.length > 0 ? await invitationTokens(...emails) : {} };
}

/** Accepted by an editor and released: the proposer and the co-speakers who accepted are asked to confirm. */
async function acceptAndRelease(documentId: string) {
  await strapi.documents(UID).update({ documentId, data: { state: 'accepted' } as any });
  await strapi.service('api::proposal.decisions').releaseEdition(edition.documentId);
  await outbox().drain();
}

beforeAll(async () => {
  edition = await createEdition({ title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org', confirmationWindowDays: 5 });
});

beforeEach(async () => {
  await outbox().drain();
  await strapi.db.query(MAIL).deleteMany({});
  await strapi.db.query(CO).deleteMany({});
  await strapi.db.query(TASK).deleteMany({});
  await strapi.db.query(SESSION).deleteMany({});
  await strapi.db.query(SPEAKER).deleteMany({});
  await strapi.db.query(UID).deleteMany({});
  mailbox.clear();
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('naming co-speakers at submission', () => {
  it('invites each one over SMTP with their own link, stores only its hash, and shows the proposer where each stands', async () => {
    const { proposal, statusToken, tokens } = await submitWith(1, [alice, bruno]);
    const [mail] = mailbox.messages.filter((m) => m.to === alice.email);
    expect(mail.subject).toBe(`Agent 1 vous invite à intervenir : « Une intervention à plusieurs voix 1 »`);
    expect(mail.replyTo).toBe('contact@example.org');
    expect(mail.text).toContain('Bonjour Alice Martin,');
    expect(mail.text).toContain(
      `Agent 1 a proposé l'intervention « Une intervention à plusieurs voix 1 » (${proposal.reference}) pour « Journées #BlueHats 2023 »`
    );
    expect(mail.text).toContain('Nous répondrons à Agent 1 au plus tard le 27 novembre 2023 à 0 h 00 (heure de Paris).');
    expect(tokens[alice.email]).not.toBe(tokens[bruno.email]);
    // The proposer's acknowledgement went to the proposer alone; no co-speaker got the status link.
    expect(mailbox.messages.filter((m) => m.to === 'agent1@example.org')).toHaveLength(1);
    expect(mailbox.messages.filter((m) => m.text.includes(statusToken))).toHaveLength(1);

    const rows = await strapi.db.query(CO).findMany({ where: { proposal: { id: proposal.id } }, orderBy: { id: 'asc' } });
    expect(rows.map((r: any) => [r.name, r.state, r.consentPublication])).toEqual([
      ['Alice Martin', 'invited', false],
      ['Bruno Petit', 'invited', false],
    ]);
    expect(JSON.stringify(rows)).not.toContain(tokens[alice.email]);
    // The stored copy of the mail masks the link.
    await outbox().drain();
    const copies = await strapi.db.query(MAIL).findMany({ where: { kind: 'co_speaker_invitation' } });
    expect(copies.map((c: any) => c.state)).toEqual(['sent', 'sent']);
    expect(copies.map((c: any) => c.recipient).sort()).toEqual([alice.email, bruno.email]);
    expect(JSON.stringify(copies)).not.toContain(tokens[alice.email]);

    const view = await mine(statusToken);
    expect(view.body.data.coSpeakers).toEqual([
      { ...alice, invitationStatus: 'invited', invitationStatusLabel: { fr: 'Invitation envoyée, sans réponse', en: 'Invitation sent, no answer yet' } },
      { ...bruno, invitationStatus: 'invited', invitationStatusLabel: { fr: 'Invitation envoyée, sans réponse', en: 'Invitation sent, no answer yet' } },
    ]);
  });

  it('writes the invitation in English for an English proposal', async () => {
    const res = await submit(form(2, { coSpeakers: [alice] }), 'en');
    expect(res.status).toBe(201);
    const [mail] = await mailbox.waitFor((m) => m.to === alice.email);
    expect(mail.subject).toBe('Agent 2 invites you to speak: "Une intervention à plusieurs voix 2"');
    expect(mail.text).toContain('We will answer Agent 2 by 27 November 2023 at 00:00 (Paris time).');
  });

  it.each([
    ['more than three', [alice, bruno, chloe, david], ['coSpeakers'], 'TOO_MANY_CO_SPEAKERS', 'A proposal names at most 3 co-speakers (4 given).'],
    [
      'the proposer’s own address',
      [{ ...alice, email: 'AGENT3@example.org' }],
      ['coSpeakers', '0', 'email'],
      'CO_SPEAKER_IS_PROPOSER',
      "A co-speaker cannot have the proposer's own e-mail address.",
    ],
    [
      'the same address twice',
      [alice, { ...bruno, email: alice.email }],
      ['coSpeakers', '1', 'email'],
      'CO_SPEAKER_DUPLICATE',
      'Co-speaker #2 is already in the list (same e-mail address).',
    ],
    ['a bad address', [{ ...alice, email: 'alice@' }], ['coSpeakers', '0', 'email'], 'INVALID_EMAIL', '"alice@" is not a valid e-mail address.'],
    [
      'a missing administration',
      [{ name: 'Alice', email: alice.email }],
      ['coSpeakers', '0', 'administrationName'],
      'REQUIRED',
      "The co-speaker's administration is required.",
    ],
    [
      'an unknown field',
      [{ ...alice, phone: '0102030405' }],
      ['coSpeakers', '0', 'phone'],
      'UNKNOWN_FIELD',
      'A co-speaker has no field "phone" (name, email, administrationName).',
    ],
    [
      'markup',
      [{ ...alice, name: '<b>Alice</b>' }],
      ['coSpeakers', '0', 'name'],
      'HTML_NOT_ALLOWED',
      expect.stringContaining("The co-speaker's name must not contain HTML"),
    ],
    ['not a list', { ...alice }, ['coSpeakers'], 'WRONG_TYPE', 'The co-speakers are a list of { name, email, administrationName }.'],
  ])('refuses %s: 400 with its own code, in English too, and nothing stored', async (_case, coSpeakers, path, code, messageEn) => {
    const res = await submit(form(3, { coSpeakers }), 'en');
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path, code, messageEn })]);
    expect(res.body.error.message).toEqual(messageEn);
    const french = await submit(form(3, { coSpeakers }));
    expect(french.body.error.details.errors[0].message).toEqual(expect.any(String));
    expect(french.body.error.message).not.toBe(res.body.error.message);
    expect(await strapi.db.query(UID).count({})).toBe(0);
    expect(await strapi.db.query(CO).count({})).toBe(0);
  });

  it('takes them through the GraphQL mutation as well', async () => {
    const res = await api()
      .post('/graphql')
      .set('X-Forwarded-For', address())
      .send({
        query: 'mutation S($data: ProposalSubmissionInput!) { submitProposal(data: $data) { reference } }',
        variables: { data: { ...form(4), coSpeakers: [alice] } },
      });
    expect(res.body.errors).toBeUndefined();
    await mailbox.waitFor((m) => m.to === alice.email);
    const refused = await api()
      .post('/graphql')
      .set('X-Forwarded-For', address())
      .send({
        query: 'mutation S($data: ProposalSubmissionInput!) { submitProposal(data: $data) { reference } }',
        variables: { data: { ...form(5), coSpeakers: [alice, bruno, chloe, david] } },
      });
    expect(refused.body.errors[0].extensions.error.details.errors[0].code).toBe('TOO_MANY_CO_SPEAKERS');
  });
});

describe('the invitation link', () => {
  it('shows the invitation without any address, and answers a wrong, unknown or expired link with the same 404', async () => {
    const { tokens } = await submitWith(10, [alice]);
    const res = await invitation(tokens[alice.email]);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.data).toMatchObject({
      name: 'Alice Martin',
      administrationName: 'DINUM',
      invitationStatus: 'invited',
      talk: { title: 'Une intervention à plusieurs voix 10', speakerName: 'Agent 10', publicStatus: 'under-review' },
      canAccept: true,
      canDecline: true,
      canConfirm: false,
      canWithdraw: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.org/);

    const unknown = await invitation('A'.repeat(43));
    const malformed = await invitation('x');
    const statusToken = await invitation((await submitWith(11, [])).statusToken);
    for (const refused of [unknown, malformed, statusToken]) {
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual(unknown.body);
    }
    expect(unknown.body.error.details.code).toBe('NOT_FOUND');
    // The link lives as long as the status link: 60 days after the edition's last day.
    testClock.set('2024-02-05T23:00:00.000Z');
    expect((await invitation(tokens[alice.email])).body).toEqual(unknown.body);
  });

  it('accepting records the consent with the text version; declining leaves the proposal as it was', async () => {
    const { proposal, statusToken, tokens } = await submitWith(12, [alice, bruno]);
    const accepted = await invitation(tokens[alice.email], 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ invitationStatus: 'accepted', publicationConsent: true, canAccept: false, canWithdraw: true });
    // The same answer twice is answered the same.
    expect((await invitation(tokens[alice.email], 'accept')).body.data.invitationStatus).toBe('accepted');
    const declined = await invitation(tokens[bruno.email], 'decline', {}, 'en');
    expect(declined.body.data.invitationStatus).toBe('declined');
    const again = await invitation(tokens[bruno.email], 'accept', {}, 'en');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ message: 'This answer is no longer possible: invitation declined.', details: { code: 'ILLEGAL_ANSWER' } });

    const row = await strapi.db.query(CO).findOne({ where: { email: alice.email } });
    const { version } = await strapi.db.query('api::consent-text.consent-text').findOne({ where: { consent: 'publication' }, orderBy: { version: 'desc' } });
    expect(row.consentRecord).toEqual([{ consent: 'publication', given: true, version, at: '2023-11-15T09:00:00.000Z' }]);
    expect((await strapi.db.query(UID).findOne({ where: { id: proposal.id } })).state).toBe('submitted');
    const view = await mine(statusToken);
    expect(view.body.data.status).toBe('under-review');
    expect(view.body.data.coSpeakers.map((c: any) => c.invitationStatus)).toEqual(['accepted', 'declined']);
  });

  it('refuses an accept after a consent text changed, and confirming before any decision', async () => {
    const { tokens } = await submitWith(13, [alice]);
    const stale = await invitation(tokens[alice.email], 'accept', { data: { consentVersion: 999 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.code).toBe('CONSENT_TEXT_CHANGED');
    await invitation(tokens[alice.email], 'accept');
    const early = await invitation(tokens[alice.email], 'confirm');
    expect(early.status).toBe(409);
    expect(early.body.error.details.code).toBe('NOTHING_TO_CONFIRM');
  });
});

describe('corrections through the status link', () => {
  it('replaces the list by address: a kept co-speaker keeps their answer, a removed one loses their link, a new one is invited', async () => {
    const { statusToken, tokens } = await submitWith(20, [alice, bruno]);
    await invitation(tokens[alice.email], 'accept');
    mailbox.clear();
    const res = await api()
      .put(`/api/proposals/mine/${statusToken}`)
      .set('X-Forwarded-For', address())
      .send({ data: { coSpeakers: [{ ...alice, administrationName: 'DINUM (Etalab)' }, chloe] } });
    expect(res.status).toBe(200);
    expect(res.body.data.coSpeakers.map((c: any) => [c.name, c.administrationName, c.invitationStatus])).toEqual([
      ['Alice Martin', 'DINUM (Etalab)', 'accepted'],
      ['Chloé Durand', 'Région Bretagne', 'invited'],
    ]);
    await invitationTokens(chloe.email);
    expect(mailbox.messages.map((m) => m.to)).toEqual([chloe.email]);
    expect((await invitation(tokens[bruno.email])).status).toBe(404);
    expect(await strapi.db.query(MAIL).count({ where: { recipient: bruno.email } })).toBe(0);
    // Absent, the list stays; once the call is closed, it is refused like any correction.
    expect(
      (
        await api()
          .put(`/api/proposals/mine/${statusToken}`)
          .set('X-Forwarded-For', address())
          .send({ data: { title: 'Un autre titre, plus long' } })
      ).body.data.coSpeakers
    ).toHaveLength(2);
    testClock.set('2023-11-21T09:00:00.000Z');
    const closed = await api()
      .put(`/api/proposals/mine/${statusToken}`)
      .set('X-Forwarded-For', address())
      .send({ data: { coSpeakers: [] } });
    expect(closed.status).toBe(403);
    expect(await strapi.db.query(CO).count({})).toBe(2);
  });
});

describe('one invitation per address and proposal, ever', () => {
  const correct = (statusToken: string, coSpeakers: unknown[]) =>
    api().put(`/api/proposals/mine/${statusToken}`).set('X-Forwarded-For', address()).send({ data: { coSpeakers } });
  const invitationsTo = (email: string) => mailbox.messages.filter((m) => m.to === email && /vous invite à intervenir/.test(m.subject));
  const names = (res: any) => res.body.data.coSpeakers.map((c: any) => c.name);

  it('an address removed then named again, or replaced back and forth, gets no second mail and its first link back', async () => {
    const { proposal, statusToken, tokens } = await submitWith(21, [alice, bruno]);
    await invitation(tokens[alice.email], 'accept');
    expect(names(await correct(statusToken, [alice]))).toEqual(['Alice Martin']);
    expect((await invitation(tokens[bruno.email])).status).toBe(404);
    expect(names(await correct(statusToken, [alice, bruno]))).toEqual(['Alice Martin', 'Bruno Petit']);
    // A → C → A: Chloé is invited once; Alice, named again, starts over from her first link.
    expect(names(await correct(statusToken, [chloe, bruno]))).toEqual(['Bruno Petit', 'Chloé Durand']);
    await outbox().drain();
    await invitationTokens(chloe.email);
    expect(names(await correct(statusToken, [alice, bruno]))).toEqual(['Bruno Petit', 'Alice Martin']);
    expect(names(await correct(statusToken, [alice, bruno, chloe]))).toEqual(['Bruno Petit', 'Alice Martin', 'Chloé Durand']);
    await outbox().drain();
    for (const email of [alice.email, bruno.email, chloe.email]) expect({ email, mails: invitationsTo(email).length }).toEqual({ email, mails: 1 });
    const back = await invitation(tokens[alice.email]);
    expect(back.status).toBe(200);
    expect(back.body.data.invitationStatus).toBe('invited');
    expect((await invitation(tokens[alice.email], 'accept')).body.data.invitationStatus).toBe('accepted');
    expect((await invitation(tokens[bruno.email])).status).toBe(200);
    // Named and removed before the mail left (two corrections in one burst, before any delivery):
    // never invited, so named again, invited (once).
    const save = (list: unknown[]) => strapi.service(CO).saveForProposal({ id: proposal.id, language: 'fr' }, edition, list);
    expect(await save([alice, bruno, david])).toBe(1);
    expect(await save([alice, bruno])).toBe(0);
    await outbox().drain();
    expect(invitationsTo(david.email)).toHaveLength(0);
    await correct(statusToken, [alice, bruno, david]);
    await correct(statusToken, [alice, bruno, david]);
    await outbox().drain();
    expect(invitationsTo(david.email)).toHaveLength(1);
    // Only hashes and the links' encrypted tokens: no address, no token in clear.
    const kept = JSON.stringify((await strapi.db.query(UID).findOne({ where: { id: proposal.id } })).coSpeakersInvited);
    expect(JSON.parse(kept)).toHaveLength(4);
    for (const secret of [alice.email, bruno.email, chloe.email, david.email, tokens[alice.email], tokens[bruno.email]]) expect(kept).not.toContain(secret);
  });

  it('an address that erased itself is never named nor invited again', async () => {
    const { proposal, statusToken, tokens } = await submitWith(22, [alice, bruno]);
    expect((await invitation(tokens[bruno.email], 'erasure', { data: { confirm: true } })).status).toBe(200);
    mailbox.clear();
    const res = await correct(statusToken, [alice, { ...bruno, name: 'B. Petit' }, chloe]);
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['Alice Martin', 'Chloé Durand']);
    await outbox().drain();
    await invitationTokens(chloe.email);
    expect(mailbox.messages.map((m) => m.to)).toEqual([chloe.email]);
    expect(await strapi.db.query(CO).count({ where: { email: bruno.email } })).toBe(0);
    expect((await invitation(tokens[bruno.email])).status).toBe(404);
    expect(JSON.stringify((await strapi.db.query(UID).findOne({ where: { id: proposal.id } })).coSpeakersInvited)).not.toContain(bruno.email);
  });
});

describe('confirmation, the session and the program', () => {
  it('asks co-speakers who accepted to confirm; confirmed ones become speakers of the session and appear in the program and exports, never their address', async () => {
    const { proposal, statusToken, tokens } = await submitWith(30, [alice, bruno, chloe]);
    await invitation(tokens[alice.email], 'accept');
    await invitation(tokens[bruno.email], 'accept');
    await invitation(tokens[chloe.email], 'decline');
    mailbox.clear();
    await acceptAndRelease(proposal.documentId);

    const asked = await mailbox.waitFor((m) => /confirmez votre participation/.test(m.subject), { count: 2 });
    expect(asked.map((m) => m.to).sort()).toEqual([alice.email, bruno.email]);
    expect(asked[0].text).toContain('avant le 20 novembre 2023');
    expect(asked[0].text).toContain(`/invitation/${tokens[asked[0].to]}`);

    // Alice confirms before the proposer, Bruno after the session exists.
    const confirmed = await invitation(tokens[alice.email], 'confirm');
    expect(confirmed.body.data).toMatchObject({ invitationStatus: 'confirmed', canConfirm: false, canWithdraw: true });
    expect((await api().post(`/api/proposals/mine/${statusToken}/confirm`).set('X-Forwarded-For', address())).status).toBe(200);
    await invitation(tokens[bruno.email], 'confirm');
    const session = await strapi.db
      .query(SESSION)
      .findOne({ where: { proposal: { id: proposal.id } }, populate: { speakers: { populate: { administration: true } } } });
    expect(session.speakers.map((s: any) => s.name).sort()).toEqual(['Agent 30', 'Alice Martin', 'Bruno Petit']);
    // A draft session: editors will publish it with them, nothing to ask.
    expect(await strapi.db.query(TASK).count({})).toBe(0);

    testClock.set(AFTER_PROGRAM_2023);
    for (const speaker of session.speakers) await strapi.documents(SPEAKER).publish({ documentId: speaker.documentId, locale: 'fr' });
    await strapi.documents(SESSION).publish({ documentId: session.documentId, locale: 'fr' });

    const program = await api().get(`/api/editions/${edition.slug}/program`);
    const published = [...program.body.data.days.flatMap((d: any) => d.sessions), ...program.body.data.unscheduled].find(
      (s: any) => s.title === proposal.title
    );
    expect(published.speakers.map((s: any) => s.name).sort()).toEqual(['Agent 30', 'Alice Martin', 'Bruno Petit']);
    const schedule = await api().get(`/api/editions/${edition.slug}/schedule.json`);
    expect(schedule.text).toContain('Alice Martin');
    expect(schedule.text).toContain('Bruno Petit');
    const outputs = [
      program.text,
      schedule.text,
      (await api().get(`/api/editions/${edition.slug}/schedule.xml`)).text,
      (await api().get(`/api/editions/${edition.slug}/calendar.ics`)).text,
      (await api().get(`/api/editions/${edition.slug}/session-pages`)).text,
      (await pages.get(`/editions/${edition.slug}/programme`)).text,
      (await api().get('/api/speakers?populate=*')).text,
    ];
    for (const text of outputs) {
      expect(text).toContain('Alice Martin');
      expect(text).not.toMatch(/alice\.martin@|bruno\.petit@|chloe\.durand@/);
      expect(text).not.toContain('Chloé Durand');
    }
  });

  it('a co-speaker confirming while the proposer confirms ends a speaker of the session, every time', async () => {
    // Both at once: whichever commits second sees the other's commit (the proposal's `confirm:` lock).
    for (const n of [34, 35, 36]) {
      mailbox.clear();
      const { proposal, statusToken, tokens } = await submitWith(n, [alice]);
      await invitation(tokens[alice.email], 'accept');
      await acceptAndRelease(proposal.documentId);
      const [theirs, proposers] = await Promise.all([
        invitation(tokens[alice.email], 'confirm'),
        api().post(`/api/proposals/mine/${statusToken}/confirm`).set('X-Forwarded-For', address()),
      ]);
      expect([theirs.status, proposers.status]).toEqual([200, 200]);
      const session = await strapi.db.query(SESSION).findOne({ where: { proposal: { id: proposal.id } }, populate: { speakers: true } });
      expect(session.speakers.map((s: any) => s.name).sort()).toEqual([`Agent ${n}`, 'Alice Martin']);
    }
  });

  it('a withdrawal takes the co-speaker out of the draft session and leaves editors a task if the session was published', async () => {
    const { proposal, statusToken, tokens } = await submitWith(31, [alice]);
    await invitation(tokens[alice.email], 'accept');
    await acceptAndRelease(proposal.documentId);
    await invitation(tokens[alice.email], 'confirm');
    await api().post(`/api/proposals/mine/${statusToken}/confirm`).set('X-Forwarded-For', address());
    const session = await strapi.db.query(SESSION).findOne({ where: { proposal: { id: proposal.id } } });
    testClock.set(AFTER_PROGRAM_2023);
    const speakers = await strapi.db.query(SPEAKER).findMany({ where: { sessions: { id: session.id } } });
    for (const speaker of speakers) await strapi.documents(SPEAKER).publish({ documentId: speaker.documentId, locale: 'fr' });
    await strapi.documents(SESSION).publish({ documentId: session.documentId, locale: 'fr' });

    const withdrawn = await invitation(tokens[alice.email], 'withdraw');
    expect(withdrawn.body.data).toMatchObject({ invitationStatus: 'withdrawn', publicationConsent: false });
    const draft = await strapi.documents(SESSION).findOne({ documentId: session.documentId, status: 'draft', populate: ['speakers'] } as any);
    expect(draft!.speakers.map((s: any) => s.name)).toEqual(['Agent 31']);
    expect(await strapi.db.query(TASK).findMany({})).toEqual([expect.objectContaining({ kind: 'co_speaker_left', sessionTitle: proposal.title })]);
    expect((await strapi.db.query(UID).findOne({ where: { id: proposal.id } })).state).toBe('confirmed');
  });

  it('a co-speaker who erases themselves after the talk is published leaves the program history of that talk', async () => {
    const { proposal, statusToken, tokens } = await submitWith(41, [alice]);
    await invitation(tokens[alice.email], 'accept');
    await acceptAndRelease(proposal.documentId);
    await invitation(tokens[alice.email], 'confirm');
    await api().post(`/api/proposals/mine/${statusToken}/confirm`).set('X-Forwarded-For', address());
    const session = await strapi.db.query(SESSION).findOne({ where: { proposal: { id: proposal.id } } });
    testClock.set(AFTER_PROGRAM_2023);
    const speakers = await strapi.db.query(SPEAKER).findMany({ where: { sessions: { id: session.id } } });
    for (const speaker of speakers) await strapi.documents(SPEAKER).publish({ documentId: speaker.documentId, locale: 'fr' });
    await strapi.documents(SESSION).publish({ documentId: session.documentId, locale: 'fr' });
    // What the program history says of this talk (by its number): its speakers, and the changes naming anyone.
    const history = async () => {
      const versions = await strapi.db.query(VERSION).findMany({ where: { edition: { documentId: edition.documentId } } });
      return JSON.stringify(
        versions.flatMap((v: any) => [
          ...v.snapshot.sessions.filter((s: any) => s.id === session.number),
          ...v.changes.filter((c: any) => c.id === session.number),
        ])
      );
    };
    expect(await history()).toContain('Alice Martin');
    expect(await history()).toContain('Agent 41');

    const erased = await invitation(tokens[alice.email], 'erasure', { data: { confirm: true } });
    expect(erased.body.data).toEqual({ erased: true });
    expect(await history()).not.toContain('Alice Martin');
    expect(await history()).toContain('Agent 41');
  });

  it('a co-speaker who confirms after the session is published joins its draft, not the program, and leaves editors a task to republish', async () => {
    const { proposal, statusToken, tokens } = await submitWith(33, [alice, bruno]);
    await invitation(tokens[alice.email], 'accept');
    await invitation(tokens[bruno.email], 'accept');
    // Accepted once the program is out (a promotion from the waiting list, say): a window that ends after it.
    testClock.set(AFTER_PROGRAM_2023);
    await acceptAndRelease(proposal.documentId);
    await invitation(tokens[alice.email], 'confirm');
    expect((await api().post(`/api/proposals/mine/${statusToken}/confirm`).set('X-Forwarded-For', address())).status).toBe(200);
    const session = await strapi.db.query(SESSION).findOne({ where: { proposal: { id: proposal.id } }, populate: { speakers: true } });
    for (const speaker of session.speakers) await strapi.documents(SPEAKER).publish({ documentId: speaker.documentId, locale: 'fr' });
    await strapi.documents(SESSION).publish({ documentId: session.documentId, locale: 'fr' });
    const programSpeakers = async () => {
      const program = await api().get(`/api/editions/${edition.slug}/program`);
      const published = [...program.body.data.days.flatMap((d: any) => d.sessions), ...program.body.data.unscheduled].find(
        (s: any) => s.title === proposal.title
      );
      return published.speakers.map((s: any) => s.name).sort();
    };
    expect(await programSpeakers()).toEqual(['Agent 33', 'Alice Martin']);

    const confirmed = await invitation(tokens[bruno.email], 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.invitationStatus).toBe('confirmed');
    const draft = await strapi.documents(SESSION).findOne({ documentId: session.documentId, status: 'draft', populate: ['speakers'] } as any);
    expect(draft!.speakers.map((s: any) => s.name).sort()).toEqual(['Agent 33', 'Alice Martin', 'Bruno Petit']);
    // Nothing published by the app: the editors' draft may hold changes they have not published.
    expect(await programSpeakers()).toEqual(['Agent 33', 'Alice Martin']);
    const publishedRow = await strapi.db.query(SESSION).findOne({ where: { documentId: session.documentId, publishedAt: { $notNull: true } } });
    const tasks = await strapi.db.query(TASK).findMany({ populate: { session: { select: ['id'] } } });
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'co_speaker_joined', sessionTitle: proposal.title, session: { id: publishedRow.id }, doneAt: null }),
    ]);
    // The dashboard tells editors what to do, without naming the co-speaker.
    const dashboard = await api()
      .get(`/bluehats/editions/${edition.documentId}/dashboard`)
      .set('Authorization', `Bearer ${await adminToken()}`);
    expect(dashboard.body.data.privacyTasks).toEqual([
      expect.objectContaining({
        kind: 'co_speaker_joined',
        text: `Un co-intervenant de « ${proposal.title} » a confirmé sa participation après la publication : il est ajouté au brouillon, publiez son profil d'intervenant puis republiez la session pour que le programme le nomme.`,
      }),
    ]);
    expect(JSON.stringify(dashboard.body.data.privacyTasks)).not.toContain('Bruno');

    // Done as the task says, the program names them.
    const bruno2 = await strapi.db.query(SPEAKER).findOne({ where: { name: bruno.name } });
    await strapi.documents(SPEAKER).publish({ documentId: bruno2.documentId, locale: 'fr' });
    await strapi.documents(SESSION).publish({ documentId: session.documentId, locale: 'fr' });
    expect(await programSpeakers()).toEqual(['Agent 33', 'Alice Martin', 'Bruno Petit']);
    // The same answer twice changes nothing, and asks nothing more.
    expect((await invitation(tokens[bruno.email], 'confirm')).status).toBe(200);
    expect(await strapi.db.query(TASK).count({})).toBe(1);
  });

  it('refuses a confirmation after the proposer’s window closed', async () => {
    const { proposal, tokens } = await submitWith(32, [alice]);
    await invitation(tokens[alice.email], 'accept');
    await acceptAndRelease(proposal.documentId);
    testClock.set('2023-11-21T09:00:00.000Z');
    const late = await invitation(tokens[alice.email], 'confirm', {}, 'en');
    expect(late.status).toBe(403);
    expect(late.body.error).toMatchObject({ message: "This proposal's confirmation deadline has passed.", details: { code: 'CONFIRMATION_CLOSED' } });
  });
});

describe('personal data', () => {
  it('a co-speaker erases themselves: their record, link and mails go, the proposal stays, the access log names no one', async () => {
    const { proposal, tokens } = await submitWith(40, [alice, bruno]);
    await outbox().drain();
    const notConfirmed = await invitation(tokens[alice.email], 'erasure', { data: {} });
    expect(notConfirmed.status).toBe(400);
    const erased = await invitation(tokens[alice.email], 'erasure', { data: { confirm: true } });
    expect(erased.body.data).toEqual({ erased: true });
    expect((await invitation(tokens[alice.email])).status).toBe(404);
    expect(await strapi.db.query(CO).count({ where: { email: alice.email } })).toBe(0);
    expect(await strapi.db.query(MAIL).count({ where: { recipient: alice.email } })).toBe(0);
    expect(await strapi.db.query(CO).count({ where: { email: bruno.email } })).toBe(1);
    expect(await strapi.db.query(UID).count({ where: { id: proposal.id } })).toBe(1);
    const log = await strapi.db.query('api::access-log.access-log').findMany({});
    expect(JSON.stringify(log)).not.toMatch(/Alice|alice/);
  });

  it('the proposer’s erasure erases the co-speakers; the proposer’s export lists them; an editor finds a co-speaker by address', async () => {
    const first = await submitWith(41, [alice]);
    const exported = await api().get(`/api/proposals/mine/${first.statusToken}/personal-data`).set('X-Forwarded-For', address());
    expect(exported.body.proposals[0].coSpeakers).toEqual([expect.objectContaining({ name: 'Alice Martin', email: alice.email, invitationStatus: 'invited' })]);
    // The proposer's own mails only: the invitation went to Alice.
    await outbox().drain();
    const again = await api().get(`/api/proposals/mine/${first.statusToken}/personal-data`).set('X-Forwarded-For', address());
    expect(again.body.proposals[0].mails.map((m: any) => m.kind)).toEqual(['submission_received']);

    const erasure = await api()
      .post(`/api/proposals/mine/${first.statusToken}/erasure`)
      .set('X-Forwarded-For', address())
      .send({ data: { confirm: true } });
    expect(erasure.status).toBe(200);
    expect(await strapi.db.query(CO).count({})).toBe(0);
    expect((await invitation(first.tokens[alice.email])).status).toBe(404);

    const second = await submitWith(42, [bruno]);
    const token = await adminToken();
    const preview = await api()
      .get(`/bluehats/erasures/preview?email=${encodeURIComponent(bruno.email.toUpperCase())}`)
      .set('Authorization', `Bearer ${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body.data.total).toBe(1);
    expect(preview.body.data.editions[0].proposals[0]).toMatchObject({ reference: second.proposal.reference, state: 'co-speaker' });
    const done = await api().post('/bluehats/erasures').set('Authorization', `Bearer ${token}`).send({ email: bruno.email, confirm: true, expected: 1 });
    expect(done.status).toBe(200);
    expect(done.body.data.editions[0].summary).toBe('1 co-intervenant effacé');
    expect(await strapi.db.query(CO).count({})).toBe(0);
    expect(await strapi.db.query(UID).count({ where: { id: second.proposal.id } })).toBe(1);
  });

  it('retention erases the co-speakers with their proposals', async () => {
    await submitWith(43, [alice]);
    testClock.set('2025-01-01T00:00:00.000Z');
    const result = await strapi.service('api::proposal.retention').purgeDue();
    expect(result.proposals).toBeGreaterThan(0);
    expect(await strapi.db.query(CO).count({})).toBe(0);
  });
});

describe('the public pages', () => {
  it('the form names co-speakers; their page accepts; the status page lists them; a partial slot is refused on its field', async () => {
    const fields = {
      speakerName: 'Agent Pages',
      email: 'agent.pages@example.org',
      administrationName: 'DINUM',
      title: 'Une proposition par le formulaire',
      abstract: 'Un résumé suffisamment long pour être accepté par le formulaire.',
      requestedDuration: '15',
      preferredDay: 'none',
      'coSpeaker1-name': alice.name,
      'coSpeaker1-email': alice.email,
      'coSpeaker1-administrationName': alice.administrationName,
    };
    const partial = await pages.post(`/editions/${edition.slug}/proposer`, { ...fields, 'coSpeaker2-name': 'Bruno' });
    expect(partial.status).toBe(400);
    expect(partial.text).toContain('id="coSpeaker2-email-error"');
    const sent = await pages.post(`/editions/${edition.slug}/proposer`, fields);
    expect(sent.status).toBe(303);
    const statusToken = /\/suivi\/([^/]+)\/recu/.exec(sent.headers.location)![1];
    const [token] = Object.values(await invitationTokens(alice.email));

    const page = await pages.get(`/invitation/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Agent Pages vous a nommé·e co-intervenant·e de « Une proposition par le formulaire »');
    expect(page.text).not.toContain(alice.email);
    const accepted = await pages.post(`/invitation/${token}/accepter`);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe(`/invitation/${token}?fait=accepted`);
    expect((await pages.get(accepted.headers.location)).text).toContain('Vous avez accepté l’invitation. Merci !');

    const status = await pages.get(`/suivi/${statusToken}`);
    expect(status.text).toContain('Alice Martin (DINUM) : Invitation acceptée');
    const correction = await pages.get(`/suivi/${statusToken}/modifier`);
    expect(correction.text).toContain(`value="${alice.email}"`);

    expect((await pages.get('/invitation/inconnu-inconnu-inconnu-inconnu')).status).toBe(404);
    const erased = await pages.post(`/invitation/${token}/effacer`, { confirmer: 'oui' });
    expect(erased.headers.location).toBe('/invitation-effacee');
    expect((await pages.get(`/invitation/${token}`)).status).toBe(404);
  });
});

describe('who may read co-speakers in the admin', () => {
  it('an Éditeur reads them; a Relecteur gets nothing, not even through the proposal', async () => {
    const { proposal } = await submitWith(50, [alice]);
    const editor = await adminTokenFor('bluehats-editor');
    const reviewer = await adminTokenFor('bluehats-reviewer');
    const list = (token: string) => api().get(`/content-manager/collection-types/${CO}`).set('Authorization', `Bearer ${token}`);
    const read = await list(editor);
    expect(read.status).toBe(200);
    expect(read.body.results.map((r: any) => r.name)).toEqual(['Alice Martin']);
    expect((await list(reviewer)).status).toBe(403);
    const asReviewer = await api().get(`/content-manager/collection-types/${UID}/${proposal.documentId}`).set('Authorization', `Bearer ${reviewer}`);
    expect(JSON.stringify(asReviewer.body)).not.toMatch(/Alice|alice/);
    // Made by proposers only; an editor's write of the co-speaker's own fields is ignored.
    // No « Créer une entrée » for an Éditeur, and the document service refuses a creation whoever asks.
    expect((await api().post(`/content-manager/collection-types/${CO}`).set('Authorization', `Bearer ${editor}`).send(alice)).status).toBe(403);
    await expect(strapi.documents(CO).create({ data: alice } as any)).rejects.toMatchObject({ details: { code: 'CO_SPEAKER_MADE_BY_PROPOSER' } });
    const documentId = read.body.results[0].documentId;
    const update = await api()
      .put(`/content-manager/collection-types/${CO}/${documentId}`)
      .set('Authorization', `Bearer ${editor}`)
      .send({ name: 'Alice Martin-Dupont', state: 'confirmed', email: 'autre@example.org' });
    expect(update.status).toBe(200);
    const row = await strapi.db.query(CO).findOne({ where: { documentId } });
    expect([row.name, row.state, row.email]).toEqual(['Alice Martin-Dupont', 'invited', alice.email]);
  });

  it('an Éditeur who deletes one erases them: their mails go (a queued one is never sent), the log says who', async () => {
    const { proposal } = await submitWith(51, [alice, bruno]);
    const editor = await adminTokenFor('bluehats-editor', 'editrice.co@example.org');
    const rows = await strapi.db.query(CO).findMany({ where: { proposal: { id: proposal.id } }, orderBy: { id: 'asc' } });
    // A mail queued for Bruno (the confirmation request of a later release, say).
    await outbox().enqueue(proposal, 'co_speaker_confirmation', { coSpeaker: { id: rows[1].id }, round: 'test' });
    const before = await strapi.db.query(MAIL).count({ where: { coSpeaker: { id: rows[1].id } } });
    expect(before).toBeGreaterThan(0);
    const res = await api().delete(`/content-manager/collection-types/${CO}/${rows[1].documentId}`).set('Authorization', `Bearer ${editor}`);
    expect(res.status).toBe(200);
    expect(await strapi.db.query(CO).count({ where: { proposal: { id: proposal.id } } })).toBe(1);
    expect(await strapi.db.query(MAIL).count({ where: { coSpeaker: { id: rows[1].id } } })).toBe(0);
    mailbox.clear();
    await outbox().drain();
    expect(mailbox.messages.filter((m: any) => m.to === bruno.email)).toHaveLength(0);
    const log = await strapi.db.query('api::access-log.access-log').findOne({ where: { action: 'editor_erasure' }, orderBy: { id: 'desc' } });
    expect(log).toMatchObject({ by: expect.stringContaining('editrice.co@example.org'), proposals: 0 });
    expect(log.summary).toMatch(/^Co-intervenant supprimé/);
    expect(JSON.stringify(log)).not.toMatch(/Bruno|bruno/);
  });
});
