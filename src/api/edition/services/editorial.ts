/**
 * What editors need beyond the content manager: the call-for-proposals dashboard of an edition,
 * the CSV export of its proposals, and the duplication of an edition as next year's.
 */
import type { Core, Data, Modules } from '@strapi/strapi';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { clock } from '../../../domain/clock';
import { boundaries, callForProposalsBlock, type CallForProposalsBlock } from '../../../domain/call-state';
import { currentEdition } from '../../../domain/current-edition';
import type { Dashboard, EditionSummary, Home } from '../../../domain/dashboard';
import {
  dayEnd,
  dayStart,
  formatInstantFr,
  sortedDays,
  toDateTime,
  zoneOf,
  type EditionCalendar,
  type EditionDay,
  type Instant,
} from '../../../domain/edition-calendar';
import { ADMINISTRATION_KIND_LABELS, BOUNDARY_LABELS, CALL_STATE_LABELS, PROPOSAL_STATE_LABELS } from '../../../domain/labels';
import { PROPOSAL_STATES, STATE_LABELS_FR, type ProposalState } from '../../../domain/proposal-states';
import { frenchDate } from '../../../domain/phrases';
import { retentionDayFr, retentionNotice } from '../../../domain/personal-data';
import { Problem, problems } from '../../../http/problem';
import { getService } from '../../../services';
import { keysetPages } from '../../../persistence/keyset';
import { groupedCounts, type Group } from '../../../persistence/grouped-counts';
import { relabelDay, retitleForYear, shiftDate, shiftInstant, weeksToNextYear } from '../../../domain/next-year';

const EDITION = 'api::edition.edition';
const PROPOSAL = 'api::proposal.proposal';
const COUNTED = ['submitted', 'accepted', 'waitlisted', 'confirmed']; // what still asks for a slot
/** Proposals read per query by the CSV export: its memory, whatever the edition's size. */
const CSV_PAGE_SIZE = 500;
/** Undecided proposals the dashboard names (the oldest); it counts them all. */
const UNDECIDED_LISTED = 8;

/** A `date` column's value as `yyyy-mm-dd`, whichever way the driver hands it back. */
const dayOf = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/**
 * A cell as text a spreadsheet shows and never runs: a cell starting with = + - @, a tab, a carriage
 * return, a line feed (OWASP's CSV Injection list) or NUL (OWASP ASVS 5, V1.2.10) gets a leading quote.
 */
const spreadsheetCell = (v: unknown): string => {
  const text = String(v ?? '');
  return /^[=+\-@\t\r\n\0]/.test(text) ? `'${text}` : text;
};

// `strapi.db.query` hands back untyped rows: these name the fields this service reads.
type EditionFields = Data.ContentType<typeof EDITION>;
interface EditionRow extends EditionCalendar {
  id: number;
  documentId: string;
  title: string;
  slug: string;
  year: number;
  timeZone: string;
  days: EditionDay[] | null;
  event: { documentId: string } | null;
  description: string | null;
  venue: { name?: string | null; hostShow?: string | null; address?: string | null; city?: string | null } | null;
  registrationUrl: string | null;
  contactEmail: string | null;
  confirmationWindowDays: number | null;
  retentionMonths: number | null;
  anonymousReview: boolean | null;
  minDurationMinutes: number | null;
  maxDurationMinutes: number | null;
  recommendedMaxDurationMinutes: number | null;
  durationChoices: EditionFields['durationChoices'];
}

interface ProposalRow {
  documentId: string;
  reference: string;
  title: string;
  speakerName: string;
  email: string;
  administrationName: string;
  administration: { name: string; kind: string | null } | null;
  /** The only trace of the administration an anonymised proposal keeps. */
  administrationKind: string | null;
  jobTitle: string | null;
  preferredDay: string | null;
  requestedDuration: number | null;
  state: ProposalState;
  decisionReleasedAt: Instant | null;
  submittedAt: Instant | null;
  decidedAt: Instant | null;
  reviewerNotes: string | null;
}

