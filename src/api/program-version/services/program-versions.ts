/**
 * Program versions (`api::program-version.program-versions`): each publication that changes the
 * public program, on or after the program date, is a numbered version with its changelog
 * (src/domain/program-versions.ts), announced to the rebuild targets as `program.changed`.
 *
 * - `record` snapshots the published program (what the exports show), compares it with the latest
 *   version and stores the next one, under the edition's lock `program-version:<edition>`, so that
 *   two publications at once never take the same number (PostgreSQL and SQLite alike);
 * - `batch` runs many publications (the cron at the program date, « Publier le programme ») and
 *   records ONE version per edition at its end: the publications inside it only say which editions
 *   they touched (an AsyncLocalStorage follows the batch through every await);
 * - `publishProgram` is the desk's « Publier le programme »;
 * - `forgetSpeaker` takes an erased person out of their talk's history, and keeps them out: each
 *   edition has a set of keys of forgotten speakers (HMAC of `<session number>:<name>`), and `record`
 *   leaves them out of every later snapshot before comparing.
 * Rows are written through the query engine: the document service refuses them to everyone else
 * (`keepProgramVersionsMadeByApp`).
 */
import { AsyncLocalStorage } from 'async_hooks';
import { createHmac } from 'crypto';
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { zoneOf } from '../../../domain/edition-calendar';
import { sessionEmbargoUntil } from '../../../domain/embargo';
import {
  draftDiffers,
  forgetSpeaker,
  forgottenSpeakerText,
  isNewVersion,
  nextProgramVersion,
  programChangelog,
  programSnapshot,
  programVersionLabel,
  sessionAwaitsPublication,
  snapshotWithout,
  SPEAKER_PUBLISHED_FIELDS,
  versionUpdatedText,
  type ProgramChange,
  type ProgramSnapshot,
  type PublicationRow,
  type Texts,
  type VersionContent,
} from '../../../domain/program-versions';
import { problemCode, problems } from '../../../http/problem';
import { contentChanged } from '../../../cache/coherence';
import { withLock } from '../../../persistence/lock';
import { getService } from '../../../services';
import { ConsentRefusal } from '../../session/services/publication-consent';

const UID = 'api::program-version.program-version';
const EDITION = 'api::edition.edition';
const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';

/** A version as the desk, the public outputs and the rebuild event tell it. */
export interface ProgramVersionView {
  number: number;
  label: Texts;
  releasedAt: string;
  /** « Mis à jour le … », in the edition's zone. */
  updated: Texts;
  changes: ProgramChange[];
}

interface VersionRow {
  id: number;
  number: number;
  releasedAt: string | Date;
  snapshot: ProgramSnapshot;
  changes: ProgramChange[] | null;
}

interface EditionRow {
  id: number;
  documentId: string;
  slug: string;
  programPublicationDate: string | null;
  timeZone: string | null;
}

/** The editions a batch of publications touched; one version each at its end. */
const batches = new AsyncLocalStorage<{ editions: Set<string> }>();

