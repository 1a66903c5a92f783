/** The one erasure rule, through the service every path uses: delete, anonymise, or keep what was published. */
import { AFTER_PROGRAM_2023, createEdition, createProposal, createSession, createSpeaker } from '../harness/factories';
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

  it('answers 404 for a proposal that does not exist', async () => {
    await expect(erase(999999)).rejects.toMatchObject({ status: 404, code: 'PROPOSAL_NOT_FOUND' });
  });
});
