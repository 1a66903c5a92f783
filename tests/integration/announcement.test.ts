/**
 * The Markdown for static sites over HTTP. The golden test: every fact of the real 2023 call for
 * talks (tests/fixtures/seeds, copied from the seed announcement) comes back, parsed, from the
 * announcement the app writes from the demo data of the 2023 edition, loaded through the seed.
 * Then the public form it links, the recommended duration's rule on save, and the session pages.
 */
import fs from 'fs';
import path from 'path';
import { DateTime } from 'luxon';
import MarkdownIt from 'markdown-it';
import { parseFragment } from 'parse5';
import { parse as parseYaml } from 'yaml';
import { AFTER_PROGRAM_2023, api, createEdition, demoData, seedModule } from '../harness/factories';

const FACTS = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'seeds', 'bluehats-2023-facts.json'), 'utf8'));
const ZONE: string = FACTS.timeZone;
const PUBLIC_URL = 'https://evenements.example.gouv.fr';
const DURING_CALL = '2023-11-15T09:00:00.000Z';
const markdown = new MarkdownIt({ html: true, linkify: true });
let previousUrl: unknown;
let ip = 0;

beforeAll(async () => {
  // As outputs.test.ts seeds: after the 2023 program, so that its sessions are published.
  testClock.set('2026-11-23T12:00:00.000Z');
  await seedModule().seedDemo(strapi, demoData());
  previousUrl = strapi.config.get('server.url');
  strapi.config.set('server.url', PUBLIC_URL);
});

afterAll(() => {
  strapi.config.set('server.url', previousUrl);
});

beforeEach(() => {
  testClock.set(DURING_CALL);
  appResponseCache.invalidate();
});

/** Front matter read as YAML 1.2 (Hugo) and 1.1 (Jekyll, Eleventy's js-yaml), and the body. */
function read(content: string) {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(content);
  expect(match).not.toBeNull();
  return { front: parseYaml(match![1]), old: parseYaml(match![1], { version: '1.1' }), body: match![2] };
}

const textOf = (node: any): string => node.value ?? (node.childNodes ?? []).map(textOf).join('');
const blocksOf = (html: string): string[] => (parseFragment(html).childNodes as any[]).map((n) => textOf(n).replace(/\s+/g, ' ').trim()).filter(Boolean);
function linksOf(html: string): Array<[string, string]> {
  const links: Array<[string, string]> = [];
  const walk = (node: any) => {
    if (node.tagName === 'a') links.push([textOf(node), node.attrs.find((a: any) => a.name === 'href')?.value]);
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html));
  return links;
}

