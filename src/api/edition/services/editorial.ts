/**
 * What editors need beyond the content manager: the call-for-proposals dashboard of an edition,
 * the CSV export of its proposals, and the duplication of an edition as next year's.
 */
import type { Core, Data, Modules } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { clock } from '../../../domain/clock';
import { callForProposalsBlock } from '../../../domain/call-state';
import type { Dashboard, EditionSummary } from '../../../domain/dashboard';
import { dayEnd, dayStart, sortedDays, toDateTime, zoneOf, type EditionCalendar, type EditionDay, type Instant } from '../../../domain/edition-calendar';
import { ADMINISTRATION_KIND_LABELS } from '../../../domain/labels';
import { PROPOSAL_STATES, STATE_LABELS_FR, type ProposalState } from '../../../domain/proposal-states';
import { Problem, problems } from '../../../http/problem';
import { relabelDay, retitleForYear, shiftDate, shiftInstant, weeksToNextYear } from '../../../domain/next-year';

const EDITION = 'api::edition.edition';
const PROPOSAL = 'api::proposal.proposal';
const COUNTED = ['submitted', 'accepted', 'waitlisted', 'confirmed']; // what still asks for a slot

// `strapi.db.query` hands back untyped rows: these name the fields this service reads.
type EditionFields = Data.ContentType<typeof EDITION>;
interface EditionRow extends EditionCalendar {
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
  jobTitle: string | null;
  preferredDay: string | null;
  requestedDuration: number | null;
  state: ProposalState;
  decisionReleasedAt: Instant | null;
  submittedAt: Instant | null;
  decidedAt: Instant | null;
  reviewerNotes: string | null;
}

interface DeliveryRow {
  target: { name: string } | null;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  updatedAt: Date | string;
}

const kindLabel = (kind: string): string => ADMINISTRATION_KIND_LABELS[kind as keyof typeof ADMINISTRATION_KIND_LABELS]?.fr ?? kind;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function edition(documentId: string): Promise<EditionRow> {
    const row: EditionRow | null = await strapi.db
      .query(EDITION)
      .findOne({ where: { documentId, locale: 'fr' }, populate: { days: true, event: true, venue: true }, orderBy: { publishedAt: 'asc' } });
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

  return {
    async editions(): Promise<EditionSummary[]> {
      const rows: Array<EditionSummary & { publishedAt: Instant | null }> = await strapi.db
        .query(EDITION)
        .findMany({ where: { locale: 'fr' }, select: ['documentId', 'title', 'year', 'publishedAt'], orderBy: [{ year: 'desc' }] });
      const seen = new Map<string, EditionSummary>();
      for (const r of rows) if (!seen.has(r.documentId) || r.publishedAt) seen.set(r.documentId, { documentId: r.documentId, title: r.title, year: r.year });
      return [...seen.values()];
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
      const failures: DeliveryRow[] = await strapi.db
        .query('api::delivery.delivery')
        .findMany({ where: { state: 'failed' }, populate: { target: { select: ['name'] } }, orderBy: { id: 'desc' }, limit: 10 });
      const undecided = proposals.filter((p) => p.state === 'submitted');
      const response = toDateTime(e.responseDate, zone);
      return {
        edition: { documentId, title: e.title, year: e.year, timeZone: zone },
        callForProposals: callForProposalsBlock(e, now, 'fr'),
        total: proposals.length,
        byState: Object.entries(byState).map(([state, n]) => ({ state, label: STATE_LABELS_FR[state as keyof typeof STATE_LABELS_FR], count: n })),
        byPreferredDay: [
          ...days.map((d) => ({ day: d.date, label: d.label || d.date, count: proposals.filter((p) => p.preferredDay === d.date).length })),
          { day: null, label: 'Pas de préférence', count: proposals.filter((p) => !p.preferredDay).length },
        ],
        byAdministrationKind: Object.entries(count((p) => p.administration?.kind ?? 'unknown')).map(([kind, n]) => ({
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
        webhookFailures: failures.map((f) => ({
          target: f.target?.name ?? '?',
          attempts: f.attempts,
          lastStatus: f.lastStatus,
          lastError: f.lastError,
          at: f.updatedAt,
        })),
      };
    },

    /** UTF-8 with a BOM and ";" separators, so that French spreadsheets open it as it is. */
    async proposalsCsv(documentId: string): Promise<{ filename: string; body: string }> {
      const e = await edition(documentId);
      const zone = zoneOf(e);
      const local = (v: unknown) => (v ? DateTime.fromJSDate(new Date(String(v)), { zone }).toFormat('dd/LL/yyyy HH:mm') : '');
      const headers = [
        'Référence',
        'Titre',
        'Intervenant',
        'Courriel',
        'Administration',
        'Nature',
        'Fonction',
        'Jour préféré',
        'Durée (min)',
        'État',
        'Décision communiquée',
        'Reçue le',
        'Décidée le',
        'Notes internes',
      ];
      const rows = (await proposalsOf(documentId)).map((p) => [
        p.reference,
        p.title,
        p.speakerName,
        p.email,
        p.administrationName,
        kindLabel(p.administration?.kind ?? 'unknown'),
        p.jobTitle ?? '',
        p.preferredDay ? DateTime.fromISO(p.preferredDay).toFormat('dd/LL/yyyy') : 'Pas de préférence',
        p.requestedDuration,
        STATE_LABELS_FR[p.state] ?? p.state,
        p.decisionReleasedAt ? 'oui' : 'non',
        local(p.submittedAt),
        local(p.decidedAt),
        p.reviewerNotes ?? '',
      ]);
      // Quote every cell; neutralise spreadsheet formulas: a cell starting with = + - @, a tab, a
      // carriage return, a line feed (OWASP's CSV Injection list) or NUL (OWASP ASVS 5, V1.2.10).
      const cell = (v: unknown) => {
        const text = String(v ?? '');
        const safe = /^[=+\-@\t\r\n\0]/.test(text) ? `'${text}` : text;
        return `"${safe.replace(/"/g, '""')}"`;
      };
      const body = '\uFEFF' + [headers, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
      return { filename: `propositions-${e.slug}.csv`, body };
    },

    /**
     * Next year's edition as a draft: the year in its title and slug, the same settings and venue, its
     * days and instants moved by whole weeks (same weekdays, same local times), no proposals. Refused
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
      return { documentId: created.documentId, title: created.title, slug, year };
    },
  };
};
