/**
 * The program builder's server side: the placement rules of src/domain/program-placement.ts held on
 * every write of a session or an edition (through the document middleware
 * `keepProgramPlacementValid`, whoever writes: admin, builder, seed, jobs), and what the builder's
 * routes read and write. Every check and the write it allows run under the edition's lock
 * (`program:<edition>`, src/persistence/lock.ts) in one transaction, so that two placements at once
 * cannot both pass into an overlap, on one instance or several.
 *
 * The program is the edition's DRAFT sessions, one row per document (placement fields are not
 * localized): what editors are building. Publishing copies a placement that was checked here.
 */
import type { Core, Modules } from '@strapi/strapi';
import { randomBytes } from 'crypto';
import slugify from 'slugify';
import {
  daySlots,
  enforcedViolations,
  newlyBroken,
  refusalsFor,
  suggestPlacement,
  type PlacementEdition,
  type PlacementViolation,
  type Placed,
} from '../../../domain/program-placement';
import { zoneOf, type EditionDay } from '../../../domain/edition-calendar';
import { readAcceptedPlacements, readPlacement, readProgramItem, type InputError } from '../../../domain/program-builder-input';
import { SCHEDULE_FIELDS, scheduleChanged } from '../../../domain/schedule-identity';
import { withLock } from '../../../persistence/lock';
import { Problem, problems } from '../../../http/problem';
import { relationChange } from './publication-consent';

const SESSION = 'api::session.session';
const EDITION = 'api::edition.edition';

/** The edition's fields the placement rules read; a change to any of them is checked against the program. */
export const PLACEMENT_EDITION_FIELDS = ['days', 'rooms', 'changeoverMinutes', 'timeZone'] as const;

/** An edition's draft row as the query engine returns it (untyped), days and rooms populated. */
interface EditionRow {
  id: number;
  documentId: string;
  title: string;
  timeZone: string | null;
  changeoverMinutes: number | null;
  programPublicationDate: string | null;
  days: EditionDay[] | null;
  rooms: { name: string }[] | null;
}

/** A session row as this service reads it. */
interface SessionRow {
  id: number;
  documentId: string;
  locale: string | null;
  title: string;
  number: number | null;
  format: string | null;
  startsAt: string | Date | null;
  durationMinutes: number | null;
  room: string | null;
  cancelled: boolean | null;
  updatedAt: string | Date | null;
  publishedAt: string | Date | null;
  proposal: { preferredDay: string | null } | null;
  speakers?: { name: string }[];
  edition?: { documentId: string } | null;
}

const SESSION_FIELDS = [
  'id',
  'documentId',
  'locale',
  'title',
  'number',
  'format',
  'startsAt',
  'durationMinutes',
  'room',
  'cancelled',
  'updatedAt',
  'publishedAt',
];

const lockKey = (editionDocumentId: string) => `program:${editionDocumentId}`;

const iso = (value: string | Date | null | undefined): string | null => (value === null || value === undefined ? null : new Date(value).toISOString());

export function placementEditionOf(row: Pick<EditionRow, 'timeZone' | 'days' | 'rooms' | 'changeoverMinutes'>): PlacementEdition {
  return {
    timeZone: row.timeZone,
    days: row.days ?? [],
    rooms: (row.rooms ?? []).map((r) => r?.name).filter((name): name is string => typeof name === 'string'),
    changeoverMinutes: row.changeoverMinutes ?? 0,
  };
}

const placedOf = (row: SessionRow): Placed => ({
  id: row.documentId,
  title: row.title,
  startsAt: iso(row.startsAt),
  durationMinutes: row.durationMinutes ?? 0,
  room: row.room ?? null,
  preferredDay: row.proposal?.preferredDay ?? null,
  cancelled: !!row.cancelled,
});

/** One row per document: the French one, else the first. */
function oneRowPerDocument<T extends { documentId: string; locale: string | null }>(rows: T[]): T[] {
  const byDocument = new Map<string, T>();
  for (const row of rows) {
    const kept = byDocument.get(row.documentId);
    if (!kept || (kept.locale !== 'fr' && row.locale === 'fr')) byDocument.set(row.documentId, row);
  }
  return [...byDocument.values()];
}

