/**
 * The public pages over HTTP: the call, the form (POST-redirect-GET), the receipt, the status page
 * and its actions, the program and session pages; their dates on the injected clock, their
 * languages, their cache, and what they must never show.
 */
import { AFTER_PROGRAM_2023, api, createEdition, createSession, createSpeaker, PARIS_2023, pageClient } from '../harness/factories';

const UID = 'api::proposal.proposal';
let edition: any;
const { address: client, get, post } = pageClient(44);

const FORM = {
  speakerName: 'Agente Exemple',
  email: 'agente.exemple@example.org',
  administrationName: 'Ministère de l’Exemple',
  jobTitle: 'Cheffe de projet',
  title: 'Des logiciels libres dans les collèges',
  abstract: 'Comment nous avons déployé des outils libres dans cent collèges.',
  preferredDay: '2023-12-07',
  requestedDuration: '20',
  consentContact: 'oui',
  consentPublication: 'oui',
  website: '',
};

/** Submits the form and follows the redirection to the receipt: the status token. */
async function submitted(fields: Record<string, string> = {}): Promise<string> {
  const res = await post(`/editions/${edition.slug}/proposer`, { ...FORM, ...fields });
  expect(res.status).toBe(303);
  const match = /^\/suivi\/([A-Za-z0-9_-]+)\/recu$/.exec(res.headers.location);
  expect(match).not.toBeNull();
  return match![1];
}

