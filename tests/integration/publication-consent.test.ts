/**
 * Publication consent governs what may ever appear publicly: a speaker who refused publication of
 * their job title never has it in a session, a page or an export; one who agreed has it; a talk
 * whose author refused publication is never published (nor scheduled); a consent withdrawn after
 * publication takes the job title, or the session, back out.
 */
import { AFTER_PROGRAM_2023, adminToken, api, createEdition, createSession, createSpeaker, submitProposal } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const TASK = 'api::privacy-task.privacy-task';
const SECRET_TITLE = 'Directrice des affaires confidentielles';
const PUBLIC_TITLE = 'Cheffe de projet logiciels libres';
let counter = 0;
const address = () => `10.62.${Math.floor(++counter / 250)}.${(counter % 250) + 1}`;
let edition: any;
let token: string;

/** iCalendar folds its lines at 75 octets: unfolded, a job title reads as one string. */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');
const fromProposals = () => strapi.service('api::session.from-proposals');
const cm = (method: 'put' | 'post', uid: string, path: string) =>
  api()[method](`/content-manager/collection-types/${uid}${path}`).set('Authorization', `Bearer ${token}`);

/** A proposal sent through the form, accepted and confirmed: its draft session made as the app makes it. */
async function confirmedTalk(n: number, consents: Record<string, boolean>, speakerName = `Intervenante ${n}`) {
  testClock.set('2023-11-15T09:00:00.000Z');
  const jobTitle = consents.consentJobTitle ? PUBLIC_TITLE : SECRET_TITLE;
  const proposal = await submitProposal(edition, n, address(), { speakerName, jobTitle, title: `Session sur le consentement ${n}`, ...consents });
  await strapi.db.query(PROPOSAL).update({
    where: { id: proposal.id },
    data: { state: 'confirmed', decisionReleasedAt: '2023-11-27T08:00:00.000Z', communicatedState: 'accepted' },
  });
  const sessionId = await fromProposals().draftSessionFromProposal(proposal.id);
  const session = await strapi.db.query(SESSION).findOne({ where: { documentId: sessionId }, populate: { speakers: true } });
  return { proposal, session, speaker: session.speakers[0] ?? null };
}

async function publish(talk: { session: any; speaker: any }) {
  testClock.set(AFTER_PROGRAM_2023);
  await strapi.documents(SESSION).publish({ documentId: talk.session.documentId, locale: '*' } as any);
  if (talk.speaker) await strapi.documents(SPEAKER).publish({ documentId: talk.speaker.documentId, locale: '*' } as any);
}

/** Every public output that names speakers, as text. */
async function everythingPublic(sessionDocumentIds: string[]) {
  const gql = await api().post('/graphql').send({ query: '{ speakers { name jobTitle } sessions { title speakers { name jobTitle } } }' });
  const parts = [
    (await api().get('/api/speakers?populate=*')).text,
    (await api().get('/api/sessions?populate[speakers][populate]=*')).text,
    JSON.stringify(gql.body),
    (await api().get(`/api/editions/${edition.slug}/program`)).text,
    unfold((await api().get(`/api/editions/${edition.slug}/calendar.ics`)).text),
    (await api().get(`/api/editions/${edition.slug}/session-pages`)).text,
    (await api().get(`/api/editions/${edition.slug}/schedule.json`)).text,
    (await api().get(`/editions/${edition.slug}/programme`)).text,
  ];
  for (const id of sessionDocumentIds) {
    parts.push((await api().get(`/api/sessions/${id}/page.md`)).text);
    parts.push(unfold((await api().get(`/api/sessions/${id}/calendar.ics`)).text));
    const slug = (await strapi.db.query(SESSION).findOne({ where: { documentId: id } })).slug;
    parts.push((await api().get(`/editions/${edition.slug}/programme/${slug}`)).text);
  }
  return { text: parts.join('\n'), gql: gql.body };
}

beforeAll(async () => {
  edition = await createEdition({ slug: 'consent-program-2023', title: 'Journées #BlueHats 2023' });
  token = await adminToken();
});

beforeEach(async () => {
  for (const uid of [TASK, SESSION, SPEAKER, PROPOSAL]) await strapi.db.query(uid).deleteMany({});
});