/** The refusal of a write that breaks the program: the first error's code and words, the errors concerning the session. */
export function placementRefusal(violations: PlacementViolation[]): Problem {
  const [first] = violations;
  const more = violations.length - 1;
  return new Problem(
    400,
    'ValidationError',
    first.code,
    more > 0 ? `${first.message} (et ${more} autre${more > 1 ? 's' : ''} problème${more > 1 ? 's' : ''} de placement)` : first.message,
    more > 0 ? `${first.messageEn} (and ${more} more placement problem${more > 1 ? 's' : ''})` : first.messageEn,
    { violations }
  );
}

function programNoLongerFits(violations: PlacementViolation[], titles: Map<string, string>): Problem {
  const ids = [...new Set(violations.flatMap((v) => v.sessionIds.map(String)))];
  const sessions = ids.map((documentId) => ({ documentId, title: titles.get(documentId) ?? '' }));
  const list = sessions.map((s) => `« ${s.title} »`).join(', ');
  return new Problem(
    400,
    'ValidationError',
    'PROGRAM_NO_LONGER_FITS',
    `Ces jours, salles, battement ou fuseau ne conviennent plus au programme déjà placé (${list}) : ${violations[0].message} Déplacez ou retirez d'abord ces sessions.`,
    `These days, rooms, changeover or time zone no longer fit the sessions already placed (${sessions.map((s) => `"${s.title}"`).join(', ')}): ${violations[0].messageEn} Move or unplace those sessions first.`,
    { sessions, violations }
  );
}

const inputRefusal = (errors: InputError[]) => problems.validation(errors);

const sessionNotFound = () =>
  new Problem(
    404,
    'NotFoundError',
    'SESSION_NOT_FOUND',
    "Cette session n'existe pas (ou pas dans cette édition).",
    'This session does not exist (or not in this edition).'
  );

/** What a write asks of the document service, as its middleware sees it. */
interface WriteParams {
  documentId?: string;
  locale?: string;
  data?: Record<string, unknown>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function editionRow(where: { documentId?: string; id?: number }): Promise<EditionRow | null> {
    const rows: EditionRow[] = await strapi.db.query(EDITION).findMany({
      where: { ...where, publishedAt: null },
      select: ['id', 'documentId', 'locale', 'title', 'timeZone', 'changeoverMinutes', 'programPublicationDate'],
      populate: { days: true, rooms: true },
    });
    return oneRowPerDocument(rows as (EditionRow & { locale: string | null })[])[0] ?? null;
  }

  async function draftSessions(editionDocumentId: string, { withSpeakers = false } = {}): Promise<SessionRow[]> {
    const rows: SessionRow[] = await strapi.db.query(SESSION).findMany({
      where: { publishedAt: null, edition: { documentId: editionDocumentId } },
      select: SESSION_FIELDS,
      populate: {
        proposal: { select: ['preferredDay'] },
        ...(withSpeakers ? { speakers: { select: ['name'], where: { publishedAt: null } } } : {}),
      },
      orderBy: [{ startsAt: 'asc' }, { number: 'asc' }],
    });
    return oneRowPerDocument(rows);
  }

  /** A session's draft (or, with `published`, its published version), one row. */
  async function storedSession(documentId: string, { published = false } = {}): Promise<SessionRow | null> {
    const rows: SessionRow[] = await strapi.db.query(SESSION).findMany({
      where: { documentId, publishedAt: published ? { $notNull: true } : null },
      select: SESSION_FIELDS,
      populate: { proposal: { select: ['preferredDay'] }, edition: { select: ['documentId'] } },
    });
    return oneRowPerDocument(rows)[0] ?? null;
  }

  /** The edition a write points the session to: unchanged (undefined), none (null), or a documentId. */
  async function editionWritten(input: unknown): Promise<string | null | undefined> {
    const change = relationChange(input);
    if (!change) return undefined;
    const items = change.set ?? change.connect;
    const item = items[items.length - 1];
    if (item === undefined) return change.set !== undefined || change.disconnect.length > 0 ? null : undefined;
    if (typeof item === 'string') return item;
    if (typeof item === 'object' && item.documentId) return item.documentId;
    const id = typeof item === 'number' ? item : item.id;
    if (id === undefined) return undefined;
    const row: { documentId: string } | null = await strapi.db.query(EDITION).findOne({ where: { id }, select: ['documentId'] });
    return row?.documentId ?? null;
  }

