/**
 * The Markdown for static sites, read the way Hugo, Eleventy and Jekyll read it: the front matter
 * parsed by a YAML reader (1.2 and 1.1), its dates formatted in the site's time zone, the body
 * rendered by markdown-it. What the announcement says (how to submit, the days, the dates, the
 * durations) and the recommended duration's coherence rule.
 */
import MarkdownIt from 'markdown-it';
import { parseFragment } from 'parse5';
import { parse as parseYaml } from 'yaml';
import { checkEditionCoherence, durationSpans, type EditionCalendar } from '../../src/domain/edition-calendar';
import { announcementMarkdown, sessionMarkdown } from '../../src/domain/exports/markdown';
import { buildProgram, type ProgramEdition } from '../../src/domain/program';
import { PARIS_2023 } from '../fixtures/editions';

const FORM = 'https://evenements.example.gouv.fr/editions/bluehats-2023/proposer';
const OPENED = new Date('2023-11-03T08:00:00.000Z');

/** The 2023 edition as the demo data stores it (UTC instants, local wall-clock days). */
const edition2023: ProgramEdition = {
  documentId: 'doc-2023',
  slug: 'bluehats-2023',
  title: 'Journées #BlueHats des 6 et 7 décembre 2023',
  year: 2023,
  ...PARIS_2023,
  recommendedMaxDurationMinutes: 20,
  venue: { name: 'Palais des Congrès', hostShow: 'Open Source Experience', address: '2 place de la Porte Maillot, 75017 Paris', city: 'Paris' },
  registrationUrl: 'https://www.opensource-experience.com/creer-mon-badge/',
  contactEmail: 'contact@code.gouv.fr',
};

const markdown = new MarkdownIt({ html: true, linkify: true });

/** Front matter read as YAML 1.2 (Hugo, the `yaml` package) and as YAML 1.1 (Jekyll, js-yaml in Eleventy), and the body. */
function read(content: string) {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(content);
  if (!match) throw new Error(`not a page with front matter:\n${content}`);
  return { front: parseYaml(match[1]), old: parseYaml(match[1], { version: '1.1' }), body: match[2] };
}

function announce(edition: Partial<ProgramEdition> = {}, proposalForm: string | null = FORM) {
  return read(announcementMarkdown({ ...edition2023, ...edition }, OPENED, { proposalForm }));
}

const textOf = (node: any): string => node.value ?? (node.childNodes ?? []).map(textOf).join('');

/** The rendered text as a reader sees it: the blocks one after the other, spaces collapsed. */
const visibleText = (html: string): string => (parseFragment(html).childNodes as any[]).map(textOf).join(' ').replace(/\s+/g, ' ').trim();

/** The links of rendered HTML, as a browser builds them: [text, href]. */
function linksOf(html: string): Array<[string, string]> {
  const links: Array<[string, string]> = [];
  const walk = (node: any) => {
    if (node.tagName === 'a') {
      links.push([textOf(node), node.attrs.find((a: any) => a.name === 'href')?.value]);
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html));
  return links;
}

/** The text of each top-level paragraph of rendered HTML, as a browser builds them. */
function paragraphsOf(html: string): string[] {
  return (parseFragment(html).childNodes as any[]).filter((n) => n.tagName === 'p').map((p) => textOf(p).replace(/\s+/g, ' ').trim());
}

/** How a site whose time zone is `zone` prints an instant of the front matter: "lundi 20/11/2023 23:59". */
const printedIn = (zone: string, value: Date | string) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: zone,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(value));

const offsetOf = (timestamp: string) => /(Z|[+-]\d\d:\d\d)$/.exec(timestamp)?.[1];

