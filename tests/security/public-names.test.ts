/**
 * One public name for where a proposal stands: `status`, with the values of the status link
 * (`PublicStatus`) and a `statusLabel`, in every answer the public sees. The internal field `state`
 * (and its values such as "submitted") never appears.
 */
import { api, createEdition } from '../harness/factories';

const UID = 'api::proposal.proposal';
// What `publicStatus` can return; "submitted" is internal and shown as "under-review".
const PUBLIC_STATUSES = ['under-review', 'accepted', 'waitlisted', 'rejected', 'withdrawn', 'confirmed', 'declined'];
const UNDER_REVIEW_LABEL = { fr: 'Reçue, en cours d’examen', en: 'Received, under review' };

let edition: any;
let ip = 0;

const form = (overrides: Record<string, unknown> = {}) => ({
  edition: edition.slug,
  speakerName: 'Agent Exemple',
  email: `agent.${++ip}@example.org`,
  administrationName: 'DINUM',
  title: `Une proposition ${ip}`,
  abstract: 'Un résumé assez long pour passer la validation.',
  requestedDuration: 20,
  ...overrides,
});
const from = () => `10.77.0.${++ip % 250}`;
const submit = () => api().post('/api/proposals').set('X-Forwarded-For', from()).send({ data: form() });

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      found.add(k);
      keysOf(v, found);
    }
  }
  return found;
}

function expectPublicStatus(data: Record<string, any>) {
  expect(PUBLIC_STATUSES).toContain(data.status);
  expect(data.statusLabel).toEqual({ fr: expect.any(String), en: expect.any(String) });
  expect([...keysOf(data)]).not.toContain('state');
}

beforeAll(async () => {
  edition = await createEdition({ title: 'Journées #BlueHats 2023' });
});

beforeEach(async () => {
  await strapi.service('api::notification.notification').drain();
  await strapi.db.query(UID).deleteMany({});
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('the submit answer', () => {
  it('says `status: "under-review"` with its label over REST, as the status link does, and never `state`', async () => {
    const res = await submit();
    expect(res.status).toBe(201);
    expectPublicStatus(res.body.data);
    expect(res.body.data).toMatchObject({ status: 'under-review', statusLabel: UNDER_REVIEW_LABEL });
    expect(JSON.stringify(res.body)).not.toContain('"submitted"');
    const view = await api().get(`/api/proposals/mine/${res.body.data.statusToken}`);
    expect(view.status).toBe(200);
    expect(view.body.data.status).toBe(res.body.data.status);
    expect(view.body.data.statusLabel).toEqual(res.body.data.statusLabel);
  });

  it('says the same through GraphQL, whose receipt type has `status` and no `state` field', async () => {
    const res = await api()
      .post('/graphql')
      .set('X-Forwarded-For', from())
      .send({
        query: 'mutation S($data: ProposalSubmissionInput!) { submitProposal(data: $data) { reference status statusLabel { fr en } } }',
        variables: { data: form() },
      });
    expect(res.body.errors).toBeUndefined();
    // GraphQL enum values cannot hold a hyphen: "under-review" is under_review there (the ProposalStatus enum).
    expect(res.body.data.submitProposal).toMatchObject({ status: 'under_review', statusLabel: UNDER_REVIEW_LABEL });
    const type = await api().post('/graphql').send({ query: '{ __type(name: "ProposalReceipt") { fields { name } } }' });
    const fields = type.body.data.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['status', 'statusLabel']));
    expect(fields).not.toContain('state');
  });
});

describe('the status link answers', () => {
  it('read, correct, withdraw: `status` from the public set, never `state`', async () => {
    const { body } = await submit();
    const link = `/api/proposals/mine/${body.data.statusToken}`;
    const read = await api().get(link);
    const correct = await api()
      .put(link)
      .send({ data: { requestedDuration: 15 } });
    const withdraw = await api().post(`${link}/withdraw`);
    for (const res of [read, correct, withdraw]) {
      expect(res.status).toBe(200);
      expectPublicStatus(res.body.data);
    }
    expect(withdraw.body.data.status).toBe('withdrawn');
  });
});

describe('the published API description', () => {
  it('describes the submit answer with `status`, not `state`', async () => {
    const spec = strapi.plugin('documentation').service('documentation');
    const file = require('path').join(spec.getFullDocumentationPath(), '1.0.0', 'full_documentation.json');
    const description: string = JSON.parse(require('fs').readFileSync(file, 'utf8')).paths['/proposals'].post.responses['201'].description;
    expect(description).toMatch(/\bstatus\b/);
    expect(description).toContain('under-review');
    expect(description).not.toMatch(/\bstate\b/);
  });
});