  /** The refusals a session written with `next` brings to its edition's program (run under the edition's lock). */
  async function refusalsOfWrite(editionDocumentId: string, next: Placed): Promise<PlacementViolation[]> {
    const edition = await editionRow({ documentId: editionDocumentId });
    if (!edition) return [];
    const others = (await draftSessions(editionDocumentId)).filter((row) => row.documentId !== next.id).map(placedOf);
    return refusalsFor(placementEditionOf(edition), [...others, next], next.id);
  }

  /** The edition's program as the rules read it. */
  async function program(editionDocumentId: string) {
    const edition = await editionRow({ documentId: editionDocumentId });
    if (!edition) throw problems.editionNotFound(editionDocumentId, { published: false });
    const sessions = await draftSessions(editionDocumentId, { withSpeakers: true });
    return { edition, rules: placementEditionOf(edition), sessions };
  }

  async function statusOf(rows: SessionRow[]): Promise<Map<string, 'draft' | 'published' | 'modified'>> {
    const published: { documentId: string; updatedAt: string | Date }[] = rows.length
      ? await strapi.db
          .query(SESSION)
          .findMany({ where: { documentId: { $in: rows.map((r) => r.documentId) }, publishedAt: { $notNull: true } }, select: ['documentId', 'updatedAt'] })
      : [];
    const publishedAt = new Map(published.map((p) => [p.documentId, new Date(p.updatedAt).getTime()]));
    return new Map(
      rows.map((row) => {
        const at = publishedAt.get(row.documentId);
        const status = at === undefined ? 'draft' : new Date(row.updatedAt ?? 0).getTime() > at ? 'modified' : 'published';
        return [row.documentId, status];
      })
    );
  }

  /** A session as the builder shows it: no proposer identity, only the speakers' names. */
  function builderSession(row: SessionRow, status: 'draft' | 'published' | 'modified') {
    return {
      documentId: row.documentId,
      number: row.number,
      title: row.title,
      format: row.format,
      startsAt: iso(row.startsAt),
      durationMinutes: row.durationMinutes,
      room: row.room ?? null,
      cancelled: !!row.cancelled,
      preferredDay: row.proposal?.preferredDay ?? null,
      status,
      fromProposal: row.proposal !== null && row.proposal !== undefined,
      speakers: (row.speakers ?? []).map((s) => s.name),
    };
  }

  /** GET …/program-builder: the edition's afternoons, its sessions (draft state) and what is wrong with them. */
  async function view(editionDocumentId: string) {
    const { edition, rules, sessions } = await program(editionDocumentId);
    const statuses = await statusOf(sessions);
    const labels = new Map((edition.days ?? []).map((d) => [d.date, d.label ?? null]));
    return {
      edition: {
        documentId: edition.documentId,
        title: edition.title,
        timeZone: zoneOf(edition),
        changeoverMinutes: rules.changeoverMinutes ?? 0,
        rooms: rules.rooms ?? [],
        programPublicationDate: iso(edition.programPublicationDate),
        days: daySlots(rules).map((slot) => ({
          date: slot.date,
          label: labels.get(slot.date) ?? null,
          start: slot.start.toUTC().toISO(),
          end: slot.end.toUTC().toISO(),
          minutes: slot.minutes,
        })),
      },
      sessions: sessions.map((row) => builderSession(row, statuses.get(row.documentId) ?? 'draft')),
      violations: enforcedViolations(rules, sessions.map(placedOf)),
    };
  }