describe('front matter dates, as a static site reads them', () => {
  it.each([
    ['deadline', '2023-11-20T23:59:00+01:00', '2023-11-20T22:59:00.000Z', 'lundi 20/11/2023 23:59'],
    ['responseDate', '2023-11-27T00:00:00+01:00', '2023-11-26T23:00:00.000Z', 'lundi 27/11/2023 00:00'],
    ['programPublicationDate', '2023-12-04T09:00:00+01:00', '2023-12-04T08:00:00.000Z', 'lundi 04/12/2023 09:00'],
  ])('%s carries the edition offset: %s', (key, written, instant, printed) => {
    const { front, old } = announce();
    // YAML 1.2 (Hugo's reader keeps the offset): the text itself, with the offset of Paris in November.
    expect(front[key]).toBe(written);
    expect(offsetOf(front[key])).toBe('+01:00');
    expect(new Date(front[key]).toISOString()).toBe(instant);
    // YAML 1.1 (Jekyll, js-yaml): a timestamp, the same instant.
    expect(old[key]).toBeInstanceOf(Date);
    expect(old[key].toISOString()).toBe(instant);
    // A site configured with timeZone = "Europe/Paris" prints the local time the announcement says.
    expect(printedIn('Europe/Paris', front[key])).toBe(printed);
  });

  it('gives each date as local plain text too, a midnight as its day alone', () => {
    const { front } = announce();
    expect(front).toMatchObject({
      timeZone: 'Europe/Paris',
      deadlineText: '20 novembre 2023 à 23 h 59',
      responseDateText: '27 novembre 2023',
      programPublicationDateText: '4 décembre 2023 à 9 h 00',
    });
  });

  it('gives the days with their local hours and offset, and the post date in the edition zone', () => {
    const { front } = announce();
    expect(front.date).toBe('2023-11-03');
    expect(front.days).toEqual([
      { date: '2023-12-06', start: '2023-12-06T14:00:00+01:00', end: '2023-12-06T17:00:00+01:00', text: 'mercredi 6 décembre 2023, de 14 h à 17 h' },
      { date: '2023-12-07', start: '2023-12-07T14:00:00+01:00', end: '2023-12-07T17:00:00+01:00', text: 'jeudi 7 décembre 2023, de 14 h à 17 h' },
    ]);
    expect(printedIn('Europe/Paris', front.days[1].end)).toBe('jeudi 07/12/2023 17:00');
  });

  it('writes each instant with its own offset across a daylight-saving change (Paris, 31 March 2024)', () => {
    const { front } = announce({
      cfpOpensAt: '2024-03-01T08:00:00.000Z',
      cfpClosesAt: '2024-03-30T22:59:00.000Z', // Saturday 30 March 23:59, winter time
      responseDate: '2024-03-31T22:00:00.000Z', // Monday 1 April 00:00, summer time
      programPublicationDate: '2024-04-02T07:00:00.000Z',
      days: [{ date: '2024-04-10', startTime: '14:00', endTime: '17:00' }],
    });
    expect(front.deadline).toBe('2024-03-30T23:59:00+01:00');
    expect(front.responseDate).toBe('2024-04-01T00:00:00+02:00');
    expect(front.days[0].start).toBe('2024-04-10T14:00:00+02:00');
    expect(printedIn('Europe/Paris', front.deadline)).toBe('samedi 30/03/2024 23:59');
    expect(printedIn('Europe/Paris', front.responseDate)).toBe('lundi 01/04/2024 00:00');
  });

  it('in another zone, its own offset (Nouméa, UTC+11)', () => {
    const { front, body } = announce({ timeZone: 'Pacific/Noumea', cfpClosesAt: '2023-11-20T12:59:00.000Z' });
    expect(front.deadline).toBe('2023-11-20T23:59:00+11:00');
    expect(front.timeZone).toBe('Pacific/Noumea');
    expect(printedIn('Pacific/Noumea', front.deadline)).toBe('lundi 20/11/2023 23:59');
    expect(body).toContain('**lundi 20 novembre 2023 à 23 h 59 (heure de Nouméa)**');
  });

  it('reads the same in YAML 1.1 and 1.2 for every value that is not a date', () => {
    const { front, old } = announce({ title: 'yes: no # --- {{ x }}', venue: { name: 'on', city: '1:20' } });
    for (const key of Object.keys(front).filter((k) => !['date', 'deadline', 'responseDate', 'programPublicationDate', 'days'].includes(k))) {
      expect([key, old[key]]).toEqual([key, front[key]]);
    }
    expect(old.days.map((d: any) => d.text)).toEqual(front.days.map((d: any) => d.text));
  });
});

