/**
 * Scored review through the admin API as reviewers and editors use it (desk routes, admin JWT), on
 * the injected clock: the edition's criteria, sheets checked, the others' sheets hidden until one's
 * own, editors seeing all, sheets open until the response date's last minute, « Répartir les
 * propositions » (conflicts, balance, re-run after a reviewer joins), the ranking, the CSV columns,
 * and who may do what. No route here names the proposer.
 */
import { adminToken, adminTokenFor, api, createEdition, createProposal } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const REVIEW = 'api::review.review';
const REVIEWER = 'api::reviewer.reviewer';
const CRITERION = 'api::review-criterion.review-criterion';
const RESPONSE = '2023-11-26T23:00:00.000Z'; // 27 Nov 00:00 Paris: sheets open until 00:00:59.999

let editor: string;
let reviewerA: string;
let reviewerB: string;
let edition: any;
let n = 0;

const as = (token: string, req: any) => req.set('Authorization', `Bearer ${token}`);
const desk = (method: 'get' | 'post' | 'put', path: string, token: string) => as(token, api()[method](`/bluehats${path}`));
const panel = (documentId: string, token: string) => desk('get', `/proposals/${documentId}/reviews`, token);
const scoreAs = (documentId: string, token: string, body: Record<string, unknown>) => desk('put', `/proposals/${documentId}/review`, token).send(body);
const assign = (perProposal: unknown, token = editor, target = edition) =>
  desk('post', `/editions/${target.documentId}/assign-reviewers`, token).send({ perProposal });
const ranking = (token: string, target = edition) => desk('get', `/editions/${target.documentId}/ranking`, token);
const userId = async (email: string) => (await strapi.db.query('admin::user').findOne({ where: { email } })).id as number;
const registerReviewer = async (email: string, administrationName: string | null) =>
  strapi.db.query(REVIEWER).create({ data: { user: await userId(email), administrationName, active: true } });

/** A proposal as proposers send them, with an identity no review answer may show. */
const proposal = (data: Record<string, unknown> = {}) =>
  createProposal({
    edition: edition.documentId,
    speakerName: `Camille Identifiable ${++n}`,
    email: `camille.identifiable${n}@exemple.gouv.fr`,
    administrationName: 'Ministère Secret',
    jobTitle: 'Cheffe de bureau confidentielle',
    title: `Retour d'expérience ${n}`,
    abstract: 'Un déploiement réussi de logiciel libre.',
    preferredDay: '2023-12-07',
    ...data,
  });

/** The edition's criteria, ids by position: [intérêt (2), retour d'expérience (2), clarté (1)]. */
async function criteria(token = editor, documentId?: string): Promise<Array<{ documentId: string; label: string; weight: number }>> {
  const p = documentId ?? (await proposal()).documentId;
  return (await panel(p, token)).body.data.criteria;
}
const sheet = (ids: string[], values: number[], comment?: string) => ({
  scores: Object.fromEntries(ids.map((id, i) => [id, values[i]])),
  ...(comment ? { comment } : {}),
});

beforeAll(async () => {
  await adminToken();
  editor = await adminTokenFor('bluehats-editor', 'editrice.relecture@example.org');
  reviewerA = await adminTokenFor('bluehats-reviewer', 'relecteur.a@example.org');
  reviewerB = await adminTokenFor('bluehats-reviewer', 'relecteur.b@example.org');
  edition = await createEdition({ title: 'Journées #BlueHats 2023 — relecture', responseDate: RESPONSE });
});

beforeEach(async () => {
  await strapi.db.query(REVIEW).deleteMany({});
  await strapi.db.query(REVIEWER).deleteMany({});
  await strapi.db.query(PROPOSAL).deleteMany({});
  testClock.set('2023-11-22T09:00:00.000Z');
});

