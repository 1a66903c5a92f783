/**
 * The messages a proposer receives, in French or English: a subject on one line, the text, and an
 * HTML part made from the text with everything escaped (the mail provider would otherwise send the
 * raw text as HTML). Pure: no Strapi import.
 */
import { DateTime } from 'luxon';
import { formatInstantEn, formatInstantFr, zoneOf, type EditionCalendar } from './edition-calendar';
import { htmlParagraphs, oneLine } from './exports/encode';
import type { Language } from './language';
import { DEFAULT_RETENTION_MONTHS } from './personal-data';

export interface MailEdition extends EditionCalendar {
  title: string;
  contactEmail?: string | null;
  /** Months personal data is kept after the last day (the edition's setting; default 12). */
  retentionMonths?: number | null;
}

/** What the acknowledgement says of personal data: the register's page, and the retention floor (config/personal-data.ts). */
export interface MailPrivacy {
  registerUrl: string;
  minimumRetentionMonths: number;
}

const NO_PRIVACY: MailPrivacy = { registerUrl: '', minimumRetentionMonths: 0 };

export interface MailProposal {
  reference: string;
  decisionMessage?: string | null;
  confirmationDeadline?: string | Date | null;
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
  html: string;
}

type Draft = Omit<Mail, 'html'>;

/** The same message, safe to hand to the provider: @strapi/provider-email-nodemailer sends `html ?? text` as the HTML part. */
const finished = ({ subject, text }: Draft): Mail => ({ subject: oneLine(subject), text, html: htmlParagraphs(text) });

function day(date: string | null | undefined, language: Language): string | null {
  if (!date) return null;
  return DateTime.fromISO(date)
    .setLocale(language)
    .toFormat(language === 'fr' ? 'cccc d LLLL yyyy' : 'cccc d LLLL yyyy');
}

/** The acknowledgement sent right after a submission, carrying the private status link and the essentials on personal data. */
export function confirmationMail(proposal: MailProposal, edition: MailEdition, statusUrl: string, privacy: MailPrivacy = NO_PRIVACY): Mail {
  return finished(confirmationDraft(proposal, edition, statusUrl, privacy));
}

/** Two or three sentences on personal data, and where to read the rest (the register's page). */
export function personalDataNote(language: Language, edition: MailEdition, { registerUrl, minimumRetentionMonths }: MailPrivacy): string[] {
  const months = Math.max(edition.retentionMonths ?? DEFAULT_RETENTION_MONTHS, minimumRetentionMonths);
  const more = registerUrl
    ? [language === 'en' ? `More about your personal data: ${registerUrl}` : `En savoir plus sur vos données personnelles : ${registerUrl}`]
    : [];
  return language === 'en'
    ? [
        `Your personal data: we use it to run the call for talks and publish the program (a task in the public interest). It stays private, except what the program publishes with your consent, and is anonymised ${months} months after the edition. With your personal link you can see, download or erase it.`,
        ...more,
      ]
    : [
        `Vos données personnelles : elles servent à organiser l'appel à interventions et à publier le programme (mission d'intérêt public). Elles restent privées, sauf ce que le programme publie avec votre accord, et sont anonymisées ${months} mois après l'édition. Avec votre lien personnel, vous pouvez les consulter, les télécharger ou les effacer.`,
        ...more,
      ];
}

function confirmationDraft(proposal: MailProposal, edition: MailEdition, statusUrl: string, privacy: MailPrivacy): Draft {
  const language: Language = proposal.language === 'en' ? 'en' : 'fr';
  const zone = zoneOf(edition);
  const when = (instant: unknown) => (instant ? (language === 'fr' ? formatInstantFr(String(instant), zone) : formatInstantEn(String(instant), zone)) : '—');

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
        '',
        ...personalDataNote('en', edition, privacy),
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
      '',
      ...personalDataNote('fr', edition, privacy),
      ...(edition.contactEmail ? ['', `Pour toute question : ${edition.contactEmail}`] : []),
    ].join('\n'),
  };
}

