/**
 * Markdown with YAML front matter, in the shape of the seed posts, for Eleventy, Jekyll or Hugo:
 * the call's announcement, and one page per published session. Every date comes from the edition.
 * Text from the data is encoded for where it lands (see ./encode): static sites render these pages,
 * some with raw HTML on. Pure: no Strapi import.
 */
import { DateTime } from 'luxon';
import { Scalar, stringify } from 'yaml';
import { allowedDurations, formatInstantFr, sortedDays, zoneOf } from '../edition-calendar';
import { durationSpanFr, frenchDayOfMonth } from '../phrases';
import type { Program, ProgramEdition, ProgramSession } from '../program';
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

/** A link in the body, or null when the address is not one we let a page link to. */
function link(label: string, href: string | null): string | null {
  return href ? `[${label}](${markdownDestination(href)})` : null;
}

function frenchDay(date: string, zone: string, withYear = true): string {
  const dt = DateTime.fromISO(date, { zone }).setLocale('fr');
  return `${frenchDayOfMonth(dt.day)} ${dt.toFormat(withYear ? 'MMMM yyyy' : 'MMMM')}`;
}

function daysPhrase(edition: ProgramEdition): string {
  const zone = zoneOf(edition);
  const days = sortedDays(edition.days);
  if (days.length === 0) return '';
  const dts = days.map((d) => DateTime.fromISO(d.date, { zone }).setLocale('fr'));
  const sameMonth = dts.every((d) => d.month === dts[0].month && d.year === dts[0].year);
  if (days.length === 1) return `le ${frenchDay(days[0].date, zone)}`;
  if (sameMonth) {
    const numbers = dts.map((d) => frenchDayOfMonth(d.day));
    return `les ${numbers.slice(0, -1).join(', ')} et ${numbers[numbers.length - 1]} ${dts[0].toFormat('MMMM yyyy')}`;
  }
  return `les ${days.map((d) => frenchDay(d.date, zone)).join(', ')}`;
}

const hour = (time: string) => {
  const [h, m] = time.split(':');
  return m === '00' ? `${Number(h)}h` : `${Number(h)}h${m}`;
};

/** The call for talks, as the 2023 post was written, every fact taken from the edition. */
export function announcementMarkdown(edition: ProgramEdition, publishedOn: Date): string {
  const zone = zoneOf(edition);
  const days = sortedDays(edition.days);
  const { min, max, choices } = allowedDurations(edition);
  const durations = durationSpanFr({ min, max, choices });
  const venue = edition.venue ?? {};
  const hours = days[0] ? `de ${hour(days[0].startTime)} à ${hour(days[0].endTime)}` : '';
  const deadline = edition.cfpClosesAt ? formatInstantFr(String(edition.cfpClosesAt), zone) : '';
  const title = `Appel à interventions : ${edition.title}`;
  const dayChoices = days.map((d) => (d.label ? markdownInline(d.label) : frenchDay(d.date, zone))).join(' ou ');
  const registration = link('créer mon badge', safeUrl(edition.registrationUrl));
  const contact = link('écrivez-nous', safeUrl(edition.contactEmail ? `mailto:${edition.contactEmail}` : null, ['mailto:']));
  const body = [
    `## ${markdownInline(edition.title)}`,
    '',
    `${venue.hostShow ? `Rendez-vous au salon ${markdownInline(venue.hostShow)}` : 'Rendez-vous'} ${daysPhrase(edition)}${venue.name ? `, ${markdownInline(venue.name)}` : ''}${venue.city ? ` (${markdownInline(venue.city)})` : ''}${hours ? `, ${hours}` : ''}.`,
    '',
    `## Appel à interventions jusqu'au ${deadline}`,
    '',
    `Envoyez vos propositions d'interventions ${durations ? `${durations} ` : ''}avant le **${deadline}**. Indiquez votre administration de rattachement, le sujet de votre intervention${days.length > 1 ? `, votre jour préféré (${dayChoices})` : ''} et la durée souhaitée${choices ? ` (${choices.join(', ')} minutes)` : ''}.`,
    '',
    [
      edition.responseDate ? `Nous vous répondrons au plus tard le ${formatInstantFr(String(edition.responseDate), zone)}` : '',
      edition.programPublicationDate ? `et publierons le programme le ${formatInstantFr(String(edition.programPublicationDate), zone)}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    ...(registration ? ['', '## Pensez à vous inscrire', '', `L'inscription préalable est indispensable : ${registration}.`] : []),
    ...(contact ? ['', `Pour toute question, ${contact}.`] : []),
  ].join('\n');
  return frontMatter(
    {
      title: text(title),
      description: text(title),
      date: DateTime.fromJSDate(publishedOn, { zone }).toISODate(),
      tags: ['bluehats'],
      deadline: edition.cfpClosesAt ? new Date(String(edition.cfpClosesAt)).toISOString() : null,
      responseDate: edition.responseDate ? new Date(String(edition.responseDate)).toISOString() : null,
      programPublicationDate: edition.programPublicationDate ? new Date(String(edition.programPublicationDate)).toISOString() : null,
    },
    body
  );
}

export function sessionMarkdown(program: Program, session: ProgramSession): { path: string; content: string } {
  const zone = zoneOf(program.edition);
  const start = session.startsAt ? DateTime.fromISO(session.startsAt, { zone }) : null;
  const speakers = session.speakers.map((s) => ({
    name: s.name,
    administration: s.administration ? s.administration.acronym || s.administration.name : null,
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
      speakers: speakers.map((s) => ({ name: text(s.name), administration: text(s.administration) })),
      slides: safeUrl(session.slidesUrl),
      video: safeUrl(session.videoUrl),
      // Cancelled after the program was out: the page stays, marked, for the sites that linked to it.
      ...(session.cancelled ? { cancelled: true } : {}),
    },
    [
      session.cancelled ? '**Session annulée.**\n' : '',
      markdownText(session.abstract ?? ''),
      '',
      speakers.length
        ? `**Intervenants :** ${speakers.map((s) => markdownInline(s.administration ? `${s.name} (${s.administration})` : s.name)).join(', ')}`
        : '',
      start ? `**Quand :** ${formatInstantFr(start, zone)}${session.room ? `, ${markdownInline(session.room)}` : ''}` : '',
    ]
      .filter((l) => l !== undefined)
      .join('\n')
  );
  return { path: `${start ? start.toISODate() : 'non-planifiee'}-${session.slug}.md`, content };
}
