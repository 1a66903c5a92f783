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
import { AsyncLocalStorage } from 'async_hooks';
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
import { relationChange, relationTargetsAfter } from './publication-consent';

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

/** The sessions an accept is writing, its final program already checked under the edition's lock. */
const accepting = new AsyncLocalStorage<Set<string>>();

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

/**
 * Publishing would make the PUBLIC program break a rule: the session's draft placement against what
 * is public now (`alone`), or the final public program of « Publier le programme ».
 */
function publishedProgramConflict(violations: PlacementViolation[], { alone }: { alone: boolean }): Problem {
  const [first] = violations;
  return new Problem(
    400,
    'ValidationError',
    'PUBLISHED_PROGRAM_CONFLICT',
    alone
      ? `Publiée seule, cette session rendrait le programme public incohérent : ${first.message} Publiez tout le programme d'un coup avec « Publier le programme ».`
      : `Une fois publié, le programme public serait incohérent : ${first.message} Corrigez le placement dans « Construire le programme », puis « Publier le programme ». Rien n'a été publié.`,
    alone
      ? `Published alone, this session would make the public program inconsistent: ${first.messageEn} Publish the whole program at once with "Publier le programme".`
      : `Once published, the public program would be inconsistent: ${first.messageEn} Fix the placement in the program builder, then publish the program. Nothing was published.`,
    { violations }
  );
}

/** Sessions choose their edition: an edition's write may not connect, set or disconnect them. */
const sessionsSetFromSession = () =>
  new Problem(
    400,
    'ValidationError',
    'SESSIONS_SET_FROM_SESSION',
    "Les sessions ne se rattachent pas depuis l'édition : ouvrez chaque session et choisissez son édition (les règles du programme y sont vérifiées).",
    "Sessions are not linked from the edition: open each session and choose its edition (the program's rules are checked there).",
    { errors: [{ path: ['sessions'], message: 'Rattachez les sessions depuis chaque session.', name: 'ValidationError' }] }
  );

/**
 * Discarding an edition's draft would take sessions never published out of it: Strapi restores the
 * edition's links from its published version, where those sessions are not.
 */
