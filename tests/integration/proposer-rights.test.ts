/**
 * The proposer's rights through the status link, over HTTP: the export (download and mail), the
 * erasure with its confirmation, what is stored of sent mails, and the access log they write.
 */
import { adminTokenFor, AFTER_PROGRAM_2023, api, createEdition, createSession, createSpeaker, submitProposal } from '../harness/factories';
import { erasedProposal } from '../fixtures/erased-proposal';

const PROPOSAL = 'api::proposal.proposal';
const MAIL = 'api::notification.notification';
const LOG = 'api::access-log.access-log';
const TASK = 'api::privacy-task.privacy-task';
const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';

let edition: any;
let otherEdition: any;
let n = 0;
const address = () => `10.151.${Math.floor(++n / 200)}.${n % 200}`;
const submit = (overrides: Record<string, unknown> = {}, to = edition) => submitProposal(to, ++n, address(), overrides);
const mine = (token: string, tail = '') => `/api/proposals/mine/${token}${tail}`;
const raw = (id: number) => strapi.db.query(PROPOSAL).findOne({ where: { id } });
const drain = () => strapi.service('api::notification.notification').drain();

async function release(id: number, state: 'accepted' | 'rejected' | 'waitlisted', at = '2023-11-27T09:00:00.000Z') {
  const row = await raw(id);
  await strapi.db.query(PROPOSAL).update({
    where: { id },
    data: {
      state,
      decisionMessage: 'Merci pour cette belle proposition.',
      decidedAt: '2023-11-22T10:00:00.000Z',
      decisionReleasedAt: at,
      communicatedState: state,
      communicatedAt: at,
      stateHistory: [...(row.stateHistory ?? []), { from: 'submitted', to: state, at: '2023-11-22T10:00:00.000Z', by: 'Éditrice Secrète' }],
    },
  });
}

/** Every text of the access log, to check it names no proposer. */
async function logText(): Promise<string> {
  return JSON.stringify(await strapi.db.query(LOG).findMany({}));
}

