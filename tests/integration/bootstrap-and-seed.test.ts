/** The permission bootstrap, the locales and the demo seed converge: running them again changes nothing. */
import path from 'path';
import { api, demoData, seedModule } from '../harness/factories';

const bootstrapModule = (name: string) => require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'bootstrap', `${name}.js`));

async function publicPermissions(): Promise<string[]> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const rows = await strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
  return rows.map((r: { action: string }) => r.action).sort();
}

const APP_TYPES = [
  'api::administration.administration',
  'api::speaker.speaker',
  'api::event.event',
  'api::edition.edition',
  'api::session.session',
  'api::proposal.proposal',
];

async function snapshot() {
  const counts: Record<string, number> = {};
  const stamps: Record<string, string[]> = {};
  for (const uid of APP_TYPES) {
    const rows = await strapi.db.query(uid).findMany({ select: ['id', 'updatedAt'], orderBy: { id: 'asc' } });
    counts[uid] = rows.length;
    stamps[uid] = rows.map((r: any) => `${r.id}@${new Date(r.updatedAt).toISOString()}`);
  }
  return { counts, stamps };
}

describe('Public role', () => {
  it('can find and findOne the public types, and nothing on proposals', async () => {
    const actions = await publicPermissions();
    for (const type of ['event', 'edition', 'session', 'speaker', 'administration']) {
      expect(actions).toEqual(expect.arrayContaining([`api::${type}.${type}.find`, `api::${type}.${type}.findOne`]));
    }
    expect(actions.filter((a) => a.startsWith('api::proposal'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('api::')).every((a) => /\.(find|findOne)$/.test(a))).toBe(true);
    expect(actions).toContain('plugin::i18n.locales.listLocales');
  });

  it('does not duplicate a permission row when bootstrap runs again, and removes a proposal grant', async () => {
    const before = await publicPermissions();
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'api::proposal.proposal.find', role: role.id } });
    const { grantPublicPermissions } = bootstrapModule('permissions');
    await grantPublicPermissions(strapi);
    await grantPublicPermissions(strapi);
    expect(await publicPermissions()).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  });
});

describe('locales', () => {
  it('has French as the default and English available, once each', async () => {
    const { ensureLocales } = bootstrapModule('locales');
    await ensureLocales(strapi);
    const locales = await strapi.db.query('plugin::i18n.locale').findMany({});
    expect(locales.map((l: any) => l.code).sort()).toEqual(['en', 'fr']);
    expect(await strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('fr');
    const res = await api().get('/api/i18n/locales');
    expect(res.status).toBe(200);
    expect(res.body.find((l: any) => l.isDefault).code).toBe('fr');
  });
});

describe('demo seed', () => {
  it('creates the content once, and a second run changes nothing', async () => {
    const { seedDemo } = seedModule();
    testClock.set('2026-11-23T10:00:00Z');
    const first = await seedDemo(strapi, demoData());
    expect(first.created).toMatchObject({ edition: 3, event: 1, session: 4, proposal: 4, speaker: 4, administration: 5 });
    const after = await snapshot();
    testClock.set('2026-12-01T10:00:00Z');
    const second = await seedDemo(strapi, demoData());
    expect(second.created).toEqual({});
    expect(await snapshot()).toEqual(after);
  });

  it('contains no real personal e-mail', async () => {
    const proposals = await strapi.db.query('api::proposal.proposal').findMany({});
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) expect(p.email).toMatch(/@example\.org$/);
  });
});
