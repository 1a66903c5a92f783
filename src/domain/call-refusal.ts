/** Why a proposal cannot be sent now: the call window, told in local time. Pure: no Strapi import. */
import { callWindowAt, formatInstantEn, formatInstantFr, zoneOf, type EditionCalendar } from './edition-calendar';

export interface WindowRefusal {
  code: 'CFP_NOT_OPEN_YET' | 'CFP_CLOSED' | 'CFP_NOT_SCHEDULED' | 'CFP_NONE';
  at: string | null; // the relevant instant, ISO UTC
  message: string;
  messageEn: string;
}

/** Null while the call is open; otherwise why not, naming the local time and the zone. */
export function windowRefusal(edition: EditionCalendar, now: Date): WindowRefusal | null {
  if (edition.withoutCall === true) {
    return {
      code: 'CFP_NONE',
      at: null,
      message: "Cette édition n'a pas d'appel à interventions : elle ne reçoit pas de propositions.",
      messageEn: 'This edition has no call for proposals: it takes no proposals.',
    };
  }
  const zone = zoneOf(edition);
  const window = callWindowAt(edition, now);
  switch (window.state) {
    case 'open':
      return null;
    case 'not-open-yet':
      return {
        code: 'CFP_NOT_OPEN_YET',
        at: window.opensAt!.toUTC().toISO(),
        message: `L'appel à interventions n'est pas encore ouvert : il ouvrira le ${formatInstantFr(window.opensAt!, zone)}.`,
        messageEn: `The call for proposals is not open yet: it opens on ${formatInstantEn(window.opensAt!, zone)}.`,
      };
    case 'closed':
      return {
        code: 'CFP_CLOSED',
        at: window.closesAt!.toUTC().toISO(),
        message: `L'appel à interventions est clos depuis le ${formatInstantFr(window.closesAt!, zone)}.`,
        messageEn: `The call for proposals closed on ${formatInstantEn(window.closesAt!, zone)}.`,
      };
    default:
      return {
        code: 'CFP_NOT_SCHEDULED',
        at: null,
        message: "L'appel à interventions de cette édition n'a pas encore de dates.",
        messageEn: 'The call for proposals of this edition has no dates yet.',
      };
  }
}