export type MailKind =
  | 'submission_received'
  | 'acceptance'
  | 'waitlist'
  | 'rejection'
  | 'confirmation_reminder'
  | 'personal_data_export'
  | 'co_speaker_invitation'
  | 'co_speaker_confirmation';
/** The mails to a co-speaker, at their own address and with their own link (`composeCoSpeakerMail`). */
export const CO_SPEAKER_MAIL_KINDS = ['co_speaker_invitation', 'co_speaker_confirmation'] as const;
export type CoSpeakerMailKind = (typeof CO_SPEAKER_MAIL_KINDS)[number];
type DecisionKind = Exclude<MailKind, 'submission_received' | 'personal_data_export' | CoSpeakerMailKind>;

/**
 * The message of a kind, for a proposal: what the outbox sends. The acknowledgement says the
 * essentials of personal data and links to the register's page (`privacy`).
 */
export function composeMail(
  kind: Exclude<MailKind, CoSpeakerMailKind>,
  proposal: MailProposal,
  edition: MailEdition,
  statusUrl: string,
  privacy: MailPrivacy = NO_PRIVACY
): Mail {
  if (kind === 'submission_received') return confirmationMail(proposal, edition, statusUrl, privacy);
  if (kind === 'personal_data_export') return finished(dataExportDraft(proposal, edition));
  return finished(decisionDraft(kind, proposal, edition, statusUrl));
}

/** A co-speaker as their mails address them. */
export interface MailCoSpeaker {
  name: string;
  language?: Language | null;
}

/**
 * The mails to a co-speaker, with their own private link (`invitationUrl`): the invitation, sent when
 * the proposer names them; the call to confirm, when the proposal is accepted and they had accepted.
 */
export function composeCoSpeakerMail(
  kind: CoSpeakerMailKind,
  coSpeaker: MailCoSpeaker,
  proposal: Pick<MailProposal, 'reference' | 'speakerName' | 'title' | 'confirmationDeadline'>,
  edition: MailEdition,
  invitationUrl: string,
  privacy: MailPrivacy = NO_PRIVACY
): Mail {
  const language: Language = coSpeaker.language === 'en' ? 'en' : 'fr';
  const en = language === 'en';
  const zone = zoneOf(edition);
  const when = (instant: unknown) => (instant ? (en ? formatInstantEn(String(instant), zone) : formatInstantFr(String(instant), zone)) : '—');
  const contact = edition.contactEmail ? ['', en ? `Any question: ${edition.contactEmail}` : `Pour toute question : ${edition.contactEmail}`] : [];
  const hello = en ? `Hello ${coSpeaker.name},` : `Bonjour ${coSpeaker.name},`;
  const talk = en ? `"${proposal.title}" (${proposal.reference})` : `« ${proposal.title} » (${proposal.reference})`;
  if (kind === 'co_speaker_confirmation') {
    const deadline = when(proposal.confirmationDeadline instanceof Date ? proposal.confirmationDeadline.toISOString() : proposal.confirmationDeadline);
    return finished(
      en
        ? {
            subject: `Action required: confirm your participation in "${proposal.title}" by ${deadline}`,
            text: [
              hello,
              '',
              `Good news: the talk ${talk} you agreed to give with ${proposal.speakerName} at "${edition.title}" has been accepted!`,
              `Please confirm your own participation (or withdraw) before ${deadline}, with your personal link:`,
              invitationUrl,
              ...contact,
            ].join('\n'),
          }
        : {
            subject: `Action requise : confirmez votre participation à « ${proposal.title} » avant le ${deadline}`,
            text: [
              hello,
              '',
              `Bonne nouvelle : l'intervention ${talk} que vous avez accepté de donner avec ${proposal.speakerName} à « ${edition.title} » a été retenue !`,
              `Merci de confirmer votre propre participation (ou de la retirer) avant le ${deadline}, avec votre lien personnel :`,
              invitationUrl,
              ...contact,
            ].join('\n'),
          }
    );
  }
  return finished(
    en
      ? {
          subject: `${proposal.speakerName} invites you to speak: "${proposal.title}"`,
          text: [
            hello,
            '',
            `${proposal.speakerName} has proposed the talk ${talk} for "${edition.title}" and named you as a co-speaker.`,
            '',
            'Accept or decline this invitation with your personal link (do not share it; no account is needed):',
            invitationUrl,
            'By accepting, you agree that your name and administration are published in the program if the talk is accepted. If it is, this same link will ask you to confirm your participation.',
            `We will answer ${proposal.speakerName} by ${when(edition.responseDate)}.`,
            '',
            ...personalDataNote('en', edition, privacy),
            'If you know neither this person nor this talk, use "Erase my data" on the same page: your address is erased.',
            ...contact,
          ].join('\n'),
        }
      : {
          subject: `${proposal.speakerName} vous invite à intervenir : « ${proposal.title} »`,
          text: [
            hello,
            '',
            `${proposal.speakerName} a proposé l'intervention ${talk} pour « ${edition.title} » et vous a nommé·e co-intervenant·e.`,
            '',
            "Acceptez ou déclinez cette invitation avec votre lien personnel (ne le partagez pas ; aucun compte n'est nécessaire) :",
            invitationUrl,
            "En acceptant, vous acceptez que votre nom et votre administration soient publiés au programme si l'intervention est retenue. Si elle l'est, ce même lien vous demandera de confirmer votre participation.",
            `Nous répondrons à ${proposal.speakerName} au plus tard le ${when(edition.responseDate)}.`,
            '',
            ...personalDataNote('fr', edition, privacy),
            'Si vous ne connaissez ni cette personne ni cette intervention, utilisez « Effacer mes données » sur la même page : votre adresse est effacée.',
            ...contact,
          ].join('\n'),
        }
  );
}

