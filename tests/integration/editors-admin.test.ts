/** The editors' admin: roles, French, layouts, the dashboard, the CSV export, duplication. */
import path from 'path';
import { adminToken, adminTokenFor, api, createEdition, createProposal } from '../harness/factories';

let superToken: string;
let edition: any;

const rolesModule = () => require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'plugins', 'bluehats', 'server', 'src', 'roles.js'));

beforeAll(async () => {
  superToken = await adminToken();
  testClock.set('2023-11-15T09:00:00.000Z');
  edition = await createEdition({ slug: 'bluehats-2023', title: 'Journées #BlueHats 2023', year: 2023 });
  const dinum = await strapi.documents('api::administration.administration').create({ data: { name: 'DINUM test', kind: 'ministry' } as any });
  await createProposal({
    edition: edition.documentId,
    preferredDay: '2023-12-06',
    requestedDuration: 20,
    state: 'submitted',
    administration: dinum.documentId,
    title: '=HYPERLIEN("x")',
  });
  await createProposal({ edition: edition.documentId, preferredDay: null, requestedDuration: 10, state: 'submitted' });
  const accepted = await createProposal({ edition: edition.documentId, preferredDay: '2023-12-07', requestedDuration: 30, state: 'submitted' });
  await strapi.documents('api::proposal.proposal').update({ documentId: accepted.documentId, data: { state: 'accepted' } as any });
});

describe('roles', () => {
  it('are set by the bootstrap, idempotently', async () => {
    const count = () => strapi.db.query('admin::permission').count({});
    const before = await count();
    await rolesModule().ensureAdminRoles(strapi);
    await rolesModule().ensureAdminRoles(strapi);
    expect(await count()).toBe(before);
    const roles = await strapi.db.query('admin::role').findMany({ where: { code: { $in: ['bluehats-editor', 'bluehats-reviewer'] } } });
    expect(roles.map((r: any) => r.name).sort()).toEqual(['Relecteur', 'Éditeur']);
  });

  it('let a reviewer read proposals and write notes, but not decide nor edit content', async () => {
    const token = await adminTokenFor('bluehats-reviewer', 'relecteur@example.org');
    const cm = (method: 'get' | 'put' | 'post', p: string) => api()[method](`/content-manager/collection-types/${p}`).set('Authorization', `Bearer ${token}`);
    const list = await cm('get', 'api::proposal.proposal');
    expect(list.status).toBe(200);
    expect(list.body.results).toHaveLength(3);
    const target = list.body.results.find((p: any) => p.state === 'submitted');
    const update = await cm('put', `api::proposal.proposal/${target.documentId}`).send({
      reviewerNotes: 'Sujet solide.',
      state: 'rejected',
      title: 'Autre titre',
    });
    expect(update.status).toBe(200);
    const stored = await strapi.db.query('api::proposal.proposal').findOne({ where: { documentId: target.documentId } });
    expect(stored).toMatchObject({ reviewerNotes: 'Sujet solide.', state: 'submitted' });
    expect(stored.title).not.toBe('Autre titre');
    expect((await cm('post', 'api::edition.edition').send({ title: 'x', slug: 'x', year: 2030 })).status).toBe(403);
    const release = await api().post(`/bluehats/editions/${edition.documentId}/release-decisions`).set('Authorization', `Bearer ${token}`);
    expect(release.status).toBe(403);
  });

  it('let an editor decide and release', async () => {
    const token = await adminTokenFor('bluehats-editor', 'editrice@example.org');
    const release = await api()
      .post(`/bluehats/editions/${edition.documentId}/release-decisions`)
      .set('Authorization', `Bearer ${token}`)
      .send({ confirm: true, expected: 1 });
    expect(release.status).toBe(200);
    expect(release.body.data.released).toBe(1);
    const dashboard = await api().get(`/bluehats/editions/${edition.documentId}/dashboard`).set('Authorization', `Bearer ${token}`);
    expect(dashboard.status).toBe(200);
  });

  it('give new admins the French interface', async () => {
    const user = await strapi.db.query('admin::user').findOne({ where: { email: 'editrice@example.org' } });
    expect(user.preferedLanguage).toBe('fr');
  });
});

