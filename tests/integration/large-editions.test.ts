/**
 * Editions of thousands of proposals: the proposals CSV keeps its bytes and is streamed (read a page
 * at a time as the client takes it), the dashboard counts in the database and names a few undecided
 * proposals only, and the admin lists answer bounded pages whatever `pageSize` asks.
 * The full sizes (10,000 proposals, 300 sessions) are measured by `npm run bench:large`, not here.
 */
import type { Readable } from 'node:stream';
import { adminToken, adminTokenFor, api, createEdition, createProposal } from '../harness/factories';
import type editorialService from '../../src/api/edition/services/editorial';
import { statementsDuring } from '../harness/sql-statements';

const PROPOSAL = 'api::proposal.proposal';
const editorial = () => strapi.service('api::edition.editorial') as unknown as ReturnType<typeof editorialService>;

let superToken: string;
let editorToken: string;

const as = (token: string, path: string) => api().get(path).set('Authorization', `Bearer ${token}`);

/** A page of proposals read by the export: a limited select on the proposals table in submission order. */
const isProposalPage = (sql: string) => /from ("public"\.)?[`"]proposals[`"]/i.test(sql) && /order by .*submitted_at/i.test(sql) && /\blimit\b/i.test(sql);

/** `n` submitted proposals in `edition`, one minute apart from `from`. */
async function proposalsIn(
  edition: { documentId: string },
  n: number,
  data: (i: number) => Record<string, unknown> = () => ({}),
  from = '2023-11-15T09:00:00.000Z'
) {
  const created = [];
  for (let i = 0; i < n; i++) {
    testClock.set(new Date(Date.parse(from) + i * 60_000));
    created.push(await createProposal({ edition: edition.documentId, title: `Proposition ${i}`, state: 'submitted', ...data(i) }));
  }
  testClock.set('2023-11-15T09:00:00.000Z');
  return created;
}

beforeAll(async () => {
  superToken = await adminToken();
  editorToken = await adminTokenFor('bluehats-editor', 'editrice-grande@example.org');
});

beforeEach(() => testClock.set('2023-11-15T09:00:00.000Z'));

describe('the proposals CSV', () => {
  it('keeps its bytes on a small edition: BOM, ";", CRLF, every cell quoted, quotes doubled, formulas neutralised', async () => {
    const edition = await createEdition({ slug: 'grande-octets', title: 'Journées "libres" 2023' });
    await proposalsIn(
      edition,
      3,
      (i) =>
        [
          { reference: 'OCT-0', speakerName: 'Camille', email: 'camille@example.org', title: '=1+1', jobTitle: null, reviewerNotes: 'dit "oui"; puis non' },
          {
            reference: 'OCT-1',
            speakerName: 'Dominique',
            email: 'dominique@example.org',
            title: 'Retour\nd’expérience',
            jobTitle: 'Cheffe',
            preferredDay: '2023-12-07',
            requestedDuration: 20,
          },
          { reference: 'OCT-2', speakerName: '@moi', email: 'moi@example.org', title: '-2', reviewerNotes: null, state: 'rejected' },
        ][i]
    );
    const res = await as(editorToken, `/bluehats/editions/${edition.documentId}/proposals.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text).toBe(EXPECTED_SMALL_CSV);
  });

  it('is streamed: the proposals are read a page at a time, as the client takes the file', async () => {
    const edition = await createEdition({ slug: 'grande-flux' });
    const notes = 'Une note interne assez longue pour peser dans le fichier. '.repeat(70); // about 4 KB a row
    await proposalsIn(edition, 60, () => ({ reviewerNotes: notes }));
    const pageSize = 4;
    const { result: file, statements } = await statementsDuring(async (sofar) => {
      const { body } = await editorial().proposalsCsv(edition.documentId, 'test', { pageSize });
      const reader = (body as Readable)[Symbol.asyncIterator]();
      const first = await reader.next();
      // The client is slow: the server waits for it instead of reading ahead.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pagesBeforeTheClientReadOn = sofar.filter((s) => isProposalPage(s.sql)).length;
      let text = String(first.value);
      let chunks = 1;
      for (let next = await reader.next(); !next.done; next = await reader.next()) {
        text += String(next.value);
        chunks++;
      }
      return { text, chunks, pagesBeforeTheClientReadOn };
    });
    const pages = statements.filter((s) => isProposalPage(s.sql));
    expect(file.text.split('\r\n').filter(Boolean)).toHaveLength(61);
    expect(file.chunks).toBeGreaterThan(15);
    // 60 proposals by 4: 15 pages at least, every one of them limited to 4 rows.
    expect(pages.length).toBeGreaterThanOrEqual(15);
    for (const page of pages) expect(page.bindings).toContain(pageSize);
    // When the first bytes left, most pages were not read yet.
    expect(file.pagesBeforeTheClientReadOn).toBeLessThan(pages.length / 2);
  });

  it('reads every proposal once, in the order they came, whatever the page size', async () => {
    const edition = await createEdition({ slug: 'grande-ordre' });
    // Created out of order: the file follows the submission date, then the creation.
    await proposalsIn(edition, 3, (i) => ({ reference: `ORD-LATE-${i}` }), '2023-11-15T10:00:00.000Z');
    await proposalsIn(edition, 4, (i) => ({ reference: `ORD-EARLY-${i}` }), '2023-11-15T08:00:00.000Z');
    const references = async (pageSize: number) => {
      const { body } = await editorial().proposalsCsv(edition.documentId, 'test', { pageSize });
      let text = '';
      for await (const chunk of body) text += String(chunk);
      return text
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.split(';')[1]);
    };
    const expected = ['"ORD-EARLY-0"', '"ORD-EARLY-1"', '"ORD-EARLY-2"', '"ORD-EARLY-3"', '"ORD-LATE-0"', '"ORD-LATE-1"', '"ORD-LATE-2"'];
    expect(await references(500)).toEqual(expected);
    expect(await references(2)).toEqual(expected);
    expect(await references(1)).toEqual(expected);
  });
});

describe('bounded lists', () => {
  it('the dashboard counts every undecided proposal and names the oldest 8; the undecided list names 20 an edition', async () => {
    const edition = await createEdition({ slug: 'grande-indecises' });
    const created = await proposalsIn(edition, 25, (i) => ({ reference: `IND-${String(i).padStart(2, '0')}` }));
    const dashboard = (await as(editorToken, `/bluehats/editions/${edition.documentId}/dashboard`)).body.data;
    expect(dashboard.total).toBe(25);
    expect(dashboard.undecided.count).toBe(25);
    expect(dashboard.undecided.proposals.map((p: any) => p.reference)).toEqual(created.slice(0, 8).map((p) => p.reference));
    expect(dashboard.byState.find((s: any) => s.state === 'submitted').count).toBe(25);
    expect(dashboard.minutes.requested).toBe(250);
    const undecided = (await as(editorToken, '/bluehats/undecided')).body.data.find((e: any) => e.edition.documentId === edition.documentId);
    expect(undecided.undecided).toBe(25);
    expect(undecided.proposals.map((p: any) => p.reference)).toEqual(created.slice(0, 20).map((p) => p.reference));
  });

  it('the content manager answers one bounded page of proposals, whatever pageSize asks', async () => {
    const res = await as(superToken, `/content-manager/collection-types/${PROPOSAL}?page=1&pageSize=100000`);
    expect(res.status).toBe(200);
    expect(res.body.pagination.pageSize).toBe(1000);
    expect(res.body.results.length).toBeLessThanOrEqual(1000);
  });
});

/** The file of the first test, as the export wrote it before it was streamed (the same test passes on both). */
const EXPECTED_SMALL_CSV =
  '\uFEFF' +
  [
    '"Édition";"Référence";"Titre";"Intervenant";"Courriel";"Administration";"Nature";"Fonction";"Jour préféré";"Durée (min)";"État";"Décision communiquée";"Reçue le";"Décidée le";"Notes internes";"Moyenne pondérée";"Écart type";"Relectures";"Relecteurs assignés";"Moyenne « Intérêt pour les agents publics »";"Moyenne « Retour d’expérience concret »";"Moyenne « Clarté »"',
    '"Journées ""libres"" 2023";"OCT-0";"\'=1+1";"Camille";"camille@example.org";"DINUM";"Non rapprochée";"";"Pas de préférence";"10";"reçue";"non";"15/11/2023 10:00";"";"dit ""oui""; puis non";"";"";"0";"0";"";"";""',
    '"Journées ""libres"" 2023";"OCT-1";"Retour\nd’expérience";"Dominique";"dominique@example.org";"DINUM";"Non rapprochée";"Cheffe";"07/12/2023";"20";"reçue";"non";"15/11/2023 10:01";"";"note interne confidentielle";"";"";"0";"0";"";"";""',
    '"Journées ""libres"" 2023";"OCT-2";"\'-2";"\'@moi";"moi@example.org";"DINUM";"Non rapprochée";"";"Pas de préférence";"10";"non retenue";"non";"15/11/2023 10:02";"";"";"";"";"0";"0";"";"";""',
  ].join('\r\n') +
  '\r\n';
