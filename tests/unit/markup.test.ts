/** Markup: what proposer text may hold, and the encoders each export applies to what it writes. */
import MarkdownIt from 'markdown-it';
import ical from 'node-ical';
import { parseFragment } from 'parse5';
import { create as parseXml } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';
import { parse as parseYaml } from 'yaml';
import {
  containsMarkup,
  escapeHtml,
  htmlParagraphs,
  markdownDestination,
  markdownInline,
  markdownText,
  neutraliseMarkup,
  oneLine,
  safeUrl,
} from '../../src/domain/exports/encode';
import { sessionCalendar } from '../../src/domain/exports/ical';
import { announcementMarkdown, sessionMarkdown } from '../../src/domain/exports/markdown';
import { publicLinks } from '../../src/domain/exports/links';
import { scheduleXml } from '../../src/domain/exports/schedule';
import { buildProgram, type ProgramEdition } from '../../src/domain/program';
import { composeMail } from '../../src/domain/proposal-mails';
import { validateSubmission } from '../../src/domain/submission-form';

const edition = {
  timeZone: 'Europe/Paris',
  cfpOpensAt: '2023-11-03T08:00:00.000Z',
  cfpClosesAt: '2023-11-20T22:59:00.000Z',
  responseDate: '2023-11-26T23:00:00.000Z',
  programPublicationDate: '2023-12-04T08:00:00.000Z',
  days: [
    { date: '2023-12-06', startTime: '14:00:00.000', endTime: '17:00:00.000', label: null },
    { date: '2023-12-07', startTime: '14:00:00.000', endTime: '17:00:00.000', label: null },
  ],
  minDurationMinutes: 5,
  maxDurationMinutes: 30,
};

const valid = {
  speakerName: 'Agent Exemple',
  email: 'agent@example.org',
  administrationName: 'DINUM',
  jobTitle: 'Développeuse',
  title: 'Un titre correct',
  abstract: 'Un résumé assez long pour passer.',
  requestedDuration: 20,
};

