/**
 * A proposal an Éditeur deletes in the content manager (one, or in bulk) takes with it what hangs on
 * it: its mails, sent or still queued (a queued one never leaves), the co-speakers it named and its
 * reviews. Nothing about it outlives it, and nothing of another proposal goes.
 */
import { adminToken, adminTokenFor, api, createEdition, submitProposal } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const REVIEW = 'api::review.review';
const MAIL = 'api::notification.notification';
const CO_SPEAKER = 'api::co-speaker.co-speaker';
const LATE_CODE = 'api::late-code.late-code';

let editor: string;
let reviewer: string;
let edition: any;
let n = 0;

const outbox = () => strapi.service(MAIL) as any;
const as = (token: string, req: any) => req.set('Authorization', `Bearer ${token}`);
const cm = (method: 'delete' | 'post', path: string) => as(editor, api()[method](`/content-manager/collection-types/${PROPOSAL}${path}`));

/** A proposal sent with a co-speaker, its mails sent, scored by a reviewer with a comment, and a mail still queued. */
async function proposalWithDependents() {
  n += 1;
  const p = await submitProposal(edition, n, `10.73.0.${n}`, {
    coSpeakers: [{ name: `Alice ${n}`, email: `alice${n}@example.org`, administrationName: 'DINUM' }],
    consentPublication: true,
  });
  await outbox().drain();
  const panel = await as(reviewer, api().get(`/bluehats/proposals/${p.documentId}/reviews`));
  const scores = Object.fromEntries(panel.body.data.criteria.map((c: { documentId: string }) => [c.documentId, 4]));
  expect((await as(reviewer, api().put(`/bluehats/proposals/${p.documentId}/review`)).send({ scores, comment: `Solide ${n}` })).status).toBe(200);
  // Queued, not yet sent: a decision's mail waiting for its turn.
  await strapi.db.transaction(() => outbox().enqueue(p, 'acceptance'));
  const of = async (uid: string) =>
    ((await strapi.db.query(uid).findMany({ where: { proposal: { id: p.id } }, select: ['id'] })) as { id: number }[]).map((r) => r.id);
  const dependents = { reviews: await of(REVIEW), mails: await of(MAIL), coSpeakers: await of(CO_SPEAKER) };
  expect(dependents.reviews).toHaveLength(1);
  expect(dependents.coSpeakers).toHaveLength(1);
  // Received, the co-speaker's invitation (both sent) and the acceptance (queued).
  expect(dependents.mails).toHaveLength(3);
  expect(await strapi.db.query(MAIL).count({ where: { id: { $in: dependents.mails }, state: 'pending' } })).toBe(1);
  return { p, dependents };
}

const remaining = async ({ reviews, mails, coSpeakers }: { reviews: number[]; mails: number[]; coSpeakers: number[] }) => ({
  reviews: await strapi.db.query(REVIEW).count({ where: { id: { $in: reviews } } }),
  mails: await strapi.db.query(MAIL).count({ where: { id: { $in: mails } } }),
  coSpeakers: await strapi.db.query(CO_SPEAKER).count({ where: { id: { $in: coSpeakers } } }),
});

beforeAll(async () => {
  await adminToken();
  editor = await adminTokenFor('bluehats-editor', 'editrice.suppression@example.org');
  reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur.suppression@example.org');
  edition = await createEdition();
});

beforeEach(async () => {
  await outbox().drain();
  testClock.set('2023-11-15T09:00:00.000Z');
  mailbox.clear();
});

describe('a proposal deleted in the content manager', () => {
  it('takes its mails (a queued one never goes), its co-speakers and its reviews with it; another proposal keeps its own', async () => {
    const deleted = await proposalWithDependents();
    const kept = await proposalWithDependents();
    mailbox.clear();
    // Rows other test files left without a proposal (they delete proposals through the query engine).
    const orphans = async () =>
      Promise.all([REVIEW, MAIL, CO_SPEAKER].map((uid) => strapi.db.query(uid).count({ where: { proposal: { id: { $null: true } } } })));
    const orphansBefore = await orphans();

    const res = await cm('delete', `/${deleted.p.documentId}`);
    expect(res.status).toBe(200);
    expect(await strapi.db.query(PROPOSAL).count({ where: { documentId: deleted.p.documentId } })).toBe(0);
    expect(await remaining(deleted.dependents)).toEqual({ reviews: 0, mails: 0, coSpeakers: 0 });
    expect(await remaining(kept.dependents)).toEqual({ reviews: 1, mails: 3, coSpeakers: 1 });

    // The queued acceptance of the deleted proposal never leaves; the other one's does.
    await outbox().retryDue();
    await mailbox.waitFor((m) => m.to === kept.p.email);
    expect(mailbox.messages.filter((m) => m.to === deleted.p.email)).toEqual([]);
    // Nothing left about nobody known: no new review, mail or co-speaker without its proposal.
    expect(await orphans()).toEqual(orphansBefore);
  });

  it('does the same for each proposal of a bulk deletion', async () => {
    const one = await proposalWithDependents();
    const two = await proposalWithDependents();
    const res = await cm('post', '/actions/bulkDelete').send({ documentIds: [one.p.documentId, two.p.documentId] });
    expect(res.status).toBe(200);
    expect(res.body.data ?? res.body).toMatchObject({ count: 2 });
    expect(await remaining(one.dependents)).toEqual({ reviews: 0, mails: 0, coSpeakers: 0 });
    expect(await remaining(two.dependents)).toEqual({ reviews: 0, mails: 0, coSpeakers: 0 });
  });

  it('leaves a late-submission code with the use it counted', async () => {
    testClock.set('2023-11-25T09:00:00.000Z'); // after the deadline
    const code = await strapi
      .documents(LATE_CODE)
      .create({ data: { edition: edition.documentId, label: 'Relance', validUntil: '2023-11-30T22:59:00.000Z', maxUses: 2 } as any });
    const p = await submitProposal(edition, ++n, `10.73.1.${n}`, { lateCode: code.code });
    expect((await cm('delete', `/${p.documentId}`)).status).toBe(200);
    expect(await strapi.db.query(LATE_CODE).findOne({ where: { id: code.id } })).toMatchObject({ uses: 1 });
  });
});