/** How a Hugo or Eleventy site set to the edition's zone prints a front matter instant. */
const printed = (value: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, ...options }).format(new Date(value));
const localDay = (value: string) => printed(value, { year: 'numeric', month: '2-digit', day: '2-digit' }).split('/').reverse().join('-');
const localTime = (value: string) => printed(value, { hour: '2-digit', minute: '2-digit' });
/** "14:00" → "14 h", "09:30" → "9 h 30": the facts' wall-clock times as a French page writes them. */
const frenchHour = (time: string) => {
  const [h, m] = time.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
};
/** "2023-12-06" → "mercredi 6 décembre", from the calendar alone. */
const frenchDay = (date: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${date}T12:00:00Z`));
const withOffset = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toISO({ suppressMilliseconds: true });

describe('the 2023 announcement regenerates every fact of the real post', () => {
  let front: any;
  let old: any;
  let said: string;
  let links: Array<[string, string]>;
  const checked = new Set<string>();
  const fact = (name: string) => {
    checked.add(name);
    return FACTS[name];
  };

  beforeAll(async () => {
    testClock.set(DURING_CALL);
    appResponseCache.invalidate();
    const res = await api().get('/api/editions/bluehats-2023/announcement.md');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    const page = read(res.text);
    front = page.front;
    old = page.old;
    const html = markdown.render(page.body);
    said = blocksOf(html).join(' ');
    links = linksOf(html);
  });

  it('the post date', () => {
    expect(front.date).toBe(fact('published').date);
  });

  it('the two afternoons, their hours and the venue', () => {
    const { days } = fact('afternoons');
    expect(front.days.map((d: any) => d.date)).toEqual(days.map((d: any) => d.date));
    days.forEach((day: any, i: number) => {
      expect(front.days[i].start).toBe(withOffset(`${day.date}T${day.start}`));
      expect(front.days[i].end).toBe(withOffset(`${day.date}T${day.end}`));
      expect([localDay(front.days[i].start), localTime(front.days[i].start), localTime(front.days[i].end)]).toEqual([day.date, day.start, day.end]);
      // Each day by its weekday, its number and its month, in the body.
      const [weekday, number, month] = frenchDay(day.date).split(' ');
      expect(said).toMatch(new RegExp(`${weekday} ${number}\\b.*${month} ${day.date.slice(0, 4)}`));
      expect(said).toContain(`de ${frenchHour(day.start)} à ${frenchHour(day.end)}`);
    });
    const venue = fact('venue');
    expect(front.venue.name.toLowerCase()).toBe(venue.name.toLowerCase());
    expect(front.venue.hostShow).toBe(venue.hostShow);
    expect(said.toLowerCase()).toContain(venue.name.toLowerCase());
    expect(said).toContain(`salon ${venue.hostShow}`);
  });

  it('the deadline, 20 November at 23:59, with its offset, printed 23:59 in Paris', () => {
    const { local } = fact('deadline');
    expect(front.deadline).toBe(withOffset(local));
    expect(front.deadline).toMatch(/\+01:00$/);
    expect(old.deadline.toISOString()).toBe(new Date(front.deadline).toISOString());
    expect([localDay(front.deadline), localTime(front.deadline)]).toEqual(local.split('T'));
    const [date, time] = local.split('T');
    const text = `${frenchDay(date).split(' ').slice(1).join(' ')} ${date.slice(0, 4)} à ${time.replace(':', ' h ')}`;
    expect(front.deadlineText).toBe(text);
    expect(said).toContain(`${frenchDay(date)} ${date.slice(0, 4)} à ${time.replace(':', ' h ')}`);
  });

  it('the response, before 27 November: the start of that day, said « avant le »', () => {
    const { before } = fact('responseDate');
    expect(front.responseDate).toBe(withOffset(`${before}T00:00`));
    expect(localDay(front.responseDate)).toBe(before);
    expect(said).toContain(`répondrons avant le ${frenchDay(before)} ${before.slice(0, 4)}`);
  });

  it('the program on 4 December', () => {
    const { day } = fact('programPublicationDate');
    expect(localDay(front.programPublicationDate)).toBe(day);
    expect(said).toMatch(new RegExp(`publierons le programme le ${frenchDay(day)} ${day.slice(0, 4)}\\b`));
  });

  it('the durations: 5 to 20 minutes recommended, 5 to 30 allowed', () => {
    const { recommended, allowed } = fact('durations');
    expect(front.durations).toMatchObject({ min: allowed.min, max: allowed.max, recommendedMax: recommended.max });
    expect(recommended.min).toBe(allowed.min);
    expect(said).toContain(`de ${recommended.min} à ${recommended.max} minutes de préférence`);
    expect(said).toContain(`(${allowed.max} minutes au plus)`);
  });

  it('what to tell in a proposal', () => {
    for (const field of fact('asked').fields) expect(said).toContain(field);
    for (const day of fact('afternoons').days) expect(said).toContain(`après-midi du ${frenchDay(day.date).split(' ').slice(1).join(' ')}`);
  });

  it('the registration link', () => {
    const { url } = fact('registration');
    expect(links.filter(([, href]) => href === url)).toHaveLength(1);
    expect(front.registrationUrl).toBe(url);
  });

  it('the contact', () => {
    const { email } = fact('contact');
    expect(links).toContainEqual([email, `mailto:${email}`]);
    expect(front.contactEmail).toBe(email);
  });

  it('how to submit: the public form, at PUBLIC_URL, a page that answers', async () => {
    const { label, path: formPath } = fact('submit');
    expect(links).toContainEqual([label, `${PUBLIC_URL}${formPath}`]);
    expect(front.proposalFormUrl).toBe(`${PUBLIC_URL}${formPath}`);
    const page = await api().get(formPath).set('X-Forwarded-For', `10.61.0.${++ip}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<form[^>]+method="post"/i);
  });

  it('looked for every fact of the fixture (this test runs last)', () => {
    expect([...checked].sort()).toEqual(
      Object.keys(FACTS)
        .filter((k) => !['SOURCE', 'timeZone'].includes(k))
        .sort()
    );
  });
});