describe('how to submit', () => {
  it('links the public form and gives the contact address', () => {
    const { front, body } = announce();
    const html = markdown.render(body);
    expect(linksOf(html)).toEqual([
      ['Proposer une intervention', FORM],
      ['créer mon badge', 'https://www.opensource-experience.com/creer-mon-badge/'],
      ['contact@code.gouv.fr', 'mailto:contact@code.gouv.fr'],
    ]);
    expect(front).toMatchObject({
      proposalFormUrl: FORM,
      contactEmail: 'contact@code.gouv.fr',
      registrationUrl: 'https://www.opensource-experience.com/creer-mon-badge/',
    });
  });

  it('links no form when the app serves no pages, and keeps the contact', () => {
    const { front, body } = announce({}, null);
    const html = markdown.render(body);
    expect(linksOf(html).map(([text]) => text)).toEqual(['créer mon badge', 'contact@code.gouv.fr']);
    expect(front.proposalFormUrl).toBeNull();
  });

  it('links no form at an address that is not http(s)', () => {
    const { front, body } = announce({}, 'javascript:alert(1)');
    expect(linksOf(markdown.render(body)).map(([, href]) => href)).not.toContain('javascript:alert(1)');
    expect(front.proposalFormUrl).toBeNull();
  });

  it('says nothing about a contact it cannot link', () => {
    const { front, body } = announce({ contactEmail: null });
    expect(body).not.toContain('écrivez-nous');
    expect(front.contactEmail).toBeNull();
  });
});