describe('criteria', () => {
  it('an edition without criteria gets the call’s three, weighted 2, 2, 1, once', async () => {
    const p = await proposal();
    const [first, second] = await Promise.all([panel(p.documentId, reviewerA), panel(p.documentId, reviewerB)]);
    expect(first.status).toBe(200);
    expect(first.body.data.criteria.map((c: any) => [c.label, c.weight])).toEqual([
      ['Intérêt pour les agents publics', 2],
      ['Retour d’expérience concret', 2],
      ['Clarté', 1],
    ]);
    expect(second.body.data.criteria.map((c: any) => c.documentId)).toEqual(first.body.data.criteria.map((c: any) => c.documentId));
    expect(await strapi.db.query(CRITERION).count({ where: { edition: { documentId: edition.documentId } } })).toBe(3);
  });

  it('« Dupliquer pour l’an prochain » copies them', async () => {
    const source = await createEdition({ title: 'Journées #BlueHats 2031', year: 2031, responseDate: RESPONSE });
    await strapi.documents(CRITERION).create({ data: { label: 'Sobriété', weight: 3, position: 1, edition: source.documentId } as any });
    const res = await desk('post', `/editions/${source.documentId}/duplicate`, editor);
    expect(res.status).toBe(201);
    const copied = await strapi.db.query(CRITERION).findMany({ where: { edition: { documentId: res.body.data.documentId } } });
    expect(copied.map((c: any) => [c.label, c.weight, c.position])).toEqual([['Sobriété', 3, 1]]);
  });
});

