/** The consents' pure rules: records, versions seen, numbering, and what a consent allows to be public. */
import {
  changedSince,
  choicesOf,
  jobTitleAllowed,
  latestEntries,
  nextVersion,
  parseConsentVersions,
  recordEntries,
  sessionPublicationAllowed,
  speakerPublicationAllowed,
  type ConsentLink,
} from '../../src/domain/consent';
import { speakerCredit } from '../../src/domain/program';

const AT = new Date('2023-11-15T09:00:00.000Z');
const VERSIONS = { contact: 2, publication: 1, jobTitle: 3 };
const none = { contact: false, publication: false, jobTitle: false };

describe('recordEntries', () => {
  it('records every consent, given or not, with its version and instant, on a new proposal', () => {
    expect(recordEntries(null, { contact: true, publication: false, jobTitle: true }, VERSIONS, AT)).toEqual([
      { consent: 'contact', given: true, version: 2, at: '2023-11-15T09:00:00.000Z' },
      { consent: 'publication', given: false, version: 1, at: '2023-11-15T09:00:00.000Z' },
      { consent: 'jobTitle', given: true, version: 3, at: '2023-11-15T09:00:00.000Z' },
    ]);
  });

  it.each([
    ['nothing changed', none, none, []],
    ['one withdrawn', { ...none, publication: true }, none, [{ consent: 'publication', given: false }]],
    ['one given', none, { ...none, jobTitle: true }, [{ consent: 'jobTitle', given: true }]],
    [
      'two changed',
      { ...none, contact: true },
      { ...none, publication: true },
      [
        { consent: 'contact', given: false },
        { consent: 'publication', given: true },
      ],
    ],
  ])('on a change, only what changed: %s', (_case, before, after, expected) => {
    expect(recordEntries(before, after, VERSIONS, AT).map(({ consent, given }) => ({ consent, given }))).toEqual(expected);
  });

  it('names the editor who changed a consent, never the proposer', () => {
    expect(recordEntries(none, { ...none, contact: true }, VERSIONS, AT, 'Camille Martin')[0].by).toBe('Camille Martin');
    expect(recordEntries(none, { ...none, contact: true }, VERSIONS, AT)[0]).not.toHaveProperty('by');
  });

  it('keeps a consent without a text as version null', () => {
    expect(recordEntries(null, none, { contact: null, publication: 1, jobTitle: 1 }, AT)[0].version).toBeNull();
  });
});

describe('choicesOf and latestEntries', () => {
  it('reads a missing or non-boolean consent as not given', () => {
    expect(choicesOf({ consentContact: true, consentPublication: null })).toEqual({ contact: true, publication: false, jobTitle: false });
    expect(choicesOf(null)).toEqual(none);
  });

  it('gives the last line of each consent, and ignores what is not a line', () => {
    const record = [
      { consent: 'publication', given: true, version: 1, at: '2023-11-15T09:00:00.000Z' },
      'garbage',
      { consent: 'nope', given: true },
      { consent: 'publication', given: false, version: 2, at: '2023-12-10T09:00:00.000Z' },
    ];
    expect(latestEntries(record)).toEqual({ publication: { consent: 'publication', given: false, version: 2, at: '2023-12-10T09:00:00.000Z' } });
    expect(latestEntries(null)).toEqual({});
  });
});

describe('parseConsentVersions and changedSince', () => {
  it.each([
    ['absent', undefined, {}],
    ['null', null, {}],
    ['some', { contact: 2, jobTitle: 1 }, { contact: 2, jobTitle: 1 }],
    ['a null version', { contact: null }, {}],
  ])('accepts %s', (_case, raw, value) => {
    expect(parseConsentVersions(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['a list', [1], 'WRONG_TYPE', ['consentVersions']],
    ['a text', '2', 'WRONG_TYPE', ['consentVersions']],
    ['an unknown consent', { newsletter: 1 }, 'UNKNOWN_FIELD', ['consentVersions', 'newsletter']],
    ['a zero', { contact: 0 }, 'WRONG_TYPE', ['consentVersions', 'contact']],
    ['a fraction', { contact: 1.5 }, 'WRONG_TYPE', ['consentVersions', 'contact']],
    ['a number as text', { contact: '1' }, 'WRONG_TYPE', ['consentVersions', 'contact']],
  ])('refuses %s, by its path, in both languages', (_case, raw, code, path) => {
    const parsed = parseConsentVersions(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]).toMatchObject({ code, path });
    expect(parsed.errors[0].message).toMatch(/consentement|version/i);
    expect(parsed.errors[0].messageEn).toMatch(/consent|version/i);
  });

  it('names the consents whose text changed since it was seen; what was not sent is not compared', () => {
    expect(changedSince({ contact: 2, publication: 1, jobTitle: 3 }, VERSIONS)).toEqual([]);
    expect(changedSince({ contact: 1, jobTitle: 3 }, VERSIONS)).toEqual(['contact']);
    expect(changedSince({}, VERSIONS)).toEqual([]);
    expect(changedSince({ publication: 1 }, { ...VERSIONS, publication: null })).toEqual(['publication']);
  });
});

describe('nextVersion', () => {
  it.each([
    [[], 1],
    [[1], 2],
    [[3, 1, 2], 4],
    [[null, undefined, 2], 3],
  ])('after %j comes %i', (existing, expected) => {
    expect(nextVersion(existing)).toBe(expected);
  });
});

describe('what a consent allows to be public', () => {
  const byHand: ConsentLink = { fromProposal: false, consentPublication: false, consentJobTitle: false };
  const all: ConsentLink = { fromProposal: true, consentPublication: true, consentJobTitle: true };
  const noJobTitle: ConsentLink = { ...all, consentJobTitle: false };
  const noPublication: ConsentLink = { fromProposal: true, consentPublication: false, consentJobTitle: false };

  it.each([
    ['no session', [], true],
    ['a session made by hand', [byHand], true],
    ['a talk whose author agreed', [all], true],
    ['a talk whose author refused', [noJobTitle], false],
    ['one refusal among agreements', [all, noJobTitle], false],
  ])('a job title with %s: %s', (_case, links, allowed) => {
    expect(jobTitleAllowed(links as ConsentLink[])).toBe(allowed);
  });

  it.each([
    ['made by hand', byHand, true],
    ['agreed', all, true],
    ['refused', noPublication, false],
  ])('a session %s is publishable: %s', (_case, link, allowed) => {
    expect(sessionPublicationAllowed(link)).toBe(allowed);
  });

  it.each([
    ['no session', [], true],
    ['only refused talks', [noPublication, noPublication], false],
    ['one agreed talk', [noPublication, all], true],
    ['a session made by hand', [noPublication, byHand], true],
  ])('a speaker with %s is publishable: %s', (_case, links, allowed) => {
    expect(speakerPublicationAllowed(links as ConsentLink[])).toBe(allowed);
  });

  it('credits a speaker with the job title only when it is there', () => {
    const administration = { name: 'Direction interministérielle du numérique', acronym: 'DINUM' };
    expect(speakerCredit({ name: 'Camille', jobTitle: 'Cheffe de projet', administration })).toBe('Camille, Cheffe de projet (DINUM)');
    expect(speakerCredit({ name: 'Camille', jobTitle: null, administration })).toBe('Camille (DINUM)');
    expect(speakerCredit({ name: 'Camille', jobTitle: null, administration: null })).toBe('Camille');
  });
});
