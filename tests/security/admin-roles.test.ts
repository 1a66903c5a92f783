/**
 * Least privilege in the admin: every desk route, tried by the stock Author and Editor, by a
 * Relecteur and by an Éditeur. Before the desk had its own permission actions, any role with a
 * rule on proposals (even the Author's "only what I created") got the CSV of every proposer's
 * e-mail, the dashboard, and the release of decisions.
 */
import { adminToken, adminTokenFor, api, createEdition, createProposal } from '../harness/factories';
import { EXPECTED_INTERNAL_TYPES as INTERNAL_TYPES } from '../fixtures/content-types';

const CM = 'plugin::content-manager.explorer';

let edition: any;
let target: any;
let proposal: any;
const tokens: Record<string, string> = {};

type Probe = { name: string; action: string; call: (token: string) => Promise<{ status: number; body: any }> };
const as = (token: string, req: any) => req.set('Authorization', `Bearer ${token}`);
const PROBES: Probe[] = [
  { name: 'home page', action: 'dashboard.read', call: (t) => as(t, api().get('/bluehats/home')) },
  { name: 'list editions', action: 'dashboard.read', call: (t) => as(t, api().get('/bluehats/editions')) },
  { name: 'dashboard', action: 'dashboard.read', call: (t) => as(t, api().get(`/bluehats/editions/${edition.documentId}/dashboard`)) },
  { name: 'undecided list', action: 'dashboard.read', call: (t) => as(t, api().get('/bluehats/undecided')) },
  { name: 'proposals CSV', action: 'proposals.export', call: (t) => as(t, api().get(`/bluehats/editions/${edition.documentId}/proposals.csv`)) },
  { name: 'release preview', action: 'decisions.release', call: (t) => as(t, api().get(`/bluehats/editions/${edition.documentId}/release-preview`)) },
  {
    name: 'release decisions',
    action: 'decisions.release',
    call: (t) => as(t, api().post(`/bluehats/editions/${edition.documentId}/release-decisions`).send({ confirm: true, expected: 0 })),
  },
  { name: 'decision panel', action: 'dashboard.read', call: (t) => as(t, api().get(`/bluehats/proposals/${proposal.documentId}/decision`)) },
  {
    name: 'decide a proposal',
    action: 'proposals.decide',
    call: (t) => as(t, api().post(`/bluehats/proposals/${proposal.documentId}/state`).send({ state: 'waitlisted' })),
  },
  { name: 'freed slots', action: 'proposals.decide', call: (t) => as(t, api().get(`/bluehats/editions/${edition.documentId}/freed-slots`)) },
  { name: 'near-duplicates', action: 'proposals.decide', call: (t) => as(t, api().get(`/bluehats/editions/${edition.documentId}/near-duplicates`)) },
  { name: 'duplicate edition', action: 'editions.duplicate', call: (t) => as(t, api().post(`/bluehats/editions/${edition.documentId}/duplicate`)) },
  { name: 'test rebuild target', action: 'rebuild-targets.test', call: (t) => as(t, api().post(`/bluehats/rebuild-targets/${target.documentId}/test`)) },
  { name: 'review panel', action: 'reviews.score', call: (t) => as(t, api().get(`/bluehats/proposals/${proposal.documentId}/reviews`)) },
  {
    name: 'assign reviewers',
    action: 'reviews.assign',
    call: (t) => as(t, api().post(`/bluehats/editions/${edition.documentId}/assign-reviewers`).send({ perProposal: 1 })),
  },
  { name: 'publish the program', action: 'program.publish', call: (t) => as(t, api().post(`/bluehats/editions/${edition.documentId}/program/publish`)) },
  { name: 'program versions', action: 'program.build', call: (t) => as(t, api().get(`/bluehats/editions/${edition.documentId}/program/versions`)) },
  { name: 'program builder', action: 'program.build', call: (t) => as(t, api().get(`/bluehats/editions/${edition.documentId}/program-builder`)) },
  {
    name: 'program suggestion',
    action: 'program.build',
    call: (t) => as(t, api().post(`/bluehats/editions/${edition.documentId}/program-builder/suggestion`)),
  },
  { name: 'personal-data page', action: 'personal-data.erase', call: (t) => as(t, api().get('/bluehats/personal-data')) },
  { name: 'erasure preview', action: 'personal-data.erase', call: (t) => as(t, api().get('/bluehats/erasures/preview?email=agent.prive@example.org')) },
];

/** What each role may do on the desk; every other probe must be refused. */
const ALLOWED: Record<string, string[]> = {
  'strapi-author': [],
  'strapi-editor': [],
  'bluehats-reviewer': ['dashboard.read', 'reviews.score'],
  'bluehats-editor': [
    'dashboard.read',
    'proposals.export',
    'decisions.release',
    'proposals.decide',
    'editions.duplicate',
    'rebuild-targets.test',
    'personal-data.erase',
    'reviews.score',
    'reviews.assign',
    'program.build',
    'program.publish',
  ],
};

beforeAll(async () => {
  testClock.set('2023-11-15T09:00:00.000Z');
  edition = await createEdition({ slug: 'bluehats-2023', title: 'Journées #BlueHats 2023', year: 2023 });
  proposal = await createProposal({ edition: edition.documentId, email: 'agent.prive@example.org', state: 'submitted' });
  // Not reachable: the test action must answer, not succeed.
  target = await strapi
    .documents('api::rebuild-target.rebuild-target')
    .create({ data: { name: 'Site', url: 'http://127.0.0.1:9/hook', method: 'POST', enabled: false } as any });
  for (const code of Object.keys(ALLOWED)) tokens[code] = await adminTokenFor(code);
});

