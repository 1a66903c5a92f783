/**
 * What editors need beyond the content manager: the call-for-proposals dashboard of an edition,
 * the CSV export of its proposals, and the duplication of an edition as next year's.
 */
import type { Core, Data, Modules } from '@strapi/strapi';
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
import { relabelDay, retitleForYear, shiftDate, shiftInstant, weeksToNextYear } from '../../../domain/next-year';

const EDITION = 'api::edition.edition';
const PROPOSAL = 'api::proposal.proposal';
const COUNTED = ['submitted', 'accepted', 'waitlisted', 'confirmed']; // what still asks for a slot

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

  async function proposalsOf(documentId: string): Promise<ProposalRow[]> {
    return strapi.db.query(PROPOSAL).findMany({
      where: { edition: { documentId } },
      populate: { administration: { select: ['name', 'kind'] } },
      orderBy: { submittedAt: 'asc' },
    });
  }

  /**
   * The CSV file of an edition's proposals, and what the access log says of it. For a reader kept
   * from the proposers' identity (anonymised review), the file has no identity columns at all.
   */
  async function csvOf(documentId: string): Promise<{ filename: string; body: string; edition: { id: number; title: string }; rows: number }> {
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
    const headers = [...shown.map(([header]) => header), ...review.headers];
    const rows = (await proposalsOf(documentId)).map((p) => [...shown.map(([, cell]) => cell(p)), ...review.cells(p.documentId)]);
    // Quote every cell; neutralise spreadsheet formulas: a cell starting with = + - @, a tab, a
    // carriage return, a line feed (OWASP's CSV Injection list) or NUL (OWASP ASVS 5, V1.2.10).
    const cell = (v: unknown) => {
      const text = String(v ?? '');
      const safe = /^[=+\-@\t\r\n\0]/.test(text) ? `'${text}` : text;
      return `"${safe.replace(/"/g, '""')}"`;
    };
    const body = '\uFEFF' + [headers, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
    // The day of the export where the edition takes place, so that two exports are told apart.
    const day = DateTime.fromJSDate(clock.now(), { zone }).toISODate();
    return { filename: `propositions-${e.slug}-${day}.csv`, body, edition: { id: e.id, title: e.title }, rows: rows.length };
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
      const proposals = await proposalsOf(documentId);
      const count = (key: (p: ProposalRow) => string) =>
        proposals.reduce((acc: Record<string, number>, p) => ({ ...acc, [key(p)]: (acc[key(p)] ?? 0) + 1 }), {});
      const byState = Object.fromEntries(PROPOSAL_STATES.map((s) => [s, 0]));
      Object.assign(
        byState,
        count((p) => p.state)
      );
      const days = sortedDays(e.days);
      const minutesAvailable = days.reduce((sum, d) => {
        const start = dayStart(d, zone);
        const end = dayEnd(d, zone);
        return sum + (start && end ? end.diff(start, 'minutes').minutes : 0);
      }, 0);
      const sum = (states: string[]) => proposals.filter((p) => states.includes(p.state)).reduce((n, p) => n + (p.requestedDuration ?? 0), 0);
      const labelOf = (state: string) => PROPOSAL_STATE_LABELS[state as ProposalState]?.fr ?? state;
      const undecided = proposals.filter((p) => p.state === 'submitted');
      const response = toDateTime(e.responseDate, zone);
      const identityHidden = await getService('anonymousReview').hidesIdentityIn(documentId);
      return {
        edition: { documentId, title: e.title, year: e.year, timeZone: zone },
        callForProposals: callForProposalsBlock(e, now, 'fr'),
        total: proposals.length,
        byState: Object.entries(byState).map(([state, n]) => ({ state, label: labelOf(state), count: n })),
        byPreferredDay: [
          ...days.map((d) => ({
            day: d.date,
            label: d.label || frenchDate(DateTime.fromISO(d.date, { zone })),
            count: proposals.filter((p) => p.preferredDay === d.date).length,
          })),
          { day: null, label: 'Pas de préférence', count: proposals.filter((p) => !p.preferredDay).length },
        ],
        // Kept from a reader of an anonymised review: seen before and after a new proposal, the
        // counts would tell its kind of administration.
        byAdministrationKind: identityHidden
          ? []
          : Object.entries(count((p) => p.administration?.kind ?? p.administrationKind ?? 'unknown')).map(([kind, n]) => ({
              kind,
              label: kindLabel(kind),
              count: n,
            })),
        minutes: { requested: sum(COUNTED), accepted: sum(['accepted', 'confirmed']), available: minutesAvailable },
        undecided: {
          count: undecided.length,
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
      const undecided = new Map((await getService('decisions').undecided()).map((u) => [u.edition.documentId, u.undecided]));
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
     * which edition, how many proposals) in the same transaction, so no file leaves unlogged.
     */
    async proposalsCsv(documentId: string, by: string): Promise<{ filename: string; body: string }> {
      return strapi.db.transaction(async () => {
        const file = await csvOf(documentId);
        await getService('accessLog').record({
          action: 'proposals_csv_export',
          by,
          edition: { id: file.edition.id, title: file.edition.title },
          proposals: file.rows,
        });
        return { filename: file.filename, body: file.body };
      });
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