describe('the wording', () => {
  const text = (edition: Partial<ProgramEdition> = {}) => visibleText(markdown.render(announce(edition).body));
  const day = (date: string, startTime = '14:00', endTime = '17:00') => ({ date, startTime, endTime });

  it('reads like the 2023 post, every fact from the edition', () => {
    expect(text()).toBe(
      [
        'Journées #BlueHats des 6 et 7 décembre 2023',
        'Rendez-vous au salon Open Source Experience, Palais des Congrès (Paris), les mercredi 6 et jeudi 7 décembre 2023, de 14 h à 17 h.',
        "Appel à interventions jusqu'au 20 novembre 2023 à 23 h 59",
        "Envoyez vos propositions d'interventions de 5 à 20 minutes de préférence (30 minutes au plus) jusqu'au lundi 20 novembre 2023 à 23 h 59 (heure de Paris).",
        'Proposer une intervention (formulaire en ligne, sans compte à créer)',
        'Indiquez votre administration de rattachement, le sujet de votre intervention, votre jour préféré (après-midi du 6 décembre ou après-midi du 7 décembre) et la durée souhaitée (5, 10, 15, 20 ou 30 minutes).',
        'Nous vous répondrons avant le lundi 27 novembre 2023 et publierons le programme le lundi 4 décembre 2023 à 9 h 00.',
        'Pensez à vous inscrire',
        "L'inscription préalable est indispensable : créer mon badge.",
        'Pour toute question, écrivez-nous à contact@code.gouv.fr.',
      ].join(' ')
    );
  });

  it.each<[string, Array<ReturnType<typeof day>>, string]>([
    ['one day', [day('2023-12-06')], 'le mercredi 6 décembre 2023, de 14 h à 17 h'],
    [
      'three days, « et » before the last',
      [day('2023-12-05'), day('2023-12-06'), day('2023-12-07')],
      'les mardi 5, mercredi 6 et jeudi 7 décembre 2023, de 14 h à 17 h',
    ],
    ['two months', [day('2023-11-30'), day('2023-12-01')], 'les jeudi 30 novembre et vendredi 1er décembre 2023, de 14 h à 17 h'],
    ['two years', [day('2024-12-31'), day('2025-01-01')], 'les mardi 31 décembre 2024 et mercredi 1er janvier 2025, de 14 h à 17 h'],
    ['days sorted whatever the order entered', [day('2023-12-07'), day('2023-12-06')], 'les mercredi 6 et jeudi 7 décembre 2023, de 14 h à 17 h'],
    [
      'each day its own hours',
      [day('2023-12-06', '14:00', '17:30'), day('2023-12-07', '09:30', '12:00')],
      'le mercredi 6 décembre 2023 de 14 h à 17 h 30 et le jeudi 7 décembre 2023 de 9 h 30 à 12 h',
    ],
  ])('names the days with their weekdays: %s', (_label, days, phrase) => {
    expect(text({ days })).toContain(`(Paris), ${phrase}.`);
  });

  it('says a response date at midnight as « avant le » that day, never « à 0 h 00 »', () => {
    const said = text();
    expect(said).toContain('Nous vous répondrons avant le lundi 27 novembre 2023');
    expect(said).not.toMatch(/0 h 00|au plus tard le 27/);
  });

  it.each([
    ['a minute after midnight', '2023-11-26T23:01:00.000Z', 'Nous vous répondrons au plus tard le lundi 27 novembre 2023 à 0 h 01'],
    ['noon', '2023-11-27T11:00:00.000Z', 'Nous vous répondrons au plus tard le lundi 27 novembre 2023 à 12 h 00'],
    ['the last minute of the day before', '2023-11-26T22:59:00.000Z', 'Nous vous répondrons au plus tard le dimanche 26 novembre 2023 à 23 h 59'],
  ])('says a response date at another time with its time: %s', (_label, responseDate, phrase) => {
    expect(text({ responseDate })).toContain(phrase);
  });

  it('says the time of a deadline even at midnight: that minute is inside the call', () => {
    const { front, body } = announce({ cfpClosesAt: '2023-11-19T23:00:00.000Z' });
    expect(front.deadlineText).toBe('20 novembre 2023 à 0 h 00');
    expect(body).toContain("jusqu'au **lundi 20 novembre 2023 à 0 h 00 (heure de Paris)**");
  });

  it('says a program published at midnight as its day', () => {
    expect(text({ programPublicationDate: '2023-12-03T23:00:00.000Z' })).toContain('et publierons le programme le lundi 4 décembre 2023.');
  });

  it.each<[string, Partial<ProgramEdition>, string, string]>([
    ['recommended and allowed, with choices', {}, 'de 5 à 20 minutes de préférence (30 minutes au plus)', '(5, 10, 15, 20 ou 30 minutes)'],
    ['allowed only', { recommendedMaxDurationMinutes: null }, "d'interventions de 5 à 30 minutes jusqu'au", '(5, 10, 15, 20 ou 30 minutes)'],
    ['a range with no choices', { durationChoices: null }, 'de 5 à 20 minutes de préférence (30 minutes au plus)', '(entre 5 et 30 minutes)'],
    [
      'a recommendation as wide as what is allowed',
      { recommendedMaxDurationMinutes: 30 },
      "d'interventions de 5 à 30 minutes jusqu'au",
      '(5, 10, 15, 20 ou 30 minutes)',
    ],
  ])('says the durations: %s', (_label, change, span, choices) => {
    const { front, body } = announce(change);
    const said = visibleText(markdown.render(body));
    expect(said).toContain(span);
    expect(said).toContain(`la durée souhaitée ${choices}`);
    expect(front.durations.recommendedMax).toBe(durationSpans({ ...edition2023, ...change }).recommendedMax);
  });

  it('gives the durations in the front matter', () => {
    expect(announce().front.durations).toEqual({ min: 5, max: 30, recommendedMax: 20, choices: [5, 10, 15, 20, 30] });
  });

  it('keeps markup in the edition inert in the new front matter values', () => {
    const { front, old, body } = announce({ venue: { name: 'Palais <img src=x onerror=alert(1)>', city: 'Paris' } });
    expect(front.venue.name).toBe('Palais &lt;img src=x onerror=alert(1)>');
    expect(old.venue).toEqual(front.venue);
    expect(markdown.render(body)).not.toMatch(/<img/);
  });
});