describe.each(Object.keys(ALLOWED))('the desk routes as %s', (code) => {
  it.each(PROBES.map((p) => [p.name, p] as const))('%s', async (_name, probe) => {
    const res = await probe.call(tokens[code]);
    if (ALLOWED[code].includes(probe.action)) {
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    } else {
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        data: null,
        error: {
          status: 403,
          name: 'PolicyError',
          message: 'Votre rôle ne permet pas cette action.',
          details: expect.objectContaining({ code: 'NOT_ALLOWED', action: `plugin::bluehats.${probe.action}` }),
        },
      });
    }
  });
});

describe('refusals', () => {
  it('are in English on request', async () => {
    const res = await api().get('/bluehats/undecided').set('Authorization', `Bearer ${tokens['strapi-author']}`).set('Accept-Language', 'en-GB,en;q=0.9');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Your role does not allow this action.');
  });

  it('answer 401 without an admin session, and ignore a content-API token', async () => {
    for (const probe of PROBES) expect((await probe.call('not-a-token')).status).toBe(401);
  });

  it('never carry the CSV: the Author gets no proposer address', async () => {
    const res = await as(tokens['strapi-author'], api().get(`/bluehats/editions/${edition.documentId}/proposals.csv`));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('agent.prive@example.org');
  });
});

describe('the desk permission actions', () => {
  it('are listed in Settings › Roles under the plugin', async () => {
    const res = await api()
      .get('/admin/permissions')
      .set('Authorization', `Bearer ${await adminToken()}`);
    expect(res.status).toBe(200);
    const plugins = res.body.data.sections.plugins.filter((a: any) => a.plugin === 'bluehats');
    expect(plugins.map((a: any) => a.action).sort()).toEqual(
      [
        'dashboard.read',
        'decisions.release',
        'editions.duplicate',
        'personal-data.erase',
        'program.build',
        'program.publish',
        'proposals.decide',
        'proposals.export',
        'proposers.identity.read',
        'rebuild-targets.test',
        'reviews.assign',
        'reviews.score',
      ].map((uid) => `plugin::bluehats.${uid}`)
    );
    expect(plugins.find((a: any) => a.action === 'plugin::bluehats.proposals.export').displayName).toBe('Exporter les propositions (CSV avec les courriels)');
  });
});

describe('the stock Editor and Author roles', () => {
  const rolePermissions = async (code: string) => {
    const role = await strapi.db.query('admin::role').findOne({ where: { code } });
    return strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } } });
  };

  it.each(['strapi-editor', 'strapi-author'])('%s has no content-manager right on the internal types', async (code) => {
    const permissions = await rolePermissions(code);
    expect(permissions.length).toBeGreaterThan(0); // still a working role on the public content
    expect(permissions.filter((p: any) => INTERNAL_TYPES.includes(p.subject))).toEqual([]);
    expect(permissions.filter((p: any) => p.action.startsWith('plugin::bluehats.'))).toEqual([]);
    for (const uid of INTERNAL_TYPES) {
      const res = await as(tokens[code], api().get(`/content-manager/collection-types/${uid}`));
      expect(res.status).toBe(403);
    }
  });

  it('keep a right an administrator re-grants on purpose, across boots', async () => {
    const editor = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    const [granted] = await strapi
      .service('admin::permission')
      .createMany([{ action: `${CM}.read`, subject: 'api::job-mark.job-mark', properties: { fields: ['key'] }, conditions: [], role: editor.id }]);
    try {
      await strapi.plugin('bluehats').service('roles').ensure();
      await strapi.plugin('bluehats').service('roles').ensure();
      const kept = await strapi.db.query('admin::permission').findOne({ where: { id: granted.id } });
      expect(kept).toMatchObject({ action: `${CM}.read`, subject: 'api::job-mark.job-mark' });
    } finally {
      await strapi.db.query('admin::permission').delete({ where: { id: granted.id } });
    }
  });

  it('and the project roles keep an edit made in Settings › Roles while their definition is unchanged', async () => {
    const reviewer = await strapi.db.query('admin::role').findOne({ where: { code: 'bluehats-reviewer' } });
    const dashboard = await strapi.db.query('admin::permission').findOne({ where: { role: { id: reviewer.id }, action: 'plugin::bluehats.dashboard.read' } });
    expect(dashboard).not.toBeNull();
    await strapi.db.query('admin::permission').delete({ where: { id: dashboard.id } });
    try {
      const before = await strapi.db.query('admin::permission').count({});
      await strapi.plugin('bluehats').service('roles').ensure();
      expect(await strapi.db.query('admin::permission').count({})).toBe(before);
      expect(await strapi.db.query('admin::permission').count({ where: { role: { id: reviewer.id }, action: 'plugin::bluehats.dashboard.read' } })).toBe(0);
    } finally {
      await strapi
        .service('admin::permission')
        .createMany([{ action: 'plugin::bluehats.dashboard.read', subject: null, properties: {}, conditions: [], role: reviewer.id }]);
    }
  });
});
