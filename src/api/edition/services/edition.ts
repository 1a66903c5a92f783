import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkEditionCoherence, type EditionCalendar, type RuleViolation } from '../../../domain/edition-calendar';

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

export default factories.createCoreService(UID, ({ strapi }) => ({
  /**
   * Refuses to save an edition whose dates, days or durations contradict each other.
   * On update, the incoming fields are checked together with the stored ones they leave unchanged.
   */
  async assertCoherent(params: { documentId?: string; locale?: string; data?: Partial<EditionCalendar> }) {
    const incoming = params.data ?? {};
    let stored: Partial<EditionCalendar> = {};
    if (params.documentId) {
      stored =
        ((await strapi.documents(UID).findOne({
          documentId: params.documentId,
          locale: params.locale,
          populate: { days: true },
        })) as unknown as Partial<EditionCalendar>) ?? {};
    }
    const violations = checkEditionCoherence({ ...stored, ...incoming });
    if (violations.length > 0) throw incoherenceError(violations);
  },
}));
