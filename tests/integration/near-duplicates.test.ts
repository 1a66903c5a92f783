/**
 * Near-duplicate proposals on the editors' desk: flagged, never refused; editors only; on
 * PostgreSQL the abstracts' trigrams are pg_trgm's, with the same pairs and the same similarities
 * as the app's own trigrams.
 */
import { adminToken, adminTokenFor, api, createEdition, createProposal, submitProposal } from '../harness/factories';

const UID = 'api::proposal.proposal';
let editor: string;
let reviewer: string;
let edition: any;
let other: any;

const as = (token: string, req: any) => req.set('Authorization', `Bearer ${token}`);
const nearDuplicates = (token = editor, documentId = edition.documentId) => as(token, api().get(`/bluehats/editions/${documentId}/near-duplicates`));
const postgres = () => strapi.db.dialect.client === 'postgres';

const ABSTRACT =
  "Depuis 2021, la direction a migré la messagerie de trois ministères vers un logiciel libre. Nous racontons le déploiement, les difficultés rencontrées et ce que les agents en disent aujourd'hui.";

beforeAll(async () => {
  await adminToken();
  editor = await adminTokenFor('bluehats-editor', 'editrice.doublons@example.org');
  reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur.doublons@example.org');
  edition = await createEdition();
  other = await createEdition();
});

beforeEach(async () => {
  await strapi.db.query('api::notification.notification').deleteMany({});
  await strapi.db.query(UID).deleteMany({});
  testClock.set('2023-11-15T09:00:00.000Z');
});

const make = (data: Record<string, unknown>) => createProposal({ edition: edition.documentId, ...data });