beforeAll(async () => {
  edition = await createEdition({ title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org' });
  otherEdition = await createEdition({ title: 'Autre édition 2023', contactEmail: 'autre@example.org' });
});

beforeEach(async () => {
  await drain();
  for (const uid of [MAIL, LOG, TASK, SESSION, SPEAKER, PROPOSAL]) await strapi.db.query(uid).deleteMany({});
  mailbox.clear();
  testClock.set('2023-11-15T09:00:00.000Z');
});

afterEach(() => jest.restoreAllMocks());

describe('mails kept as sent', () => {
  it('stores the recipient, subject and text of a sent mail, with the status link masked', async () => {
    const p = await submit({ email: 'copie@example.org' });
    await mailbox.waitFor((m) => m.to === 'copie@example.org');
    await drain();
    const mail = await strapi.db.query(MAIL).findOne({ where: { proposal: { id: p.id } } });
    expect(mail).toMatchObject({ state: 'sent', recipient: 'copie@example.org' });
    expect(mail.subject).toBe(`Proposition reçue : « ${p.title} » (${p.reference})`);
    expect(mail.body).toContain('Bonjour Agent');
    expect(mail.body).toContain('[lien de suivi]');
    expect(mail.body).not.toContain(p.statusToken);
    expect(JSON.stringify(await strapi.db.query(MAIL).findMany({}))).not.toContain(p.statusToken);
  });
});

describe('« Télécharger mes données »', () => {
  it('gives a JSON file of everything stored about the link’s proposal, as its author may see it', async () => {
    const p = await submit({ jobTitle: 'Cheffe de projet', consentContact: true, consentPublication: true, language: 'fr' });
    await mailbox.waitFor(() => true);
    await drain();
    await strapi.db.query(PROPOSAL).update({ where: { id: p.id }, data: { reviewerNotes: 'Très solide, à retenir.' } });
    // A decision taken but not released: absent from the export.
    await strapi.db.query(PROPOSAL).update({
      where: { id: p.id },
      data: {
        state: 'accepted',
        decisionMessage: 'Bravo',
        stateHistory: [{ from: 'submitted', to: 'accepted', at: '2023-11-16T09:00:00.000Z', by: 'Éditrice Secrète' }],
      },
    });

    const res = await api().get(mine(p.statusToken, '/personal-data'));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="mes-donnees-${p.reference}.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const file = JSON.parse(res.text);
    expect(file).toMatchObject({
      madeAt: '2023-11-15T09:00:00.000Z',
      scope: 'link',
      controller: { name: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org' },
    });
    expect(file.register).toMatch(/\/donnees-personnelles$/);
    expect(file.proposals).toHaveLength(1);
    const [exported] = file.proposals;
    expect(exported).toMatchObject({
      reference: p.reference,
      speakerName: p.speakerName,
      email: p.email,
      administrationName: 'DINUM',
      jobTitle: 'Cheffe de projet',
      title: p.title,
      abstract: p.abstract,
      preferredDay: '2023-12-07',
      requestedDuration: 15,
      language: 'fr',
      consents: { contact: true, publication: true },
      submittedAt: '2023-11-15T09:00:00.000Z',
      status: 'under-review',
      decisionMessage: null,
      reviewerNotes: null,
      history: [{ status: 'under-review', at: '2023-11-15T09:00:00.000Z' }],
    });
    expect(exported.mails).toEqual([
      expect.objectContaining({
        kind: 'submission_received',
        recipient: p.email,
        subject: expect.stringContaining(p.reference),
        body: expect.stringContaining('[lien de suivi]'),
      }),
    ]);
    for (const secret of [p.statusToken, p.statusTokenHash, p.duplicateKey, p.statusTokenEncrypted, 'Éditrice Secrète', 'Bravo', 'Très solide']) {
      expect(res.text).not.toContain(secret);
    }

    // Released: the decision, its message and the team's notes appear, at the instant it was said.
    await release(p.id, 'rejected');
    const after = JSON.parse((await api().get(mine(p.statusToken, '/personal-data'))).text).proposals[0];
    expect(after).toMatchObject({ status: 'rejected', decisionMessage: 'Merci pour cette belle proposition.', reviewerNotes: 'Très solide, à retenir.' });
    expect(after.history).toEqual([
      { status: 'under-review', at: '2023-11-15T09:00:00.000Z' },
      { status: 'rejected', at: '2023-11-27T09:00:00.000Z' },
    ]);
  });

  it('is logged as a data export, without any data of the proposer', async () => {
    const p = await submit({ jobTitle: 'Architecte' });
    await api().get(mine(p.statusToken, '/personal-data')).expect(200);
    const [line] = await strapi.db.query(LOG).findMany({ populate: { edition: true } });
    expect(line).toMatchObject({ action: 'proposer_data_export', by: "l'intervenant", proposals: 1, editionTitle: 'Journées #BlueHats 2023' });
    const text = await logText();
    for (const personal of [p.email, p.speakerName, p.title, p.reference, 'Architecte']) expect(text).not.toContain(personal);
  });

  it('answers 404 for a wrong token, in English on request', async () => {
    const res = await api()
      .get(mine('x'.repeat(43), '/personal-data'))
      .set('Accept-Language', 'en');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ name: 'NotFoundError', message: 'This page does not exist or is no longer valid.', details: { code: 'NOT_FOUND' } });
    expect(await strapi.db.query(LOG).count({})).toBe(0);
  });
});

describe('another proposer’s data, never', () => {
  it('gives the holder of a link made with a victim’s address the link’s proposal only; the full export goes to the address alone', async () => {
    const victim = 'victime@example.org';
    const first = await submit({ email: victim, title: 'Première proposition de la victime' });
    const second = await submit({ email: victim, title: 'Seconde proposition de la victime' });
    const elsewhere = await submit({ email: victim, title: 'Dans une autre édition' }, otherEdition);
    const other = await submit({ email: 'quelquun@example.org', title: 'Proposition de quelqu’un d’autre' });
    // Someone submits with the victim's address and gets a status token for it.
    const attacker = await submit({ email: victim, title: 'Proposition de l’usurpateur', speakerName: 'Usurpateur' });
    await mailbox.waitFor(() => true, { count: 5 });
    await drain();
    mailbox.clear();

    const download = await api().get(mine(attacker.statusToken, '/personal-data'));
    expect(download.status).toBe(200);
    expect(JSON.parse(download.text).proposals.map((x: any) => x.reference)).toEqual([attacker.reference]);
    for (const text of [first.title, second.title, elsewhere.title, other.title]) expect(download.text).not.toContain(text);

    const asked = await api().post(mine(attacker.statusToken, '/personal-data/mail')).set('X-Forwarded-For', address());
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ data: { queued: true }, meta: {} });
    const [mail] = await mailbox.waitFor((m) => m.attachments.length > 0);
    await drain();
    expect(mail.to).toBe(victim);
    expect(mailbox.messages).toHaveLength(1);
    expect(mail.subject).toBe('Vos données personnelles — Journées #BlueHats 2023');
    expect(mail.attachments[0]).toMatchObject({ filename: 'mes-donnees.json', contentType: 'application/json' });
    const sent = JSON.parse(mail.attachments[0].content);
    expect(sent.scope).toBe('address');
    expect(sent.proposals.map((x: any) => x.reference).sort()).toEqual([first.reference, second.reference, attacker.reference].sort());
    for (const text of [elsewhere.title, other.title, 'quelquun@example.org', 'Autre édition']) expect(mail.attachments[0].content).not.toContain(text);

    // The stored copy of that mail holds its text, never the attachment.
    const row = await strapi.db.query(MAIL).findOne({ where: { kind: 'personal_data_export' } });
    expect(row).toMatchObject({ state: 'sent', recipient: victim, subject: mail.subject });
    expect(row.body).not.toContain(first.title);
    const lines = await strapi.db.query(LOG).findMany({ where: { summary: { $contains: 'courriel' } } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ action: 'proposer_data_export', proposals: 3 });
    const text = await logText();
    for (const personal of [victim, first.title, attacker.reference, 'Usurpateur']) expect(text).not.toContain(personal);
  });
});