describe('what counts as markup in proposer text', () => {
  it.each<[string, string]>([
    ['a tag with a slash and no space', '<svg/onload=alert(1)>'],
    ['an img with a slash and no space', '<img/src=x onerror=alert(1)>'],
    ['a plain tag', '<b>gras</b>'],
    ['a closing tag', '</script>'],
    ['a closing tag without its name', '</'],
    ['a comment', '<!-- commentaire -->'],
    ['an unclosed comment', '<!--'],
    ['a doctype', '<!DOCTYPE html>'],
    ['CDATA', '<![CDATA[x]]>'],
    ['a processing instruction', '<?xml version="1.0"?>'],
    ['a bogus comment', '<?'],
    ['an unclosed tag', '<a href=//evil.example'],
    ['an unclosed tag name alone', 'voir <a'],
    ['upper case', '<SCRIPT>'],
    ['mixed case', '<ScRiPt>'],
    ['a custom element', '<x-widget>'],
    ['a tab after the name', '<svg\tonload=alert(1)>'],
    ['a line break after the name', '<img\nsrc=x>'],
    ['an address in angle brackets (a browser reads a tag <jean@x.fr>)', '<jean@x.fr>'],
    ['an autolink', '<https://evil.example>'],
    ['a letter right after <', 'a<b'],
    ['a non-ASCII letter (browsers read text; refused for margin)', '<élan>'],
    ['a second < that opens a tag', '<<script>'],
  ])('refuses %s', (_label, text) => {
    expect(containsMarkup(text)).toBe(true);
  });

  it.each<[string, string]>([
    ['a comparison with spaces', 'a < b'],
    ['a digit after <', 'x<3 et <5 minutes'],
    ['an arrow', '<- ou <= ou <<'],
    ['a space between < and a name', '< script>'],
    ['a greater-than sign alone', '3 > 2 et ->'],
    ['full-width angle brackets (U+FF1C), never read as < by a browser', '＜script＞alert(1)＜/script＞'],
    ['a small less-than sign (U+FE64)', '﹤script﹥'],
    ['an entity written as text', '&lt;script&gt;'],
    ['a lone < at the end', 'coût <'],
  ])('accepts %s', (_label, text) => {
    expect(containsMarkup(text)).toBe(false);
  });

  const TEXT_FIELDS = ['speakerName', 'administrationName', 'jobTitle', 'title', 'abstract'] as const;

  it.each(TEXT_FIELDS)('checks %s on submit and on correction, with the field named, in French and English', (field) => {
    const hostile = `${valid[field]} <svg/onload=alert(1)>`;
    for (const result of [validateSubmission({ ...valid, [field]: hostile }, edition), validateSubmission({ [field]: hostile }, edition, { partial: true })]) {
      expect(result.ok).toBe(false);
      const errors = result.ok ? [] : result.errors;
      expect(errors).toEqual([
        {
          path: [field],
          code: 'HTML_NOT_ALLOWED',
          message: expect.stringMatching(/ne doit pas contenir de HTML : un « < » suivi d'une lettre/),
          messageEn: expect.stringMatching(/must not contain HTML: a "<" followed by a letter/),
        },
      ]);
      expect(errors[0].message).not.toContain('<svg');
    }
  });

  it('checks the e-mail field too, before its own format', () => {
    const result = validateSubmission({ ...valid, email: '<jean@x.fr>' }, edition);
    expect(result.ok ? [] : result.errors.map((e) => `${e.path}:${e.code}`)).toEqual(['email:HTML_NOT_ALLOWED']);
  });

  it('checks the text once control characters are removed, as it is stored', () => {
    expect(validateSubmission({ ...valid, title: 'Titre <\u0000svg/onload=alert(1)>' }, edition).ok).toBe(false);
  });

  it('keeps text that is not markup unchanged', () => {
    const abstract = 'Si le coût < au budget et x<3, on adopte ＜libre＞ & durable.';
    const result = validateSubmission({ ...valid, abstract }, edition);
    expect(result.ok && result.value.abstract).toBe(abstract);
  });
});

describe('encoders', () => {
  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<img src="x" onerror='y'> & co`)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;y&#39;&gt; &amp; co');
  });

  it('makes the HTML part of a mail from its text: paragraphs, line breaks, nothing live', () => {
    expect(htmlParagraphs('Bonjour <b>A</b>,\n\nLigne 1\nLigne 2 & fin')).toBe('<p>Bonjour &lt;b&gt;A&lt;/b&gt;,</p>\n<p>Ligne 1<br>\nLigne 2 &amp; fin</p>');
  });

  it('writes Markdown structure characters from the data as references', () => {
    expect(markdownText('<b> & [x](javascript:y) {{ site }} {: .c} \\[')).toBe(
      '&lt;b&gt; &amp; &#91;x&#93;(javascript:y) &#123;&#123; site &#125;&#125; &#123;: .c&#125; &#92;&#91;'
    );
    expect(markdownText('*gras* et\n- une liste')).toBe('*gras* et\n- une liste');
    expect(markdownInline('  Titre\nsur deux lignes ')).toBe('Titre sur deux lignes');
  });

  it('neutralises only a < that would open markup in front matter values', () => {
    expect(neutraliseMarkup('<script>x</script> a < b, x<3, <!-- c --> <?p')).toBe('&lt;script>x&lt;/script> a < b, x<3, &lt;!-- c --> &lt;?p');
  });

  it('keeps http(s) addresses only, normalised, and percent-encodes what would end a Markdown destination', () => {
    expect(safeUrl('https://example.org/a b?q={x}')).toBe('https://example.org/a%20b?q={x}');
    expect(markdownDestination(safeUrl('https://example.org/a(b)?q={{x}}"')!)).toBe('https://example.org/a%28b%29?q=%7B%7Bx%7D%7D%22');
    for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>', 'vbscript:x', '/relative', '', null, 42]) {
      expect(safeUrl(bad)).toBeNull();
    }
    expect(safeUrl('mailto:contact@example.org', ['mailto:'])).toBe('mailto:contact@example.org');
  });

  it('puts a mail header on one line', () => {
    expect(oneLine('Titre\r\nBcc: x@evil.example\n suite')).toBe('Titre Bcc: x@evil.example suite');
  });
});

// A site built with markdown-it and raw HTML on, as the review describes.
const markdown = new MarkdownIt({ html: true });
const ALLOWED = new Set(['p', 'h2', 'strong', 'em', 'ul', 'li', 'a', 'br']);
/** What a browser would build from this HTML (parse5 follows the WHATWG algorithm): Markdown's own elements only, no handler, no script link. */
function elementsOf(html: string): string[] {
  const seen: string[] = [];
  const walk = (node: any) => {
    if (node.tagName) {
      seen.push(node.tagName);
      for (const attr of node.attrs) {
        expect(attr.name).not.toMatch(/^on/i);
        if (attr.name === 'href') expect(attr.value).toMatch(/^(https?:|mailto:)/);
      }
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html));
  return seen;
}
function splitPage(content: string) {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(content)!;
  expect(match).not.toBeNull();
  return { yaml: match[1], body: match[2] };
}

const programEdition: ProgramEdition = {
  ...edition,
  documentId: 'e1',
  slug: 'bluehats-2023',
  title: 'Journées',
  year: 2023,
  locale: 'fr',
  venue: { name: 'Palais', city: 'Paris' },
};
const hostileSession = (title: string) =>
  buildProgram(programEdition, [
    {
      id: 1,
      documentId: 's1',
      number: 1,
      slug: 'seance',
      title,
      abstract:
        '<img src=x onerror=alert(1)> première ligne\n\n<script>alert(2)</script>\n[clic](javascript:alert(3))\n{: onclick="alert(4)"}\n{{ site.secret }} {% include x %}',
      startsAt: '2023-12-06T13:00:00.000Z',
      durationMinutes: 20,
      room: 'Salle <svg/onload=alert(5)>',
      format: 'talk',
      slidesUrl: 'javascript:alert(6)',
      videoUrl: 'https://video.example/v?id=1',
      speakers: [{ documentId: 'p1', name: 'Camille <b>Test</b>', administration: { name: 'DINUM', acronym: '<i>D</i>' } }],
    },
  ]);

describe('Markdown pages', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['double quotes and a colon', 'Le "libre" : mode d\'emploi'],
    ['line breaks and a front matter fence', 'Titre\n---\ntitle: autre\n...'],
    ['a YAML 1.1 boolean', 'yes'],
    ['a YAML indicator first', '- & * ! | > % @ `'],
    ['a template tag', '{{ site.github }} {% raw %}'],
    ['a tab, a line separator and a carriage return', 'a\tb\u2028c\rd'],
  ])('keep valid front matter, read alike in YAML 1.2 and 1.1, with a title holding %s', (_label, title) => {
    const program = hostileSession(title);
    const page = sessionMarkdown(program, program.days[0].sessions[0]);
    const { yaml, body } = splitPage(page.content);
    expect(yaml.split('\n').filter((line) => /^(---|\.\.\.)\s*$/.test(line))).toEqual([]);
    const front = parseYaml(yaml);
    expect(front.title).toBe(neutraliseMarkup(title));
    const old = parseYaml(yaml, { version: '1.1' });
    for (const key of ['title', 'description', 'room', 'speakers']) expect(old[key]).toEqual(front[key]);
    expect(front.date).toBe('2023-12-06T14:00:00+01:00');
    expect(body).not.toContain('---\ntitle');
  });

  it('render inert with raw HTML on: no tag, handler, script link or template tag from the data', () => {
    const program = hostileSession('<script>alert(0)</script>');
    const { yaml, body } = splitPage(sessionMarkdown(program, program.days[0].sessions[0]).content);
    const html = markdown.render(body);
    expect(elementsOf(html).every((tag) => ALLOWED.has(tag))).toBe(true);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; première ligne');
    expect(body).not.toMatch(/[{}[\]<]/);
    const front = parseYaml(yaml);
    // Liquid and Nunjucks print front matter unescaped by default.
    expect(elementsOf(`<p>${front.title}</p><p>${front.room}</p><p>${front.speakers[0].name} ${front.speakers[0].administration}</p>`)).toEqual([
      'p',
      'p',
      'p',
    ]);
    expect(front.slides).toBeNull();
    expect(front.video).toBe('https://video.example/v?id=1');
    expect(front.description).toBe('&lt;img src=x onerror=alert(1)> première ligne');
  });

  it('cut the description by characters, never inside a surrogate pair', () => {
    const program = hostileSession('Titre');
    program.days[0].sessions[0].abstract = `${'a'.repeat(199)}😀 suite`;
    const front = parseYaml(splitPage(sessionMarkdown(program, program.days[0].sessions[0]).content).yaml);
    expect(front.description).toBe(`${'a'.repeat(199)}😀`);
  });

  it('the announcement links only to http(s) and mailto, and renders inert', () => {
    const hostile = {
      ...programEdition,
      title: 'Journées <script>alert(1)</script>',
      venue: { name: 'Palais <img src=x onerror=alert(1)>', city: 'Paris {{ x }}', hostShow: 'Salon [x](javascript:alert(1))' },
      registrationUrl: 'https://example.org/badge?a=(1)&b={{x}}',
      contactEmail: 'contact@example.org',
    };
    const { yaml, body } = splitPage(announcementMarkdown(hostile, new Date('2023-11-03T08:00:00Z')));
    expect(parseYaml(yaml).title).toBe('Appel à interventions : Journées &lt;script>alert(1)&lt;/script>');
    const html = markdown.render(body);
    expect(elementsOf(html).filter((t) => t === 'a')).toHaveLength(2);
    expect(html).toContain('href="https://example.org/badge?a=%281%29&amp;b=%7B%7Bx%7D%7D"');
    expect(html).toContain('href="mailto:contact@example.org"');
    const scripted = splitPage(announcementMarkdown({ ...hostile, registrationUrl: 'javascript:alert(1)' }, new Date('2023-11-03T08:00:00Z')));
    expect(scripted.body).not.toContain('Pensez à vous inscrire');
  });
});

