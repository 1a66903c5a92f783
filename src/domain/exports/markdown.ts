/**
 * Markdown with YAML front matter, in the shape of the seed posts, for Eleventy, Jekyll or Hugo:
 * the call's announcement, and one page per published session. Every date comes from the edition.
 * Text from the data is encoded for where it lands (see ./encode): static sites render these pages,
 * some with raw HTML on. Pure: no Strapi import.
 */
import { DateTime } from 'luxon';
import { Scalar, stringify } from 'yaml';
import {
  allowedDurations,
  dayEnd,
  dayStart,
  durationSpans,
  formatInstantFr,
  sortedDays,
  toDateTime,
  zoneOf,
  zonePlace,
  type EditionDay,
} from '../edition-calendar';
import {
  durationChoicesFr,
  durationSpanFr,
  frenchByDate,
  frenchDate,
  frenchDateAndTime,
  frenchDateTime,
  frenchDays,
  frenchList,
  frenchTimeOfDay,
} from '../phrases';
import { speakerCredit, type Program, type ProgramEdition, type ProgramSession } from '../program';
import { markdownDestination, markdownInline, markdownText, neutraliseMarkup, safeUrl } from './encode';

const frontMatter = (data: Record<string, unknown>, body: string) => `---\n${stringify(data, { lineWidth: 0 }).trim()}\n---\n\n${body.trim()}\n`;

/**
 * Free text as a front matter value: double-quoted, so that YAML 1.1 readers (Jekyll) and 1.2 readers
 * agree whatever it holds ("yes", ": ", "---", line breaks, control characters are escaped).
 */