describe('a sheet', () => {
  it('scores every criterion with a whole number from 1 to 5, refused otherwise, in French and English', async () => {
    const p = await proposal();
    const ids = (await criteria(reviewerA, p.documentId)).map((c) => c.documentId);
    const cases: Array<[Record<string, unknown>, string]> = [
      [sheet(ids.slice(0, 2), [3, 3]), 'SCORE_MISSING'],
      [sheet(ids, [0, 3, 3]), 'SCORE_OUT_OF_RANGE'],
      [sheet(ids, [6, 3, 3]), 'SCORE_OUT_OF_RANGE'],
      [sheet(ids, [2.5, 3, 3]), 'SCORE_OUT_OF_RANGE'],
      [sheet(ids, ['3', 3, 3]), 'SCORE_OUT_OF_RANGE'],
      [{ scores: { ...sheet(ids, [3, 3, 3]).scores, inconnu: 4 } }, 'UNKNOWN_CRITERION'],
      [{ ...sheet(ids, [3, 3, 3]), comment: 'x'.repeat(2001) }, 'COMMENT_TOO_LONG'],
      [{ scores: [3, 3, 3] }, 'SCORES_REQUIRED'],
      [{}, 'SCORES_REQUIRED'],
    ];
    for (const [body, code] of cases) {
      const res = await scoreAs(p.documentId, reviewerA, body);
      expect({ code, status: res.status }).toEqual({ code, status: 400 });
      expect(res.body.error.details.errors.map((e: any) => e.code)).toContain(code);
    }
    const english = await scoreAs(p.documentId, reviewerA, sheet(ids, [9, 3, 3])).set('Accept-Language', 'en');
    expect(english.body.error.message).toBe('The score of "Interest for public servants" must be a whole number from 1 to 5.');
    expect(await strapi.db.query(REVIEW).count({})).toBe(0);

    const ok = await scoreAs(p.documentId, reviewerA, { ...sheet(ids, [5, 4, 1]), comment: 'x'.repeat(2000) });
    expect(ok.status).toBe(200);
    // (2×5 + 2×4 + 1×1) / 5 = 3.8
    expect(ok.body.data.mine).toMatchObject({ scores: sheet(ids, [5, 4, 1]).scores, weightedMean: 3.8 });
  });

  it('may change until the last millisecond of the response date’s minute, not after (REVIEW_CLOSED, 403)', async () => {
    const p = await proposal();
    const ids = (await criteria(reviewerA, p.documentId)).map((c) => c.documentId);
    testClock.set('2023-11-26T23:00:59.999Z');
    expect((await scoreAs(p.documentId, reviewerA, sheet(ids, [3, 3, 3]))).status).toBe(200);
    expect((await scoreAs(p.documentId, reviewerA, sheet(ids, [4, 4, 4]))).status).toBe(200);
    testClock.set('2023-11-26T23:01:00.000Z');
    const late = await scoreAs(p.documentId, reviewerA, sheet(ids, [1, 1, 1]));
    expect(late.status).toBe(403);
    expect(late.body.error).toMatchObject({ name: 'ForbiddenError', details: { code: 'REVIEW_CLOSED', closedFrom: '2023-11-26T23:01:00.000Z' } });
    expect(late.body.error.message).toBe(
      'La relecture est close : les notes pouvaient être données ou changées jusqu’à la date de réponse, le 27 novembre 2023 à 0 h 00 (heure de Paris).'
    );
    const english = await scoreAs(p.documentId, reviewerA, sheet(ids, [1, 1, 1])).set('Accept-Language', 'en');
    expect(english.body.error.message).toMatch(/^Review is closed: scores could be given or changed until the response date, 27 November 2023 at 00:00/);
    const row = await strapi.db.query(REVIEW).findOne({ where: { proposal: { id: p.id } } });
    expect(row.scores).toEqual(sheet(ids, [4, 4, 4]).scores);
    expect((await panel(p.documentId, reviewerA)).body.data).toMatchObject({ open: false, closesAtText: '27 novembre 2023 à 0 h 00 (heure de Paris)' });
  });

  it('is one row per proposal and reviewer, whatever arrives at once', async () => {
    const p = await proposal();
    const ids = (await criteria(reviewerA, p.documentId)).map((c) => c.documentId);
    await registerReviewer('relecteur.a@example.org', null);
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => scoreAs(p.documentId, reviewerA, sheet(ids, [1 + (i % 5), 3, 3]))),
      assign(1),
      assign(1),
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await strapi.db.query(REVIEW).count({ where: { proposal: { id: p.id } } })).toBe(1);
  });

  it('loses its comment, not its scores, when the proposal is anonymised; goes with a deleted one', async () => {
    const kept = await proposal({ state: 'rejected', decisionReleasedAt: '2023-11-21T09:00:00.000Z', communicatedState: 'rejected' });
    const gone = await proposal();
    const ids = (await criteria(reviewerA, kept.documentId)).map((c) => c.documentId);
    for (const p of [kept, gone]) await scoreAs(p.documentId, reviewerA, sheet(ids, [4, 4, 4], 'Camille Identifiable parle très bien.'));
    const erase = (id: number) => strapi.service('api::proposal.personal-data').erase(id, 'editor_request');
    expect((await erase(kept.id)).outcome).toBe('anonymise');
    expect((await erase(gone.id)).outcome).toBe('delete');
    expect(await strapi.db.query(REVIEW).findMany({ where: { proposal: { id: kept.id } } })).toEqual([
      expect.objectContaining({ comment: null, scores: sheet(ids, [4, 4, 4]).scores }),
    ]);
    expect(await strapi.db.query(REVIEW).count({})).toBe(1);
  });

  it('is refused on a withdrawn proposal, and on an unknown one', async () => {
    const p = await proposal({ state: 'withdrawn' });
    const ids = (await criteria(reviewerA, p.documentId)).map((c) => c.documentId);
    const res = await scoreAs(p.documentId, reviewerA, sheet(ids, [3, 3, 3]));
    expect(res.status).toBe(409);
    expect(res.body.error.details.code).toBe('REVIEW_NOT_REVIEWABLE');
    expect((await scoreAs('inconnue', reviewerA, sheet(ids, [3, 3, 3]))).body.error.details.code).toBe('PROPOSAL_NOT_FOUND');
  });
});