describe('the job title, where the speaker agreed and nowhere else', () => {
  it('a consenting speaker has it in REST, GraphQL, the program, the pages and the exports; a refusing one never', async () => {
    const agreed = await confirmedTalk(1, { consentPublication: true, consentJobTitle: true });
    const refused = await confirmedTalk(2, { consentPublication: true, consentJobTitle: false });
    expect(agreed.speaker.jobTitle).toBe(PUBLIC_TITLE);
    expect(refused.speaker.jobTitle).toBeNull();
    await publish(agreed);
    await publish(refused);

    const { text, gql } = await everythingPublic([agreed.session.documentId, refused.session.documentId]);
    expect(text).not.toContain(SECRET_TITLE);
    expect(gql.data.speakers).toEqual(
      expect.arrayContaining([
        { name: 'Intervenante 1', jobTitle: PUBLIC_TITLE },
        { name: 'Intervenante 2', jobTitle: null },
      ])
    );
    const program = (await api().get(`/api/editions/${edition.slug}/program`)).body.data;
    const speakers = [...program.days.flatMap((d: any) => d.sessions), ...program.unscheduled].flatMap((s: any) => s.speakers);
    expect(speakers.find((s: any) => s.name === 'Intervenante 1').jobTitle).toBe(PUBLIC_TITLE);
    expect(speakers.find((s: any) => s.name === 'Intervenante 2').jobTitle).toBeNull();
    const page = (await api().get(`/editions/${edition.slug}/programme/${agreed.session.slug}`)).text;
    expect(page).toContain(`<span data-job-title>${PUBLIC_TITLE}</span>`);
    const markdown = (await api().get(`/api/sessions/${agreed.session.documentId}/page.md`)).text;
    expect(markdown).toContain(`jobTitle: "${PUBLIC_TITLE}"`);
    expect(markdown).toContain(`**Intervenants :** Intervenante 1, ${PUBLIC_TITLE}`);
    const refusedMarkdown = (await api().get(`/api/sessions/${refused.session.documentId}/page.md`)).text;
    expect(refusedMarkdown).not.toContain('jobTitle');
    expect(unfold((await api().get(`/api/editions/${edition.slug}/calendar.ics`)).text)).toContain(`Intervenante 1\\, ${PUBLIC_TITLE}`);
    // The C3VOC schedule has no field for it.
    expect((await api().get(`/api/editions/${edition.slug}/schedule.json`)).text).not.toContain(PUBLIC_TITLE);
  });

  it('no one writes a job title a proposer refused: document service, content manager, or by linking a speaker that has one', async () => {
    const refused = await confirmedTalk(3, { consentPublication: true, consentJobTitle: false });
    await expect(
      strapi.documents(SPEAKER).update({ documentId: refused.speaker.documentId, locale: 'fr', data: { jobTitle: SECRET_TITLE } as any })
    ).rejects.toMatchObject({ details: { code: 'JOB_TITLE_NOT_CONSENTED' } });

    const viaAdmin = await cm('put', SPEAKER, `/${refused.speaker.documentId}?locale=fr`).send({ name: refused.speaker.name, jobTitle: SECRET_TITLE });
    expect(viaAdmin.status).toBe(400);
    expect(viaAdmin.body.error.details.code).toBe('JOB_TITLE_NOT_CONSENTED');
    expect(viaAdmin.body.error.message).toMatch(/n’a pas accepté la publication de sa fonction/);

    const titled = await createSpeaker({ name: 'Autre intervenante', jobTitle: 'Architecte' }, { publish: false });
    const link = await cm('put', SESSION, `/${refused.session.documentId}?locale=fr`).send({
      speakers: { connect: [{ documentId: titled.documentId, locale: 'fr' }] },
    });
    expect(link.status).toBe(400);
    expect(link.body.error.details.code).toBe('JOB_TITLE_NOT_CONSENTED');
    const fromSpeakerSide = strapi
      .documents(SPEAKER)
      .update({ documentId: titled.documentId, locale: 'fr', data: { sessions: [refused.session.documentId] } as any });
    await expect(fromSpeakerSide).rejects.toMatchObject({ details: { code: 'JOB_TITLE_NOT_CONSENTED' } });

    const rows = await strapi.db.query(SPEAKER).findMany({ where: { jobTitle: SECRET_TITLE } });
    expect(rows).toHaveLength(0);
    // A session made by hand (a keynote) has no proposal, and no consent to respect.
    const keynote = await createSession({ title: 'Ouverture', edition: edition.documentId, speakers: [titled.documentId] }, { publish: false });
    expect(keynote.documentId).toBeTruthy();
  });

  it('a namesake profile that shows a job title is not reused for a proposer who refused it', async () => {
    await createSpeaker({ name: 'Camille Homonyme', jobTitle: 'Préfète' });
    const refused = await confirmedTalk(4, { consentPublication: true, consentJobTitle: false }, 'Camille Homonyme');
    expect(refused.speaker.jobTitle).toBeNull();
    expect(await strapi.db.query(SPEAKER).count({ where: { name: 'Camille Homonyme', publishedAt: null } })).toBe(2);
  });

  it('withdrawn after publication, the job title leaves the published profile at once', async () => {
    const agreed = await confirmedTalk(5, { consentPublication: true, consentJobTitle: true });
    await publish(agreed);
    expect((await api().get(`/api/speakers/${agreed.speaker.documentId}`)).body.data.jobTitle).toBe(PUBLIC_TITLE);
    const res = await api()
      .put(`/api/proposals/mine/${agreed.proposal.statusToken}/consents`)
      .set('X-Forwarded-For', address())
      .send({ data: { consentJobTitle: false } });
    expect(res.status).toBe(200);
    expect((await api().get(`/api/speakers/${agreed.speaker.documentId}`)).body.data.jobTitle).toBeNull();
    const { text } = await everythingPublic([agreed.session.documentId]);
    expect(text).not.toContain(PUBLIC_TITLE);
    expect(await strapi.db.query(SPEAKER).count({ where: { jobTitle: PUBLIC_TITLE } })).toBe(0);
  });
});

