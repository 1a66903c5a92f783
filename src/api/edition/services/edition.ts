import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkEditionCoherence, type EditionCalendar, type RuleViolation } from '../../../domain/edition-calendar';
import { missingForPublication, publicationRefusalMessage, type PublishableEdition } from '../../../domain/edition-publication';
import { checkRetention } from '../../../domain/personal-data';
import { personalDataConfig } from '../../../config-types';

const UID = 'api::edition.edition';

/** "days[0].endTime" → ["days", "0", "endTime"], the path shape the admin maps onto form fields. */
function toPath(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.');
}

export function incoherenceError(violations: RuleViolation[]): errors.ValidationError {
  const message =
    violations.length === 1 ? violations[0].message : `L'édition contient ${violations.length} incohérences : ${violations.map((v) => v.message).join(' ')}`;
  return new errors.ValidationError(message, {
    code: 'EDITION_INCOHERENT',
    errors: violations.map((v) => ({
      path: toPath(v.path),
      message: v.message,
      name: 'ValidationError',
      code: v.code,
      messageEn: v.messageEn,
    })),
  });
}

/** A publish refused because the call is incomplete: each missing field named, as the admin maps them onto the form. */
export function incompleteCallError(missing: RuleViolation[]): errors.ValidationError {
  const message = publicationRefusalMessage(missing);
  return new errors.ValidationError(message.fr, {
    code: 'EDITION_CALL_INCOMPLETE',
    messageEn: message.en,
    errors: missing.map((v) => ({ path: toPath(v.path), message: v.message, name: 'ValidationError', code: v.code, messageEn: v.messageEn })),
  });
}

export default factories.createCoreService(UID, ({ strapi }) => {
  /** The stored draft of the edition being written, if any: the fields an update leaves unchanged. */
  async function stored(params: { documentId?: string; locale?: string }): Promise<Partial<PublishableEdition>> {
    if (!params.documentId) return {};
    const row = await strapi
      .documents(UID)
      .findOne({ documentId: params.documentId, locale: params.locale, status: 'draft', populate: { days: true, rooms: true } });
    return (row as unknown as Partial<PublishableEdition>) ?? {};
  }

  return {
    /**
     * The editors' latest version of an edition: its draft row (every edition has one; a published
     * one too once published), in the default locale. Explicit, not an order on `publishedAt`,
     * which puts the draft (NULL) first on PostgreSQL and last on SQLite.
     */
    // The query engine's row, untyped as it returns it: each caller names the fields it reads.
    async draftRow(documentId: string, { populate }: { populate?: Record<string, unknown> } = {}) {
      return strapi.db.query(UID).findOne({ where: { documentId, locale: 'fr', publishedAt: null }, populate });
    },

    /**
     * Refuses to save an edition whose dates, days or durations contradict each other, or whose
     * retention period is under the legal minimum or over ten years.
     * On update, the incoming fields are checked together with the stored ones they leave unchanged.
     */
    async assertCoherent(params: { documentId?: string; locale?: string; data?: Partial<EditionCalendar> & { retentionMonths?: unknown } }) {
      const edition = { ...(await stored(params)), ...(params.data ?? {}) };
      const violations = [
        ...checkEditionCoherence(edition),
        // Only a value being written: a stored one was accepted under the minimum of its day.
        ...(params.data && 'retentionMonths' in params.data
          ? checkRetention(params.data.retentionMonths, personalDataConfig(strapi).minimumRetentionMonths)
          : []),
      ];
      if (violations.length > 0) throw incoherenceError(violations);
    },

    /**
     * Refuses to publish an edition whose call lacks a date, a day or a duration, unless the editors
     * said it has no call (`withoutCall`). The draft being published is read with the incoming fields.
     */
    async assertPublishable(params: { documentId?: string; locale?: string; data?: Partial<PublishableEdition> }) {
      const missing = missingForPublication({ ...(await stored(params)), ...(params.data ?? {}) });
      if (missing.length > 0) throw incompleteCallError(missing);
    },
  };
});