describe('conflicts', () => {
  const refused = async (documentId: string, token: string, conflict: string) => {
    const ids = (await panel(documentId, token)).body.data.criteria.map((c: any) => c.documentId);
    const res = await scoreAs(documentId, token, sheet(ids, [5, 5, 5]));
    expect(res.status).toBe(403);
    expect(res.body.error.details).toMatchObject({ code: 'REVIEW_CONFLICT', conflict });
    return res;
  };

  it('nobody scores a proposal from their own administration, in the panel and through the route', async () => {
    await registerReviewer('relecteur.a@example.org', 'ministère  secret');
    const p = await proposal();
    const view = (await panel(p.documentId, reviewerA)).body.data;
    expect(view).toMatchObject({ open: false, conflict: 'Cette proposition vient de votre administration : vous ne pouvez pas la noter.' });
    const res = await refused(p.documentId, reviewerA, 'own-administration');
    expect(res.body.error.message).toBe('Cette proposition vient de votre administration : vous ne pouvez pas la noter.');
    const english = await scoreAs(p.documentId, reviewerA, { scores: {} }).set('Accept-Language', 'en');
    expect(english.body.error.message).toBe('This proposal comes from your administration: you cannot score it.');
    // Another reviewer, of another administration (or none), scores it.
    expect((await panel(p.documentId, reviewerB)).body.data).toMatchObject({ open: true, conflict: null });
    expect(await strapi.db.query(REVIEW).count({})).toBe(0);
  });

  it('nobody scores a proposal they speak in: as its proposer or as a co-speaker', async () => {
    const own = await proposal({ email: 'Relecteur.A@example.org', administrationName: 'Une autre administration' });
    await refused(own.documentId, reviewerA, 'own-proposal');
    const named = await proposal();
    await strapi.db
      .query('api::co-speaker.co-speaker')
      .create({ data: { proposal: named.id, name: 'Relecteur B', email: 'relecteur.b@example.org', administrationName: 'Ailleurs', state: 'invited' } });
    await refused(named.documentId, reviewerB, 'own-proposal');
    expect((await panel(named.documentId, reviewerA)).body.data.conflict).toBeNull();
    expect(await strapi.db.query(REVIEW).count({})).toBe(0);
    await strapi.db.query('api::co-speaker.co-speaker').deleteMany({});
  });
});

describe('who sees whose scores', () => {
  it('a reviewer sees the others’ sheets once they scored the proposal; an editor sees all at once', async () => {
    const p = await proposal();
    const ids = (await criteria(reviewerA, p.documentId)).map((c) => c.documentId);
    await scoreAs(p.documentId, reviewerA, sheet(ids, [5, 5, 5], 'Excellent retour.'));

    const before = (await panel(p.documentId, reviewerB)).body.data;
    expect(before).toMatchObject({ othersVisible: false, others: [], summary: null, mine: null });
    expect(JSON.stringify(before)).not.toContain('Excellent retour.');
    const hiddenRanking = (await ranking(reviewerB)).body.data.rows.find((r: any) => r.documentId === p.documentId);
    expect(hiddenRanking).toMatchObject({ hidden: true, weightedMean: null, spread: null, criterionMeans: {}, reviews: 1, assigned: 1 });

    const editorView = (await panel(p.documentId, editor)).body.data;
    expect(editorView).toMatchObject({ othersVisible: true, summary: { weightedMean: 5, spread: 0, reviews: 1, assigned: 1 } });
    expect(editorView.others).toEqual([expect.objectContaining({ reviewer: 'Agent bluehats-reviewer', comment: 'Excellent retour.', weightedMean: 5 })]);

    const after = (await scoreAs(p.documentId, reviewerB, sheet(ids, [1, 1, 1]))).body.data;
    expect(after.othersVisible).toBe(true);
    expect(after.others.map((o: any) => o.comment)).toEqual(['Excellent retour.']);
    // Means 5 and 1: mean 3, population standard deviation 2.
    expect(after.summary).toEqual({ weightedMean: 3, spread: 2, reviews: 2, assigned: 2 });
    const shown = (await ranking(reviewerB)).body.data.rows.find((r: any) => r.documentId === p.documentId);
    expect(shown).toMatchObject({ hidden: false, weightedMean: 3, spread: 2, mine: 'scored' });
  });

  it('no review route names the proposer, for a reviewer nor for an editor', async () => {
    const p = await proposal();
    const ids = (await criteria(reviewerA, p.documentId)).map((c) => c.documentId);
    await registerReviewer('relecteur.a@example.org', 'DINUM');
    for (const token of [reviewerA, editor]) {
      const answers = [await panel(p.documentId, token), await scoreAs(p.documentId, token, sheet(ids, [3, 3, 3])), await ranking(token)];
      for (const res of answers) {
        expect(res.status).toBe(200);
        const text = JSON.stringify(res.body);
        for (const secret of ['Camille Identifiable', 'camille.identifiable', 'Ministère Secret', 'Cheffe de bureau']) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/"(speakerName|email|administrationName|jobTitle|administration)"/);
      }
    }
  });
});