describe('the announcement of a headless deployment', () => {
  it('links no form when the app serves no pages, and keeps the contact', async () => {
    strapi.config.set('pages.enabled', false);
    try {
      const res = await api().get('/api/editions/bluehats-2023/announcement.md');
      const { front, body } = read(res.text);
      expect(front.proposalFormUrl).toBeNull();
      expect(linksOf(markdown.render(body)).map(([text]) => text)).toEqual(['créer mon badge', 'contact@code.gouv.fr']);
    } finally {
      strapi.config.set('pages.enabled', true);
    }
  });
});

describe('the recommended duration', () => {
  const refusal = async (write: Promise<unknown>) => {
    const error: any = await write.then(
      () => null,
      (e: unknown) => e
    );
    expect(error).not.toBeNull();
    return { code: error.details?.code, errors: (error.details?.errors ?? []).map((e: any) => `${e.path.join('.')}:${e.code}`) };
  };

  it('is public with the edition', async () => {
    const res = await api()
      .get('/api/editions')
      .query({ filters: { slug: 'bluehats-2023' } });
    expect(res.body.data[0]).toMatchObject({ minDurationMinutes: 5, recommendedMaxDurationMinutes: 20, maxDurationMinutes: 30 });
  });

  it('is refused on save beyond what the call allows', async () => {
    expect(await refusal(createEdition({ recommendedMaxDurationMinutes: 31 }))).toEqual({
      code: 'EDITION_INCOHERENT',
      errors: ['recommendedMaxDurationMinutes:RECOMMENDED_DURATION_OUT_OF_BOUNDS'],
    });
    const edge = await createEdition({ recommendedMaxDurationMinutes: 30 });
    expect(edge.recommendedMaxDurationMinutes).toBe(30);
  });

  it('is checked with the stored fields when another field changes', async () => {
    const edition = await createEdition({ recommendedMaxDurationMinutes: 20 });
    const update = strapi.documents('api::edition.edition').update({
      documentId: edition.documentId,
      locale: 'fr',
      data: { durationChoices: null, maxDurationMinutes: 15 } as any,
    });
    expect(await refusal(update)).toEqual({ code: 'EDITION_INCOHERENT', errors: ['recommendedMaxDurationMinutes:RECOMMENDED_DURATION_OUT_OF_BOUNDS'] });
  });

  it("is kept in next year's edition", async () => {
    const edition = await createEdition({ slug: `annonce-duree-2023-${process.pid}`, year: 2023, recommendedMaxDurationMinutes: 20 });
    const copy = await strapi.service('api::edition.editorial').duplicateAsNextYear(edition.documentId);
    const stored = await strapi.documents('api::edition.edition').findOne({ documentId: copy.documentId, locale: 'fr' });
    expect(stored).toMatchObject({ year: 2024, recommendedMaxDurationMinutes: 20 });
  });
});

describe('session pages', () => {
  beforeEach(() => testClock.set(AFTER_PROGRAM_2023));

  const paragraphs = (content: string) => blocksOf(markdown.render(read(content).body));

  it('give each field its own paragraph, by session and in session-pages', async () => {
    const res = await api().get('/api/editions/bluehats-2023/session-pages');
    expect(res.status).toBe(200);
    const page = res.body.data.find((p: any) => p.path === '2023-12-07-2023-table-ronde-ecoles.md');
    expect(paragraphs(page.content)).toEqual([
      'Échange fictif entre agents sur les outils libres en établissement.',
      'Intervenants : Sacha Témoin (MENJ), Camille Exemple (DINUM)',
      'Quand : jeudi 7 décembre 2023 à 14 h 10 (heure de Paris)',
      'Salle : Salle BlueHats',
      'Durée : 30 minutes',
    ]);
    for (const p of res.body.data) {
      const blocks = paragraphs(p.content);
      expect(blocks.filter((b) => /^(Intervenants|Quand|Salle|Durée) :/.test(b))).toHaveLength(4);
      // No paragraph holds two fields.
      for (const block of blocks) expect(block.match(/(Intervenants|Quand|Salle|Durée) :/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
    const program = await api().get('/api/editions/bluehats-2023/program');
    const session = program.body.data.days[1].sessions.find((s: any) => s.slug === '2023-table-ronde-ecoles');
    const single = await api().get(`/api/sessions/${session.documentId}/page.md`);
    expect(single.text).toBe(page.content);
  });
});