describe('« Effacer mes données »', () => {
  it('before any decision reached the proposer: previews, then deletes the proposal, its mails and its token', async () => {
    const p = await submit({ email: 'efface@example.org' });
    await mailbox.waitFor(() => true);
    await drain();
    const preview = await api().get(mine(p.statusToken, '/erasure'));
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({ reference: p.reference, outcome: 'delete', kept: [] });
    expect(preview.body.data.erased[0].fr).toContain('Votre proposition entière');

    const res = await api()
      .post(mine(p.statusToken, '/erasure'))
      .set('X-Forwarded-For', address())
      .send({ data: { confirm: true } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ reference: p.reference, outcome: 'delete', kept: [] });
    expect(await raw(p.id)).toBeNull();
    expect(await strapi.db.query(MAIL).count({})).toBe(0);
    expect(await strapi.db.query(PROPOSAL).count({ where: { statusTokenHash: p.statusTokenHash } })).toBe(0);
    await api().get(mine(p.statusToken)).expect(404);

    const [line] = await strapi.db.query(LOG).findMany({});
    expect(line).toMatchObject({ action: 'proposer_erasure', by: "l'intervenant", proposals: 1, editionTitle: 'Journées #BlueHats 2023' });
    const text = await logText();
    for (const personal of [p.email, p.speakerName, p.title, p.reference]) expect(text).not.toContain(personal);

    // A second erasure with the same link: the token is gone.
    const again = await api()
      .post(mine(p.statusToken, '/erasure'))
      .set('X-Forwarded-For', address())
      .send({ data: { confirm: true } });
    expect(again.status).toBe(404);
    expect(again.body.error.details.code).toBe('NOT_FOUND');
  });

  it('after a released decision: anonymises the row, and says what stays and why', async () => {
    const p = await submit({ jobTitle: 'Chargée de mission' });
    await release(p.id, 'rejected');
    expect((await api().get(mine(p.statusToken, '/erasure'))).body.data.outcome).toBe('anonymise');
    const res = await api()
      .post(mine(p.statusToken, '/erasure'))
      .set('X-Forwarded-For', address())
      .send({ data: { confirm: true } });
    expect(res.status).toBe(200);
    expect(res.body.data.outcome).toBe('anonymise');
    expect(res.body.data.kept).toHaveLength(1);
    expect(res.body.data.kept[0].fr).toContain('statistiques');
    expect(await raw(p.id)).toMatchObject(erasedProposal('rejected', 'proposer_request'));
    await api().get(mine(p.statusToken, '/erasure')).expect(404);
  });

  it('after publication: the published record stays, the personal data goes, editors get a task', async () => {
    const p = await submit({ email: 'publiee@example.org', jobTitle: 'Directrice', consentPublication: true });
    await release(p.id, 'accepted');
    await strapi.db.query(PROPOSAL).update({ where: { id: p.id }, data: { state: 'confirmed' } });
    testClock.set(AFTER_PROGRAM_2023);
    const speaker = await createSpeaker({ name: p.speakerName });
    const session = await createSession({ title: 'Le titre publié', edition: edition.documentId, proposal: p.documentId, speakers: [speaker.documentId] });

    const preview = await api().get(mine(p.statusToken, '/erasure')).set('Accept-Language', 'en');
    expect(preview.body.data.outcome).toBe('keep-published');
    expect(preview.body.data.kept[0].en).toContain('published program is a public record');

    const res = await api()
      .post(mine(p.statusToken, '/erasure'))
      .set('X-Forwarded-For', address())
      .send({ data: { confirm: true } });
    expect(res.status).toBe(200);
    expect(res.body.data.outcome).toBe('keep-published');
    expect(res.body.data.kept).toHaveLength(2);
    const sessions = await strapi.db.query(SESSION).findMany({ where: { documentId: session.documentId, publishedAt: { $notNull: true } } });
    expect(sessions.map((s: any) => s.title)).toEqual(['Le titre publié']);
    expect(await raw(p.id)).toMatchObject({ email: null, jobTitle: null, speakerName: null, statusTokenHash: null });
    expect(await strapi.db.query(MAIL).count({})).toBe(0);
    expect(await strapi.db.query(TASK).findMany({})).toEqual([expect.objectContaining({ kind: 'published_speaker_erased', sessionTitle: 'Le titre publié' })]);
  });

  it('refuses an erasure that is not confirmed, with ERASURE_NOT_CONFIRMED, in French or English', async () => {
    const p = await submit();
    for (const body of [undefined, { data: {} }, { data: { confirm: 'true' } }, { data: { confirm: false } }, { data: [true] }]) {
      const res = await api()
        .post(mine(p.statusToken, '/erasure'))
        .set('X-Forwarded-For', address())
        .send(body as any);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError', details: { code: 'ERASURE_NOT_CONFIRMED' } } });
      expect(res.body.error.message).toContain('définitif');
    }
    const en = await api().post(mine(p.statusToken, '/erasure')).set('X-Forwarded-For', address()).set('Accept-Language', 'en').send({ data: {} });
    expect(en.body.error.message).toBe('Confirm the erasure by sending { "data": { "confirm": true } }: it cannot be undone.');
    expect(await raw(p.id)).toMatchObject({ email: p.email, title: p.title });
    expect(await strapi.db.query(LOG).count({})).toBe(0);
  });

  it('answers 404 to a wrong token on every route of the proposer’s rights', async () => {
    for (const token of ['x'.repeat(43), 'court', 'a%27%20or%201%3D1']) {
      await api().get(mine(token, '/personal-data')).expect(404);
      await api().get(mine(token, '/erasure')).expect(404);
      await api()
        .post(mine(token, '/erasure'))
        .set('X-Forwarded-For', address())
        .send({ data: { confirm: true } })
        .expect(404);
      await api().post(mine(token, '/personal-data/mail')).set('X-Forwarded-For', address()).expect(404);
    }
  });

  it('leaves nothing half-erased when the access log cannot be written', async () => {
    const p = await submit({ jobTitle: 'Ingénieure' });
    await mailbox.waitFor(() => true);
    await drain();
    await release(p.id, 'accepted');
    jest.spyOn(strapi.service('api::access-log.access-log') as any, 'record').mockRejectedValueOnce(new Error('journal indisponible'));
    const res = await api()
      .post(mine(p.statusToken, '/erasure'))
      .set('X-Forwarded-For', address())
      .send({ data: { confirm: true } });
    expect(res.status).toBe(500);
    expect(await raw(p.id)).toMatchObject({ email: p.email, jobTitle: 'Ingénieure', title: p.title, statusTokenHash: p.statusTokenHash, erasedAt: null });
    expect(await strapi.db.query(MAIL).count({ where: { proposal: { id: p.id } } })).toBe(1);
    expect(await strapi.db.query(LOG).count({})).toBe(0);
    // And the erasure still works afterwards.
    await api()
      .post(mine(p.statusToken, '/erasure'))
      .set('X-Forwarded-For', address())
      .send({ data: { confirm: true } })
      .expect(200);
  });
});