describe('« Répartir les propositions »', () => {
  it('gives each proposal k reviewers outside its administration, loads even, only adds on a re-run, and uses a newcomer', async () => {
    await adminTokenFor('bluehats-reviewer', 'relecteur.c@example.org');
    await registerReviewer('relecteur.a@example.org', 'DINUM');
    await registerReviewer('relecteur.b@example.org', 'Ville de Paris');
    await registerReviewer('relecteur.c@example.org', null);
    const own = await proposal({ administrationName: 'dinum' });
    for (let i = 0; i < 5; i++) await proposal({ administrationName: `Administration ${i}` });
    await proposal({ state: 'withdrawn' });

    const first = await assign(2);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ perProposal: 2, proposals: 6, reviewers: 3, added: 12, shortfalls: [], conflicts: [] });
    expect(first.body.data.message).toBe('12 relectures ajoutées pour 6 propositions et 3 relecteurs (2 par proposition).');
    const rows = await strapi.db.query(REVIEW).findMany({ populate: { reviewer: true, proposal: true } });
    const loads = first.body.data.loads.map((l: any) => l.total);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(rows.filter((r: any) => r.proposal.documentId === own.documentId).map((r: any) => r.reviewer.email)).not.toContain('relecteur.a@example.org');
    expect(rows.every((r: any) => r.proposal.state !== 'withdrawn' && r.assignedAt && r.assignedBy)).toBe(true);

    const again = await assign(2);
    expect(again.body.data.added).toBe(0);
    expect(await strapi.db.query(REVIEW).count({})).toBe(12);

    await adminTokenFor('bluehats-reviewer', 'relecteur.d@example.org');
    await registerReviewer('relecteur.d@example.org', 'Région Bretagne');
    const more = await assign(3);
    expect(more.body.data.added).toBe(6);
    const byReviewer = await strapi.db.query(REVIEW).findMany({ populate: { reviewer: true } });
    const count = (email: string) => byReviewer.filter((r: any) => r.reviewer.email === email).length;
    // 18 reviews over 4 reviewers: the newcomer took new work, nobody holds two more than another.
    expect(count('relecteur.d@example.org')).toBeGreaterThanOrEqual(4);
    const totals = ['a', 'b', 'c', 'd'].map((x) => count(`relecteur.${x}@example.org`));
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
  });

  it('says what is missing, in French, when the pool is too small or in conflict', async () => {
    await registerReviewer('relecteur.a@example.org', 'DINUM');
    const p = await proposal({ administrationName: 'DINUM' });
    const res = await assign(2);
    expect(res.body.data.shortfalls).toEqual([
      {
        documentId: p.documentId,
        reference: p.reference,
        title: p.title,
        missing: 2,
        reason: '0 relecteur seulement hors de l’administration « DINUM » pour 2 demandés : il en manque 2.',
      },
    ]);
    await strapi.db.query(REVIEWER).deleteMany({});
    const none = await assign(1);
    expect(none.body.data.message).toMatch(/^Aucun relecteur actif/);
    expect(none.body.data.shortfalls[0].reason).toBe('Aucun relecteur n’est désigné pour cette édition.');
  });

  it('refuses a k that is not a whole number from 1 to 10', async () => {
    for (const k of [0, 11, 1.5, '2', null]) {
      const res = await assign(k);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].code).toBe('PER_PROPOSAL_INVALID');
    }
  });

  it('ignores a reviewer whose account may not review, or who is marked inactive', async () => {
    await adminTokenFor('strapi-author', 'auteur.relecture@example.org');
    await registerReviewer('auteur.relecture@example.org', null);
    await strapi.db.query(REVIEWER).create({ data: { user: await userId('relecteur.b@example.org'), administrationName: null, active: false } });
    await proposal();
    const res = await assign(1);
    expect(res.body.data).toMatchObject({ reviewers: 0, added: 0 });
  });
});

