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
import { Problem, problems } from '../../../http/problem';
import { calendarUidDomain, publicBaseUrl } from '../../../http/public-url';
import { pagesConfig } from '../../../config-types';
import { getService } from '../../../services';

const EDITION = 'api::edition.edition';
const SESSION = 'api::session.session';

export type Output = { type: string; body: string; until: Date | null };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const baseUrl = () => publicBaseUrl(strapi);
  const linksOf = (program: Program) => publicLinks(baseUrl(), program.edition.slug, { pages: pagesConfig(strapi).enabled });
  /** The versions the public may read (none under embargo), newest first. */
  const versionsOf = (program: Program) => getService('programVersions').publicVersions(program.edition);
  const scheduleOptions = async (program: Program) => ({
    baseUrl: baseUrl(),
    links: linksOf(program),
    now: clock.now(),
    programVersion: (await versionsOf(program))[0]?.number ?? null,
  });
  const calendarOptions = (program: Program) => ({ links: linksOf(program), uidDomain: calendarUidDomain(strapi) });

  const notFound = (ref: string) => problems.editionNotFound(ref);

  async function findEdition(ref: string, locale?: string): Promise<ProgramEdition> {
    const edition = await strapi.documents(EDITION).findFirst({
      filters: { $or: [{ slug: ref }, { documentId: ref }] },
      status: 'published',
      locale,
      populate: { days: true, venue: true },
    });
    if (!edition) throw notFound(ref);
    return edition as unknown as ProgramEdition;
  }

  /** Two queries for the sessions, whatever their number: the sessions, then their speakers (and administrations). */
  async function loadProgram(ref: string, locale?: string): Promise<Program> {
    const edition = await findEdition(ref, locale);
    const findSessions = () =>
      strapi.documents(SESSION).findMany({
        filters: { edition: { documentId: edition.documentId } },
        status: 'published',
        locale: edition.locale,
        fields: [
          'slug',
          'title',
          'abstract',
          'startsAt',
          'durationMinutes',
          'room',
          'format',
          'slidesUrl',
          'videoUrl',
          'number',
          'cancelled',
          'scheduleSequence',
          'updatedAt',
        ],
        populate: { speakers: { fields: ['name', 'jobTitle', 'bio'], populate: { administration: { fields: ['name', 'acronym', 'kind'] } } } },
        sort: ['startsAt:asc'],
        limit: -1,
      });
    let sessions = await findSessions();
    // Every session is numbered at creation and at boot; one written behind the document service since (a restore) is numbered now.
    if (sessions.some((s) => s.number === null || s.number === undefined)) {
      await getService('scheduleIdentity').numberUnnumbered();
      sessions = await findSessions();
    }
    // Strapi's document types leave every field optional; the session schema requires slug and title.
    return buildProgram(edition, sessions as Parameters<typeof buildProgram>[1]);
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
    const [version] = await versionsOf(program);
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
