/**
 * Scored review: the criteria of an edition (its defaults given on first use), a reviewer's sheet,
 * the « Relecture » panel, « Répartir les propositions », and the ranking. The rules are those of
 * src/domain/review.ts and src/domain/review-assignment.ts; this service reads and writes the rows.
 *
 * One review row per (proposal, reviewer): an assignment is a row without scores, scoring fills it
 * (or creates it, for a reviewer who scores a proposal not given to them). Every write of review
 * rows of an edition runs under that edition's lock (src/persistence/lock.ts), so that a scoring and
 * an assignment, or two of either, never make a second row for the same pair, on SQLite or PostgreSQL.
 *
 * None of these answers names the proposer: no name, address, administration or job title.
 */
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { actionId } from '../../../plugins/bluehats/server/src/actions';
import { clock } from '../../../domain/clock';
import { formatInstantFr, sortedDays, zoneOf, type EditionDay, type Instant } from '../../../domain/edition-calendar';
import { PROPOSAL_STATE_LABELS } from '../../../domain/labels';
import { frenchDate } from '../../../domain/phrases';
import type { ProposalState } from '../../../domain/proposal-states';
import { assignReviewers, type Assignment } from '../../../domain/review-assignment';
import {
  compareRanking,
  criterionMeans,
  DEFAULT_CRITERIA,
  frenchDecimal,
  proposalScore,
  REVIEW_CONFLICT_MESSAGES,
  reviewClosedMessage,
  reviewConflict,
  reviewClosesAt,
  reviewOpen,
  seesOthersSheets,
  sheetWeightedMean,
  sortedCriteria,
  validateSheet,
  type AssignmentReport,
  type RankingEntry,
  type RankingView,
  type ReviewCriterion,
  type ReviewPanel,
  type ScoreSheet,
  type SheetView,
} from '../../../domain/review';
import type { StoredReview } from '../../../domain/proposer-rights';
import { Problem, problems } from '../../../http/problem';
import { withLock } from '../../../persistence/lock';
import { reviewViewer } from '../../../access/request-origin';
import { getService } from '../../../services';

const EDITION = 'api::edition.edition';
const PROPOSAL = 'api::proposal.proposal';
const REVIEW = 'api::review.review';
const CRITERION = 'api::review-criterion.review-criterion';
const REVIEWER = 'api::reviewer.reviewer';
const CO_SPEAKER = 'api::co-speaker.co-speaker';

/** The most reviewers an editor may ask per proposal. */
export const MAX_PER_PROPOSAL = 10;

/** Who asks: the admin user, and whether their role may decide (then they see every sheet). */
export interface Viewer {
  id: number;
  seesEverything: boolean;
}

// `strapi.db.query` hands back untyped rows: these name the fields this service reads.
interface EditionRow {
  id: number;
  documentId: string;
  title: string;
  timeZone: string | null;
  responseDate: Instant | null;
  days: EditionDay[] | null;
}
interface ProposalRow {
  id: number;
  documentId: string;
  reference: string;
  title: string;
  abstract: string | null;
  requestedDuration: number | null;
  preferredDay: string | null;
  state: ProposalState;
  erasedAt: string | null;
  administrationName: string | null;
  email: string | null;
  edition: { documentId: string } | null;
}
interface UserRow {
  id: number;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
}
interface ReviewRow {
  id: number;
  scores: ScoreSheet | null;
  comment: string | null;
  scoredAt: string | null;
  assignedAt: string | null;
  reviewer: UserRow | null;
  proposal: { id: number; documentId: string } | null;
}

/** Proposals that take no review: withdrawn by their proposer, or erased. */
const notReviewable = (p: Pick<ProposalRow, 'state' | 'erasedAt'>) => p.state === 'withdrawn' || !!p.erasedAt;

const nameOf = (user: UserRow | null): string =>
  user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `#${user.id}` : 'compte supprimé';

const stateLabel = (state: string) => PROPOSAL_STATE_LABELS[state as ProposalState]?.fr ?? state;

