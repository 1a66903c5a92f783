/** The anonymised review's rule and its walks over filters, sorts, searches and results, without Strapi. */
import { hidesIdentity, IDENTIFYING_PROPOSAL_FIELDS, isIdentifyingField, maskIdentity, mayBeMasked } from '../../src/domain/anonymous-review';
import { blindFilters, blindSort, PROPOSAL, proposalsIn, searchAsFilters } from '../../src/access/identity-queries';
import type { ModelOf } from '../../src/access/query-filters';

const MODELS: Record<string, { attributes: Record<string, { type: string; target?: string; searchable?: boolean }> }> = {
  [PROPOSAL]: {
    attributes: {
      id: { type: 'increments' },
      speakerName: { type: 'string' },
      email: { type: 'email' },
      jobTitle: { type: 'string' },
      title: { type: 'string' },
      state: { type: 'enumeration' },
      requestedDuration: { type: 'integer' },
      duplicateKey: { type: 'string', searchable: false },
      consentRecord: { type: 'json' },
      administration: { type: 'relation', target: 'api::administration.administration' },
      edition: { type: 'relation', target: 'api::edition.edition' },
    },
  },
  'api::session.session': {
    attributes: { title: { type: 'string' }, proposal: { type: 'relation', target: PROPOSAL }, speakers: { type: 'relation', target: 'api::speaker.speaker' } },
  },
  'api::administration.administration': { attributes: { name: { type: 'string' } } },
  'api::edition.edition': { attributes: { documentId: { type: 'string' }, title: { type: 'string' } } },
  'api::speaker.speaker': { attributes: { name: { type: 'string' } } },
};
const modelOf: ModelOf = (uid) => MODELS[uid];
const HIDDEN = ['edition-anonyme'];
const VISIBLE = { $or: [{ edition: { id: { $null: true } } }, { edition: { documentId: { $notIn: HIDDEN } } }] };

describe('the rule', () => {
  it('names the fields that identify a proposer', () => {
    expect([...IDENTIFYING_PROPOSAL_FIELDS].sort()).toEqual(
      ['administration', 'administrationKind', 'administrationName', 'duplicateKey', 'email', 'jobTitle', 'speakerName'].sort()
    );
  });

  it.each([
    ['speakerName', true],
    ['speaker_name', true],
    ['SPEAKER_NAME', true],
    ['administration.name', true],
    ['administration_kind', true],
    ['job_title', true],
    ['title', false],
    ['reviewerNotes', false],
    ['edition', false],
    ['administrationNameX', false],
  ])('%s identifies: %s', (key, expected) => {
    expect(isIdentifyingField(key)).toBe(expected);
  });

  it('hides identity from an admin without « Voir qui propose », in an anonymised edition only', () => {
    const reviewer = { admin: true, mayIdentify: false };
    const editor = { admin: true, mayIdentify: true };
    const app = { admin: false, mayIdentify: false };
    expect(hidesIdentity(reviewer, { anonymousReview: true })).toBe(true);
    expect(hidesIdentity(reviewer, { anonymousReview: false })).toBe(false);
    expect(hidesIdentity(reviewer, { anonymousReview: null })).toBe(false);
    expect(hidesIdentity(reviewer, null)).toBe(false);
    expect(hidesIdentity(editor, { anonymousReview: true })).toBe(false);
    expect(hidesIdentity(app, { anonymousReview: true })).toBe(false);
    expect([reviewer, editor, app].map(mayBeMasked)).toEqual([true, false, false]);
  });

  it('empties what a row carries, and adds nothing', () => {
    const row: Record<string, unknown> = {
      documentId: 'a',
      title: 'Titre',
      speakerName: 'Camille',
      email: 'c@example.org',
      administration: { id: 1, name: 'DINUM' },
      administrationKind: 'ministry',
    };
    maskIdentity(row);
    expect(row).toEqual({ documentId: 'a', title: 'Titre', speakerName: null, email: null, administration: null, administrationKind: null });
    const counted: Record<string, unknown> = { administration: { count: 1 } };
    maskIdentity(counted);
    expect(counted).toEqual({ administration: { count: 0 } });
    const listed: Record<string, unknown> = { administration: [{ id: 1 }] };
    maskIdentity(listed);
    expect(listed).toEqual({ administration: [] });
  });
});