function draftSessionsWouldLeave(sessions: { documentId: string; title: string }[]): Problem {
  const list = sessions.map((s) => `« ${s.title} »`).join(', ');
  return new Problem(
    400,
    'ValidationError',
    'DRAFT_SESSIONS_WOULD_LEAVE',
    `Abandonner les modifications de l'édition en retirerait les sessions jamais publiées (${list}), qui disparaîtraient du programme. Publiez l'édition, ou rattachez d'abord ces sessions à une autre édition.`,
    `Discarding the edition's changes would take the sessions never published (${sessions.map((s) => `"${s.title}"`).join(', ')}) out of it, and out of the program. Publish the edition, or move those sessions to another edition first.`,
    { sessions }
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

  /** A session's draft, one row. */
  async function storedSession(documentId: string): Promise<SessionRow | null> {
    const rows: SessionRow[] = await strapi.db.query(SESSION).findMany({
      where: { documentId, publishedAt: null },
      select: SESSION_FIELDS,
      populate: { proposal: { select: ['preferredDay'] }, edition: { select: ['documentId'] } },
    });
    return oneRowPerDocument(rows)[0] ?? null;
  }

  /** The PUBLISHED rows, one per document: of one session, or of an edition's sessions. */
  async function publishedSessions(where: { documentId: string } | { edition: { documentId: string } }): Promise<SessionRow[]> {
    const rows: SessionRow[] = await strapi.db.query(SESSION).findMany({
      where: { ...where, publishedAt: { $notNull: true } },
      select: SESSION_FIELDS,
      populate: { proposal: { select: ['preferredDay'] }, edition: { select: ['documentId'] } },
    });
    return oneRowPerDocument(rows);
  }

  async function publishedEdition(documentId: string): Promise<EditionRow | null> {
    const rows: (EditionRow & { locale: string | null })[] = await strapi.db.query(EDITION).findMany({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['id', 'documentId', 'locale', 'title', 'timeZone', 'changeoverMinutes', 'programPublicationDate'],
      populate: { days: true, rooms: true },
    });
    return oneRowPerDocument(rows)[0] ?? null;
  }

  /**
   * The errors the public program of an edition would have once these draft sessions are published
   * (their draft placements in place of their public ones), among those involving them.
   */
  async function publicConflicts(editionDocumentId: string, drafts: SessionRow[]): Promise<PlacementViolation[]> {
    const edition = await editionRow({ documentId: editionDocumentId });
    if (!edition || drafts.length === 0) return [];
    const publishing = new Set(drafts.map((d) => d.documentId));
    const stays = (await publishedSessions({ edition: { documentId: editionDocumentId } })).filter((row) => !publishing.has(row.documentId));
    const final = [...stays, ...drafts].map(placedOf);
    return enforcedViolations(placementEditionOf(edition), final).filter(
      (v) => v.severity === 'error' && v.sessionIds.some((id) => publishing.has(String(id)))
    );
  }

  /**
   * The edition a session belongs to after a write: the stored one with the write's relation input
   * applied (set, connect, disconnect; ids, documentIds or objects). A disconnect empties it only when
   * it names the stored edition; a manyToOne keeps the last one connected.
   */
  async function editionAfter(storedEdition: string | null, input: unknown): Promise<string | null> {
    const targets = await relationTargetsAfter(strapi, EDITION, input, storedEdition ? [storedEdition] : []);
    return targets[targets.length - 1] ?? null;
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

  /** The program a write concerns: the edition the session belongs to once written (null: none). */
  async function editionOfWrite(action: string, params: WriteParams): Promise<string | null> {
    const stored = action === 'create' || !params.documentId ? null : await storedSession(params.documentId);
    return editionAfter(stored?.edition?.documentId ?? null, params.data?.edition);
  }

  /**
   * The session being written by the document service's write, as a placement, and its edition; null
   * when the write places nothing anew. Read under the edition's lock: the stored placement is then
   * the one the write really follows.
   */
  async function writtenPlacement(action: string, params: WriteParams): Promise<{ edition: string; placed: Placed } | null> {
    const data = params.data ?? {};
    const stored = action === 'create' || !params.documentId ? null : await storedSession(params.documentId);
    if (action === 'update' && !stored) return null;
    const storedEdition = stored?.edition?.documentId ?? null;
    const editionDocumentId = await editionAfter(storedEdition, data.edition);
    if (!editionDocumentId) return null; // A session outside any edition is in no program yet.
    if (action === 'update' && editionDocumentId === storedEdition && !scheduleChanged(stored!, data)) return null;
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
      // Inside an accept, whose final program was checked as a whole under the lock: no step is refused.
      if (action === 'update' && params.documentId && accepting.getStore()?.has(params.documentId)) return write();
      // An update that names neither the schedule nor the edition places nothing anew, whatever is stored.
      const data = params.data ?? {};
      if (action === 'update' && !('edition' in data) && !SCHEDULE_FIELDS.some((field) => field in data)) return write();
      // A first read names the program to lock; the placement is read again under its lock.
      const locked = await editionOfWrite(action, params);
      if (!locked) return write();
      return withLock(strapi, lockKey(locked), async () => {
        const written = await writtenPlacement(action, params);
        if (!written) return write();
        const check = async () => {
          const refusals = await refusalsOfWrite(written.edition, written.placed);
          if (refusals.length > 0) throw placementRefusal(refusals);
          return write();
        };
        // Moved to another edition meanwhile: that edition's lock too.
        return written.edition === locked ? check() : withLock(strapi, lockKey(written.edition), check);
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

    /** An edition's create, update or copy that names sessions: refused (SESSIONS_SET_FROM_SESSION) unless it changes nothing. */
    refuseSessionsFromEdition(input: unknown): void {
      const change = relationChange(input);
      if (change && (change.set !== undefined || change.connect.length > 0 || change.disconnect.length > 0)) throw sessionsSetFromSession();
    },

    /**
     * Before « Discard changes » on a session: the published placement comes back as the draft; it is
     * checked like a move (the usual refusal and violations), under the edition's lock.
     */
    async guardSessionDiscard<T>(params: WriteParams, write: () => Promise<T>): Promise<T> {
      const documentId = params.documentId;
      if (!documentId) return write();
      const editionOf = async () => (await publishedSessions({ documentId }))[0]?.edition?.documentId ?? null;
      const locked = await editionOf();
      if (!locked) return write();
      return withLock(strapi, lockKey(locked), async () => {
        const [published] = await publishedSessions({ documentId });
        if (published?.edition?.documentId === locked) {
          const placed = placedOf(published);
          if (placed.startsAt !== null && !placed.cancelled) {
            const refusals = await refusalsOfWrite(locked, placed);
            if (refusals.length > 0) throw placementRefusal(refusals);
          }
        }
        return write();
      });
    },

    /**
     * Before « Discard changes » on an edition: its published days, rooms, changeover and zone come
     * back; refused (PROGRAM_NO_LONGER_FITS) if the placed sessions break them. Strapi then rebuilds
     * the edition's links from its published version: sessions never published would leave it (and
     * the builder), so that is refused too (DRAFT_SESSIONS_WOULD_LEAVE).
     */
    async guardEditionDiscard<T>(params: WriteParams, write: () => Promise<T>): Promise<T> {
      const documentId = params.documentId;
      if (!documentId) return write();
      return withLock(strapi, lockKey(documentId), async () => {
        const [draft, published] = await Promise.all([editionRow({ documentId }), publishedEdition(documentId)]);
        if (!draft || !published) return write();
        const sessions = await draftSessions(documentId);
        const titles = new Map(sessions.map((s) => [s.documentId, s.title]));
        const broken = newlyBroken(placementEditionOf(draft), placementEditionOf(published), sessions.map(placedOf));
        if (broken.length > 0) throw programNoLongerFits(broken, titles);
        const publishedIds = new Set((await publishedSessions({ edition: { documentId } })).map((row) => row.documentId));
        const leaving = sessions.filter((s) => !publishedIds.has(s.documentId));
        if (leaving.length > 0) throw draftSessionsWouldLeave(leaving.map((s) => ({ documentId: s.documentId, title: s.title })));
        return write();
      });
    },

    /**
     * Before a session's publication outside « Publier le programme »: refused
     * (PUBLISHED_PROGRAM_CONFLICT) if its draft placement, put in the PUBLIC program, breaks a rule
     * with a session public now.
     */
    async guardSessionPublish<T>(params: WriteParams, write: () => Promise<T>): Promise<T> {
      const documentId = params.documentId;
      if (!documentId) return write();
      const locked = (await storedSession(documentId))?.edition?.documentId;
      if (!locked) return write();
      return withLock(strapi, lockKey(locked), async () => {
        const draft = await storedSession(documentId);
        if (draft?.edition?.documentId === locked) {
          const conflicts = await publicConflicts(locked, [draft]);
          if (conflicts.length > 0) throw publishedProgramConflict(conflicts, { alone: true });
        }
        return write();
      });
    },

    /**
     * « Publier le programme »: the FINAL public program (these sessions' drafts in place of their
     * public rows) is checked under the edition's lock before anything is published; `publish` then
     * runs under the same lock. All or nothing.
     */
    async publishChecked<T>(editionDocumentId: string, documentIds: readonly string[], publish: () => Promise<T>): Promise<T> {
      return withLock(strapi, lockKey(editionDocumentId), async () => {
        // The edition's drafts in one query (not one per session), those to publish kept.
        const publishing = new Set(documentIds);
        const drafts = (await draftSessions(editionDocumentId)).filter((row) => publishing.has(row.documentId));
        const conflicts = await publicConflicts(editionDocumentId, drafts);
        if (conflicts.length > 0) throw publishedProgramConflict(conflicts, { alone: false });
        return publish();
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

    /**
     * Accepts a suggestion (or any list of placements): all written in one transaction, or none. The
     * FINAL program is checked under the edition's lock before anything is written, so that two
     * sessions may swap places (no step in between is judged on its own).
     */
    async accept(editionDocumentId: string, body: unknown) {
      const input = readAcceptedPlacements(body);
      if ('errors' in input) throw inputRefusal(input.errors);
      if (!(await editionRow({ documentId: editionDocumentId }))) throw problems.editionNotFound(editionDocumentId, { published: false });
      await withLock(strapi, lockKey(editionDocumentId), async () => {
        const { rules, sessions } = await program(editionDocumentId);
        const byId = new Map(sessions.map((s) => [s.documentId, s]));
        if (input.value.some((p) => !byId.has(p.documentId))) throw sessionNotFound();
        const accepted = new Map(input.value.map((p) => [p.documentId, p]));
        const final = sessions.map((row) => {
          const placement = accepted.get(row.documentId);
          return placement ? { ...placedOf(row), startsAt: placement.startsAt, room: placement.room ?? null } : placedOf(row);
        });
        const refusals = enforcedViolations(rules, final).filter((v) => v.severity === 'error' && v.sessionIds.some((id) => accepted.has(String(id))));
        if (refusals.length > 0) throw placementRefusal(refusals);
        await accepting.run(new Set(accepted.keys()), async () => {
          for (const placement of input.value) {
            await strapi.documents(SESSION).update({
              documentId: placement.documentId,
              locale: byId.get(placement.documentId)!.locale ?? undefined,
              data: { startsAt: placement.startsAt, room: placement.room } as Modules.Documents.Params.Data.Input<typeof SESSION>,
            });
          }
        });
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