describe('publication itself', () => {
  it('without publication consent, the draft session has no speaker, and it is never published nor scheduled', async () => {
    const refused = await confirmedTalk(6, { consentPublication: false, consentJobTitle: false });
    expect(refused.session.speakers).toEqual([]);
    expect(await strapi.db.query(SPEAKER).count({})).toBe(0);

    // Before the program date: refused, not scheduled.
    testClock.set('2023-11-30T09:00:00.000Z');
    const early = await cm('post', SESSION, `/${refused.session.documentId}/actions/publish?locale=fr`).send({});
    expect(early.status).toBe(400);
    expect(early.body.error.details.code).toBe('PUBLICATION_NOT_CONSENTED');
    expect((await strapi.db.query(SESSION).findOne({ where: { documentId: refused.session.documentId } })).scheduledPublishAt).toBeNull();

    testClock.set(AFTER_PROGRAM_2023);
    const late = await cm('post', SESSION, `/${refused.session.documentId}/actions/publish?locale=fr`).send({});
    expect(late.status).toBe(400);
    expect(late.body.error.details.code).toBe('PUBLICATION_NOT_CONSENTED');
    expect(late.body.error.message).toMatch(/n’a pas accepté la publication de sa proposition/);
    await expect(strapi.documents(SESSION).publish({ documentId: refused.session.documentId, locale: '*' } as any)).rejects.toMatchObject({
      details: { code: 'PUBLICATION_NOT_CONSENTED' },
    });
    expect((await api().get(`/api/sessions/${refused.session.documentId}`)).status).toBe(404);
    // A speaker known only through that talk cannot be published either.
    const named = await createSpeaker({ name: 'Nom non publié' }, { publish: false });
    await strapi.db.query(SESSION).update({ where: { id: refused.session.id }, data: { speakers: [named.id] } });
    await expect(strapi.documents(SPEAKER).publish({ documentId: named.documentId, locale: '*' } as any)).rejects.toMatchObject({
      details: { code: 'PUBLICATION_NOT_CONSENTED' },
    });
  });

  it('a publication scheduled before a withdrawal is not carried out by the scheduler', async () => {
    const talk = await confirmedTalk(7, { consentPublication: true, consentJobTitle: true });
    testClock.set('2023-11-30T09:00:00.000Z');
    const scheduled = await cm('post', SESSION, `/${talk.session.documentId}/actions/publish?locale=fr`).send({});
    expect(scheduled.body.error.details.code).toBe('PUBLICATION_SCHEDULED');
    const withdrawn = await api()
      .put(`/api/proposals/mine/${talk.proposal.statusToken}/consents`)
      .set('X-Forwarded-For', address())
      .send({ data: { consentPublication: false } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.meta.unpublished).toBe(false);
    expect((await strapi.db.query(SESSION).findOne({ where: { documentId: talk.session.documentId } })).scheduledPublishAt).toBeNull();
    // Even a schedule written behind the app's back is skipped, without stopping the scheduler.
    await strapi.db.query(SESSION).updateMany({ where: { documentId: talk.session.documentId }, data: { scheduledPublishAt: '2023-12-04T08:00:00.000Z' } });
    testClock.set(AFTER_PROGRAM_2023);
    await expect(strapi.service('api::session.embargo').publishDue()).resolves.toBe(0);
    expect((await api().get(`/api/sessions/${talk.session.documentId}`)).status).toBe(404);
  });

  it('withdrawn after publication: the session leaves the program, its speaker too, editors get a task, the page says so', async () => {
    const talk = await confirmedTalk(8, { consentPublication: true, consentJobTitle: true });
    await publish(talk);
    expect((await api().get(`/api/sessions/${talk.session.documentId}`)).status).toBe(200);
    const res = await api().post(`/suivi/${talk.proposal.statusToken}/accords`).set('X-Forwarded-For', address()).type('form').send({ consentContact: 'oui' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/suivi/${talk.proposal.statusToken}?fait=accords-retrait-publication`);
    expect((await api().get(res.headers.location)).text).toContain('votre session a été retirée du programme publié');
    expect((await api().get(`/api/sessions/${talk.session.documentId}`)).status).toBe(404);
    expect((await api().get(`/api/speakers/${talk.speaker.documentId}`)).status).toBe(404);
    const { text } = await everythingPublic([]);
    expect(text).not.toContain('Intervenante 8');
    expect(text).not.toContain('Session sur le consentement 8');
    const [task] = await strapi.db.query(TASK).findMany({});
    expect(task).toMatchObject({ kind: 'publication_consent_withdrawn', sessionTitle: 'Session sur le consentement 8' });
  });
});
