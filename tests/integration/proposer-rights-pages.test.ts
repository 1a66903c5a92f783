/**
 * The proposer's rights on the status page, over HTTP and without JavaScript: the « Vos données
 * personnelles » section, the download, the mail, the erasure's confirmation and result pages, and
 * whom to write to for a rectification once the deadline has passed.
 */
import { api, createEdition, submitProposal, pageClient } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const MAIL = 'api::notification.notification';
const LOG = 'api::access-log.access-log';
let edition: any;
let n = 0;
const { address: client, get, post } = pageClient(152);
const submit = (overrides: Record<string, unknown> = {}) => submitProposal(edition, ++n, client(), overrides);
const drain = () => strapi.service('api::notification.notification').drain();

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
  edition = await createEdition({ title: 'Journées #BlueHats 2023', contactEmail: 'bluehats@example.org' });
});

beforeEach(async () => {
  await drain();
  for (const uid of [MAIL, LOG, PROPOSAL]) await strapi.db.query(uid).deleteMany({});
  mailbox.clear();
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('the status page’s « Vos données personnelles »', () => {
  it('offers the download, the mail and the erasure as plain links and forms', async () => {
    const p = await submit();
    const res = await get(`/suivi/${p.statusToken}`);
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toContain('Vos données personnelles');
    expect(res.text).toContain(`href="/suivi/${p.statusToken}/donnees"`);
    expect(res.text).toContain(`<form method="post" action="/suivi/${p.statusToken}/donnees/courriel">`);
    expect(res.text).toContain(`href="/suivi/${p.statusToken}/effacer"`);
    expect(res.text).toMatch(/href="[^"]*\/donnees-personnelles"/);
    expect(page).toContain('Recevoir par courriel l’export de toutes mes propositions');
    // Before the deadline, the correction is the way to rectify.
    expect(page).not.toContain('Pour faire rectifier vos données');
  });

  it('downloads the file of the link’s proposal, never cached', async () => {
    const p = await submit({ jobTitle: 'Cheffe de bureau' });
    const res = await get(`/suivi/${p.statusToken}/donnees`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="mes-donnees-${p.reference}.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.text).proposals[0]).toMatchObject({ reference: p.reference, jobTitle: 'Cheffe de bureau' });
    const wrong = await get(`/suivi/${'x'.repeat(43)}/donnees`);
    expect(wrong.status).toBe(404);
    expect(wrong.headers['content-type']).toContain('text/html');
  });

  it('sends the export by mail to the proposal’s address, then says so on the status page', async () => {
    const p = await submit({ email: 'page@example.org' });
    await mailbox.waitFor(() => true);
    const res = await post(`/suivi/${p.statusToken}/donnees/courriel`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/suivi/${p.statusToken}?fait=export-envoye`);
    const [mail] = await mailbox.waitFor((m) => m.attachments.length > 0);
    expect(mail.to).toBe('page@example.org');
    expect(text((await get(res.headers.location)).text)).toContain(
      'l’export de toutes les propositions envoyées avec cette adresse part par courriel à cette adresse'
    );
  });

  it('says whom to write to for a rectification once the deadline has passed', async () => {
    const p = await submit();
    testClock.set('2023-11-20T22:59:59.999Z');
    expect(text((await get(`/suivi/${p.statusToken}`)).text)).not.toContain('Pour faire rectifier vos données');
    testClock.set('2023-11-20T23:00:00.000Z');
    const page = text((await get(`/suivi/${p.statusToken}`)).text);
    expect(page).toContain(
      'La date limite est passée : vous ne pouvez plus corriger votre proposition ici. Pour faire rectifier vos données, écrivez à bluehats@example.org.'
    );
    const en = text((await get(`/suivi/${p.statusToken}`, 'en')).text);
    expect(en).toContain('To have your data corrected, write to bluehats@example.org.');
  });
});

describe('the erasure, from the status page', () => {
  it('confirms on a page listing what goes and what stays, then shows what was kept, without a link', async () => {
    const p = await submit({ email: 'effacer.page@example.org' });
    await mailbox.waitFor(() => true);
    await drain();
    const step = await get(`/suivi/${p.statusToken}/effacer`);
    expect(step.status).toBe(200);
    expect(step.headers['cache-control']).toBe('no-store');
    const page = text(step.text);
    expect(page).toContain('Effacer vos données ?');
    expect(page).toContain('Votre proposition entière');
    expect(page).toContain('Rien ne restera.');
    expect(step.text).toContain(`<form method="post" action="/suivi/${p.statusToken}/effacer">`);
    expect(await strapi.db.query(PROPOSAL).count({ where: { id: p.id } })).toBe(1);

    // A POST without the form's confirmation erases nothing.
    const unconfirmed = await post(`/suivi/${p.statusToken}/effacer`);
    expect(unconfirmed.status).toBe(400);
    expect(text(unconfirmed.text)).toContain('L’effacement n’a pas été confirmé : rien n’est effacé.');
    expect(await strapi.db.query(PROPOSAL).count({ where: { id: p.id } })).toBe(1);

    const done = await post(`/suivi/${p.statusToken}/effacer`, { confirmer: 'oui' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/donnees-effacees?resultat=delete');
    expect(done.headers.location).not.toContain(p.statusToken);
    expect(await strapi.db.query(PROPOSAL).count({ where: { id: p.id } })).toBe(0);
    expect(await strapi.db.query(MAIL).count({})).toBe(0);
    const result = await get(done.headers.location);
    expect(result.status).toBe(200);
    expect(text(result.text)).toContain('Vos données sont effacées');
    expect(text(result.text)).toContain('Rien n’est conservé de votre proposition.');
    expect(result.text).not.toContain('/suivi/');

    expect((await get(`/suivi/${p.statusToken}`)).status).toBe(404);
    expect((await post(`/suivi/${p.statusToken}/effacer`, { confirmer: 'oui' })).status).toBe(404);
  });

  it('says, in English on request, what an anonymisation keeps and why', async () => {
    const p = await submit();
    await strapi.db.query(PROPOSAL).update({
      where: { id: p.id },
      data: {
        state: 'waitlisted',
        decisionReleasedAt: '2023-11-27T09:00:00.000Z',
        communicatedState: 'waitlisted',
        communicatedAt: '2023-11-27T09:00:00.000Z',
      },
    });
    const step = text((await get(`/suivi/${p.statusToken}/effacer`, 'en')).text);
    expect(step).toContain('What will stay, and why');
    expect(step).toContain('An anonymous line stays for the edition');
    const done = await post(`/suivi/${p.statusToken}/effacer?lang=en`, { confirmer: 'oui' });
    expect(done.headers.location).toBe('/donnees-effacees?resultat=anonymise&lang=en');
    const result = text((await get(done.headers.location)).text);
    expect(result).toContain('Your data is erased');
    expect(result).toContain('An anonymous line stays for the edition');
  });

  it('answers the not-found page for a wrong token or an unknown result', async () => {
    expect((await get(`/suivi/${'x'.repeat(43)}/effacer`)).status).toBe(404);
    expect((await post(`/suivi/${'x'.repeat(43)}/effacer`, { confirmer: 'oui' })).status).toBe(404);
    expect((await post(`/suivi/${'x'.repeat(43)}/donnees/courriel`)).status).toBe(404);
    expect((await get('/donnees-effacees?resultat=autre')).status).toBe(404);
  });
});