describe('the recommended duration is coherent with what the call allows', () => {
  const paris2023: EditionCalendar = { ...edition2023 };
  const codes = (change: Partial<EditionCalendar>) => checkEditionCoherence({ ...paris2023, ...change }).map((v) => `${v.path}:${v.code}`);

  it.each<[string, Partial<EditionCalendar>]>([
    ['the 2023 edition (20 within 5–30)', {}],
    ['none', { recommendedMaxDurationMinutes: null }],
    ['the shortest choice', { recommendedMaxDurationMinutes: 5 }],
    ['the longest choice', { recommendedMaxDurationMinutes: 30 }],
    ['a value between two choices', { recommendedMaxDurationMinutes: 25 }],
    ['within the range when there is no list', { durationChoices: null, recommendedMaxDurationMinutes: 29 }],
    [
      'within the choices when there is no minimum or maximum',
      { minDurationMinutes: null, maxDurationMinutes: null, durationChoices: [10, 20, 40], recommendedMaxDurationMinutes: 40 },
    ],
  ])('accepts %s', (_label, change) => {
    expect(codes(change)).toEqual([]);
  });

  it.each<[string, Partial<EditionCalendar>, string[]]>([
    ['one minute above the longest choice', { recommendedMaxDurationMinutes: 31 }, ['recommendedMaxDurationMinutes:RECOMMENDED_DURATION_OUT_OF_BOUNDS']],
    ['one minute below the shortest choice', { recommendedMaxDurationMinutes: 4 }, ['recommendedMaxDurationMinutes:RECOMMENDED_DURATION_OUT_OF_BOUNDS']],
    [
      'above the maximum, with no list',
      { durationChoices: null, recommendedMaxDurationMinutes: 31 },
      ['recommendedMaxDurationMinutes:RECOMMENDED_DURATION_OUT_OF_BOUNDS'],
    ],
    [
      'above the longest choice, with no maximum',
      { maxDurationMinutes: null, durationChoices: [5, 10], recommendedMaxDurationMinutes: 15 },
      ['recommendedMaxDurationMinutes:RECOMMENDED_DURATION_OUT_OF_BOUNDS'],
    ],
    ['zero', { recommendedMaxDurationMinutes: 0 }, ['recommendedMaxDurationMinutes:INVALID_DURATION']],
    ['not whole minutes', { recommendedMaxDurationMinutes: 12.5 }, ['recommendedMaxDurationMinutes:INVALID_DURATION']],
  ])('refuses %s', (_label, change, expected) => {
    expect(codes(change)).toEqual(expected);
  });

  it('says so in French and in English, with the bounds', () => {
    const [violation] = checkEditionCoherence({ ...paris2023, recommendedMaxDurationMinutes: 45 });
    expect(violation.message).toBe(
      "La durée maximale conseillée (45 min) doit être comprise entre la durée la plus courte (5 min) et la plus longue (30 min) que l'appel permet."
    );
    expect(violation.messageEn).toBe(
      'The recommended maximum duration (45 min) must lie between the shortest (5 min) and the longest (30 min) duration the call allows.'
    );
  });
});

describe('session pages', () => {
  const program = buildProgram(edition2023, [
    {
      id: 1,
      documentId: 'session-1',
      slug: '2023-table-ronde',
      title: 'Table ronde : le libre à l’école',
      abstract: 'Échange entre agents.\n\nSecond paragraphe.',
      startsAt: '2023-12-07T13:10:00.000Z',
      durationMinutes: 30,
      room: 'Salle BlueHats',
      format: 'round_table',
      speakers: [
        { documentId: 'sp-1', name: 'Sacha Témoin', administration: { name: 'Ministère', acronym: 'MENJ' } },
        { documentId: 'sp-2', name: 'Camille Exemple', administration: null },
      ],
    } as never,
  ]);
  const session = program.days[1].sessions[0];

  it('renders each field as its own paragraph', () => {
    const { body } = read(sessionMarkdown(program, session).content);
    expect(paragraphsOf(markdown.render(body))).toEqual([
      'Échange entre agents.',
      'Second paragraphe.',
      'Intervenants : Sacha Témoin (MENJ), Camille Exemple',
      'Quand : jeudi 7 décembre 2023 à 14 h 10 (heure de Paris)',
      'Salle : Salle BlueHats',
      'Durée : 30 minutes',
    ]);
  });

  it('leaves out a field it does not have, with no empty paragraph', () => {
    const bare = { ...session, speakers: [], room: null, abstract: null };
    const { body } = read(sessionMarkdown(program, bare).content);
    expect(body).toBe('**Quand :** jeudi 7 décembre 2023 à 14 h 10 (heure de Paris)\n\n**Durée :** 30 minutes\n');
  });
});