  /** The session being written by the document service's write, as a placement, and its edition. */
  async function writtenPlacement(action: string, params: WriteParams): Promise<{ edition: string; placed: Placed } | null> {
    if (action === 'discardDraft') {
      // « Abandonner les modifications »: the draft becomes the published version again, its place included.
      const published = params.documentId ? await storedSession(params.documentId, { published: true }) : null;
      if (!published) return null;
      const placed = { ...placedOf(published), id: published.documentId };
      return published.edition && placed.startsAt !== null && !placed.cancelled ? { edition: published.edition.documentId, placed } : null;
    }
    const data = params.data ?? {};
    const stored = action === 'create' || !params.documentId ? null : await storedSession(params.documentId);
    const edition = await editionWritten(data.edition);
    if (action === 'update') {
      if (!stored) return null;
      const moved = edition !== undefined && edition !== (stored.edition?.documentId ?? null);
      if (!moved && !scheduleChanged(stored, data)) return null;
    }
    const editionDocumentId = edition === undefined ? (stored?.edition?.documentId ?? null) : edition;
    if (!editionDocumentId) return null; // A session outside any edition is in no program yet.
    const base = stored ? placedOf(stored) : { startsAt: null, durationMinutes: 0, room: null, cancelled: false, preferredDay: null };
    const pick = <K extends (typeof SCHEDULE_FIELDS)[number]>(field: K) => (field in data ? data[field] : base[field]);
    const startsAt = pick('startsAt');
    const placed: Placed = {
      ...base,
      // A copy is a new session beside its source: another id.
      id: action === 'update' && params.documentId ? params.documentId : `new:${params.documentId ?? 'session'}`,
      title: typeof data.title === 'string' ? data.title : (stored?.title ?? 'Nouvelle session'),
      startsAt: startsAt === null || startsAt === undefined || startsAt === '' ? null : startsAt instanceof Date ? startsAt.toISOString() : String(startsAt),
      durationMinutes: Number(pick('durationMinutes') ?? 0),
      room: typeof pick('room') === 'string' && String(pick('room')).trim() !== '' ? String(pick('room')).trim() : null,
      cancelled: pick('cancelled') === true || pick('cancelled') === 'true',
    };
    if (placed.startsAt === null || placed.cancelled) return null; // Unplaced or cancelled: takes no room, breaks no rule.
    return { edition: editionDocumentId, placed };
  }