const sheetView = (criteria: ReviewCriterion[], row: ReviewRow): SheetView => ({
  reviewer: nameOf(row.reviewer),
  scores: row.scoredAt ? row.scores : null,
  comment: row.scoredAt ? row.comment : null,
  scoredAt: row.scoredAt ? new Date(row.scoredAt).toISOString() : null,
  weightedMean: row.scoredAt ? roundOrNull(sheetWeightedMean(criteria, row.scores)) : null,
});

const roundOrNull = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

const notReviewableProblem = (p: { erasedAt: string | null }) =>
  new Problem(
    409,
    'ConflictError',
    'REVIEW_NOT_REVIEWABLE',
    p.erasedAt ? 'Cette proposition a été anonymisée : elle ne se relit plus.' : 'Cette proposition a été retirée par son auteur : elle ne se relit plus.',
    p.erasedAt ? 'This proposal was anonymised: it is no longer reviewed.' : 'This proposal was withdrawn by its author: it is no longer reviewed.'
  );

// `email` is read for the conflict rule only: no answer of this service carries it.
const PROPOSAL_FIELDS = [
  'id',
  'documentId',
  'reference',
  'title',
  'abstract',
  'requestedDuration',
  'preferredDay',
  'state',
  'erasedAt',
  'administrationName',
  'email',
];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The editors' latest version of an edition (its draft row, which every edition has). */
  async function editionRow(documentId: string): Promise<EditionRow> {
    const row: EditionRow | null = await strapi.db.query(EDITION).findOne({
      where: { documentId, locale: 'fr', publishedAt: null },
      select: ['id', 'documentId', 'title', 'timeZone', 'responseDate'],
      populate: { days: true },
    });
    if (!row) throw problems.editionNotFound(documentId, { published: false });
    return row;
  }

  async function proposalRow(documentId: string): Promise<ProposalRow> {
    const row: ProposalRow | null = await strapi.db
      .query(PROPOSAL)
      .findOne({ where: { documentId }, select: PROPOSAL_FIELDS, populate: { edition: { select: ['documentId'] } } });
    if (!row) throw problems.proposalNotFound();
    return row;
  }

  async function readCriteria(editionDocumentId: string): Promise<ReviewCriterion[]> {
    const rows: ReviewCriterion[] = await strapi.db.query(CRITERION).findMany({
      where: { edition: { documentId: editionDocumentId } },
      select: ['documentId', 'label', 'labelEn', 'description', 'weight', 'position'],
    });
    // Several rows of one edition (draft, published, locales) may link a criterion: one each.
    const unique = new Map(rows.map((r) => [r.documentId, r]));
    return sortedCriteria([...unique.values()]);
  }

  /** The edition's criteria; an edition without any gets the defaults first (once, under its lock). */
  async function criteria(editionDocumentId: string): Promise<ReviewCriterion[]> {
    const found = await readCriteria(editionDocumentId);
    if (found.length > 0) return found;
    await editionRow(editionDocumentId);
    return withLock(strapi, `review-criteria:${editionDocumentId}`, async () => {
      const again = await readCriteria(editionDocumentId);
      if (again.length > 0) return again;
      for (const c of DEFAULT_CRITERIA) await strapi.documents(CRITERION).create({ data: { ...c, edition: editionDocumentId } as never });
      return readCriteria(editionDocumentId);
    });
  }

  async function reviewsOfProposal(proposalId: number): Promise<ReviewRow[]> {
    return strapi.db.query(REVIEW).findMany({
      where: { proposal: { id: proposalId } },
      populate: { reviewer: { select: ['id', 'firstname', 'lastname', 'email'] } },
      orderBy: { id: 'asc' },
    });
  }

  async function reviewsOfEdition(editionDocumentId: string): Promise<ReviewRow[]> {
    return reviewsWhere({ proposal: { edition: { documentId: editionDocumentId } } });
  }

  async function reviewsWhere(where: Record<string, unknown>): Promise<ReviewRow[]> {
    return strapi.db.query(REVIEW).findMany({
      where,
      populate: { reviewer: { select: ['id', 'firstname', 'lastname', 'email'] }, proposal: { select: ['id', 'documentId'] } },
      orderBy: { id: 'asc' },
    });
  }

  async function proposalsOf(editionDocumentId: string): Promise<ProposalRow[]> {
    return strapi.db.query(PROPOSAL).findMany({
      where: { edition: { documentId: editionDocumentId } },
      select: PROPOSAL_FIELDS,
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    });
  }

  const byProposal = (rows: ReviewRow[]) => {
    const map = new Map<string, ReviewRow[]>();
    for (const r of rows) if (r.proposal) map.set(r.proposal.documentId, [...(map.get(r.proposal.documentId) ?? []), r]);
    return map;
  };

  /** Admin users who may review: active, not blocked, in a role holding the desk's review action, or super admins. */
  async function reviewerPool(): Promise<Array<{ userId: number; name: string; administration: string | null }>> {
    const holders: Array<{ role: { id: number } | null }> = await strapi.db
      .query('admin::permission')
      .findMany({ where: { action: actionId('reviewProposals') }, populate: { role: { select: ['id'] } } });
    const roleIds = new Set(holders.map((h) => h.role?.id).filter((id): id is number => typeof id === 'number'));
    const rows: Array<{
      administrationName: string | null;
      user: (UserRow & { isActive: boolean; blocked: boolean | null; roles: { id: number; code: string }[] }) | null;
    }> = await strapi.db.query(REVIEWER).findMany({
      where: { active: true },
      populate: { user: { select: ['id', 'firstname', 'lastname', 'email', 'isActive', 'blocked'], populate: { roles: { select: ['id', 'code'] } } } },
    });
    return rows.flatMap((r) => {
      const u = r.user;
      if (!u || !u.isActive || u.blocked) return [];
      if (!u.roles.some((role) => roleIds.has(role.id) || role.code === 'strapi-super-admin')) return [];
      return [{ userId: u.id, name: nameOf(u), administration: r.administrationName }];
    });
  }

  /** Whether `viewer` speaks in the proposal or shares its administration (see reviewConflict). */
  async function conflictOf(p: ProposalRow, viewer: Viewer) {
    const [user, entry, coSpeakers]: [{ email: string | null } | null, { administrationName: string | null } | null, { email: string | null }[]] =
      await Promise.all([
        strapi.db.query('admin::user').findOne({ where: { id: viewer.id }, select: ['email'] }),
        strapi.db.query(REVIEWER).findOne({ where: { user: { id: viewer.id } }, select: ['administrationName'] }),
        strapi.db.query(CO_SPEAKER).findMany({ where: { proposal: { id: p.id } }, select: ['email'] }),
      ]);
    return reviewConflict(
      { email: user?.email ?? null, administration: entry?.administrationName ?? null },
      { email: p.email, administrationName: p.administrationName, coSpeakerEmails: coSpeakers.flatMap((c) => (c.email ? [c.email] : [])) }
    );
  }

  /** The « Relecture » panel of a proposal as `viewer` may see it. */
  async function panel(documentId: string, viewer: Viewer): Promise<ReviewPanel> {
    const p = await proposalRow(documentId);
    const edition = p.edition ? await editionRow(p.edition.documentId) : null;
    const list = edition ? await criteria(edition.documentId) : [];
    const rows = await reviewsOfProposal(p.id);
    const own = rows.find((r) => r.reviewer?.id === viewer.id) ?? null;
    const visible = seesOthersSheets({ seesEverything: viewer.seesEverything, ownSheet: own });
    const zone = zoneOf(edition ?? {});
    const closes = edition ? reviewClosesAt(edition.responseDate, zone) : null;
    const conflict = await conflictOf(p, viewer);
    return {
      proposal: {
        documentId: p.documentId,
        reference: p.reference,
        title: p.title,
        abstract: p.abstract,
        requestedDuration: p.requestedDuration,
        preferredDay: p.preferredDay,
        state: p.state,
        stateLabel: stateLabel(p.state),
      },
      edition: edition ? { documentId: edition.documentId, title: edition.title, timeZone: zone } : null,
      criteria: list.map(({ documentId: id, label, labelEn, description, weight }) => ({ documentId: id, label, labelEn, description, weight })),
      open: !notReviewable(p) && !conflict && reviewOpen(edition?.responseDate, clock.now(), zone),
      conflict: conflict ? REVIEW_CONFLICT_MESSAGES[conflict].fr : null,
      closesAtText: closes ? formatInstantFr(closes.minus({ minutes: 1 }), zone) : null,
      assigned: !!own?.assignedAt,
      mine: own ? sheetView(list, own) : null,
      othersVisible: visible,
      others: visible ? rows.filter((r) => r !== own && r.scoredAt).map((r) => sheetView(list, r)) : [],
      summary: visible ? proposalScore(list, rows) : null,
    };
  }

  /**
   * A reviewer's sheet for a proposal: all criteria scored 1–5 and an optional comment, until the
   * end of the response date's minute. Any reviewer may score any reviewable proposal, given to
   * them or not; scoring again replaces their sheet.
   */
  async function score(documentId: string, viewer: Viewer, body: { scores?: unknown; comment?: unknown }): Promise<ReviewPanel> {
    const p = await proposalRow(documentId);
    if (!p.edition)
      throw new Problem(
        409,
        'ConflictError',
        'REVIEW_NO_EDITION',
        'Cette proposition n’est rattachée à aucune édition.',
        'This proposal belongs to no edition.'
      );
    const edition = await editionRow(p.edition.documentId);
    const zone = zoneOf(edition);
    const list = await criteria(edition.documentId);
    await withLock(strapi, `reviews:${edition.documentId}`, async () => {
      // The proposal and the clock are read under the lock: an erasure or a withdrawal committed
      // meanwhile is seen, and a sheet is accepted only if it is written in time.
      const current = await proposalRow(documentId);
      if (notReviewable(current)) throw notReviewableProblem(current);
      const conflict = await conflictOf(current, viewer);
      if (conflict) {
        const { fr, en } = REVIEW_CONFLICT_MESSAGES[conflict];
        throw new Problem(403, 'ForbiddenError', 'REVIEW_CONFLICT', fr, en, { conflict });
      }
      const now = clock.now();
      if (!reviewOpen(edition.responseDate, now, zone)) {
        const { message, messageEn } = reviewClosedMessage(edition.responseDate!, zone);
        throw new Problem(403, 'ForbiddenError', 'REVIEW_CLOSED', message, messageEn, {
          closedFrom: reviewClosesAt(edition.responseDate, zone)!.toUTC().toISO(),
        });
      }
      const checked = validateSheet(list, body);
      if ('violations' in checked) throw problems.validation(checked.violations);
      const data = { scores: checked.sheet.scores, comment: checked.sheet.comment, scoredAt: now.toISOString() };
      const existing = await strapi.db.query(REVIEW).findOne({ where: { proposal: { id: p.id }, reviewer: { id: viewer.id } }, select: ['id'] });
      if (existing) await strapi.db.query(REVIEW).update({ where: { id: existing.id }, data });
      else await strapi.db.query(REVIEW).create({ data: { ...data, proposal: p.id, reviewer: viewer.id } });
    });
    return panel(documentId, viewer);
  }

  /**
   * « Répartir les propositions »: every reviewable proposal of the edition gets `perProposal`
   * reviewers from the pool (reviewers marked active whose account may review), never from its
   * own administration, loads even. Kept assignments stay; only what is missing is added, so a
   * re-run after a reviewer joins gives the newcomer the new work. Deterministic for the same rows.
   */
  async function assign(editionDocumentId: string, perProposal: unknown, by: string): Promise<AssignmentReport> {
    if (typeof perProposal !== 'number' || !Number.isInteger(perProposal) || perProposal < 1 || perProposal > MAX_PER_PROPOSAL) {
      throw problems.validation([
        {
          path: ['perProposal'],
          code: 'PER_PROPOSAL_INVALID',
          message: `Le nombre de relecteurs par proposition doit être un nombre entier de 1 à ${MAX_PER_PROPOSAL}.`,
          messageEn: `The number of reviewers per proposal must be a whole number from 1 to ${MAX_PER_PROPOSAL}.`,
        },
      ]);
    }
    await editionRow(editionDocumentId);
    await criteria(editionDocumentId);
    return withLock(strapi, `reviews:${editionDocumentId}`, async () => {
      const proposals = (await proposalsOf(editionDocumentId)).filter((p) => !notReviewable(p));
      const pool = await reviewerPool();
      const rows = await reviewsOfEdition(editionDocumentId);
      const reviewable = new Set(proposals.map((p) => p.documentId));
      const existing: Assignment[] = rows
        .filter((r) => r.proposal && r.reviewer && reviewable.has(r.proposal.documentId))
        .map((r) => ({ proposalId: r.proposal!.documentId, reviewerId: String(r.reviewer!.id) }));
      const result = assignReviewers({
        proposals: proposals.map((p) => ({ id: p.documentId, administration: p.administrationName })),
        reviewers: pool.map((r) => ({ id: String(r.userId), administration: r.administration })),
        perProposal,
        existing,
      });
      const now = clock.now().toISOString();
      const proposalIds = new Map(proposals.map((p) => [p.documentId, p]));
      for (const a of result.added) {
        await strapi.db.query(REVIEW).create({
          data: { proposal: proposalIds.get(a.proposalId)!.id, reviewer: Number(a.reviewerId), assignedAt: now, assignedBy: by },
        });
      }
      const names = new Map(pool.map((r) => [String(r.userId), r.name]));
      for (const r of rows) if (r.reviewer && !names.has(String(r.reviewer.id))) names.set(String(r.reviewer.id), nameOf(r.reviewer));
      const total = (id: string) => result.assignments.filter((a) => a.reviewerId === id).length;
      const loads = pool
        .map((r) => ({ reviewer: r.name, added: result.added.filter((a) => a.reviewerId === String(r.userId)).length, total: total(String(r.userId)) }))
        .sort((a, b) => b.total - a.total || (a.reviewer < b.reviewer ? -1 : 1));
      // A role that may assign without « Voir qui propose », in an anonymised edition: no reason names
      // a proposal's administration, and no kept assignment is said to conflict (it would tell one).
      const masked = await getService('anonymousReview').hidesIdentityIn(editionDocumentId);
      const shortfalls = result.shortfalls.map((s) => {
        const p = proposalIds.get(s.proposalId)!;
        const reason =
          masked && s.code === 'conflicts' ? `Trop peu de relecteurs hors de l’administration de la proposition : il en manque ${s.missing}.` : s.reason;
        return { documentId: p.documentId, reference: p.reference, title: p.title, missing: s.missing, reason };
      });
      const added = result.added.length;
      const message =
        pool.length === 0
          ? 'Aucun relecteur actif : ajoutez des relecteurs (type « Relecteur », avec leur administration) puis relancez la répartition.'
          : `${added === 0 ? 'Aucune relecture ajoutée' : `${added} relecture${added > 1 ? 's' : ''} ajoutée${added > 1 ? 's' : ''}`} pour ${proposals.length} proposition${proposals.length > 1 ? 's' : ''} et ${pool.length} relecteur${pool.length > 1 ? 's' : ''} (${perProposal} par proposition)` +
            (shortfalls.length > 0 ? ` ; ${shortfalls.length} proposition${shortfalls.length > 1 ? 's' : ''} en manque de relecteurs.` : '.');
      return {
        perProposal,
        proposals: proposals.length,
        reviewers: pool.length,
        added,
        loads,
        shortfalls,
        conflicts: (masked ? [] : result.conflicts).map((c) => ({
          reference: proposalIds.get(c.proposalId)?.reference ?? c.proposalId,
          reviewer: names.get(c.reviewerId) ?? c.reviewerId,
        })),
        message,
      };
    });
  }

  /**
   * Per proposal of the edition (every state), its weighted mean, spread, scored reviews and review
   * rows, in the ranking's default order: not yet scored first, then the best mean. For the code
   * that needs the figures (the dashboard, the CSV, the waitlist); no visibility rule applies here.
   */
  async function ranking(editionDocumentId: string): Promise<RankingEntry[]> {
    const list = await criteria(editionDocumentId);
    const grouped = byProposal(await reviewsOfEdition(editionDocumentId));
    const proposals = await proposalsOf(editionDocumentId);
    return proposals.map((p) => ({ documentId: p.documentId, ...proposalScore(list, grouped.get(p.documentId) ?? []) })).sort(compareRanking);
  }

  return {
    criteria,
    panel,
    score,
    assign,
    ranking,

    /** The dashboard's ranking as `viewer` may see it: a reviewer sees the figures of the proposals they scored, counts elsewhere. */
    async rankingView(editionDocumentId: string, viewer: Viewer): Promise<RankingView> {
      const edition = await editionRow(editionDocumentId);
      const zone = zoneOf(edition);
      const list = await criteria(editionDocumentId);
      const grouped = byProposal(await reviewsOfEdition(editionDocumentId));
      const rows = (await proposalsOf(editionDocumentId)).map((p) => {
        const reviews = grouped.get(p.documentId) ?? [];
        const own = reviews.find((r) => r.reviewer?.id === viewer.id) ?? null;
        const visible = seesOthersSheets({ seesEverything: viewer.seesEverything, ownSheet: own });
        const figures = proposalScore(list, reviews);
        return {
          documentId: p.documentId,
          reference: p.reference,
          title: p.title,
          state: p.state,
          stateLabel: stateLabel(p.state),
          preferredDay: p.preferredDay,
          requestedDuration: p.requestedDuration,
          reviews: figures.reviews,
          assigned: figures.assigned,
          weightedMean: visible ? figures.weightedMean : null,
          spread: visible ? figures.spread : null,
          criterionMeans: visible ? criterionMeans(list, reviews) : {},
          mine: own?.scoredAt ? ('scored' as const) : own ? ('assigned' as const) : null,
          hidden: !visible,
        };
      });
      // A reviewer's hidden rows must not be placed by the figures they may not see: the unscored first
      // (their count is no secret), then what the viewer may see, best first, then the hidden ones by reference.
      const group = (r: (typeof rows)[number]) => (r.reviews === 0 ? 0 : r.hidden ? 2 : 1);
      const ordered = [...rows].sort(
        (a, b) => group(a) - group(b) || (group(a) === 1 ? compareRanking(a, b) : a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0)
      );
      return {
        criteria: list.map(({ documentId, label, weight }) => ({ documentId, label, weight })),
        days: sortedDays(edition.days).map((d) => ({ day: d.date, label: d.label || frenchDate(DateTime.fromISO(d.date, { zone })) })),
        rows: ordered,
      };
    },

    /** The CSV's review columns of an edition: headers, then the cells of each proposal of a page, by documentId. */
    /**
     * The CSV's review columns. Whoever exports without the right to decide (a role given the export
     * alone) gets the figures of the proposals they scored themselves only, as on the dashboard.
     */
    async csvColumns(editionDocumentId: string): Promise<{
      headers: string[];
      /** The cells of a page of the file: its proposals' reviews are read then, not the edition's all at once. */
      cellsFor: (documentIds: string[]) => Promise<(documentId: string) => Array<number | string>>;
    }> {
      const list = await criteria(editionDocumentId);
      const viewer = reviewViewer(strapi);
      return {
        headers: ['Moyenne pondérée', 'Écart type', 'Relectures', 'Relecteurs assignés', ...list.map((c) => `Moyenne « ${c.label} »`)],
        cellsFor: async (documentIds) => {
          const grouped = byProposal(documentIds.length > 0 ? await reviewsWhere({ proposal: { documentId: { $in: documentIds } } }) : []);
          return (documentId) => {
            const reviews = grouped.get(documentId) ?? [];
            const figures = proposalScore(list, reviews);
            const own = reviews.find((r) => r.reviewer?.id === viewer.id) ?? null;
            if (!seesOthersSheets({ seesEverything: viewer.seesEverything, ownSheet: own })) {
              return ['', '', figures.reviews, figures.assigned, ...list.map(() => '')];
            }
            const means = criterionMeans(list, reviews);
            return [
              frenchDecimal(figures.weightedMean),
              frenchDecimal(figures.spread),
              figures.reviews,
              figures.assigned,
              ...list.map((c) => frenchDecimal(means[c.documentId])),
            ];
          };
        },
      };
    },

    /** Next year's edition gets this one's criteria (labels, weights, order). */
    async copyCriteria(fromEditionDocumentId: string, toEditionDocumentId: string): Promise<void> {
      for (const c of await readCriteria(fromEditionDocumentId)) {
        const { label, labelEn, description, weight, position } = c;
        await strapi.documents(CRITERION).create({ data: { label, labelEn, description, weight, position, edition: toEditionDocumentId } as never });
      }
    },

    /**
     * The reviews of these proposals as their authors' export reads them (`exportedReviews`): scores,
     * comment and when, never who reviewed; with each edition's criteria to read the scores by.
     */
    async forExport(
      proposals: Array<{ id: number; edition: { documentId: string } | null }>
    ): Promise<Map<number, { reviews: StoredReview[]; criteria: ReviewCriterion[] }>> {
      const result = new Map<number, { reviews: StoredReview[]; criteria: ReviewCriterion[] }>();
      if (proposals.length === 0) return result;
      const rows: Array<StoredReview & { proposal: { id: number } | null }> = await strapi.db.query(REVIEW).findMany({
        where: { proposal: { id: { $in: proposals.map((p) => p.id) } }, scoredAt: { $notNull: true } },
        select: ['scores', 'comment', 'scoredAt'],
        populate: { proposal: { select: ['id'] } },
        orderBy: [{ scoredAt: 'asc' }, { id: 'asc' }],
      });
      const criteriaOf = new Map<string, ReviewCriterion[]>();
      for (const documentId of new Set(proposals.flatMap((p) => (p.edition ? [p.edition.documentId] : []))))
        criteriaOf.set(documentId, await readCriteria(documentId));
      for (const p of proposals) {
        const reviews = rows.filter((r) => r.proposal?.id === p.id).map(({ scores, comment, scoredAt }) => ({ scores, comment, scoredAt }));
        result.set(p.id, { reviews, criteria: (p.edition && criteriaOf.get(p.edition.documentId)) || [] });
      }
      return result;
    },

    /** A deleted proposal's reviews go with it (a row without its proposal would keep a comment about nobody known). */
    async deleteOf(proposalId: number): Promise<void> {
      const rows: Array<{ id: number }> = await strapi.db.query(REVIEW).findMany({ where: { proposal: { id: proposalId } }, select: ['id'] });
      if (rows.length > 0) await strapi.db.query(REVIEW).deleteMany({ where: { id: { $in: rows.map((r) => r.id) } } });
    },

    /** An erased proposal's review comments go with its proposer's data (they may quote them); scores stay, anonymous. */
    async eraseComments(proposalId: number): Promise<void> {
      // By id: an update filtered through a relation is not supported by Strapi's query builder.
      const rows: Array<{ id: number }> = await strapi.db.query(REVIEW).findMany({ where: { proposal: { id: proposalId } }, select: ['id'] });
      if (rows.length > 0) await strapi.db.query(REVIEW).updateMany({ where: { id: { $in: rows.map((r) => r.id) } }, data: { comment: null } });
    },
  };
};
