/** The one erasure rule, through the service every path uses: delete, anonymise, or keep what was published. */
import { AFTER_PROGRAM_2023, adminToken, api, createEdition, createProposal, createSession, createSpeaker } from '../harness/factories';
import { erasedProposal } from '../fixtures/erased-proposal';

const PROPOSAL = 'api::proposal.proposal';
const SESSION = 'api::session.session';
const MAIL = 'api::notification.notification';
const TASK = 'api::privacy-task.privacy-task';
let edition: any;
const erase = (id: number, because: 'proposer_request' | 'editor_request' | 'retention' = 'proposer_request') =>
  strapi.service('api::proposal.personal-data').erase(id, because);
const row = (id: number) => strapi.db.query(PROPOSAL).findOne({ where: { id } });

beforeAll(async () => {
  edition = await createEdition({ title: 'Journées #BlueHats 2023' });
});

beforeEach(async () => {
  testClock.set('2023-11-15T09:00:00.000Z');
  for (const uid of [MAIL, TASK, PROPOSAL]) await strapi.db.query(uid).deleteMany({});
});

async function proposalWithMail(data: Record<string, unknown> = {}) {
  const doc = await createProposal({ edition: edition.documentId, jobTitle: 'Cheffe de projet', ...data });
  const created = await strapi.db.query(PROPOSAL).findOne({ where: { documentId: doc.documentId } });
  await strapi.db.query(MAIL).create({
    data: { kind: 'submission_received', proposal: created.id, onceKey: `${created.id}:x`, state: 'sent', recipient: created.email, body: 'Bonjour' },
  });
  return created;
}