describe('near-duplicate proposals', () => {
  it('are flagged to an editor: one person with close titles, close abstracts whoever sent them', async () => {
    const first = await make({ email: 'jeanne@example.org', speakerName: 'Jeanne Dupont', title: 'Migrer la messagerie vers le libre', abstract: ABSTRACT });
    // One person: the same address, a close title, another abstract.
    const again = await make({
      email: 'jeanne@example.org',
      speakerName: 'J. Dupont',
      title: 'Migrer la messagerie vers du libre',
      abstract: 'Un tout autre résumé, sur la formation des agents à la bureautique.',
    });
    // One person by name (another address), a close title.
    const byName = await make({
      email: 'j.dupont@example.org',
      speakerName: 'DUPONT Jeanne',
      title: 'Migrer la messagerie vers le libre !',
      abstract: 'Encore autre chose.',
    });
    // Another person, the same abstract but a comma.
    const copied = await make({ email: 'paul@example.org', speakerName: 'Paul Martin', title: 'Sans rapport', abstract: ABSTRACT.replace('. Nous', ', nous') });
    // Unrelated, and a withdrawn copy, and a copy in another edition: none of them flagged.
    await make({ email: 'lea@example.org', speakerName: 'Léa Bernard', title: 'Former les agents', abstract: 'Un catalogue de formations ouvertes.' });
    await make({
      email: 'jeanne@example.org',
      speakerName: 'Jeanne Dupont',
      title: 'Migrer la messagerie vers le libre',
      abstract: ABSTRACT,
      state: 'withdrawn',
    });
    await createProposal({
      edition: other.documentId,
      email: 'jeanne@example.org',
      speakerName: 'Jeanne Dupont',
      title: 'Migrer la messagerie vers le libre',
      abstract: ABSTRACT,
    });

    const res = await nearDuplicates();
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({ method: postgres() ? 'pg_trgm' : 'library', titleSimilarityMin: 0.8, abstractSimilarityMin: 0.6 });
    const seen = data.pairs.map((p: any) => [p.proposals[0].reference, p.proposals[1].reference, p.reasons.map((r: any) => r.code)]);
    expect(seen).toEqual([
      [first.reference, again.reference, ['same_person_close_titles']],
      [first.reference, byName.reference, ['same_person_close_titles']],
      [first.reference, copied.reference, ['similar_abstracts']],
      // `again` and `byName` share neither an address nor a name: not one person for the rule.
    ]);
    expect(data.pairs[2].reasons[0].label).toBe('Résumés très proches');
    expect(data.pairs[2].proposals[1]).toEqual({
      documentId: copied.documentId,
      reference: copied.reference,
      title: 'Sans rapport',
      speakerName: 'Paul Martin',
      stateLabel: 'Reçue',
    });
    expect(data.pairs[2].abstractSimilarity).toBeGreaterThan(0.9);
    expect(data.pairs[0].titleSimilarity).toBeGreaterThanOrEqual(0.8);
  });

  it('measure the abstracts as PostgreSQL does: the same pairs and similarities with pg_trgm or the app', async () => {
    const a = await make({ title: 'Un', abstract: "Le logiciel libre à la DINUM, retour d'expérience sur trois années de déploiement." });
    const b = await make({ title: 'Deux', abstract: 'Logiciel libre à la Dinum : un retour d’expérience sur trois ans de déploiement.' });
    await make({ title: 'Trois', abstract: 'Ouvrir les données des collectivités territoriales.' });
    const service = strapi.service('api::proposal.near-duplicates') as any;
    const library = await service.nearDuplicates(edition.documentId, { source: 'library' });
    const chosen = await service.nearDuplicates(edition.documentId);
    expect(library.method).toBe('library');
    expect(chosen.pairs).toEqual(library.pairs);
    expect(library.pairs).toHaveLength(1);
    if (!postgres()) return expect(chosen.method).toBe('library');
    expect(chosen.method).toBe('pg_trgm');
    const table = strapi.db.metadata.get(UID).tableName;
    const { rows } = await strapi.db.connection.raw(
      `select similarity(x.abstract, y.abstract) as s from ?? x, ?? y where x.document_id = ? and y.document_id = ?`,
      [table, table, a.documentId, b.documentId]
    );
    // pg_trgm answers a real (float4): the app's value is the same to its precision.
    expect(chosen.pairs[0].abstractSimilarity).toBeCloseTo(Number(rows[0].s), 6);
  });

  it('are never refused: a close title from the same address is received', async () => {
    await submitProposal(edition, 1, '10.61.0.1', { email: 'meme@example.org', title: 'Migrer la messagerie vers le libre' });
    await submitProposal(edition, 2, '10.61.0.2', { email: 'meme@example.org', title: 'Migrer la messagerie vers du libre' });
    const res = await nearDuplicates();
    expect(res.body.data.pairs).toHaveLength(1);
    expect(await strapi.db.query(UID).count({ where: { state: 'submitted' } })).toBe(2);
  });

  it('are not shown to a reviewer, who reads the dashboard', async () => {
    await make({ email: 'x@example.org', title: 'Titre identique' });
    await make({ email: 'x@example.org', title: 'Titre identique !' });
    expect((await as(reviewer, api().get(`/bluehats/editions/${edition.documentId}/dashboard`))).status).toBe(200);
    const refused = await nearDuplicates(reviewer);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ data: null, error: { status: 403, details: { code: 'NOT_ALLOWED' } } });
    expect(JSON.stringify(refused.body)).not.toContain('Titre identique');
    expect((await nearDuplicates(editor, 'nope')).status).toBe(404);
  });

  it('tell nothing of who proposed to a reader kept from identity by an anonymised review', async () => {
    // A role that decides but may not see who proposes: the Relecteur's rights and « Décider ».
    const reviewerRole = await strapi.db.query('admin::role').findOne({ where: { code: 'bluehats-reviewer' } });
    const permissions = await strapi.db.query('admin::permission').findMany({ where: { role: { id: reviewerRole.id } } });
    const role = await strapi.service('admin::role').create({ name: 'Relecteur qui décide', code: 'relecteur-decideur', description: 'Test' });
    await strapi
      .service('admin::role')
      .assignPermissions(role.id, [
        ...permissions.map((p: any) => ({ action: p.action, subject: p.subject, properties: p.properties, conditions: p.conditions })),
        { action: 'plugin::bluehats.proposals.decide', subject: null, properties: {}, conditions: [] },
      ]);
    const decider = await adminTokenFor('relecteur-decideur', 'relecteur.decideur@example.org');
    const anonymous = await createEdition({ anonymousReview: true });
    const put = (data: Record<string, unknown>) => createProposal({ edition: anonymous.documentId, ...data });
    const first = await put({ email: 'zoe.zorglub@example.org', speakerName: 'Zoé Zorglub', title: 'Migrer la messagerie vers le libre', abstract: ABSTRACT });
    const again = await put({
      email: 'zoe.zorglub@example.org',
      speakerName: 'Zoé Zorglub',
      title: 'Migrer la messagerie vers du libre',
      abstract: 'Autre chose.',
    });
    const copied = await put({ email: 'paul.zorglub@example.org', speakerName: 'Paul Zorglub', title: 'Sans rapport', abstract: ABSTRACT });
    const pairsOf = (body: any) => body.data.pairs.map((p: any) => [p.proposals[0].reference, p.proposals[1].reference, p.reasons.map((r: any) => r.code)]);

    const hidden = await nearDuplicates(decider, anonymous.documentId);
    expect(hidden.status).toBe(200);
    expect(hidden.body.data.samePersonLeftOut).toBe(true);
    expect(pairsOf(hidden.body)).toEqual([[first.reference, copied.reference, ['similar_abstracts']]]);
    expect(hidden.body.data.pairs[0].titleSimilarity).toBeNull();
    expect(hidden.body.data.pairs[0].proposals.map((p: any) => p.speakerName)).toEqual(['', '']);
    expect(JSON.stringify(hidden.body)).not.toMatch(/zorglub|zoé|paul/i);

    // The same role sees everything in an edition whose review is not anonymous; an Éditeur, always.
    const seen = await nearDuplicates(editor, anonymous.documentId);
    expect(seen.body.data.samePersonLeftOut).toBe(false);
    expect(seen.body.data.abstractPairsCapped).toBe(false);
    expect(pairsOf(seen.body)).toEqual([
      [first.reference, again.reference, ['same_person_close_titles']],
      [first.reference, copied.reference, ['similar_abstracts']],
    ]);
    await strapi.db.query('api::edition.edition').updateMany({ where: { documentId: anonymous.documentId }, data: { anonymousReview: false } });
    const open = await nearDuplicates(decider, anonymous.documentId);
    expect(open.body.data.samePersonLeftOut).toBe(false);
    expect(pairsOf(open.body)).toHaveLength(2);
    expect(JSON.stringify(open.body)).toContain('Zoé Zorglub');
  });
});