  return {
    lockKey,

    /**
     * Before a session's create, update or copy: refuses (400, the first error's code) the write
     * whose new start, duration, room, cancellation or edition puts THIS session in breach of the
     * rules; otherwise writes it, still under the edition's lock.
     */
    async guardSessionWrite<T>(action: string, params: WriteParams, write: () => Promise<T>): Promise<T> {
      const written = await writtenPlacement(action, params);
      if (!written) return write();
      return withLock(strapi, lockKey(written.edition), async () => {
        // Read again under the lock: a field this write leaves unchanged may have moved meanwhile.
        const current = await writtenPlacement(action, params);
        const refusals = current ? await refusalsOfWrite(current.edition, current.placed) : [];
        if (refusals.length > 0) throw placementRefusal(refusals);
        return write();
      });
    },

    /**
     * Before an edition's update that changes its days, rooms, changeover or zone: refuses
     * (PROGRAM_NO_LONGER_FITS) new settings that placed, non-cancelled draft sessions break.
     */
    async guardEditionWrite<T>(params: WriteParams, write: () => Promise<T>): Promise<T> {
      const data = params.data ?? {};
      if (!params.documentId || !PLACEMENT_EDITION_FIELDS.some((field) => field in data)) return write();
      const documentId = params.documentId;
      return withLock(strapi, lockKey(documentId), async () => {
        const stored = await editionRow({ documentId });
        if (stored) {
          const before = placementEditionOf(stored);
          const after = placementEditionOf({ ...stored, ...(data as Partial<EditionRow>) });
          const sessions = await draftSessions(documentId);
          const broken = newlyBroken(before, after, sessions.map(placedOf));
          if (broken.length > 0) throw programNoLongerFits(broken, new Map(sessions.map((s) => [s.documentId, s.title])));
        }
        return write();
      });
    },

    view,

    /** PUT /sessions/:documentId/placement: moves, resizes or unplaces one session through the document service. */
    async place(documentId: string, body: unknown) {
      const input = readPlacement(body);
      if ('errors' in input) throw inputRefusal(input.errors);
      const stored = await storedSession(documentId);
      if (!stored) throw sessionNotFound();
      await strapi.documents(SESSION).update({
        documentId,
        locale: stored.locale ?? undefined,
        // A null start unplaces the session; Strapi's input type has no null.
        data: input.value as Modules.Documents.Params.Data.Input<typeof SESSION>,
      });
      const editionDocumentId = stored.edition?.documentId;
      if (!editionDocumentId) return { session: builderSession((await storedSession(documentId)) ?? stored, 'draft'), violations: [] };
      const after = await view(editionDocumentId);
      return {
        session: after.sessions.find((s) => s.documentId === documentId) ?? null,
        violations: after.violations.filter((v) => v.severity === 'warning'),
      };
    },

    /** « Proposer un placement »: where the unplaced sessions would go; nothing is written. */
    async suggest(editionDocumentId: string) {
      const { rules, sessions } = await program(editionDocumentId);
      const placed = sessions.map(placedOf).filter((s) => s.startsAt !== null && !s.cancelled);
      const unplaced = sessions
        .map(placedOf)
        .filter((s) => s.startsAt === null && !s.cancelled)
        .map(({ id, title, durationMinutes, preferredDay }) => ({ id, title, durationMinutes, preferredDay }));
      return suggestPlacement(rules, placed, unplaced);
    },

    /** Accepts a suggestion (or any list of placements): all written in one transaction, or none. */
    async accept(editionDocumentId: string, body: unknown) {
      const input = readAcceptedPlacements(body);
      if ('errors' in input) throw inputRefusal(input.errors);
      const { sessions } = await program(editionDocumentId);
      const byId = new Map(sessions.map((s) => [s.documentId, s]));
      if (input.value.some((p) => !byId.has(p.documentId))) throw sessionNotFound();
      await withLock(strapi, lockKey(editionDocumentId), async () => {
        for (const placement of input.value) {
          await strapi.documents(SESSION).update({
            documentId: placement.documentId,
            locale: byId.get(placement.documentId)!.locale ?? undefined,
            data: { startsAt: placement.startsAt, room: placement.room } as Modules.Documents.Params.Data.Input<typeof SESSION>,
          });
        }
      });
      return view(editionDocumentId);
    },

    /** POST …/program-items: a welcome, a break, a closing or a round table, a draft session without proposal. */
    async addItem(editionDocumentId: string, body: unknown) {
      const input = readProgramItem(body);
      if ('errors' in input) throw inputRefusal(input.errors);
      const edition = await editionRow({ documentId: editionDocumentId });
      if (!edition) throw problems.editionNotFound(editionDocumentId, { published: false });
      const item = input.value;
      const created = await strapi.documents(SESSION).create({
        data: {
          title: item.title,
          slug: `${slugify(item.title, { lower: true, strict: true }).slice(0, 60) || item.format}-${randomBytes(5).toString('hex')}`,
          format: item.format,
          durationMinutes: item.durationMinutes,
          startsAt: item.startsAt,
          room: item.room,
          edition: editionDocumentId,
        } as Modules.Documents.Params.Data.Input<typeof SESSION>,
        locale: 'fr',
      });
      const after = await view(editionDocumentId);
      return {
        session: after.sessions.find((s) => s.documentId === created.documentId) ?? null,
        violations: after.violations.filter((v) => v.severity === 'warning'),
      };
    },

    /** Where a new session of `minutes` would go now (its preferred afternoon first), or null: for sessions made by the app. */
    async freePlaceFor(
      editionDocumentId: string,
      talk: { title: string; durationMinutes: number; preferredDay: string | null }
    ): Promise<{ startsAt: string; room: string | null } | null> {
      if (!(await editionRow({ documentId: editionDocumentId }))) return null;
      const { rules, sessions } = await program(editionDocumentId);
      const placed = sessions.map(placedOf).filter((s) => s.startsAt !== null && !s.cancelled);
      const suggestion = suggestPlacement(rules, placed, [{ id: 'new', ...talk }]);
      const found = suggestion.placements[0];
      return found ? { startsAt: found.startsAt, room: found.room } : null;
    },
  };
};