describe('erasing one proposal', () => {
  it('deletes a proposal whose decision never reached its author, with its mails', async () => {
    const p = await proposalWithMail({ state: 'accepted' });
    const result = await erase(p.id);
    expect(result).toMatchObject({ outcome: 'delete', reference: p.reference, kept: [] });
    expect(await row(p.id)).toBeNull();
    expect(await strapi.db.query(MAIL).count({})).toBe(0);
  });

  it('anonymises a proposal whose decision was communicated: no name, address, title, text or token stays', async () => {
    const p = await proposalWithMail({
      state: 'rejected',
      communicatedState: 'rejected',
      communicatedAt: '2023-11-27T09:00:00.000Z',
      decisionReleasedAt: '2023-11-27T09:00:00.000Z',
    });
    const result = await erase(p.id, 'editor_request');
    expect(result.outcome).toBe('anonymise');
    expect(result.kept).toHaveLength(1);
    const after = await row(p.id);
    expect(after).toMatchObject(erasedProposal('rejected', 'editor_request'));
    expect(after.erasedAt).toBe(new Date('2023-11-15T09:00:00.000Z').toISOString());
    expect(await strapi.db.query(MAIL).count({})).toBe(0);
    await expect(erase(p.id)).rejects.toMatchObject({ status: 409, code: 'ALREADY_ERASED' });
  });

  it('keeps a published session as published, and gives editors a task', async () => {
    testClock.set(AFTER_PROGRAM_2023);
    const p = await proposalWithMail({ state: 'confirmed', communicatedAt: '2023-11-27T09:00:00.000Z' });
    const speaker = await createSpeaker({ name: 'Agent Exemple' });
    const session = await createSession({ title: 'Un titre publié', edition: edition.documentId, proposal: p.documentId, speakers: [speaker.documentId] });
    await strapi.documents(SESSION).update({ documentId: session.documentId, locale: 'fr', data: { abstract: 'Un brouillon jamais publié' } as any });
    const result = await erase(p.id);
    expect(result.outcome).toBe('keep-published');
    const rows = await strapi.db.query(SESSION).findMany({ where: { documentId: session.documentId } });
    expect(rows.map((r: any) => r.abstract)).not.toContain('Un brouillon jamais publié');
    expect(rows.every((r: any) => r.title === 'Un titre publié')).toBe(true);
    expect(await row(p.id)).toMatchObject({ email: null, speakerName: null, title: null });
    const [task] = await strapi.db.query(TASK).findMany({});
    expect(task).toMatchObject({ kind: 'published_speaker_erased', sessionTitle: 'Un titre publié' });
  });

  it('deletes the draft session of a confirmed talk that was never published', async () => {
    const p = await proposalWithMail({ state: 'confirmed', communicatedAt: '2023-11-27T09:00:00.000Z' });
    await createSession({ title: 'Brouillon', edition: edition.documentId, proposal: p.documentId }, { publish: false });
    expect((await erase(p.id)).outcome).toBe('anonymise');
    expect(await strapi.db.query(SESSION).count({ where: { title: 'Brouillon' } })).toBe(0);
    expect(await strapi.db.query(TASK).count({ where: { kind: 'confirmed_speaker_erased' } })).toBe(1);
  });

  it('blurs what an anonymised row keeps: a new reference, the day, the kind of administration, the states without who or when', async () => {
    const administration = await strapi
      .documents('api::administration.administration')
      .create({ data: { name: 'Mairie de Petiteville', kind: 'local_authority' } as any });
    const p = await proposalWithMail({
      state: 'rejected',
      administration: administration.documentId,
      communicatedAt: '2023-11-27T09:00:00.000Z',
      decisionReleasedAt: '2023-11-27T09:00:00.000Z',
    });
    await strapi.db.query(PROPOSAL).update({
      where: { id: p.id },
      data: {
        submittedAt: '2023-11-14T22:30:00.000Z',
        decidedAt: '2023-11-25T10:00:00.000Z',
        stateHistory: [{ from: 'submitted', to: 'rejected', at: '2023-11-25T10:00:00.000Z', by: 'Éditrice <editrice@example.org>' }],
      },
    });
    await erase(p.id, 'editor_request');
    const after = await strapi.db.query(PROPOSAL).findOne({ where: { id: p.id }, populate: { administration: true } });
    expect(after.reference).toMatch(/^ANON-[0-9A-F]{12}$/);
    expect(after.reference).not.toBe(p.reference);
    // 22:30 UTC on 14 November is 23:30 in Paris: the day in the edition's zone, from its midnight.
    expect(new Date(after.submittedAt).toISOString()).toBe('2023-11-13T23:00:00.000Z');
    expect(after).toMatchObject({
      administration: null,
      administrationKind: 'local_authority',
      decidedAt: null,
      stateHistory: [{ from: 'submitted', to: 'rejected' }],
    });
  });

  it('keeps a published record editable and republishable after its speaker erased their data', async () => {
    testClock.set(AFTER_PROGRAM_2023);
    const p = await proposalWithMail({ state: 'confirmed', communicatedAt: '2023-11-27T09:00:00.000Z', consentJobTitle: true });
    const speaker = await createSpeaker({ name: 'Agent Exemple', jobTitle: 'Cheffe de projet' });
    const session = await createSession({ title: 'Un titre publié', edition: edition.documentId, proposal: p.documentId, speakers: [speaker.documentId] });
    await erase(p.id);
    await strapi.documents(SESSION).update({ documentId: session.documentId, locale: 'fr', data: { room: 'Salle B' } as any });
    await strapi.documents(SESSION).publish({ documentId: session.documentId, locale: 'fr' });
    const published = await strapi.db.query(SESSION).findOne({ where: { documentId: session.documentId, publishedAt: { $notNull: true } } });
    expect(published.room).toBe('Salle B');
    await strapi.documents('api::speaker.speaker').update({ documentId: speaker.documentId, locale: 'fr', data: { bio: 'Une biographie.' } as any });
  });

  it('refuses an editor who writes an erased proposal again, in the admin', async () => {
    const p = await proposalWithMail({ state: 'rejected', communicatedAt: '2023-11-27T09:00:00.000Z' });
    await erase(p.id, 'editor_request');
    const token = await adminToken();
    const res = await api()
      .put(`/content-manager/collection-types/${PROPOSAL}/${p.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ speakerName: 'Quelqu’un', erasedAt: null });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('PROPOSAL_ERASED');
    expect(await row(p.id)).toMatchObject({ speakerName: null });
    expect((await row(p.id)).erasedAt).not.toBeNull();
  });

  it('answers 404 for a proposal that does not exist', async () => {
    await expect(erase(999999)).rejects.toMatchObject({ status: 404, code: 'PROPOSAL_NOT_FOUND' });
  });
});