/** The name of the JSON file a personal data export mail carries. */
export const DATA_EXPORT_FILENAME = 'mes-donnees.json';

/**
 * The answer to « Recevoir par courriel l'export de toutes mes propositions »: sent to the address
 * the proposals were made with, which is what proves the reader is their author. The data travels
 * as an attachment made at sending time; the text names neither a proposal nor how many there are.
 */
function dataExportDraft(proposal: MailProposal, edition: MailEdition): Draft {
  const contact = edition.contactEmail;
  if (proposal.language === 'en') {
    return {
      subject: `Your personal data — ${edition.title}`,
      text: [
        'Hello,',
        '',
        `You asked, through the status link of one of your proposals, for everything "${edition.title}" stores about you.`,
        `The attached file (${DATA_EXPORT_FILENAME}, JSON) holds every proposal sent with this e-mail address for this edition: what you sent, your consents, the mails we sent you, and the history of each proposal as you may see it.`,
        '',
        'If you did not ask for it, someone who holds one of your status links did: the data came to you, and to nobody else.',
        ...(contact ? ['', `To have your data corrected or erased, or any question: ${contact}`] : []),
      ].join('\n'),
    };
  }
  return {
    subject: `Vos données personnelles — ${edition.title}`,
    text: [
      'Bonjour,',
      '',
      `Vous avez demandé, depuis le lien de suivi d'une de vos propositions, tout ce que « ${edition.title} » conserve à votre sujet.`,
      `Le fichier joint (${DATA_EXPORT_FILENAME}, au format JSON) contient toutes les propositions envoyées avec cette adresse électronique pour cette édition : ce que vous avez envoyé, vos consentements, les courriels que nous vous avons adressés et l'historique de chaque proposition tel que vous pouvez le voir.`,
      '',
      "Si vous n'êtes pas à l'origine de cette demande, elle vient d'une personne qui détient un de vos liens de suivi : les données vous ont été envoyées, à vous seul.",
      ...(contact ? ['', `Pour faire rectifier ou effacer vos données, ou pour toute question : ${contact}`] : []),
    ].join('\n'),
  };
}

