/** HTTP in, one service call, HTTP out; the desk's rules live in the app's services. */
import type { Context } from 'koa';
import { Problem, sendProblem } from '../../../../../http/problem';
import { releaserName, requestOrigin, reviewViewer } from '../../../../../access/request-origin';
import { getService } from '../../../../../services';

const releaseNotConfirmed = () =>
  new Problem(
    400,
    'ValidationError',
    'RELEASE_NOT_CONFIRMED',
    'Communiquer les décisions ne se défait pas : confirmez avec {"confirm": true, "expected": <nombre de courriels de l\'aperçu>} (GET …/release-preview).',
    'Releasing decisions cannot be undone: confirm with {"confirm": true, "expected": <number of mails in the preview>} (GET …/release-preview).'
  );

async function answer(ctx: Context, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    sendProblem(ctx, error);
  }
}

export default () => {
  const editorial = () => getService('editorial');
  const decisions = () => getService('decisions');
  const rebuilds = () => getService('rebuildDeliveries');
  const editorName = () => releaserName(requestOrigin(strapi));

  return {
    home: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await editorial().home() };
      }),
    editions: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await editorial().editions() };
      }),
    dashboard: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await editorial().dashboard(ctx.params.documentId) };
      }),
    undecided: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await decisions().undecided() };
      }),
    proposalsCsv: (ctx: Context) =>
      answer(ctx, async () => {
        const { filename, body } = await editorial().proposalsCsv(ctx.params.documentId, editorName());
        ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = body;
      }),
    releasePreview: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await decisions().releasePreview(ctx.params.documentId) };
      }),
    /** Irreversible: only with `{confirm: true, expected}`, `expected` being the preview's total the editor saw. */
    releaseDecisions: (ctx: Context) =>
      answer(ctx, async () => {
        const body = (ctx.request.body ?? {}) as { confirm?: unknown; expected?: unknown };
        if (body.confirm !== true || typeof body.expected !== 'number') throw releaseNotConfirmed();
        const by = releaserName(requestOrigin(strapi));
        ctx.body = { data: { released: await decisions().releaseEdition(ctx.params.documentId, by, { expected: body.expected }) } };
      }),
    /** Editors only (the pairs tell that two proposals come from one person): flagged, never refused. */
    nearDuplicates: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('nearDuplicates').nearDuplicates(ctx.params.documentId) };
      }),
    freedSlots: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('waitlist').freedSlots(ctx.params.documentId) };
      }),
    /** One action: waitlisted → accepted in a freed slot, released at once with its mail and confirmation window. */
    promote: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('waitlist').promote(ctx.params.documentId, ctx.request.body, editorName()) };
      }),
    decisionPanel: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await decisions().decisionPanel(ctx.params.documentId) };
      }),
    setProposalState: (ctx: Context) =>
      answer(ctx, async () => {
        const body = (ctx.request.body ?? {}) as { state?: unknown };
        ctx.body = { data: await decisions().setStateByEditor(ctx.params.documentId, body.state) };
      }),
    /** The « Relecture » panel: the criteria, the viewer's sheet, the others' once the viewer scored (an editor: always). */
    reviewPanel: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('reviews').panel(ctx.params.documentId, reviewViewer(strapi)) };
      }),
    /** The viewer's sheet: `{scores: {criterionDocumentId: 1..5}, comment?}`. */
    score: (ctx: Context) =>
      answer(ctx, async () => {
        const body = (ctx.request.body ?? {}) as { scores?: unknown; comment?: unknown };
        ctx.body = { data: await getService('reviews').score(ctx.params.documentId, reviewViewer(strapi), body) };
      }),
    ranking: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('reviews').rankingView(ctx.params.documentId, reviewViewer(strapi)) };
      }),
    /** « Répartir les propositions »: `{perProposal: k}`; only adds. */
    assignReviewers: (ctx: Context) =>
      answer(ctx, async () => {
        const body = (ctx.request.body ?? {}) as { perProposal?: unknown };
        ctx.body = { data: await getService('reviews').assign(ctx.params.documentId, body.perProposal, editorName()) };
      }),
    /** The program builder: the edition's afternoons and sessions; placements go through the document service's rules. */
    programBuilder: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('programBuilder').view(ctx.params.documentId) };
      }),
    placeSession: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('programBuilder').place(ctx.params.documentId, ctx.request.body) };
      }),
    /** « Proposer un placement »: nothing is written. */
    suggestPlacement: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('programBuilder').suggest(ctx.params.documentId) };
      }),
    /** `{placements: [{documentId, startsAt, room}]}`: all or none. */
    acceptPlacement: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('programBuilder').accept(ctx.params.documentId, ctx.request.body) };
      }),
    addProgramItem: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.status = 201;
        ctx.body = { data: await getService('programBuilder').addItem(ctx.params.documentId, ctx.request.body) };
      }),
    /** « Publier le programme »: what is not public as its draft says, in one version; scheduled before the program date. */
    publishProgram: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('programVersions').publishProgram(ctx.params.documentId) };
      }),
    /** The edition's program versions, newest first, each with its changelog. */
    programVersions: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('programVersions').list(ctx.params.documentId) };
      }),
    duplicate: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.status = 201;
        ctx.body = { data: await editorial().duplicateAsNextYear(ctx.params.documentId) };
      }),
    testRebuildTarget: (ctx: Context) =>
      answer(ctx, async () => {
        const result = await rebuilds().sendTest(ctx.params.documentId);
        if (!result) throw new Problem(404, 'NotFoundError', 'REBUILD_TARGET_NOT_FOUND', 'Cible de reconstruction inconnue.', 'Unknown rebuild target.');
        ctx.body = { data: result };
      }),
    /** The personal-data page: the open privacy tasks of every edition, the last lines of the access log. */
    personalData: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: { tasks: await getService('privacyTasks').open(), log: await getService('accessLog').latest(20) } };
      }),
    erasurePreview: (ctx: Context) =>
      answer(ctx, async () => {
        await getService('anonymousReview').refuseIdentityLookup();
        ctx.body = { data: await getService('editorErasures').preview(ctx.query.email) };
      }),
    /** Irreversible: only with `{email, confirm: true, expected}`, `expected` being the preview's total the editor saw. */
    erase: (ctx: Context) =>
      answer(ctx, async () => {
        const body = (ctx.request.body ?? {}) as { email?: unknown; confirm?: unknown; expected?: unknown };
        await getService('anonymousReview').refuseIdentityLookup();
        ctx.body = { data: await getService('editorErasures').erase(body, editorName()) };
      }),
    privacyTaskDone: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await getService('privacyTasks').done(ctx.params.documentId, editorName()) };
      }),
  };
};