describe('layouts set by the project', () => {
  const configuration = async (uid: string) =>
    (await api().get(`/content-manager/content-types/${uid}/configuration`).set('Authorization', `Bearer ${superToken}`)).body.data.contentType;

  it('list proposals by reference, title, edition, administration, duration, state and date, newest first', async () => {
    const config = await configuration('api::proposal.proposal');
    expect(config.layouts.list).toEqual(['reference', 'title', 'edition', 'administrationName', 'requestedDuration', 'state', 'submittedAt']);
    // Short column titles, so that the duration and the date stay on screen at 1440 px.
    expect(config.metadatas.requestedDuration.list.label).toBe('Durée (min)');
    expect(config.metadatas.requestedDuration.edit.label).toBe('Durée souhaitée (min)');
    expect(config.settings).toMatchObject({ defaultSortBy: 'submittedAt', defaultSortOrder: 'DESC' });
    expect(config.metadatas.state.edit.label).toBe('État');
    expect(config.metadatas.reviewerNotes.edit.description).toMatch(/Notes internes/);
  });

  it('label the fields of components in French too', async () => {
    const res = await api().get('/content-manager/components/edition.day/configuration').set('Authorization', `Bearer ${superToken}`);
    expect(res.status).toBe(200);
    expect(res.body.data.component.metadatas.startTime.edit.label).toBe('Début (heure locale)');
  });

  it('list sessions by start', async () => {
    expect((await configuration('api::session.session')).settings).toMatchObject({ defaultSortBy: 'startsAt', defaultSortOrder: 'ASC' });
  });

  it('lay the edition out section by section', async () => {
    const config = await configuration('api::edition.edition');
    const order = config.layouts.edit.flat().map((f: any) => f.name);
    const index = (name: string) => order.indexOf(name);
    expect(index('title')).toBeLessThan(index('venue'));
    expect(index('venue')).toBeLessThan(index('days'));
    expect(index('days')).toBeLessThan(index('cfpOpensAt'));
    expect(index('programPublicationDate')).toBeLessThan(index('minDurationMinutes'));
    expect(config.metadatas.cfpClosesAt.edit.label).toBe("Clôture de l'appel (minute incluse)");
  });
});

describe('editor actions', () => {
  const get = (p: string) => api().get(`/bluehats${p}`).set('Authorization', `Bearer ${superToken}`);

  it('the dashboard shows the call, the counts, the minutes and the undecided', async () => {
    const res = await get(`/editions/${edition.documentId}/dashboard`);
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.callForProposals).toMatchObject({ state: 'open', closesAt: { text: '20 novembre 2023 à 23 h 59 (heure de Paris)' } });
    expect(d.total).toBe(3);
    expect(d.byState.find((s: any) => s.state === 'submitted').count).toBe(2);
    expect(d.byState.find((s: any) => s.state === 'accepted').count).toBe(1);
    expect(d.byPreferredDay.map((x: any) => x.count)).toEqual([1, 1, 1]);
    expect(d.byAdministrationKind).toEqual(expect.arrayContaining([{ kind: 'ministry', label: 'Ministère', count: 1 }]));
    expect(d.minutes).toEqual({ requested: 60, accepted: 30, available: 360 });
    expect(d.undecided).toMatchObject({ count: 2, responseDate: { beforeResponseDate: true } });
    expect(d.webhookFailures).toEqual([]);
    const editions = await get('/editions');
    expect(editions.body.data.map((e: any) => e.documentId)).toContain(edition.documentId);
  });

  it('exports the proposals as CSV for spreadsheets: BOM, French headers, formulas neutralised', async () => {
    const res = await get(`/editions/${edition.documentId}/proposals.csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="propositions-bluehats-2023-2023-11-15.csv"');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      '"Édition";"Référence";"Titre";"Intervenant";"Courriel";"Administration";"Nature";"Fonction";"Jour préféré";"Durée (min)";"État";"Décision communiquée";"Reçue le";"Décidée le";"Notes internes";' +
        // The review's columns, one mean per criterion of the edition (its defaults here).
        '"Moyenne pondérée";"Écart type";"Relectures";"Relecteurs assignés";"Moyenne « Intérêt pour les agents publics »";"Moyenne « Retour d’expérience concret »";"Moyenne « Clarté »"'
    );
    expect(lines).toHaveLength(4);
    expect(body.toString('utf8')).toContain(`"'=HYPERLIEN(""x"")"`);
    expect(body.toString('utf8')).toContain('"06/12/2023"');
  });

  it('duplicates an edition as next year: settings, days moved by 52 weeks, no proposals', async () => {
    const res = await api().post(`/bluehats/editions/${edition.documentId}/duplicate`).set('Authorization', `Bearer ${superToken}`);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ slug: 'bluehats-2024', year: 2024, title: 'Journées #BlueHats 2024' });
    const copy = await strapi.documents('api::edition.edition').findOne({ documentId: res.body.data.documentId, locale: 'fr', populate: { days: true } });
    expect(copy).toMatchObject({ cfpClosesAt: '2024-11-18T22:59:00.000Z', minDurationMinutes: 5, maxDurationMinutes: 30, publishedAt: null });
    expect((copy as any).days.map((d: any) => d.date)).toEqual(['2024-12-04', '2024-12-05']);
    expect(await strapi.db.query('api::proposal.proposal').count({ where: { edition: { documentId: res.body.data.documentId } } })).toBe(0);
    const again = await api().post(`/bluehats/editions/${edition.documentId}/duplicate`).set('Authorization', `Bearer ${superToken}`);
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ code: 'EDITION_ALREADY_EXISTS', documentId: res.body.data.documentId });
  });
});