function decisionDraft(kind: DecisionKind, proposal: MailProposal, edition: MailEdition, statusUrl: string): Draft {
  const en = proposal.language === 'en';
  const zone = zoneOf(edition);
  const deadline = proposal.confirmationDeadline
    ? en
      ? formatInstantEn(proposal.confirmationDeadline instanceof Date ? proposal.confirmationDeadline.toISOString() : proposal.confirmationDeadline, zone)
      : formatInstantFr(proposal.confirmationDeadline instanceof Date ? proposal.confirmationDeadline.toISOString() : proposal.confirmationDeadline, zone)
    : null;
  const message = proposal.decisionMessage ? ['', proposal.decisionMessage, ''] : [''];
  const contact = edition.contactEmail ? ['', en ? `Any question: ${edition.contactEmail}` : `Pour toute question : ${edition.contactEmail}`] : [];
  const hello = en ? `Hello ${proposal.speakerName},` : `Bonjour ${proposal.speakerName},`;
  const about = en
    ? `your proposal "${proposal.title}" (${proposal.reference}) for "${edition.title}"`
    : `votre proposition « ${proposal.title} » (${proposal.reference}) pour « ${edition.title} »`;
  const program = edition.programPublicationDate
    ? en
      ? `The program will be published on ${formatInstantEn(String(edition.programPublicationDate), zone)}.`
      : `Le programme sera publié le ${formatInstantFr(String(edition.programPublicationDate), zone)}.`
    : '';

  switch (kind) {
    case 'acceptance':
    case 'confirmation_reminder': {
      const reminder = kind === 'confirmation_reminder';
      return en
        ? {
            subject: `${reminder ? 'Reminder — action' : 'Action'} required: confirm your talk "${proposal.title}" by ${deadline}`,
            text: [
              hello,
              '',
              reminder ? `We have not yet received your answer about ${about}, which has been accepted.` : `Good news: ${about} has been accepted!`,
              ...message,
              `Please confirm (or decline) your participation before ${deadline}, with your personal link:`,
              statusUrl,
              '',
              program,
              ...contact,
            ].join('\n'),
          }
        : {
            subject: `${reminder ? 'Rappel — action' : 'Action'} requise : confirmez votre intervention « ${proposal.title} » avant le ${deadline}`,
            text: [
              hello,
              '',
              reminder ? `Nous n'avons pas encore reçu votre réponse pour ${about}, qui a été retenue.` : `Bonne nouvelle : ${about} a été retenue !`,
              ...message,
              `Merci de confirmer (ou de décliner) votre participation avant le ${deadline}, avec votre lien personnel :`,
              statusUrl,
              '',
              program,
              ...contact,
            ].join('\n'),
          };
    }
    case 'waitlist':
      return en
        ? {
            subject: `Your proposal "${proposal.title}" is on the waiting list`,
            text: [
              hello,
              '',
              `Thank you for ${about}. The program is nearly full, and we have put it on our waiting list: we will write to you again if a slot opens.`,
              ...message,
              'Your link to follow it:',
              statusUrl,
              ...contact,
            ].join('\n'),
          }
        : {
            subject: `Votre proposition « ${proposal.title} » est sur liste d'attente`,
            text: [
              hello,
              '',
              `Merci pour ${about}. Le programme est presque complet : nous l'avons placée sur liste d'attente et nous vous écrirons si une place se libère.`,
              ...message,
              'Votre lien de suivi :',
              statusUrl,
              ...contact,
            ].join('\n'),
          };
    case 'rejection':
      return en
        ? {
            subject: `Your proposal "${proposal.title}"`,
            text: [
              hello,
              '',
              `Thank you very much for ${about}. We received many proposals and, with regret, could not keep yours in this year's program.`,
              ...message,
              'We hope to see you at the event, and to read you again next year.',
              ...contact,
            ].join('\n'),
          }
        : {
            subject: `Votre proposition « ${proposal.title} »`,
            text: [
              hello,
              '',
              `Merci beaucoup pour ${about}. Nous avons reçu de nombreuses propositions et, à regret, n'avons pas pu retenir la vôtre pour le programme de cette année.`,
              ...message,
              "Nous espérons vous retrouver sur place, et vous relire l'an prochain.",
              ...contact,
            ].join('\n'),
          };
  }
}
