/** The messages a proposer receives, in French or English. Pure: no Strapi import. */
import { DateTime } from 'luxon';
import { formatInstantEn, formatInstantFr, zoneOf, type EditionCalendar } from './edition-calendar';
import type { Language } from './proposal-submission';

export interface MailEdition extends EditionCalendar {
  title: string;
  contactEmail?: string | null;
}

export interface MailProposal {
  reference: string;
  speakerName: string;
  administrationName: string;
  jobTitle?: string | null;
  title: string;
  abstract: string;
  preferredDay?: string | null;
  requestedDuration: number;
  language?: Language | null;
}

export interface Mail {
  subject: string;
  text: string;
}

function day(date: string | null | undefined, language: Language): string | null {
  if (!date) return null;
  return DateTime.fromISO(date).setLocale(language).toFormat(language === 'fr' ? 'cccc d LLLL yyyy' : 'cccc d LLLL yyyy');
}

/** The acknowledgement sent right after a submission, carrying the private status link. */
export function confirmationMail(proposal: MailProposal, edition: MailEdition, statusUrl: string): Mail {
  const language: Language = proposal.language === 'en' ? 'en' : 'fr';
  const zone = zoneOf(edition);
  const when = (instant: unknown) =>
    instant ? (language === 'fr' ? formatInstantFr(String(instant), zone) : formatInstantEn(String(instant), zone)) : '—';

  if (language === 'en') {
    return {
      subject: `Proposal received: "${proposal.title}" (${proposal.reference})`,
      text: [
        `Hello ${proposal.speakerName},`,
        '',
        `We have received your proposal for "${edition.title}". Thank you!`,
        '',
        `Reference: ${proposal.reference}`,
        `Title: ${proposal.title}`,
        `Administration: ${proposal.administrationName}`,
        ...(proposal.jobTitle ? [`Job title: ${proposal.jobTitle}`] : []),
        `Requested duration: ${proposal.requestedDuration} minutes`,
        `Preferred day: ${day(proposal.preferredDay, 'en') ?? 'no preference'}`,
        'Abstract:',
        proposal.abstract,
        '',
        `We will answer by ${when(edition.responseDate)}.`,
        `The program will be published on ${when(edition.programPublicationDate)}.`,
        '',
        'Follow, correct or withdraw your proposal with this personal link (do not share it):',
        statusUrl,
        `You can correct it until ${when(edition.cfpClosesAt)}.`,
        ...(edition.contactEmail ? ['', `Any question: ${edition.contactEmail}`] : []),
      ].join('\n'),
    };
  }
  return {
    subject: `Proposition reçue : « ${proposal.title} » (${proposal.reference})`,
    text: [
      `Bonjour ${proposal.speakerName},`,
      '',
      `Nous avons bien reçu votre proposition d'intervention pour « ${edition.title} ». Merci !`,
      '',
      `Référence : ${proposal.reference}`,
      `Titre : ${proposal.title}`,
      `Administration : ${proposal.administrationName}`,
      ...(proposal.jobTitle ? [`Fonction : ${proposal.jobTitle}`] : []),
      `Durée souhaitée : ${proposal.requestedDuration} minutes`,
      `Jour préféré : ${day(proposal.preferredDay, 'fr') ?? 'pas de préférence'}`,
      'Résumé :',
      proposal.abstract,
      '',
      `Nous vous répondrons au plus tard le ${when(edition.responseDate)}.`,
      `Le programme sera publié le ${when(edition.programPublicationDate)}.`,
      '',
      'Suivre, corriger ou retirer votre proposition avec ce lien personnel (ne le partagez pas) :',
      statusUrl,
      `Vous pouvez la corriger jusqu'au ${when(edition.cfpClosesAt)}.`,
      ...(edition.contactEmail ? ['', `Pour toute question : ${edition.contactEmail}`] : []),
    ].join('\n'),
  };
}

/** Exponential backoff with jitter: base × 2^(attempt−1), capped at six hours, ±20 %. */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 6 * 3600 * 1000);
  return Math.round(raw * (0.8 + 0.4 * random()));
}