describe('filters', () => {
  it('leave what names no identity as it was, and never change the filters given', () => {
    const filters = { $and: [{ edition: { documentId: { $eq: 'x' } } }, { title: { $containsi: 'libre' } }] };
    const copy = JSON.parse(JSON.stringify(filters));
    expect(blindFilters(filters, PROPOSAL, modelOf, VISIBLE)).toEqual(copy);
    const withName = { speakerName: { $eq: 'Camille' }, title: 'T' };
    blindFilters(withName, PROPOSAL, modelOf, VISIBLE);
    expect(withName).toEqual({ speakerName: { $eq: 'Camille' }, title: 'T' });
  });

  it('join a condition on identity to the visibility, at any depth', () => {
    expect(blindFilters({ speakerName: 'Camille', title: 'T' }, PROPOSAL, modelOf, VISIBLE)).toEqual({
      $and: [{ title: 'T' }, { speakerName: 'Camille' }, VISIBLE],
    });
    expect(blindFilters({ $or: [{ administration: { name: 'DINUM' } }, { title: 'T' }] }, PROPOSAL, modelOf, VISIBLE)).toEqual({
      $or: [{ $and: [{}, { administration: { name: 'DINUM' } }, VISIBLE] }, { title: 'T' }],
    });
    expect(blindFilters({ proposal: { $not: { email: { $null: true } } } }, 'api::session.session', modelOf, VISIBLE)).toEqual({
      proposal: { $not: { $and: [{}, { email: { $null: true } }, VISIBLE] } },
    });
    // A speaker's name is public, not a proposer's identity.
    expect(blindFilters({ speakers: { name: 'Camille' } }, 'api::session.session', modelOf, VISIBLE)).toEqual({ speakers: { name: 'Camille' } });
  });

  /**
   * The property itself, on random filters: evaluated on a proposal of a hidden edition, a blind
   * filter answers the same whatever the proposer's identity; on any other proposal, it answers as
   * the filter given.
   */
  describe('on random filters', () => {
    type Row = Record<string, any>;
    let seed = 20231115;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const NAMES = ['Camille', 'Albert', 'Zoé', null];
    const value = () => pick(NAMES);
    const leaf = (): Record<string, unknown> => {
      const field = pick(['speakerName', 'email', 'jobTitle', 'title', 'administration']);
      if (field === 'administration') return { administration: { name: { $eq: value() } } };
      const operator = pick(['$eq', '$ne', '$containsi', '$null', '$notNull']);
      return { [field]: { [operator]: operator === '$null' || operator === '$notNull' ? true : value() } };
    };
    const tree = (depth: number): Record<string, unknown> => {
      if (depth === 0 || random() < 0.3) return leaf();
      const kind = pick(['$and', '$or', '$not', 'object']);
      if (kind === '$not') return { $not: tree(depth - 1) };
      if (kind === 'object') return { ...leaf(), ...tree(depth - 1) };
      return { [kind]: [tree(depth - 1), tree(depth - 1), tree(depth - 1)] };
    };
    const matches = (field: unknown, condition: unknown): boolean => {
      if (typeof condition !== 'object' || condition === null) return field === condition;
      return Object.entries(condition).every(([operator, operand]) => {
        if (operator === '$eq') return field === operand;
        if (operator === '$ne') return field !== operand;
        if (operator === '$containsi') return typeof field === 'string' && typeof operand === 'string' && field.toLowerCase().includes(operand.toLowerCase());
        if (operator === '$null') return (field === null || field === undefined) === operand;
        if (operator === '$notNull') return (field !== null && field !== undefined) === operand;
        if (operator === '$notIn') return field !== null && field !== undefined && !(operand as unknown[]).includes(field);
        throw new Error(operator);
      });
    };
    const evaluate = (conditions: unknown, row: Row | null): boolean => {
      if (Array.isArray(conditions)) return conditions.every((item) => evaluate(item, row));
      return Object.entries(conditions as Record<string, unknown>).every(([key, condition]) => {
        if (key === '$and') return (condition as unknown[]).every((item) => evaluate(item, row));
        if (key === '$or') return (condition as unknown[]).some((item) => evaluate(item, row));
        if (key === '$not') return !evaluate(condition, row);
        if (key === 'edition' || key === 'administration') {
          // A relation: the conditions hold on the related row; none is a row of nulls, as a left join reads.
          return evaluate(condition, row?.[key] ?? { id: null, documentId: null, name: null });
        }
        return matches(row?.[key] ?? null, condition);
      });
    };
    const proposal = (edition: string | null, name: string | null, administration: string | null): Row => ({
      title: 'Camille',
      speakerName: name,
      email: name,
      jobTitle: name,
      administration: administration === null ? null : { id: 1, name: administration },
      edition: edition === null ? null : { id: 1, documentId: edition },
    });

    it('a hidden proposal answers the same whatever its identity; the others as before', () => {
      for (let i = 0; i < 500; i += 1) {
        const filters = tree(4);
        const blind = blindFilters(filters, PROPOSAL, modelOf, VISIBLE);
        const hiddenAnswers = new Set(
          NAMES.flatMap((name) => ['Camille', null].map((administration) => evaluate(blind, proposal('edition-anonyme', name, administration))))
        );
        expect(hiddenAnswers.size).toBe(1);
        for (const edition of ['edition-ouverte', null]) {
          for (const name of NAMES) {
            const row = proposal(edition, name, name);
            expect(evaluate(blind, row)).toBe(evaluate(filters, row));
          }
        }
      }
    });
  });
});

