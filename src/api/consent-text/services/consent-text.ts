/**
 * The consents' texts, versioned: the form shows the latest version of each consent, a proposal
 * keeps the version its author saw, and a version once seen never changes (a new one is created).
 * Seeded at boot from the form's wording when a consent has no text yet.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONSENTS, changedSince, nextVersion, type Consent, type ConsentVersions } from '../../../domain/consent';
import type { Language } from '../../../domain/language';
import { Problem } from '../../../http/problem';
import { withLock } from '../../../persistence/lock';
import { translator, type MessageKey } from '../../public-space/messages';

const UID = 'api::consent-text.consent-text';

/** A text as the query engine returns it. */
interface TextRow {
  id: number;
  documentId: string;
  consent: Consent;
  version: number | null;
  textFr: string;
  textEn: string;
  firstRecordedAt: string | null;
}

/** The current text of a consent, as frontends read it. */
export interface CurrentText {
  consent: Consent;
  version: number;
  text: string;
  textFr: string;
  textEn: string;
}

/** The form's wording of each consent: the first version of its text. */
const FIRST_WORDING: Record<Consent, MessageKey> = {
  contact: 'form.consentContact',
  publication: 'form.consentPublication',
  jobTitle: 'form.consentJobTitle',
};

/** A refusal of the content manager (or any writer): 400 with its code and both languages. */
function refusal(code: string, messageFr: string, messageEn: string): errors.ValidationError {
  return new errors.ValidationError(messageFr, { code, messageFr, messageEn });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The latest version of each consent (null when a consent has no text). */
  async function latest(): Promise<Record<Consent, TextRow | null>> {
    const rows: TextRow[] = await strapi.db.query(UID).findMany({ orderBy: [{ version: 'asc' }, { id: 'asc' }] });
    const result = Object.fromEntries(CONSENTS.map((c) => [c, null])) as Record<Consent, TextRow | null>;
    for (const row of rows) if (CONSENTS.includes(row.consent)) result[row.consent] = row;
    return result;
  }

  async function currentVersions(): Promise<ConsentVersions> {
    const texts = await latest();
    return Object.fromEntries(CONSENTS.map((c) => [c, texts[c]?.version ?? null])) as ConsentVersions;
  }

  async function current(language: Language): Promise<CurrentText[]> {
    const texts = await latest();
    return CONSENTS.flatMap((consent) => {
      const row = texts[consent];
      if (!row || row.version === null) return [];
      return [{ consent, version: row.version, text: language === 'en' ? row.textEn : row.textFr, textFr: row.textFr, textEn: row.textEn }];
    });
  }

  return {
    currentVersions,
    current,

    /**
     * The versions a person saw are still the current ones, or 409 CONSENT_TEXT_CHANGED with the
     * current texts: the form must be read again.
     */
    async assertSeenCurrent(seen: Partial<Record<Consent, number>>, language: Language): Promise<void> {
      // Nothing named (an API client that shows the current texts): nothing to compare, no read.
      if (Object.keys(seen).length === 0) return;
      const versions = await currentVersions();
      const changed = changedSince(seen, versions);
      if (changed.length > 0) {
        throw new Problem(
          409,
          'ConflictError',
          'CONSENT_TEXT_CHANGED',
          'Le texte d’un consentement a changé pendant que vous remplissiez le formulaire : relisez-le, puis envoyez à nouveau votre proposition.',
          'The text of a consent changed while you filled in the form: read it again, then send your proposal again.',
          { changed, current: await current(language) }
        );
      }
    },

    /** The first proposal to record a version makes it unchangeable (query engine: a stamp, not an edit). */
    async stampFirstRecorded(versions: ConsentVersions, at: Date) {
      const recorded = CONSENTS.filter((consent) => versions[consent] !== null).map((consent) => ({ consent, version: versions[consent] }));
      if (recorded.length === 0) return;
      // One statement for every consent of the write: it runs on each submission.
      await strapi.db.query(UID).updateMany({ where: { $or: recorded, firstRecordedAt: null }, data: { firstRecordedAt: at.toISOString() } });
    },

    /** At boot: version 1 of each consent that has no text yet, from the form's wording. Idempotent. */
    async seedMissing(): Promise<Consent[]> {
      const texts = await latest();
      const seeded: Consent[] = [];
      for (const consent of CONSENTS) {
        if (texts[consent]) continue;
        await strapi.documents(UID).create({
          data: { consent, textFr: translator('fr')(FIRST_WORDING[consent]), textEn: translator('en')(FIRST_WORDING[consent]) },
        });
        seeded.push(consent);
      }
      return seeded;
    },

    /**
     * Around a creation: the version is the last of that consent plus one, under a lock held until
     * the creation commits (two editors never get the same number). A written version is ignored.
     */
    async createVersioned<T>(data: Record<string, unknown>, create: () => Promise<T>, sourceDocumentId?: string): Promise<T> {
      if (sourceDocumentId && data.consent === undefined) {
        const source: { consent: Consent } | null = await strapi.db.query(UID).findOne({ where: { documentId: sourceDocumentId }, select: ['consent'] });
        data.consent = source?.consent;
      }
      // A new version, or a duplicate of an old one, has been seen by no one yet.
      data.firstRecordedAt = null;
      delete data.version;
      const consent = data.consent;
      if (typeof consent !== 'string' || !(CONSENTS as readonly string[]).includes(consent)) return create();
      return withLock(strapi, `consent-text:${consent}`, async () => {
        const rows: { version: number | null }[] = await strapi.db.query(UID).findMany({ where: { consent }, select: ['version'] });
        data.version = nextVersion(rows.map((r) => r.version));
        return create();
      });
    },

    /** Before an update or a delete: a version a proposal recorded stays as it was. */
    async guardChange(action: 'update' | 'delete', documentId: string | undefined, data: Record<string, unknown> | undefined) {
      if (data) {
        delete data.version;
        delete data.firstRecordedAt;
      }
      if (!documentId) return;
      const row: TextRow | null = await strapi.db.query(UID).findOne({ where: { documentId } });
      if (!row) return;
      if (row.firstRecordedAt) {
        throw refusal(
          'CONSENT_TEXT_IN_USE',
          `La version ${row.version} de ce texte a déjà été vue par des intervenants : elle ne peut plus être ${action === 'delete' ? 'supprimée' : 'modifiée'}. Créez une nouvelle version du texte (« Créer une entrée ») : le formulaire affichera la plus récente.`,
          `Version ${row.version} of this text was already seen by proposers: it can no longer be ${action === 'delete' ? 'deleted' : 'changed'}. Create a new version of the text: the form shows the latest one.`
        );
      }
      if (action === 'update' && data && data.consent !== undefined && data.consent !== row.consent) {
        throw refusal(
          'CONSENT_TEXT_CONSENT_FIXED',
          'Un texte reste celui de son consentement : pour un autre consentement, créez un nouveau texte.',
          'A text stays the text of its consent: for another consent, create a new text.'
        );
      }
    },
  };
};