describe('rectification after the deadline', () => {
  it('refuses the correction and says whom to write to', async () => {
    const p = await submit();
    testClock.set('2023-11-21T09:00:00.000Z');
    const res = await api()
      .put(mine(p.statusToken))
      .set('X-Forwarded-For', address())
      .send({ data: { title: 'Un titre corrigé trop tard' } });
    expect(res.status).toBe(403);
    expect(res.body.error.details.code).toBe('CFP_CLOSED');
    expect(res.body.error.message).toContain('Pour faire rectifier vos données, écrivez à contact@example.org.');
    const en = await api()
      .put(mine(p.statusToken))
      .set('X-Forwarded-For', address())
      .set('Accept-Language', 'en')
      .send({ data: { title: 'Trop tard' } });
    expect(en.body.error.message).toContain('To have your data corrected, write to contact@example.org.');
  });
});

describe('the reviews in « Télécharger mes données »', () => {
  it('appear once the decision is communicated, by criterion with their comments, never naming the reviewer', async () => {
    const reviewer = await adminTokenFor('bluehats-reviewer', 'relectrice.nommee@example.org');
    const desk = (method: 'get' | 'put', path: string) => api()[method](`/bluehats${path}`).set('Authorization', `Bearer ${reviewer}`);
    const p = await submit();
    await drain();
    const criteria: Array<{ documentId: string; label: string; weight: number }> = (await desk('get', `/proposals/${p.documentId}/reviews`)).body.data.criteria;
    const scores = Object.fromEntries(criteria.map((c, i) => [c.documentId, 3 + i]));
    expect((await desk('put', `/proposals/${p.documentId}/review`).send({ scores, comment: 'Retour concret, bien construit.' })).status).toBe(200);
    const exported = async () => {
      const res = await api().get(mine(p.statusToken, '/personal-data'));
      return { text: res.text, proposal: JSON.parse(res.text).proposals[0] };
    };

    const before = await exported();
    expect(before.proposal.reviews).toEqual([]);
    expect(before.proposal.reviewsWhen.fr).toContain('une fois celle-ci communiquée');
    expect(before.text).not.toContain('Retour concret');

    await release(p.id, 'accepted');
    const after = await exported();
    expect(after.proposal.reviewsWhen).toBeNull();
    expect(after.proposal.reviews).toEqual([
      {
        scoredAt: '2023-11-15T09:00:00.000Z',
        scores: criteria.map((c, i) => ({ criterion: { fr: c.label, en: expect.any(String) }, weight: c.weight, score: 3 + i })),
        weightedMean: expect.any(Number),
        comment: 'Retour concret, bien construit.',
      },
    ]);
    // « Un relecteur »: neither the account's name nor its address.
    for (const who of ['relectrice.nommee', 'bluehats-reviewer', 'Agent bluehats']) expect(after.text).not.toContain(who);
  });
});