const iso = (value: string | Date) => new Date(value).toISOString();

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * The keys of the speakers erased from an edition's talks, in Strapi's core store (never on the
   * edition, which editors read, nor on a version row: there may be no version yet when someone is
   * erased before the program date). A key is an HMAC, not the name: nothing there reads back.
   */
  const forgottenStore = (editionDocumentId: string) => strapi.store({ type: 'plugin', name: 'bluehats', key: `forgotten-speakers:${editionDocumentId}` });

  /**
   * HMAC-SHA256 of `<session number>:<normalised name>` under a key derived from the app's
   * ENCRYPTION_KEY (the one that encrypts rebuild secrets and status links), so that the store holds
   * no name and a copy of the database alone cannot test guesses against it.
   */
  const forgottenKey = (() => {
    let derived: Buffer | null = null;
    return (sessionNumber: number, name: string): string => {
      if (!derived) {
        // ENCRYPTION_KEY is required by the deployment docs; APP_KEYS (required to boot) only if it is missing.
        const secret = strapi.config.get<string>('admin.secrets.encryptionKey') || (strapi.config.get<string[]>('server.app.keys') ?? []).join(',');
        derived = createHmac('sha256', secret).update('bluehats:forgotten-speakers').digest();
      }
      return createHmac('sha256', derived).update(forgottenSpeakerText(sessionNumber, name)).digest('hex');
    };
  })();

  async function forgottenKeys(editionDocumentId: string): Promise<Set<string>> {
    const stored = await forgottenStore(editionDocumentId).get({});
    return new Set(Array.isArray(stored) ? stored.map(String) : []);
  }

  /** The edition's snapshot as history may hold it: without the speakers erased from their talk. */
  async function withoutForgotten(editionDocumentId: string, snapshot: ProgramSnapshot): Promise<ProgramSnapshot> {
    const keys = await forgottenKeys(editionDocumentId);
    return keys.size === 0 ? snapshot : snapshotWithout(snapshot, (id, name) => keys.has(forgottenKey(id, name)));
  }

  const editionFields = ['id', 'documentId', 'slug', 'programPublicationDate', 'timeZone'];

  /** The edition's draft row (the one that never changes id), or null. */
  const findEdition = (documentId: string): Promise<EditionRow | null> =>
    strapi.db.query(EDITION).findOne({ where: { documentId, publishedAt: null }, select: editionFields });

  const viewOf = (row: VersionRow, zone: string): ProgramVersionView => ({
    number: row.number,
    label: programVersionLabel(row.number),
    releasedAt: iso(row.releasedAt),
    updated: versionUpdatedText(row.releasedAt, zone),
    changes: row.changes ?? [],
  });

  const rowsOf = (editionDocumentId: string, limit?: number): Promise<VersionRow[]> =>
    strapi.db.query(UID).findMany({ where: { edition: { documentId: editionDocumentId } }, orderBy: [{ number: 'desc' }], ...(limit ? { limit } : {}) });

  /** Whether the program is public at all: nothing of it, versions included, before the program date. */
  const programPublic = (edition: { programPublicationDate?: Date | string | null }) =>
    sessionEmbargoUntil(edition.programPublicationDate, clock.now()) === null;

  async function record(editionDocumentId: string): Promise<ProgramVersionView | null> {
    const edition = await findEdition(editionDocumentId);
    // Under embargo there is no version to make: don't even build the program.
    if (!edition || !programPublic(edition)) return null;
    const zone = zoneOf(edition);
    const recorded = await withLock(strapi, `program-version:${editionDocumentId}`, async () => {
      let program;
      try {
        program = await getService('outputs').loadProgram(editionDocumentId);
      } catch (error) {
        // An edition not (or no longer) published has no public program to version.
        if (problemCode(error) === 'EDITION_NOT_FOUND') return null;
        throw error;
      }
      // Before comparing: an erased speaker still on their published talk is no change, and no name.
      const snapshot = await withoutForgotten(editionDocumentId, programSnapshot(program));
      const [previous] = await rowsOf(editionDocumentId, 1);
      const changes = programChangelog(previous?.snapshot ?? null, snapshot);
      if (!isNewVersion(previous?.snapshot ?? null, snapshot, changes)) return null;
      const now = clock.now();
      const next = nextProgramVersion(previous ? { number: previous.number, publishedAt: previous.releasedAt } : null, now, edition.programPublicationDate);
      if (!next) return null;
      const row: VersionRow = await strapi.db
        .query(UID)
        .create({ data: { edition: edition.id, number: next.number, releasedAt: now.toISOString(), snapshot, changes } });
      const view = viewOf(row, zone);
      // In the version's transaction: the event is kept or lost with it.
      await getService('rebuildDeliveries').programChanged({ documentId: edition.documentId, slug: edition.slug }, view);
      return view;
    });
    if (recorded) await contentChanged(strapi);
    return recorded;
  }

  async function batch<T>(editionIds: readonly string[], work: () => Promise<T>): Promise<{ result: T; versions: Record<string, ProgramVersionView | null> }> {
    const outer = batches.getStore();
    if (outer) {
      // Inside a batch already: the outer one records, once, at its end.
      for (const id of editionIds) outer.editions.add(id);
      return { result: await work(), versions: {} };
    }
    const store = { editions: new Set(editionIds) };
    const versions: Record<string, ProgramVersionView | null> = {};
    let result: T;
    try {
      result = await batches.run(store, work);
    } finally {
      // What was published before a failure is public: its version too.
      for (const id of store.editions) versions[id] = await record(id);
    }
    return { result, versions };
  }

  /** The editions whose public program a session or speaker is part of (by its rows, draft or published). */
  async function editionsOf(uid: typeof SESSION | typeof SPEAKER, documentId: string, { publishedOnly = false } = {}): Promise<string[]> {
    const published = publishedOnly ? { publishedAt: { $notNull: true } } : {};
    const where = uid === SESSION ? { documentId, ...published } : { speakers: { documentId, ...published } };
    const rows: { edition: { documentId: string } | null }[] = await strapi.db
      .query(SESSION)
      .findMany({ where, select: ['id'], populate: { edition: { select: ['documentId'] } } });
    return [...new Set(rows.flatMap((r) => (r.edition ? [r.edition.documentId] : [])))];
  }

  /** After a publication outside a batch: record now; inside one: at its end. */
  async function programTouched(editionDocumentIds: readonly string[]): Promise<void> {
    const store = batches.getStore();
    for (const id of editionDocumentIds) {
      if (store) store.editions.add(id);
      else await record(id);
    }
  }

  /** Draft and published rows of a type, by document and locale. */
  function pairs(rows: (PublicationRow & { documentId: string; locale?: string | null; publishedAt?: unknown })[]) {
    const byKey = new Map<string, { documentId: string; draft?: PublicationRow; published?: PublicationRow }>();
    for (const row of rows) {
      const key = `${row.documentId}:${row.locale ?? ''}`;
      const pair = byKey.get(key) ?? { documentId: row.documentId };
      if (row.publishedAt) pair.published = row;
      else pair.draft = row;
      byKey.set(key, pair);
    }
    return [...byKey.values()];
  }

  /** Of these sessions, those their proposer lets be published (the others stay as they are). */
  async function publishableSessions(documentIds: readonly string[]): Promise<string[]> {
    const consent = getService('publicationConsent');
    const allowed: string[] = [];
    for (const documentId of documentIds) {
      try {
        await consent.checkPublish(SESSION, documentId);
        allowed.push(documentId);
      } catch (error) {
        if (!(error instanceof ConsentRefusal)) throw error;
      }
    }
    return allowed;
  }

  /** The sessions and speakers « Publier le programme » would publish: whatever is not public as its draft says. */
  async function awaitingPublication(editionDocumentId: string): Promise<{ sessions: string[]; speakers: string[] }> {
    const sessionRows = await strapi.db
      .query(SESSION)
      .findMany({ where: { edition: { documentId: editionDocumentId } }, populate: { speakers: { select: ['documentId'] } } });
    const sessions = new Set<string>();
    for (const pair of pairs(sessionRows)) if (pair.draft && sessionAwaitsPublication(pair.draft, pair.published)) sessions.add(pair.documentId);
    // Their speakers too: a session public without its speaker would show no name.
    const speakerIds = [
      ...new Set(
        sessionRows
          .filter((s: { documentId: string; publishedAt: unknown }) => sessions.has(s.documentId) && !s.publishedAt)
          .flatMap((s: { speakers?: { documentId: string }[] }) => (s.speakers ?? []).map((sp) => sp.documentId))
      ),
    ];
    const speakerRows = speakerIds.length
      ? await strapi.db
          .query(SPEAKER)
          .findMany({ where: { documentId: { $in: speakerIds } }, populate: { administration: { select: ['id'] }, photo: { select: ['id'] } } })
      : [];
    const speakers = new Set<string>();
    for (const pair of pairs(speakerRows)) if (pair.draft && draftDiffers(pair.draft, pair.published, SPEAKER_PUBLISHED_FIELDS)) speakers.add(pair.documentId);
    return { sessions: [...sessions], speakers: [...speakers] };
  }

  /** The numbers of these sessions, by the documentId of their edition (a session without a number is not in any version). */
  async function numbersByEdition(sessionDocumentIds: readonly string[]): Promise<Map<string, Set<number>>> {
    const byEdition = new Map<string, Set<number>>();
    if (sessionDocumentIds.length === 0) return byEdition;
    const rows: { number: number | null; edition: { documentId: string } | null }[] = await strapi.db.query(SESSION).findMany({
      where: { documentId: { $in: [...sessionDocumentIds] } },
      select: ['number'],
      populate: { edition: { select: ['documentId'] } },
    });
    for (const row of rows) {
      if (!row.edition || row.number === null) continue;
      const numbers = byEdition.get(row.edition.documentId) ?? new Set<number>();
      byEdition.set(row.edition.documentId, numbers.add(row.number));
    }
    return byEdition;
  }

  /**
   * Rewrites every version of the editions of these sessions, under each edition's version lock:
   * `rewrite` gets a version and the numbers of the given sessions in its edition, and answers the
   * version as it should be (the very same object: nothing is written). `first`, under the same
   * lock, runs before the rows are read.
   */
  async function rewriteVersions(
    sessionDocumentIds: readonly string[],
    rewrite: (version: VersionContent, numbers: ReadonlySet<number>) => VersionContent,
    first?: (editionDocumentId: string, numbers: ReadonlySet<number>) => Promise<void>
  ) {
    let written = false;
    for (const [editionDocumentId, numbers] of await numbersByEdition(sessionDocumentIds)) {
      // The program's lock before the versions', as every publication takes them (« Publier le
      // programme », a session published alone): the other order could deadlock with one of them.
      await withLock(strapi, getService('programBuilder').lockKey(editionDocumentId), () =>
        withLock(strapi, `program-version:${editionDocumentId}`, async () => {
          if (first) await first(editionDocumentId, numbers);
          for (const row of await rowsOf(editionDocumentId)) {
            const version = { snapshot: row.snapshot, changes: row.changes ?? [] };
            const next = rewrite(version, numbers);
            if (next === version || JSON.stringify(next) === JSON.stringify(version)) continue;
            await strapi.db.query(UID).update({ where: { id: row.id }, data: { snapshot: next.snapshot, changes: next.changes } });
            written = true;
          }
        })
      );
    }
    if (written) await contentChanged(strapi);
  }

  /** Keeps the keys of a speaker erased from these sessions of an edition: `record` leaves them out from now on. */
  async function keepForgotten(editionDocumentId: string, numbers: ReadonlySet<number>, names: readonly string[]) {
    const keys = await forgottenKeys(editionDocumentId);
    const added = [...new Set(names.flatMap((name) => [...numbers].map((n) => forgottenKey(n, name))))].filter((key) => !keys.has(key));
    if (added.length) await forgottenStore(editionDocumentId).set({ value: [...keys, ...added] });
  }

  return {
    record,
    batch,

    /** Whether a batch of publications is running here: its publications are checked as a whole, before it. */
    inBatch: (): boolean => batches.getStore() !== undefined,
    editionsOf,
    programTouched,

    /**
     * Sessions whose proposer withdrew publication consent leave the program's history too: taken
     * out of every version's snapshot and changelog of their edition, before they are unpublished, so
     * that no page, export or later changelog names them (their unpublication then changes nothing).
     */
    async forgetSessions(sessionDocumentIds: readonly string[]): Promise<void> {
      await rewriteVersions(sessionDocumentIds, (version, numbers) => ({
        snapshot: { ...version.snapshot, sessions: version.snapshot.sessions.filter((s) => !numbers.has(s.id)) },
        changes: version.changes.filter((c) => !numbers.has(c.id)),
      }));
    },

    /**
     * An erased person leaves the program's history: their name goes from these sessions in every
     * version's snapshot and speaker changes (src/domain/program-versions.ts `forgetSpeaker`). The
     * talk stays. When editors then take them off it and publish again, the changelog compares with
     * the forgotten snapshot and does not name them either. Meanwhile, any other publication of the
     * edition records a snapshot without them (their key is kept: `record`), so no version brings
     * their name back, in its snapshot or as « ajout ».
     */
    async forgetSpeaker(sessionDocumentIds: readonly string[], person: { name?: string | null; speakerDocumentIds?: readonly string[] }): Promise<void> {
      // The name they typed, and the names their speaker profile was published under (an editor may
      // have corrected it): the history holds the latter.
      const profiles: { name: string | null }[] = person.speakerDocumentIds?.length
        ? await strapi.db.query(SPEAKER).findMany({ where: { documentId: { $in: [...person.speakerDocumentIds] } }, select: ['name'] })
        : [];
      const names = [...new Set([person.name, ...profiles.map((p) => p.name)].filter((n): n is string => !!n?.trim()))];
      if (names.length === 0) return;
      await rewriteVersions(
        sessionDocumentIds,
        (version, numbers) => names.reduce((v, name) => forgetSpeaker(v, numbers, name), version),
        (editionDocumentId, numbers) => keepForgotten(editionDocumentId, numbers, names)
      );
    },

    /** The latest version of an edition, or null (none yet). */
    async latest(editionDocumentId: string): Promise<ProgramVersionView | null> {
      const edition = await findEdition(editionDocumentId);
      const [row] = edition ? await rowsOf(editionDocumentId, 1) : [];
      return row && edition ? viewOf(row, zoneOf(edition)) : null;
    },

    /** Every version of an edition, newest first, with its changes. */
    async list(editionDocumentId: string): Promise<ProgramVersionView[]> {
      const edition = await findEdition(editionDocumentId);
      if (!edition) throw problems.editionNotFound(editionDocumentId, { published: false });
      return (await rowsOf(editionDocumentId)).map((row) => viewOf(row, zoneOf(edition)));
    },

    /** What the public may read of the versions: none while the program is under embargo. */
    async publicVersions(edition: {
      documentId: string;
      programPublicationDate?: Date | string | null;
      timeZone?: string | null;
    }): Promise<ProgramVersionView[]> {
      if (!programPublic(edition)) return [];
      return (await rowsOf(edition.documentId)).map((row) => viewOf(row, zoneOf(edition)));
    },

    /** The newest of them, or null: one row read, not every version's snapshot. */
    async latestPublicVersion(
      edition: Parameters<typeof programPublic>[0] & { documentId: string; timeZone?: string | null }
    ): Promise<ProgramVersionView | null> {
      if (!programPublic(edition)) return null;
      const [row] = await rowsOf(edition.documentId, 1);
      return row ? viewOf(row, zoneOf(edition)) : null;
    },

    /**
     * « Publier le programme »: every placed or cancelled session whose draft is not public as it
     * is, and their speakers, published in one batch (one version). Before the program date the
     * embargo schedules them instead. A session whose proposer refused publication stays as it is.
     */
    async publishProgram(editionDocumentId: string) {
      const edition = await findEdition(editionDocumentId);
      if (!edition) throw problems.editionNotFound(editionDocumentId, { published: false });
      const due = await awaitingPublication(editionDocumentId);
      const until = sessionEmbargoUntil(edition.programPublicationDate, clock.now());
      const embargo = getService('embargo');
      if (until) {
        for (const documentId of due.sessions) await embargo.schedule(SESSION, documentId, until);
        for (const documentId of due.speakers) await embargo.schedule(SPEAKER, documentId, until);
        return { scheduled: due.sessions.length, scheduledPublishAt: until.toISOString() };
      }
      // The final public program is checked before anything is published; then all are, under the same lock.
      const { result, versions } = await getService('programBuilder').publishChecked(editionDocumentId, await publishableSessions(due.sessions), () =>
        batch([editionDocumentId], async () => {
          const counts = { published: 0, refused: 0 };
          for (const [uid, documentIds] of [
            [SESSION, due.sessions],
            [SPEAKER, due.speakers],
          ] as const) {
            for (const documentId of documentIds) {
              try {
                await strapi.documents(uid as typeof SESSION).publish({ documentId, locale: '*' });
                if (uid === SESSION) counts.published++;
              } catch (error) {
                if (!(error instanceof ConsentRefusal)) throw error;
                if (uid === SESSION) counts.refused++;
              }
            }
          }
          return counts;
        })
      );
      const version = versions[editionDocumentId];
      return {
        published: result.published,
        refused: result.refused,
        version: version ? { number: version.number, label: version.label, releasedAt: version.releasedAt, changes: version.changes } : null,
      };
    },
  };
};