/** Text content, without tags, for assertions on what a person reads. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  edition = await createEdition({
    title: 'Journées #BlueHats 2023',
    contactEmail: 'bluehats@example.org',
    registrationUrl: 'https://www.opensource-experience.com/badge',
    venue: { name: 'Palais des Congrès', hostShow: 'Open Source Experience', city: 'Paris' },
  });
});

beforeEach(async () => {
  await strapi.service('api::notification.notification').drain();
  await strapi.db.query(UID).deleteMany({});
  mailbox.clear();
  testClock.set('2023-11-15T09:00:00.000Z');
  appResponseCache.invalidate();
});

describe('pages anyone reads', () => {
  it('serves the home page in HTML, with the DSFR from the app itself and the edition’s live state', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toMatch(/<html lang="fr">/);
    expect(res.text).toMatch(/<link rel="stylesheet" href="\/assets\/dsfr\/[\d.]+\/dsfr\.min\.css">/);
    expect(res.text).not.toMatch(/https?:\/\/(?!www\.opensource-experience\.com)[^"]*\.(css|js)"/);
    expect(text(res.text)).toContain('Appel ouvert jusqu’au 20 novembre 2023 à 23 h 59 (heure de Paris)');
    expect(res.text).toContain(`href="/editions/${edition.slug}"`);
  });

  it('serves the DSFR files it links to, cached for a year, and nothing else of the package', async () => {
    const home = await get('/');
    const css = /href="(\/assets\/dsfr\/[\d.]+)\/dsfr\.min\.css"/.exec(home.text)![1];
    const sheet = await get(`${css}/dsfr.min.css`);
    expect(sheet.status).toBe(200);
    expect(sheet.headers['content-type']).toMatch(/text\/css/);
    expect(sheet.headers['cache-control']).toMatch(/max-age=31536000/);
    const font = /url\((fonts\/[^)]+\.woff2)\)/.exec(sheet.text)![1];
    expect((await get(`${css}/${font}`)).status).toBe(200);
    expect((await get(`${css}/dsfr.module.min.js`)).status).toBe(200);
    for (const path of [
      `${css}/dsfr.min.css.map`,
      `${css}/../package.json`,
      `${css}/%2e%2e/package.json`,
      '/assets/dsfr/0.0.0/dsfr.min.css',
      '/assets/../package.json',
    ]) {
      expect([400, 403, 404]).toContain((await get(path)).status);
    }
  });

  it('shows the call on the edition page: dates, afternoons, durations, venue, registration and contact, and the button while open', async () => {
    const res = await get(`/editions/${edition.slug}`);
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toContain('mercredi 6 décembre 2023, de 14 h à 17 h');
    expect(page).toContain('jeudi 7 décembre 2023, de 14 h à 17 h');
    expect(page).toContain('Open Source Experience');
    expect(page).toContain('20 novembre 2023 à 23 h 59 (heure de Paris)');
    expect(page).toContain('27 novembre 2023 à 0 h 00 (heure de Paris)');
    expect(page).toContain('4 décembre 2023 à 9 h 00 (heure de Paris)');
    expect(page).toMatch(/Il reste 5 jours et 14 heures/);
    expect(res.text).toContain(`href="/editions/${edition.slug}/proposer"`);
    expect(res.text).toContain('href="https://www.opensource-experience.com/badge"');
    expect(res.text).toContain('href="mailto:bluehats@example.org"');
  });

  it.each([
    ['before the opening', '2023-11-03T07:59:59.999Z', 'L’appel à interventions ouvre le 3 novembre 2023 à 9 h 00 (heure de Paris).', false],
    [
      'in the last millisecond of the deadline minute',
      '2023-11-20T22:59:59.999Z',
      'L’appel à interventions est ouvert jusqu’au 20 novembre 2023 à 23 h 59',
      true,
    ],
    ['at the first millisecond after it', '2023-11-20T23:00:00.000Z', 'L’appel à interventions est clos depuis le 20 novembre 2023 à 23 h 59', false],
  ])('words the call %s from the clock, never from a template', async (_when, now, sentence, formShown) => {
    testClock.set(now);
    const page = await get(`/editions/${edition.slug}`);
    expect(text(page.text)).toContain(sentence);
    expect(page.text.includes(`href="/editions/${edition.slug}/proposer"`)).toBe(formShown);
    const form = await get(`/editions/${edition.slug}/proposer`);
    expect(form.status).toBe(formShown ? 200 : 403);
    expect(form.text.includes('id="formulaire"')).toBe(formShown);
  });

  it('closes at 23:59 local time on a daylight-saving night too (New York, 2 November 2025)', async () => {
    const ny = await createEdition({
      ...PARIS_2023,
      title: 'Open source days New York',
      timeZone: 'America/New_York',
      cfpOpensAt: '2025-10-01T13:00:00.000Z',
      // 1 November 2025, 23:59 in New York (EDT, UTC−4); the clocks go back at 2:00 that night.
      cfpClosesAt: '2025-11-02T03:59:00.000Z',
      responseDate: '2025-11-10T05:00:00.000Z',
      programPublicationDate: '2025-11-20T05:00:00.000Z',
      days: [{ date: '2025-12-01', startTime: '14:00:00.000', endTime: '17:00:00.000' }],
    });
    testClock.set('2025-11-02T03:59:59.999Z');
    expect((await get(`/editions/${ny.slug}/proposer`)).status).toBe(200);
    testClock.set('2025-11-02T04:00:00.000Z');
    const closed = await get(`/editions/${ny.slug}/proposer`);
    expect(closed.status).toBe(403);
    expect(text(closed.text)).toContain('clos depuis le 1er novembre 2025 à 23 h 59 (heure de New York)');
  });

  it('closes at midnight in Paris on the night clocks go forward (29–30 March 2025)', async () => {
    const spring = await createEdition({
      ...PARIS_2023,
      title: 'Journées de printemps 2025',
      cfpOpensAt: '2025-03-01T08:00:00.000Z',
      cfpClosesAt: '2025-03-29T22:59:00.000Z', // 29 March 23:59 CET; at 2:00 the clocks go to 3:00 CEST
      responseDate: '2025-04-07T08:00:00.000Z',
      programPublicationDate: '2025-04-14T08:00:00.000Z',
      days: [{ date: '2025-05-20', startTime: '14:00:00.000', endTime: '17:00:00.000' }],
    });
    testClock.set('2025-03-29T22:59:59.999Z');
    expect(text((await get(`/editions/${spring.slug}`)).text)).toContain('ouvert jusqu’au 29 mars 2025 à 23 h 59 (heure de Paris)');
    testClock.set('2025-03-29T23:00:00.000Z');
    const closed = await get(`/editions/${spring.slug}`);
    expect(text(closed.text)).toContain('clos depuis le 29 mars 2025 à 23 h 59 (heure de Paris)');
    // No link to the form; only the late-submission code's field leads to it.
    expect(closed.text).not.toContain(`href="/editions/${spring.slug}/proposer"`);
  });

  it('speaks English with ?lang=en or Accept-Language, and keeps ?lang on its links', async () => {
    const byHeader = await get(`/editions/${edition.slug}`, 'en-GB,en;q=0.9');
    expect(byHeader.text).toMatch(/<html lang="en">/);
    expect(text(byHeader.text)).toContain('The call for talks is open until 20 November 2023 at 23:59 (Paris time).');
    expect(byHeader.headers.vary).toMatch(/Accept-Language/);
    const byQuery = await get(`/editions/${edition.slug}?lang=en`, 'fr');
    expect(byQuery.text).toContain(`href="/editions/${edition.slug}/proposer?lang=en"`);
    const form = await get(`/editions/${edition.slug}/proposer?lang=en`);
    expect(text(form.text)).toContain('Your preferred afternoon');
    expect(text(form.text)).toContain('No preference');
  });

  it('says the recommended duration where the edition sets one', async () => {
    await strapi.documents('api::edition.edition').update({ documentId: edition.documentId, data: { recommendedMaxDurationMinutes: 20 } as any });
    await strapi.documents('api::edition.edition').publish({ documentId: edition.documentId });
    expect(text((await get(`/editions/${edition.slug}`)).text)).toContain('De préférence 20 minutes au plus.');
    expect(text((await get(`/editions/${edition.slug}/proposer?lang=en`)).text)).toContain('The duration you need Preferably 20 minutes at most.');
    await strapi.documents('api::edition.edition').update({ documentId: edition.documentId, data: { recommendedMaxDurationMinutes: null } as any });
    await strapi.documents('api::edition.edition').publish({ documentId: edition.documentId });
  });

  it('answers an unknown edition, session or page with the same HTML 404', async () => {
    for (const path of ['/editions/nope', '/editions/nope/proposer', '/editions/nope/programme', `/editions/${edition.slug}/programme/nope`]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(text(res.text)).toContain('Page introuvable');
    }
  });

  it('serves cached pages with an ETag, 304 on revalidation, and a fresh page once content changes', async () => {
    const first = await get(`/editions/${edition.slug}`);
    expect(first.headers.etag).toBeDefined();
    const again = await get(`/editions/${edition.slug}`).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    await strapi
      .documents('api::edition.edition')
      .update({ documentId: edition.documentId, data: { title: 'Journées #BlueHats 2023 (nouveau titre)' } as any });
    await strapi.documents('api::edition.edition').publish({ documentId: edition.documentId });
    const changed = await get(`/editions/${edition.slug}`).set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('nouveau titre');
    await strapi.documents('api::edition.edition').update({ documentId: edition.documentId, data: { title: 'Journées #BlueHats 2023' } as any });
    await strapi.documents('api::edition.edition').publish({ documentId: edition.documentId });
  });
});

describe('the form, with JavaScript or without', () => {
  it('offers the edition’s afternoons (and no preference), its durations, the two consents and a honeypot', async () => {
    const res = await get(`/editions/${edition.slug}/proposer`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<form method="post" action="\/editions\/[^"]+\/proposer" id="formulaire" novalidate/);
    for (const name of ['speakerName', 'email', 'administrationName', 'jobTitle', 'title', 'abstract', 'consentContact', 'consentPublication', 'website']) {
      expect(res.text).toContain(`name="${name}"`);
    }
    expect(res.text).toContain('value="2023-12-06"');
    expect(res.text).toContain('value="2023-12-07"');
    expect(res.text).toContain('value="none"');
    for (const minutes of [5, 10, 15, 20, 30]) expect(res.text).toContain(`name="requestedDuration" value="${minutes}"`);
    expect(text(res.text)).toContain('Pas de préférence');
  });

  it('stores a proposal, redirects to the receipt (POST-redirect-GET) and mails a link to the status page', async () => {
    const token = await submitted();
    const row = await strapi.db.query(UID).findOne({ where: { email: FORM.email } });
    expect(row).toMatchObject({
      title: FORM.title,
      preferredDay: '2023-12-07',
      requestedDuration: 20,
      consentContact: true,
      consentPublication: true,
      state: 'submitted',
    });

    const receipt = await get(`/suivi/${token}/recu`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['referrer-policy']).toBe('no-referrer');
    expect(receipt.headers['cache-control']).toBe('no-store');
    const page = text(receipt.text);
    expect(page).toContain(row.reference);
    expect(page).toContain('Gardez ce lien');
    expect(page).toContain(`/suivi/${token}`);
    expect(page).toContain('27 novembre 2023 à 0 h 00 (heure de Paris)');
    expect(page).toContain('4 décembre 2023 à 9 h 00 (heure de Paris)');

    const [mail] = await mailbox.waitFor((m) => m.to.includes(FORM.email));
    expect(mail.text).toContain(`/suivi/${token}`);
    expect(mail.text).not.toContain('/api/proposals/mine/');
  });

  it('shows each error next to its field, a summary linking to each, and keeps everything typed', async () => {
    const res = await post(`/editions/${edition.slug}/proposer`, { ...FORM, email: 'pas-une-adresse', abstract: 'Trop court', requestedDuration: '17' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<title>Erreur : /);
    expect(res.text).toContain('Le formulaire contient 3 erreur(s)');
    for (const field of ['email', 'abstract', 'requestedDuration']) {
      expect(res.text).toContain(`href="#${field}"`);
      expect(res.text).toContain(`id="${field}-error"`);
    }
    expect(res.text).toMatch(/<input class="fr-input fr-input--error" type="email" id="email" name="email" value="pas-une-adresse"/);
    expect(res.text).toContain('value="Agente Exemple"');
    expect(res.text).toContain('>Trop court</textarea>');
    expect(res.text).toMatch(/value="2023-12-07" checked/);
    expect(res.text).toMatch(/id="consentContact" name="consentContact" value="oui" checked/);
    expect(await strapi.db.query(UID).count({})).toBe(0);
  });

  it('refuses in English when the page is in English', async () => {
    const res = await post(`/editions/${edition.slug}/proposer?lang=en`, { ...FORM, title: '' });
    expect(res.status).toBe(400);
    expect(text(res.text)).toContain('The title of the talk is required.');
  });

  it('says the call is closed in English too', async () => {
    testClock.set('2023-11-20T23:00:00.000Z');
    const res = await post(`/editions/${edition.slug}/proposer?lang=en`, FORM);
    expect(res.status).toBe(403);
    expect(text(res.text)).toContain('The call for talks has been closed since 20 November 2023 at 23:59 (Paris time).');
  });

  it('gives the closed page, not a stored row, to a form posted after the deadline', async () => {
    testClock.set('2023-11-20T23:00:00.000Z');
    const res = await post(`/editions/${edition.slug}/proposer`, FORM);
    expect(res.status).toBe(403);
    expect(text(res.text)).toContain('clos depuis le 20 novembre 2023 à 23 h 59');
    expect(await strapi.db.query(UID).count({})).toBe(0);
  });

  it('refuses a second identical proposal on the title field (409), and a filled honeypot', async () => {
    await submitted();
    const again = await post(`/editions/${edition.slug}/proposer`, FORM);
    expect(again.status).toBe(409);
    expect(again.text).toContain('id="title-error"');
    const robot = await post(`/editions/${edition.slug}/proposer`, { ...FORM, title: 'Un autre titre de robot', website: 'http://spam.example' });
    expect(robot.status).toBe(400);
    expect(await strapi.db.query(UID).count({})).toBe(1);
  });

  it('takes strange input without a 5xx: repeated fields, huge values, markup', async () => {
    const repeated = await api()
      .post(`/editions/${edition.slug}/proposer`)
      .set('X-Forwarded-For', client())
      .type('form')
      .send('speakerName=a&speakerName=b&email=x%40example.org&title=ttttt&abstract=' + 'a'.repeat(30) + '&requestedDuration=20');
    expect(repeated.status).toBe(400);
    const markup = await post(`/editions/${edition.slug}/proposer`, { ...FORM, title: '<script>alert(1)</script> titre' });
    expect(markup.status).toBe(400);
    expect(markup.text).not.toContain('<script>alert(1)</script>');
    expect(markup.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; titre');
    const long = await post(`/editions/${edition.slug}/proposer`, { ...FORM, abstract: 'a'.repeat(20_000) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('id="abstract-error"');
    const huge = await post(`/editions/${edition.slug}/proposer`, { ...FORM, abstract: 'a'.repeat(40_000) });
    expect(huge.status).toBe(413);
  });

  it('shares the API’s per-address limit on proposal writes, and says so on a page (429, Retry-After)', async () => {
    const { max } = strapi.config.get('proposals.rateLimit') as { max: number };
    const address = '10.45.0.1';
    for (let i = 0; i < max; i++) {
      const res = await api().post(`/editions/${edition.slug}/proposer`).set('X-Forwarded-For', address).type('form').send({ title: '' });
      expect(res.status).toBe(400);
    }
    const limited = await api().post(`/editions/${edition.slug}/proposer`).set('X-Forwarded-For', address).type('form').send(FORM);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toMatch(/text\/html/);
    expect(text(limited.text)).toContain('Trop de demandes depuis votre adresse');
    expect(limited.text).toMatch(/<title>Trop de demandes — /);
    const viaApi = await api()
      .post('/api/proposals')
      .set('X-Forwarded-For', address)
      .send({ data: { edition: edition.slug } });
    expect(viaApi.status).toBe(429);
  });
});

describe('the status page', () => {
  it('shows what was sent and its public status, with no-referrer, no-store and noindex', async () => {
    const token = await submitted();
    const res = await get(`/suivi/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    const page = text(res.text);
    expect(page).toContain('Reçue, en cours d’examen');
    expect(page).toContain(FORM.title);
    expect(page).toContain(FORM.email);
    expect(page).toContain('Vous pouvez la corriger jusqu’au 20 novembre 2023 à 23 h 59');
    expect(res.text).toContain(`href="/suivi/${token}/modifier"`);
    expect(res.text).toContain(`href="/suivi/${token}/retirer"`);
  });

  it('corrects the proposal in the same form until the deadline, and not after', async () => {
    const token = await submitted();
    const form = await get(`/suivi/${token}/modifier`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`action="/suivi/${token}/modifier"`);
    expect(form.text).toContain(`value="${FORM.speakerName}"`);
    const invalid = await post(`/suivi/${token}/modifier`, { ...FORM, title: 'abc' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('id="title-error"');
    expect(invalid.headers['referrer-policy']).toBe('no-referrer');
    const saved = await post(`/suivi/${token}/modifier`, { ...FORM, title: 'Un titre corrigé pour la journée', preferredDay: 'none' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/suivi/${token}?fait=modifiee`);
    const row = await strapi.db.query(UID).findOne({ where: { email: FORM.email } });
    expect(row).toMatchObject({ title: 'Un titre corrigé pour la journée', preferredDay: null });
    expect(text((await get(saved.headers.location)).text)).toContain('Vos modifications sont enregistrées.');

    testClock.set('2023-11-20T23:00:00.000Z');
    expect((await get(`/suivi/${token}/modifier`)).status).toBe(403);
    const late = await post(`/suivi/${token}/modifier`, { ...FORM, title: 'Trop tard pour changer ce titre' });
    expect(late.status).toBe(403);
    expect((await strapi.db.query(UID).findOne({ where: { email: FORM.email } })).title).toBe('Un titre corrigé pour la journée');
  });

  it('withdraws only after a confirmation step', async () => {
    const token = await submitted();
    const step = await get(`/suivi/${token}/retirer`);
    expect(step.status).toBe(200);
    expect(step.text).toContain(`action="/suivi/${token}/retirer"`);
    expect((await strapi.db.query(UID).findOne({ where: { email: FORM.email } })).state).toBe('submitted');
    const done = await post(`/suivi/${token}/retirer`);
    expect(done.status).toBe(303);
    expect((await strapi.db.query(UID).findOne({ where: { email: FORM.email } })).state).toBe('withdrawn');
    const page = text((await get(done.headers.location)).text);
    expect(page).toContain('Votre proposition est retirée.');
    expect(page).toContain('Retirée');
  });

  it('lets an accepted speaker confirm before the deadline shown, once the decision is released', async () => {
    const token = await submitted();
    const row = await strapi.db.query(UID).findOne({ where: { email: FORM.email } });
    await strapi.documents(UID).update({ documentId: row.documentId, data: { state: 'accepted', decisionMessage: 'Bravo, à bientôt !' } as any });
    expect(text((await get(`/suivi/${token}`)).text)).not.toContain('Bravo');
    testClock.set('2023-11-27T08:00:00.000Z');
    await strapi.service('api::proposal.decisions').releaseDue();
    const page = await get(`/suivi/${token}`);
    expect(text(page.text)).toContain('Votre proposition est retenue');
    expect(text(page.text)).toContain('Bravo, à bientôt !');
    expect(page.text).toContain(`action="/suivi/${token}/confirmer"`);
    const confirmed = await post(`/suivi/${token}/confirmer`);
    expect(confirmed.status).toBe(303);
    expect((await strapi.db.query(UID).findOne({ where: { id: row.id } })).state).toBe('confirmed');
    expect(text((await get(confirmed.headers.location)).text)).toContain('Votre venue est confirmée.');
  });

  it('gives the same 404 page to a wrong token, whether or not it is close to a real one', async () => {
    const token = await submitted();
    const near = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const pages = await Promise.all(
      [`/suivi/${near}`, '/suivi/x', `/suivi/${'A'.repeat(43)}`, `/suivi/${near}/recu`, `/suivi/${near}/modifier`].map((p) => get(p))
    );
    for (const res of pages) {
      expect(res.status).toBe(404);
      expect(res.text).toBe(pages[0].text);
    }
    expect((await post(`/suivi/${near}/retirer`)).status).toBe(404);
  });
});

describe('the program and session pages', () => {
  let session: any;
  beforeAll(async () => {
    const speaker = await createSpeaker({ name: 'Camille Exemple', email: 'camille.prive@example.org' } as any);
    // Published before the program date: the embargo holds it back until then.
    testClock.set('2023-11-15T09:00:00.000Z');
    session = await createSession({
      title: 'Le <img src=x onerror=alert(1)> logiciel libre',
      slug: 'le-logiciel-libre-a-l-ecole',
      edition: edition.documentId,
      speakers: [speaker.documentId],
      startsAt: '2023-12-06T13:30:00.000Z',
      durationMinutes: 20,
    });
  });

  it('keeps embargoed sessions off the program page exactly as the API does, then shows them at the program date', async () => {
    testClock.set('2023-12-04T07:59:59.999Z');
    const before = await get(`/editions/${edition.slug}/programme`);
    expect(before.status).toBe(200);
    expect(before.text).not.toContain(session.slug);
    expect(text(before.text)).toContain('Le programme n’est pas encore publié. Il le sera le 4 décembre 2023 à 9 h 00');
    expect((await get(`/editions/${edition.slug}/programme/${session.slug}`)).status).toBe(404);
    const fromApi = await get(`/api/editions/${edition.slug}/program`);
    expect(JSON.stringify(fromApi.body)).not.toContain(session.slug);

    testClock.set('2023-12-04T08:00:00.000Z');
    expect(await strapi.service('api::session.embargo').publishDue()).toBeGreaterThan(0);
    expect((await get(`/editions/${edition.slug}/programme`)).text).toContain(session.slug);
  });

  it('lists published sessions by day with local times, speakers and links to iCal and schedule.json/xml', async () => {
    testClock.set(AFTER_PROGRAM_2023);
    const res = await get(`/editions/${edition.slug}/programme`);
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toContain('mercredi 6 décembre 2023');
    expect(page).toContain('14 h 30 – 14 h 50');
    expect(page).toContain('Camille Exemple');
    expect(res.text).toContain(`href="/editions/${edition.slug}/programme/${session.slug}"`);
    for (const link of ['calendar.ics', 'schedule.json', 'schedule.xml']) expect(res.text).toContain(`href="/api/editions/${edition.slug}/${link}"`);
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.text).not.toContain('camille.prive@example.org');
  });

  it('gives each session a stable page', async () => {
    testClock.set(AFTER_PROGRAM_2023);
    const res = await get(`/editions/${edition.slug}/programme/${session.slug}`);
    expect(res.status).toBe(200);
    expect(text(res.text)).toContain('mercredi 6 décembre 2023, 14 h 30 – 14 h 50');
    expect(res.text).toContain(`href="/api/sessions/${session.documentId}/calendar.ics"`);
  });
});

describe('what the pages never do', () => {
  it('runs under the app’s CSP: no inline script, no event attribute, no foreign script', async () => {
    const token = await submitted();
    testClock.set(AFTER_PROGRAM_2023);
    const paths = ['/', `/editions/${edition.slug}`, `/editions/${edition.slug}/programme`, `/suivi/${token}`, `/suivi/${token}/recu`, '/editions/nope'];
    for (const path of paths) {
      const res = await get(path);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc="\/)[^>]*>/);
      expect(res.text).not.toMatch(/<[^>]*\son[a-z]+=/i);
    }
  });

  it('shows no private field on public pages', async () => {
    await submitted();
    testClock.set(AFTER_PROGRAM_2023);
    for (const path of ['/', `/editions/${edition.slug}`, `/editions/${edition.slug}/programme`]) {
      const res = await get(path);
      expect(res.text).not.toContain(FORM.email);
      expect(res.text).not.toContain(FORM.title);
    }
  });
});

describe('a headless deployment (PUBLIC_PAGES=false)', () => {
  it('serves no page, keeps the API, and mails the API’s status link', async () => {
    const { spawn } = await import('child_process');
    const path = await import('path');
    const paths = [
      '/',
      `/editions/${edition.slug}`,
      `/editions/${edition.slug}/proposer`,
      '/suivi/abcdefghijklmnopqrstuvwxyz',
      `/api/editions?filters[slug][$eq]=${edition.slug}`,
    ];
    const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'harness', 'headless-instance.js')], {
      env: { ...process.env, PATHS: paths.join(',') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    await new Promise((resolve) => child.on('exit', resolve));
    const { answers, statusUrl } = JSON.parse(out.trim().split('\n').pop()!);
    expect(statusUrl).toMatch(/\/api\/proposals\/mine\/\{token\}$/);
    expect(answers['/'].status).toBe(302);
    expect(answers['/'].location).toBe('/admin');
    for (const p of paths.slice(1, 4)) expect(answers[p].status).toBe(404);
    expect(answers[paths[4]].status).toBe(200);
  }, 60_000);
});