/** Which instant of the call block words each boundary: the deadline reads as typed (23:59), not as the minute after. */
const BOUNDARY_TEXT: Partial<Record<string, keyof Pick<CallForProposalsBlock, 'opensAt' | 'closesAt' | 'responseDate' | 'programPublicationDate'>>> = {
  'cfp.opened': 'opensAt',
  'cfp.closed': 'closesAt',
  'decisions.released': 'responseDate',
  'program.published': 'programPublicationDate',
};

const kindLabel = (kind: string): string => ADMINISTRATION_KIND_LABELS[kind as keyof typeof ADMINISTRATION_KIND_LABELS]?.fr ?? kind;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function edition(documentId: string): Promise<EditionRow> {
    const row: EditionRow | null = await strapi.db
      .query(EDITION)
      // The draft row: the editors' latest (an order on `publishedAt` would put it first on SQLite, last on PostgreSQL).
      .findOne({ where: { documentId, locale: 'fr', publishedAt: null }, populate: { days: true, event: true, venue: true } });
    if (!row) throw problems.editionNotFound(documentId, { published: false });
    return row;
  }

  /**
   * The CSV file of an edition's proposals, and what the access log says of it. For a reader kept
   * from the proposers' identity (anonymised review), the file has no identity columns at all.
   * Everything that can refuse the export is checked here; the rows are then read and written page
   * by page as the client takes them (`stream`), so a file of any size holds one page in memory.
   */
  async function csvOf(
    documentId: string,
    pageSize: number
  ): Promise<{ filename: string; edition: { id: number; title: string }; rows: number; stream: () => Readable }> {
    const e = await edition(documentId);
    const zone = zoneOf(e);
    const local = (v: unknown) => (v ? DateTime.fromJSDate(new Date(String(v)), { zone }).toFormat('dd/LL/yyyy HH:mm') : '');
    const identity = !(await getService('anonymousReview').hidesIdentityIn(documentId));
    // Each column: its header, its cell, and whether it says who proposed.
    const columns: Array<[string, (p: ProposalRow) => unknown, boolean?]> = [
      ['Édition', () => e.title],
      ['Référence', (p) => p.reference],
      ['Titre', (p) => p.title],
      ['Intervenant', (p) => p.speakerName, true],
      ['Courriel', (p) => p.email, true],
      ['Administration', (p) => p.administrationName, true],
      ['Nature', (p) => kindLabel(p.administration?.kind ?? p.administrationKind ?? 'unknown'), true],
      ['Fonction', (p) => p.jobTitle ?? '', true],
      ['Jour préféré', (p) => (p.preferredDay ? DateTime.fromISO(p.preferredDay).toFormat('dd/LL/yyyy') : 'Pas de préférence')],
      ['Durée (min)', (p) => p.requestedDuration],
      ['État', (p) => STATE_LABELS_FR[p.state] ?? p.state],
      ['Décision communiquée', (p) => (p.decisionReleasedAt ? 'oui' : 'non')],
      ['Reçue le', (p) => local(p.submittedAt)],
      ['Décidée le', (p) => local(p.decidedAt)],
      ['Notes internes', (p) => p.reviewerNotes ?? ''],
    ];
    const shown = columns.filter(([, , identifying]) => identity || !identifying);
    const review = await getService('reviews').csvColumns(documentId);
    const where = { edition: { documentId } };
    const rows = await strapi.db.query(PROPOSAL).count({ where });
    async function* records() {
      yield [...shown.map(([header]) => header), ...review.headers].map(spreadsheetCell);
      const pages = keysetPages<ProposalRow & { id: number }>(strapi, PROPOSAL, {
        where,
        orderBy: 'submittedAt',
        pageSize,
        populate: { administration: { select: ['name', 'kind'] } },
      });
      for await (const page of pages) {
        const reviewCells = await review.cellsFor(page.map((p) => p.documentId));
        for (const p of page) yield [...shown.map(([, cell]) => cell(p)), ...reviewCells(p.documentId)].map(spreadsheetCell);
      }
    }
    // UTF-8 with a BOM, ";" and CRLF, every cell quoted (an empty one too), quotes doubled.
    const stream = () => Readable.from(records()).pipe(stringify({ bom: true, delimiter: ';', record_delimiter: 'windows', quoted: true, quoted_empty: true }));
    // The day of the export where the edition takes place, so that two exports are told apart.
    const day = DateTime.fromJSDate(clock.now(), { zone }).toISODate();
    return { filename: `propositions-${e.slug}-${day}.csv`, edition: { id: e.id, title: e.title }, rows, stream };
  }

  /** The coming purge of the edition's personal data, or the one done (proposals anonymised still count above). */
  async function retentionBlock(e: EditionRow, zone: string): Promise<Dashboard['retention']> {
    const status = await getService('retention').status(e);
    return {
      endsAt: status.endsAt?.toUTC().toISO() ?? null,
      endsAtText: status.endsAt ? retentionDayFr(status.endsAt) : null,
      pending: status.pending,
      passed: status.passed,
      purgedAt: status.purgedAt?.toISOString() ?? null,
      text: retentionNotice({ ...status, zone }),
    };
  }

  return {
    /**
     * Every edition (its published version when it has one), newest year first; `current` marks
     * the one whose call or days are ongoing or next, the dashboard's default choice.
     */
    async editions(): Promise<EditionSummary[]> {
      const rows: Array<EditionCalendar & { documentId: string; title: string; year: number; publishedAt: Instant | null }> = await strapi.db
        .query(EDITION)
        .findMany({ where: { locale: 'fr' }, populate: { days: true }, orderBy: [{ year: 'desc' }] });
      const seen = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (!seen.has(r.documentId) || r.publishedAt) seen.set(r.documentId, r);
      const editions = [...seen.values()];
      const current = currentEdition(editions, clock.now());
      return editions.map((e) => ({ documentId: e.documentId, title: e.title, year: e.year, current: e === current }));
    },

    async dashboard(documentId: string): Promise<Dashboard> {
      const e = await edition(documentId);
      const zone = zoneOf(e);
      const now = clock.now();
      const where = { edition: { documentId } };
      // Counted by the database: an edition of ten thousand proposals costs two grouped queries, not their rows.
      const groups = await groupedCounts(strapi, PROPOSAL, { where, by: ['state', 'preferredDay'], sum: 'requestedDuration' });
      const kinds = await groupedCounts(strapi, PROPOSAL, { where, by: ['administration.kind', 'administrationKind'] });
      const countWhere = (keep: (g: Group) => boolean) => groups.filter(keep).reduce((n, g) => n + g.count, 0);
      const sum = (states: string[]) => groups.filter((g) => states.includes(String(g.values.state))).reduce((n, g) => n + g.sum, 0);
      const days = sortedDays(e.days);
      const minutesAvailable = days.reduce((sum, d) => {
        const start = dayStart(d, zone);
        const end = dayEnd(d, zone);
        return sum + (start && end ? end.diff(start, 'minutes').minutes : 0);
      }, 0);
      const labelOf = (state: string) => PROPOSAL_STATE_LABELS[state as ProposalState]?.fr ?? state;
      const byKind = new Map<string, number>();
      for (const g of kinds) {
        const kind = String(g.values['administration.kind'] ?? g.values.administrationKind ?? 'unknown');
        byKind.set(kind, (byKind.get(kind) ?? 0) + g.count);
      }
      const kindOrder = Object.keys(ADMINISTRATION_KIND_LABELS);
      const rank = (kind: string) => (kindOrder.includes(kind) ? kindOrder.indexOf(kind) : kindOrder.length);
      const undecidedCount = countWhere((g) => g.values.state === 'submitted');
      // The oldest few, as the dashboard lists them; the content manager's list has them all, page by page.
      const undecided: Array<{ documentId: string; reference: string; title: string }> = await strapi.db.query(PROPOSAL).findMany({
        where: { ...where, state: 'submitted' },
        select: ['documentId', 'reference', 'title'],
        orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
        limit: UNDECIDED_LISTED,
      });
      const response = toDateTime(e.responseDate, zone);
      const identityHidden = await getService('anonymousReview').hidesIdentityIn(documentId);
      return {
        edition: { documentId, title: e.title, year: e.year, timeZone: zone },
        callForProposals: callForProposalsBlock(e, now, 'fr'),
        total: countWhere(() => true),
        byState: PROPOSAL_STATES.map((state) => ({ state, label: labelOf(state), count: countWhere((g) => g.values.state === state) })),
        byPreferredDay: [
          ...days.map((d) => ({
            day: d.date,
            label: d.label || frenchDate(DateTime.fromISO(d.date, { zone })),
            count: countWhere((g) => g.values.preferredDay !== null && dayOf(g.values.preferredDay) === d.date),
          })),
          { day: null, label: 'Pas de préférence', count: countWhere((g) => !g.values.preferredDay) },
        ],
        // Kept from a reader of an anonymised review: seen before and after a new proposal, the
        // counts would tell its kind of administration.
        byAdministrationKind: identityHidden
          ? []
          : [...byKind.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([kind, n]) => ({ kind, label: kindLabel(kind), count: n })),
        minutes: { requested: sum(COUNTED), accepted: sum(['accepted', 'confirmed']), available: minutesAvailable },
        undecided: {
          count: undecidedCount,
          responseDate: response ? { at: response.toUTC().toISO(), beforeResponseDate: now.getTime() < response.toMillis() } : null,
          proposals: undecided.map((p) => ({ documentId: p.documentId, reference: p.reference, title: p.title })),
        },
        identityHidden,
        webhookFailures: await getService('rebuildDeliveries').recentFailures(10, zone),
        privacyTasks: await getService('privacyTasks').open(documentId),
        retention: await retentionBlock(e, zone),
      };
    },

    /**
     * The admin's home page: every edition not over yet (drafts included: next year's is prepared
     * as one), the state of its call and its next boundary in its own zone, its undecided proposals;
     * then the last rebuild failures.
     */
    async home(): Promise<Home> {
      const now = clock.now();
      const rows: Array<EditionRow & { publishedAt: Instant | null }> = await strapi.db
        .query(EDITION)
        .findMany({ where: { locale: 'fr' }, populate: { days: true }, orderBy: [{ year: 'asc' }, { id: 'asc' }] });
      // Every edition has a draft row, and a published one once published: the draft carries the
      // editors' latest dates, so it is the one read.
      const published = new Set(rows.filter((row) => row.publishedAt).map((row) => row.documentId));
      const drafts = rows.filter((row) => !row.publishedAt);
      const undecided = await getService('decisions').undecidedCounts();
      const editions = drafts.flatMap((e) => {
        const zone = zoneOf(e);
        const block = callForProposalsBlock(e, now, 'fr');
        if (block.state === 'past') return [];
        const next = boundaries(e)
          .filter((b) => b.at.getTime() > now.getTime())
          .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
        const textOf = (name: string, at: Date) => {
          const field = BOUNDARY_TEXT[name];
          return (field && block[field]?.text) || formatInstantFr(at.toISOString(), zone);
        };
        return [
          {
            documentId: e.documentId,
            title: e.title,
            year: e.year,
            timeZone: zone,
            published: published.has(e.documentId),
            state: { value: block.state, label: CALL_STATE_LABELS[block.state].fr },
            nextBoundary: next
              ? {
                  name: next.name,
                  label: BOUNDARY_LABELS[next.name as keyof typeof BOUNDARY_LABELS]?.fr ?? next.name,
                  at: next.at.toISOString(),
                  text: textOf(next.name, next.at),
                }
              : null,
            undecided: undecided.get(e.documentId) ?? 0,
          },
        ];
      });
      return {
        editions,
        undecided: editions.reduce((sum, e) => sum + e.undecided, 0),
        rebuildFailures: await getService('rebuildDeliveries').recentFailures(5, 'Europe/Paris'),
      };
    },

    /**
     * UTF-8 with a BOM and ";" separators, so that French spreadsheets open it as it is; named
     * `propositions-<slug>-<yyyy-mm-dd>.csv`, with the edition on every row once files are merged.
     * The file holds proposers' addresses: each export is written to the access log (who, when,
     * which edition, how many proposals) before its first byte leaves, so no file leaves unlogged.
     * The body is a stream, read `pageSize` proposals at a time.
     */
    async proposalsCsv(documentId: string, by: string, { pageSize = CSV_PAGE_SIZE } = {}): Promise<{ filename: string; body: Readable }> {
      const file = await csvOf(documentId, pageSize);
      await getService('accessLog').record({
        action: 'proposals_csv_export',
        by,
        edition: { id: file.edition.id, title: file.edition.title },
        proposals: file.rows,
      });
      return { filename: file.filename, body: file.stream() };
    },

    /**
     * Next year's edition as a draft: the year in its title and slug, the same settings and venue, its
     * days and instants moved by whole weeks (same weekdays, same local times), its review criteria, no proposals. Refused
     * when the event already has an edition that year (or the slug is taken): nothing is written.
     */
    async duplicateAsNextYear(documentId: string) {
      const e = await edition(documentId);
      const zone = zoneOf(e);
      const fromYear = e.year ?? DateTime.fromJSDate(clock.now(), { zone }).year;
      const year = fromYear + 1;
      const title = retitleForYear(e.title, fromYear, year);
      const slug = retitleForYear(e.slug, fromYear, year, '-');
      const sameYear: Array<{ documentId: string; title: string; slug: string; event: { documentId: string } | null }> = await strapi.db
        .query(EDITION)
        .findMany({ where: { $or: [{ year }, { slug }] }, populate: { event: { select: ['documentId'] } } });
      const existing = sameYear.find((row) => row.slug === slug || (row.event?.documentId ?? null) === (e.event?.documentId ?? null));
      if (existing) {
        throw new Problem(
          409,
          'ConflictError',
          'EDITION_ALREADY_EXISTS',
          `L'édition ${year} existe déjà : « ${existing.title} ». Ouvrez-la plutôt que d'en créer une seconde.`,
          `The ${year} edition already exists: "${existing.title}".`,
          { documentId: existing.documentId, title: existing.title }
        );
      }
      const days = sortedDays(e.days);
      const anchor = days[0]?.date ?? toDateTime(e.cfpOpensAt, zone)?.toISODate() ?? `${fromYear}-06-01`;
      const weeks = weeksToNextYear(anchor);
      const venue = e.venue ? { name: e.venue.name, hostShow: e.venue.hostShow, address: e.venue.address, city: e.venue.city } : undefined;
      // One transaction: the edition and its criteria, or nothing.
      return strapi.db.transaction(async () => {
        const created = await strapi.documents(EDITION).create({
          locale: 'fr',
          data: {
            title,
            slug,
            year,
            event: e.event?.documentId,
            description: e.description,
            venue,
            registrationUrl: e.registrationUrl,
            timeZone: e.timeZone,
            withoutCall: e.withoutCall ?? false,
            contactEmail: e.contactEmail,
            cfpOpensAt: shiftInstant(e.cfpOpensAt, weeks, zone),
            cfpClosesAt: shiftInstant(e.cfpClosesAt, weeks, zone),
            responseDate: shiftInstant(e.responseDate, weeks, zone),
            programPublicationDate: shiftInstant(e.programPublicationDate, weeks, zone),
            confirmationWindowDays: e.confirmationWindowDays,
            retentionMonths: e.retentionMonths,
            anonymousReview: e.anonymousReview ?? false,
            minDurationMinutes: e.minDurationMinutes,
            maxDurationMinutes: e.maxDurationMinutes,
            recommendedMaxDurationMinutes: e.recommendedMaxDurationMinutes,
            durationChoices: e.durationChoices,
            days: days.map((d) => {
              const date = shiftDate(d.date, weeks);
              return { date, startTime: d.startTime, endTime: d.endTime, label: relabelDay(d.label, d.date, date, fromYear, year) };
            }),
            // Strapi's input type admits `undefined`, not `null`, for an empty field; the copy keeps the
            // source's nulls on purpose (undefined would let a default such as confirmationWindowDays = 7 in).
          } as Modules.Documents.Params.Data.Input<typeof EDITION>,
        });
        await getService('reviews').copyCriteria(documentId, created.documentId);
        return { documentId: created.documentId, title: created.title, slug, year };
      });
    },
  };
};
