/**
 * The public page on personal data (/donnees-personnelles), in French and English, and the two
 * places that send a proposer to it: the proposal form and the acknowledgement mail.
 */
import { api, createEdition, submitProposal, pageClient } from '../harness/factories';

const UID = 'api::proposal.proposal';
let edition: any;
const { get } = pageClient(61);
/** What a person reads: the page without its tags. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
const registerUrl = () => strapi.config.get<{ registerUrl: string }>('personal-data').registerUrl;

beforeAll(async () => {
  edition = await createEdition({ slug: 'donnees-2023', title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org' });
});

beforeEach(async () => {
  await strapi.service('api::notification.notification').drain();
  await strapi.db.query(UID).deleteMany({});
  mailbox.clear();
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('the page /donnees-personnelles', () => {
  it('says who, why, on what basis, how long, which rights and how, in French', async () => {
    const res = await get('/donnees-personnelles');
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe('fr');
    const page = text(res.text);
    expect(page).toContain('Données personnelles');
    expect(page).toContain('Responsable du traitement : L’équipe d’organisation.'); // SITE_OPERATOR_NAME, no PERSONAL_DATA_CONTROLLER set
    expect(page).toContain('l’adresse de contact indiquée sur la page de l’édition');
    expect(page).toContain('mission d’intérêt public (article 6.1.e du RGPD)');
    expect(page).toContain('consentement (article 6.1.a)');
    expect(page).toContain('Jusqu’à 12 mois après le dernier jour de l’édition (par défaut ; jamais moins de 2 mois)');
    expect(page).toContain('jusqu’à 60 jours après le dernier jour');
    expect(page).toContain('effacés après 90 jours');
    expect(page).toMatch(/téléchargez vos données ou effacez-les/);
    expect(page).toContain('un éditeur effacera vos données dans toutes les éditions');
    expect(page).toContain('CNIL');
  });

  it('reads in English on request', async () => {
    const res = await get('/donnees-personnelles', 'en');
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe('en');
    const page = text(res.text);
    expect(page).toContain('Personal data');
    expect(page).toContain('a task carried out in the public interest (GDPR article 6.1.e)');
    expect(page).toContain('Until 12 months after the edition’s last day (by default; never less than 2 months)');
    expect(page).toContain('lodge a complaint with the CNIL');
    expect((await get('/donnees-personnelles?lang=en')).headers['content-language']).toBe('en');
  });

  it('is linked from the footer of every page', async () => {
    const home = await get('/');
    expect(home.text).toContain('href="/donnees-personnelles"');
  });
});

describe('what sends a proposer to it', () => {
  it('the form states the essentials and links to the page', async () => {
    const res = await get(`/editions/${edition.slug}/proposer`);
    expect(res.status).toBe(200);
    expect(text(res.text)).toContain('Vos données servent à organiser l’appel à interventions et à publier le programme (mission d’intérêt public).');
    expect(res.text).toContain(`href="${registerUrl()}"`);
    const english = await get(`/editions/${edition.slug}/proposer`, 'en');
    expect(text(english.text)).toContain('Your data is used to run the call for talks and publish the program');
  });

  it('the acknowledgement mail states the essentials and links to the page, in French and in English', async () => {
    await submitProposal(edition, 1, '10.61.200.1', { email: 'agent.donnees@example.org' });
    const [mail] = await mailbox.waitFor((m: any) => m.to === 'agent.donnees@example.org');
    expect(mail.text).toContain(
      "Vos données personnelles : elles servent à organiser l'appel à interventions et à publier le programme (mission d'intérêt public)."
    );
    expect(mail.text).toContain('sont anonymisées 12 mois après l');
    expect(mail.text).toContain(`En savoir plus sur vos données personnelles : ${registerUrl()}`);

    await submitProposal(edition, 2, '10.61.200.2', { email: 'agent.data@example.org', language: 'en' });
    const [english] = await mailbox.waitFor((m: any) => m.to === 'agent.data@example.org');
    expect(english.text).toContain(`More about your personal data: ${registerUrl()}`);
    expect(english.text).toContain('is anonymised 12 months after the edition');
  });

  it('the mail says the edition’s own retention period, never under the floor', async () => {
    const longer = await createEdition({ slug: 'donnees-longue', title: 'Journées longues', retentionMonths: 36 });
    await submitProposal(longer, 3, '10.61.200.3', { email: 'agent.long@example.org' });
    const [mail] = await mailbox.waitFor((m: any) => m.to === 'agent.long@example.org');
    expect(mail.text).toContain('sont anonymisées 36 mois après l');
    // An edition saved before the operator raised the floor keeps its shorter period in the database.
    const shorter = await createEdition({ slug: 'donnees-courte', title: 'Journées courtes' });
    await strapi.db.query('api::edition.edition').updateMany({ where: { documentId: shorter.documentId }, data: { retentionMonths: 1 } });
    await submitProposal(shorter, 4, '10.61.200.4', { email: 'agent.court@example.org' });
    const [short] = await mailbox.waitFor((m: any) => m.to === 'agent.court@example.org');
    expect(short.text).toContain('sont anonymisées 2 mois après l');
  });
});