describe('schedule.xml (xmlbuilder2 escapes; checked here)', () => {
  it('keeps markup as the text of its element and drops characters XML cannot hold', async () => {
    const program = hostileSession('<script>alert(1)</script> & "q" \u000b\u0001fin');
    const xml = scheduleXml(program, {
      baseUrl: 'http://localhost:1337',
      links: publicLinks('http://localhost:1337', 'bluehats-2023', { pages: true }),
      now: new Date('2023-12-05T12:00:00.000Z'),
    });
    expect(xml).not.toMatch(/<(script|img|svg)\b/);
    // libxml2 (compiled to WebAssembly) as the well-formedness judge: xmlbuilder2's own reader is lenient.
    const lint = await validateXML({ xml: [{ fileName: 'schedule.xml', contents: xml }], normalization: 'format' });
    expect(lint.errors).toEqual([]);
    const dom = parseXml(xml).node as any;
    expect(dom.getElementsByTagName('script').length).toBe(0);
    expect(dom.getElementsByTagName('title').item(1).textContent).toBe('<script>alert(1)</script> & "q" fin');
    expect(dom.getElementsByTagName('room').item(0).getAttribute('name')).toBe('Salle <svg/onload=alert(5)>');
  });
});

describe('iCalendar (ical-generator escapes event text; the calendar name is escaped here)', () => {
  it('lets no line break in a title start a property', () => {
    const program = hostileSession('Titre\r\nATTACH:https://evil.example/x\nX-INJ:1; a, b \\ c');
    const text = sessionCalendar(program, program.days[0].sessions[0], {
      links: publicLinks('http://localhost:1337', 'bluehats-2023', { pages: true }),
      uidDomain: 'bluehats-events',
    });
    expect(text).not.toMatch(/^(ATTACH|X-INJ)/m);
    expect(text).toContain('X-WR-CALNAME:Titre\\nATTACH:https://evil.example/x\\nX-INJ:1\\; a\\, b \\\\ c');
    const events = (Object.values(ical.sync.parseICS(text)) as any[]).filter((e) => e.type === 'VEVENT');
    expect(events).toHaveLength(1);
    expect(events[0].summary).toBe('Titre\r\nATTACH:https://evil.example/x\nX-INJ:1; a, b \\ c'.replace(/\r\n/g, '\n'));
    expect(events[0].attach).toBeUndefined();
  });
});

describe('mails', () => {
  const proposal = {
    reference: 'BH23-AAAA-BBBB',
    speakerName: 'Agent',
    administrationName: 'DINUM',
    title: 'Titre\r\nBcc: x@evil.example',
    abstract: 'Résumé',
    requestedDuration: 10,
    decisionMessage: 'Bravo <img src=https://tracker.example/p.png>',
    confirmationDeadline: '2023-11-30T22:59:00.000Z',
  };
  it.each(['submission_received', 'acceptance', 'confirmation_reminder', 'waitlist', 'rejection'] as const)(
    '%s: a subject on one line, and an HTML part with nothing live',
    (kind) => {
      const mail = composeMail(kind, proposal, { ...edition, title: 'Journées <script>x</script>' }, 'https://example.org/s/t');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text).toContain('Journées <script>x</script>');
      expect(elementsOf(mail.html).every((t) => t === 'p' || t === 'br')).toBe(true);
      expect(mail.html).toContain('Journées &lt;script&gt;x&lt;/script&gt;');
    }
  );
});