describe('sorts', () => {
  it.each([
    ['speakerName:asc', undefined],
    ['title:asc,speakerName:desc,submittedAt', 'title:asc,submittedAt'],
    ['speaker_name:DESC', undefined],
    [['email:asc', 'title:desc'], ['title:desc']],
    [{ speakerName: 'asc', title: 'desc' }, { title: 'desc' }],
    [[{ jobTitle: 'asc' }, { title: 'asc' }], [{ title: 'asc' }]],
    ['administration.name:asc', undefined],
    ['edition.title:asc', 'edition.title:asc'],
  ])('%j becomes %j', (sort, expected) => {
    expect(blindSort(sort, PROPOSAL, modelOf)).toEqual(expected);
  });

  it('through a relation, from another type', () => {
    expect(blindSort('proposal.speakerName:asc,title:asc', 'api::session.session', modelOf)).toBe('title:asc');
    expect(blindSort({ proposal: { email: 'asc' }, title: 'asc' }, 'api::session.session', modelOf)).toEqual({ title: 'asc' });
    expect(blindSort('speakers.name:asc', 'api::session.session', modelOf)).toBe('speakers.name:asc');
  });
});

describe('search', () => {
  it('is the database search spelt as filters: text columns, and numbers for a number', () => {
    expect(searchAsFilters('Camille', PROPOSAL, modelOf)).toEqual({
      $or: [
        { speakerName: { $containsi: 'Camille' } },
        { email: { $containsi: 'Camille' } },
        { jobTitle: { $containsi: 'Camille' } },
        { title: { $containsi: 'Camille' } },
        { state: { $containsi: 'Camille' } },
      ],
    });
    expect(searchAsFilters('20', PROPOSAL, modelOf).$or).toEqual(expect.arrayContaining([{ id: { $eq: 20 } }, { requestedDuration: { $eq: 20 } }]));
  });
});

describe('results', () => {
  it('finds every proposal in a list, a row, nested rows and { entries }', () => {
    const a = { documentId: 'a', speakerName: 'A' };
    const b = { documentId: 'b' };
    expect(proposalsIn([a, b], PROPOSAL, modelOf)).toEqual([a, b]);
    expect(proposalsIn(a, PROPOSAL, modelOf)).toEqual([a]);
    expect(proposalsIn({ documentId: 'x', entries: [a] }, PROPOSAL, modelOf)).toEqual([a]);
    const sessions = [
      { title: 'S', proposal: a, speakers: [{ name: 'Camille' }] },
      { title: 'T', proposal: null },
    ];
    expect(proposalsIn(sessions, 'api::session.session', modelOf)).toEqual([a]);
    expect(proposalsIn(null, PROPOSAL, modelOf)).toEqual([]);
    expect(proposalsIn(3, PROPOSAL, modelOf)).toEqual([]);
  });
});