describe('the ranking and the CSV', () => {
  it('puts the unreviewed first, then the best weighted mean; the CSV has the figures per criterion', async () => {
    const [low, high, none] = [await proposal(), await proposal(), await proposal()];
    const ids = (await criteria(reviewerA, low.documentId)).map((c) => c.documentId);
    await scoreAs(low.documentId, reviewerA, sheet(ids, [2, 2, 2]));
    await scoreAs(high.documentId, reviewerA, sheet(ids, [5, 4, 3]));
    await scoreAs(high.documentId, reviewerB, sheet(ids, [4, 4, 4]));
    const res = await ranking(editor);
    expect(res.body.data.rows.map((r: any) => r.documentId)).toEqual([none.documentId, high.documentId, low.documentId]);
    // A: (10 + 8 + 3) / 5 = 4.2; B: 4. Mean 4.1, spread 0.1.
    expect(res.body.data.rows[1]).toMatchObject({
      weightedMean: 4.1,
      spread: 0.1,
      reviews: 2,
      assigned: 2,
      criterionMeans: { [ids[0]]: 4.5, [ids[1]]: 4, [ids[2]]: 3.5 },
    });
    const service = await strapi.service('api::review.review').ranking(edition.documentId);
    expect(service[0]).toEqual({ documentId: none.documentId, weightedMean: null, spread: null, reviews: 0, assigned: 0 });

    const csv = await as(editor, api().get(`/bluehats/editions/${edition.documentId}/proposals.csv`));
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain(
      '"Notes internes";"Moyenne pondérée";"Écart type";"Relectures";"Relecteurs assignés";"Moyenne « Intérêt pour les agents publics »";"Moyenne « Retour d’expérience concret »";"Moyenne « Clarté »"'
    );
    const highLine = lines.find((l: string) => l.includes(high.reference))!;
    expect(highLine.endsWith('"4,1";"0,1";"2";"2";"4,5";"4";"3,5"')).toBe(true);
    const noneLine = lines.find((l: string) => l.includes(none.reference))!;
    expect(noneLine.endsWith('"";"";"0";"0";"";"";""')).toBe(true);

    // A role that exports and reviews but may not decide reads the figures of what it scored only.
    const roles = strapi.service('admin::role');
    const role = await roles.create({ name: 'Relecteur qui exporte', code: 'relecteur-qui-exporte', description: 'Test' });
    await roles.assignPermissions(role.id, [
      { action: 'plugin::bluehats.proposals.export', subject: null, properties: {}, conditions: [] },
      { action: 'plugin::bluehats.reviews.score', subject: null, properties: {}, conditions: [] },
    ]);
    const exporter = await adminTokenFor('relecteur-qui-exporte', 'relecteur.exporte@example.org');
    await scoreAs(low.documentId, exporter, sheet(ids, [3, 3, 3]));
    const own = (await as(exporter, api().get(`/bluehats/editions/${edition.documentId}/proposals.csv`))).text.split('\r\n');
    expect(own.find((l: string) => l.includes(high.reference))!.endsWith('"";"";"2";"2";"";"";""')).toBe(true);
    expect(own.find((l: string) => l.includes(low.reference))!.endsWith('"2,5";"0,5";"2";"2";"2,5";"2,5";"2,5"')).toBe(true);
  });
});

describe('who may do what', () => {
  it('a Relecteur may not assign; the stock Author and Editor may neither score nor read a panel', async () => {
    const p = await proposal();
    const refused = await assign(2, reviewerA);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('NOT_ALLOWED');
    for (const role of ['strapi-author', 'strapi-editor']) {
      const token = await adminTokenFor(role, `${role}.relecture@example.org`);
      expect((await panel(p.documentId, token)).status).toBe(403);
      expect((await scoreAs(p.documentId, token, { scores: {} })).status).toBe(403);
      expect((await ranking(token)).status).toBe(403);
    }
    expect(await strapi.db.query(REVIEW).count({})).toBe(0);
  });

  it('a Relecteur reads the criteria but not the reviews in the content manager; an Éditeur reads reviews, never writes them', async () => {
    await criteria(reviewerA);
    const cm = (token: string, uid: string) => as(token, api().get(`/content-manager/collection-types/${uid}`));
    expect((await cm(reviewerA, CRITERION)).status).toBe(200);
    expect((await cm(reviewerA, REVIEW)).status).toBe(403);
    expect((await cm(editor, REVIEW)).status).toBe(200);
    const created = await as(editor, api().post(`/content-manager/collection-types/${REVIEW}`)).send({ comment: 'fait main' });
    expect(created.status).toBe(403);
  });
});