function text(value: string | null | undefined): Scalar<string> | null {
  if (value === null || value === undefined) return null;
  const node = new Scalar(neutraliseMarkup(value));
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/**
 * An instant as a front matter timestamp with the edition's offset ("2023-11-20T23:59:00+01:00"),
 * unquoted: Hugo, Eleventy and Jekyll read it as a date, and a site whose time zone is the edition's
 * prints the local time the announcement says.
 */
const timestamp = (dt: DateTime | null): string | null => (dt ? dt.toISO({ suppressMilliseconds: true }) : null);

/** A link in the body, or null when the address is not one we let a page link to. */
function link(label: string, href: string | null): string | null {
  return href ? `[${markdownInline(label)}](${markdownDestination(href)})` : null;
}

/** "de 14 h à 17 h" */
const hoursOf = (day: EditionDay) => `de ${frenchTimeOfDay(day.startTime)} à ${frenchTimeOfDay(day.endTime)}`;

/**
 * When the edition happens: "les mercredi 6 et jeudi 7 décembre 2023, de 14 h à 17 h" when the days
 * share their hours, each day with its own hours otherwise.
 */
function whenPhrase(days: EditionDay[], zone: string): string {
  if (days.length === 0) return '';
  const dates = days.map((d) => DateTime.fromISO(d.date, { zone }));
  const sameHours = days.every((d) => d.startTime.slice(0, 5) === days[0].startTime.slice(0, 5) && d.endTime.slice(0, 5) === days[0].endTime.slice(0, 5));
  if (sameHours) return `${frenchDays(dates)}, ${hoursOf(days[0])}`;
  return frenchList(days.map((d, i) => `${frenchDays([dates[i]])} ${hoursOf(d)}`));
}

/** What a static site needs to link the call: where to propose, where the public form lives. */
export interface AnnouncementLinks {
  /** The public proposal form (`${PUBLIC_URL}/editions/:slug/proposer`), or null when the app serves no pages. */
  proposalForm?: string | null;
}

/**
 * The call for talks, as the seed posts are written, every fact taken from the edition: the days and
 * hours, the venue, how and until when to propose, the durations, the response and program dates,
 * the registration link and the contact. The front matter carries the same facts for templates:
 * instants with the edition's offset, and each as local plain text (`deadlineText`).
 */
export function announcementMarkdown(edition: ProgramEdition, publishedOn: Date, links: AnnouncementLinks = {}): string {
  const zone = zoneOf(edition);
  const days = sortedDays(edition.days);
  const allowed = allowedDurations(edition);
  const spans = durationSpans(edition);
  const venue = edition.venue ?? {};
  const deadline = toDateTime(edition.cfpClosesAt, zone);
  const response = toDateTime(edition.responseDate, zone);
  const program = toDateTime(edition.programPublicationDate, zone);
  const title = `Appel à interventions : ${edition.title}`;
  const form = link('Proposer une intervention', safeUrl(links.proposalForm ?? null));
  const registration = link('créer mon badge', safeUrl(edition.registrationUrl));
  const contactHref = safeUrl(edition.contactEmail ? `mailto:${edition.contactEmail}` : null, ['mailto:']);
  const contact = contactHref && edition.contactEmail ? link(edition.contactEmail, contactHref) : null;
  const span = durationSpanFr(spans);
  const choices = durationChoicesFr(allowed);
  const dayChoices = frenchList(
    days.map((d) => (d.label ? markdownInline(d.label) : frenchDate(DateTime.fromISO(d.date, { zone }), { year: false }))),
    'ou'
  );
  const where = [venue.name ? markdownInline(venue.name) : '', venue.city ? `(${markdownInline(venue.city)})` : ''].filter(Boolean).join(' ');
  const when = whenPhrase(days, zone);
  const asked = [
    'votre administration de rattachement',
    'le sujet de votre intervention',
    ...(days.length > 1 ? [`votre jour préféré (${dayChoices})`] : []),
    `la durée souhaitée${choices ? ` (${choices})` : ''}`,
  ];
  const dates = [
    response ? `Nous vous répondrons ${frenchByDate(response)}` : '',
    program ? `${response ? 'et publierons' : 'Nous publierons'} le programme le ${frenchDateTime(program, { weekday: true })}` : '',
  ].filter(Boolean);
  const body = [
    `## ${markdownInline(edition.title)}`,
    `${venue.hostShow ? `Rendez-vous au salon ${markdownInline(venue.hostShow)}` : 'Rendez-vous'}${where ? `, ${where}` : ''}${when ? `, ${when}` : ''}.`,
    deadline ? `## Appel à interventions jusqu'au ${frenchDateAndTime(deadline)}` : '## Appel à interventions',
    `Envoyez vos propositions d'interventions${span ? ` ${span}` : ''}${deadline ? ` jusqu'au **${frenchDateAndTime(deadline, { weekday: true })} (heure de ${zonePlace(zone)})**` : ''}.`,
    form ? `${form} (formulaire en ligne, sans compte à créer)` : '',
    `Indiquez ${frenchList(asked)}.`,
    dates.length ? `${dates.join(' ')}.` : '',
    ...(registration ? ['## Pensez à vous inscrire', `L'inscription préalable est indispensable : ${registration}.`] : []),
    ...(contact ? [`Pour toute question, écrivez-nous à ${contact}.`] : []),
  ].filter(Boolean);
  const dayFacts = days.map((d) => ({
    date: d.date,
    start: timestamp(dayStart(d, zone)),
    end: timestamp(dayEnd(d, zone)),
    text: text(`${frenchDate(DateTime.fromISO(d.date, { zone }))}, ${hoursOf(d)}`),
  }));
  return frontMatter(
    {
      title: text(title),
      description: text(title),
      date: DateTime.fromJSDate(publishedOn, { zone }).toISODate(),
      tags: ['bluehats'],
      edition: text(edition.slug),
      timeZone: zone,
      days: dayFacts,
      venue: edition.venue ? { name: text(venue.name), hostShow: text(venue.hostShow), address: text(venue.address), city: text(venue.city) } : null,
      deadline: timestamp(deadline),
      deadlineText: deadline ? text(frenchDateAndTime(deadline)) : null,
      responseDate: timestamp(response),
      responseDateText: response ? text(frenchDateTime(response)) : null,
      programPublicationDate: timestamp(program),
      programPublicationDateText: program ? text(frenchDateTime(program)) : null,
      durations: { min: spans.min, max: spans.max, recommendedMax: spans.recommendedMax, choices: allowed.choices },
      proposalFormUrl: text(safeUrl(links.proposalForm ?? null)),
      registrationUrl: text(safeUrl(edition.registrationUrl)),
      contactEmail: contact ? text(edition.contactEmail) : null,
    },
    body.join('\n\n')
  );
}

export function sessionMarkdown(program: Program, session: ProgramSession): { path: string; content: string } {
  const zone = zoneOf(program.edition);
  const start = session.startsAt ? DateTime.fromISO(session.startsAt, { zone }) : null;
  const speakers = session.speakers.map((s) => ({
    name: s.name,
    jobTitle: s.jobTitle,
    administration: s.administration ? s.administration.acronym || s.administration.name : null,
    credit: speakerCredit(s),
  }));
  // By code points, so that the cut never splits a surrogate pair.
  const description = Array.from((session.abstract ?? '').split('\n')[0])
    .slice(0, 200)
    .join('');
  const content = frontMatter(
    {
      title: text(session.title),
      description: text(description),
      date: start ? start.toISO({ suppressMilliseconds: true }) : null,
      tags: ['bluehats', program.edition.slug],
      edition: program.edition.slug,
      duration: session.durationMinutes,
      room: text(session.room),
      format: session.format ?? null,
      speakers: speakers.map((s) => ({ name: text(s.name), ...(s.jobTitle ? { jobTitle: text(s.jobTitle) } : {}), administration: text(s.administration) })),
      slides: safeUrl(session.slidesUrl),
      video: safeUrl(session.videoUrl),
      // Cancelled after the program was out: the page stays, marked, for the sites that linked to it.
      ...(session.cancelled ? { cancelled: true } : {}),
    },
    // One paragraph per field: lines that follow each other would render as one paragraph.
    [
      session.cancelled ? '**Session annulée.**\n' : '',
      markdownText(session.abstract ?? ''),
      speakers.length ? `**Intervenants :** ${speakers.map((s) => markdownInline(s.credit)).join(', ')}` : '',
      start ? `**Quand :** ${start.setLocale('fr').toFormat('cccc')} ${formatInstantFr(start, zone)}` : '',
      session.room ? `**Salle :** ${markdownInline(session.room)}` : '',
      session.durationMinutes ? `**Durée :** ${session.durationMinutes} minutes` : '',
    ]
      .filter((block) => block.trim() !== '')
      .join('\n\n')
  );
  return { path: `${start ? start.toISODate() : 'non-planifiee'}-${session.slug}.md`, content };
}
