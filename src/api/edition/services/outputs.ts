/**
 * What frontends read about an edition besides its fields: the program, the C3VOC schedule, iCal
 * files, and Markdown for static sites. Everything is built from published content only, with a
 * bounded number of queries, and kept in the response cache until content or the next date
 * boundary changes it.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { nextBoundaryAfter } from '../../../domain/call-state';
import { announcementMarkdown, sessionMarkdown } from '../../../domain/exports/markdown';
import { editionCalendar, sessionCalendar } from '../../../domain/exports/ical';
import { publicLinks } from '../../../domain/exports/links';
import { scheduleJson, scheduleXml } from '../../../domain/exports/schedule';
import { buildProgram, type Program, type ProgramEdition } from '../../../domain/program';
import { SESSION_PUBLISHED_FIELDS } from '../../../domain/program-versions';
import { Problem, problems } from '../../../http/problem';
import { calendarUidDomain, publicBaseUrl } from '../../../http/public-url';
import { pagesConfig } from '../../../config-types';
import { getService } from '../../../services';
import { joinedReader, type Row } from '../../../persistence/joined-read';

const EDITION = 'api::edition.edition';
const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const ADMINISTRATION = 'api::administration.administration';
const DAY = 'edition.day';
const VENUE = 'edition.venue';

export type Output = { type: string; body: string; until: Date | null };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const baseUrl = () => publicBaseUrl(strapi);
  const linksOf = (program: Program) => publicLinks(baseUrl(), program.edition.slug, { pages: pagesConfig(strapi).enabled });
  /** The versions the public may read (none under embargo), newest first. */
  const versionsOf = (program: Program) => getService('programVersions').publicVersions(program.edition);
  const latestVersionOf = (program: Program) => getService('programVersions').latestPublicVersion(program.edition);
  const scheduleOptions = async (program: Program) => ({
    baseUrl: baseUrl(),
    links: linksOf(program),
    now: clock.now(),
    programVersion: (await latestVersionOf(program))?.number ?? null,
  });
  const calendarOptions = (program: Program) => ({ links: linksOf(program), uidDomain: calendarUidDomain(strapi) });

  const notFound = (ref: string) => problems.editionNotFound(ref);

  const reader = joinedReader(strapi);
  /** What a publication copies to the public program (the speakers joined apart), and the schedule's identity and stamps. */
  const SESSION_FIELDS = [...SESSION_PUBLISHED_FIELDS.filter((field) => field !== 'speakers'), 'documentId', 'number', 'scheduleSequence', 'updatedAt'];

  /**
   * The published edition at this slug or documentId, in `locale` (the default locale if none), with
   * its days and venue: one query (the default locale, when none is asked, one more).
   */
  async function findEdition(ref: string, locale?: string): Promise<ProgramEdition> {
    const inLocale = locale ?? ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
    const rows = await reader.rows((knex) => {
      const qb = reader.from(knex, EDITION, 'e');
      const days = reader.join(qb, EDITION, 'e', 'days', 'd');
      reader.join(qb, EDITION, 'e', 'venue', 'v');
      return qb
        .select(reader.columns(EDITION, 'e'), reader.columns(DAY, 'd'), reader.columns(VENUE, 'v'))
        .whereNotNull(reader.ref(EDITION, 'e', 'publishedAt'))
        .where(reader.ref(EDITION, 'e', 'locale'), inLocale)
        .where((q) => void q.where(reader.ref(EDITION, 'e', 'slug'), ref).orWhere(reader.ref(EDITION, 'e', 'documentId'), ref))
        .orderBy([reader.ref(EDITION, 'e', 'id'), days.order!, reader.ref(DAY, 'd', 'id')]);
    });
    if (rows.length === 0) throw notFound(ref);
    const edition = reader.read(EDITION, 'e', rows[0])!;
    const ofEdition = rows.filter((row) => row.e__id === rows[0].e__id);
    const days = ofEdition.map((row) => reader.read(DAY, 'd', row)).filter((day) => day !== null);
    return { ...edition, days, venue: reader.read(VENUE, 'v', rows[0]) } as unknown as ProgramEdition;
  }

  /**
   * The edition's published sessions in its locale, by start, with their published speakers (in
   * their order) and the speakers' administrations: one query, whatever their number.
   */
  async function findSessions(edition: ProgramEdition) {
    const rows = await reader.rows((knex) => {
      const qb = reader.from(knex, SESSION, 's');
      reader.join(qb, SESSION, 's', 'edition', 'ed');
      const speakers = reader.join(qb, SESSION, 's', 'speakers', 'sp', (on) => on.andOnNotNull(reader.ref(SPEAKER, 'sp', 'publishedAt')));
      reader.join(qb, SPEAKER, 'sp', 'administration', 'a');
      return qb
        .select(
          reader.columns(SESSION, 's', SESSION_FIELDS),
          reader.columns(SPEAKER, 'sp', ['documentId', 'name', 'jobTitle', 'bio']),
          reader.columns(ADMINISTRATION, 'a', ['documentId', 'name', 'acronym', 'kind'])
        )
        .where(reader.ref(EDITION, 'ed', 'documentId'), edition.documentId)
        .whereNotNull(reader.ref(SESSION, 's', 'publishedAt'))
        .where(reader.ref(SESSION, 's', 'locale'), edition.locale ?? null)
        .orderBy([reader.ref(SESSION, 's', 'startsAt'), reader.ref(SESSION, 's', 'id'), speakers.order!, reader.ref(SPEAKER, 'sp', 'id')]);
    });
    const sessions = new Map<unknown, Row & { speakers: Row[] }>();
    for (const row of rows) {
      let session = sessions.get(row.s__id);
      if (!session) sessions.set(row.s__id, (session = { ...reader.read(SESSION, 's', row)!, speakers: [] }));
      const speaker = reader.read(SPEAKER, 'sp', row);
      if (speaker) session.speakers.push({ ...speaker, administration: reader.read(ADMINISTRATION, 'a', row) });
    }
    return [...sessions.values()];
  }

  /** Three queries (four without a locale), whatever the number of sessions: the edition, its sessions with their speakers. */
  async function loadProgram(ref: string, locale?: string): Promise<Program> {
    const edition = await findEdition(ref, locale);
    let sessions = await findSessions(edition);
    // Every session is numbered at creation and at boot; one written behind the document service since (a restore) is numbered now.
    if (sessions.some((s) => s.number === null || s.number === undefined)) {
      await getService('scheduleIdentity').numberUnnumbered();
      sessions = await findSessions(edition);
    }
    // The query engine's rows are untyped; the session schema requires slug and title.
    return buildProgram(edition, sessions as unknown as Parameters<typeof buildProgram>[1]);
  }

  const until = (program: Program) => nextBoundaryAfter(program.edition, clock.now());
  const json = (data: unknown) => JSON.stringify({ data, meta: {} });

  async function findSession(documentId: string) {
    const session = await strapi.documents(SESSION).findOne({
      documentId,
      status: 'published',
      fields: ['slug'],
      populate: { edition: { fields: ['slug'] } },
    });
    const editionSlug = session?.edition?.slug;
    if (!session || !editionSlug) {
      throw new Problem(
        404,
        'NotFoundError',
        'SESSION_NOT_FOUND',
        "Cette session n'existe pas ou n'est pas encore publiée.",
        'This session does not exist or is not published yet.'
      );
    }
    const program = await loadProgram(editionSlug);
    const found = [...program.days.flatMap((d) => d.sessions), ...program.unscheduled].find((s) => s.documentId === documentId)!;
    return { program, session: found };
  }

  /** What the program route answers in `data`, and GraphQL's `program`: the current version with its changelog. */
  async function programData(program: Program) {
    const { edition } = program;
    const version = await latestVersionOf(program);
    return {
      edition: {
        documentId: edition.documentId,
        slug: edition.slug,
        title: edition.title,
        year: edition.year,
        timeZone: edition.timeZone,
        venue: edition.venue ?? null,
        locale: edition.locale,
      },
      days: program.days,
      unscheduled: program.unscheduled,
      version: version ?? null,
    };
  }

  return {
    loadProgram,
    versionsOf,

    async programData(ref: string, locale?: string) {
      return programData(await loadProgram(ref, locale));
    },

    async program(ref: string, locale?: string): Promise<Output> {
      const program = await loadProgram(ref, locale);
      return { type: 'application/json', body: json(await programData(program)), until: until(program) };
    },

    async scheduleJson(ref: string): Promise<Output> {
      const program = await loadProgram(ref);
      return {
        type: 'application/json',
        body: JSON.stringify(scheduleJson(program, await scheduleOptions(program)), null, 2),
        until: until(program),
      };
    },

    async scheduleXml(ref: string): Promise<Output> {
      const program = await loadProgram(ref);
      return { type: 'application/xml', body: scheduleXml(program, await scheduleOptions(program)), until: until(program) };
    },

    async editionCalendar(ref: string): Promise<Output> {
      const program = await loadProgram(ref);
      return { type: 'text/calendar; charset=utf-8', body: editionCalendar(program, calendarOptions(program)), until: until(program) };
    },

    async sessionCalendar(documentId: string): Promise<Output> {
      const { program, session } = await findSession(documentId);
      return { type: 'text/calendar; charset=utf-8', body: sessionCalendar(program, session, calendarOptions(program)), until: until(program) };
    },

    async announcement(ref: string): Promise<Output> {
      const edition = await findEdition(ref);
      const publishedOn = edition.cfpOpensAt ? new Date(String(edition.cfpOpensAt)) : clock.now();
      // The app's own form, when it serves its pages; a headless deployment's frontend has its own.
      const proposalForm = pagesConfig(strapi).enabled ? `${baseUrl()}/editions/${encodeURIComponent(edition.slug)}/proposer` : null;
      return {
        type: 'text/markdown; charset=utf-8',
        body: announcementMarkdown(edition, publishedOn, { proposalForm }),
        until: nextBoundaryAfter(edition, clock.now()),
      };
    },

    async sessionPage(documentId: string): Promise<Output> {
      const { program, session } = await findSession(documentId);
      const page = sessionMarkdown(program, session);
      return { type: 'text/markdown; charset=utf-8', body: page.content, until: until(program) };
    },

    /** Every published session as a Markdown page, for a static site's build step. */
    async sessionPages(ref: string): Promise<Output> {
      const program = await loadProgram(ref);
      const pages = program.days.flatMap((d) => d.sessions).map((s) => sessionMarkdown(program, s));
      return { type: 'application/json', body: json(pages), until: until(program) };
    },
  };
};
