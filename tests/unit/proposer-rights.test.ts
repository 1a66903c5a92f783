/** The pure rules of the proposer's rights: their history as they may see it, their export, the erasure preview. */
import {
  erasurePreview,
  exportedProposal,
  exportedReviews,
  keptAfterErasure,
  rectificationText,
  visibleHistory,
  type StoredProposal,
} from '../../src/domain/proposer-rights';

const SUBMITTED = '2023-11-15T09:00:00.000Z';
const DECIDED = '2023-11-22T10:00:00.000Z';
const RELEASED = '2023-11-27T09:00:00.000Z';
const ANSWERED = '2023-11-28T17:30:00.000Z';

describe('visibleHistory', () => {
  it.each([
    ['sent, nothing decided', { state: 'submitted' }, [['under-review', SUBMITTED]]],
    [
      'a decision taken, not released: absent',
      { state: 'accepted', stateHistory: [{ from: 'submitted', to: 'accepted', at: DECIDED, by: 'Éditrice' }] },
      [['under-review', SUBMITTED]],
    ],
    [
      'a released decision: at its release, not when it was taken',
      {
        state: 'rejected',
        stateHistory: [{ from: 'submitted', to: 'rejected', at: DECIDED, by: 'Éditrice' }],
        decisionReleasedAt: RELEASED,
        communicatedState: 'rejected',
        communicatedAt: RELEASED,
      },
      [
        ['under-review', SUBMITTED],
        ['rejected', RELEASED],
      ],
    ],
    [
      'a changed decision waiting for its release: the one they were told',
      {
        state: 'accepted',
        stateHistory: [
          { from: 'submitted', to: 'rejected', at: DECIDED, by: 'Éditrice' },
          { from: 'rejected', to: 'accepted', at: ANSWERED, by: 'Éditrice' },
        ],
        decisionReleasedAt: null,
        communicatedState: 'rejected',
        communicatedAt: RELEASED,
      },
      [
        ['under-review', SUBMITTED],
        ['rejected', RELEASED],
      ],
    ],
    [
      'accepted, then confirmed by the speaker',
      {
        state: 'confirmed',
        stateHistory: [
          { from: 'submitted', to: 'accepted', at: DECIDED, by: 'Éditrice' },
          { from: 'accepted', to: 'confirmed', at: ANSWERED, by: "l'intervenant" },
        ],
        decisionReleasedAt: RELEASED,
        communicatedState: 'accepted',
        communicatedAt: RELEASED,
      },
      [
        ['under-review', SUBMITTED],
        ['accepted', RELEASED],
        ['confirmed', ANSWERED],
      ],
    ],
    [
      'withdrawn before an unreleased decision: the withdrawal only',
      {
        state: 'withdrawn',
        stateHistory: [
          { from: 'submitted', to: 'waitlisted', at: DECIDED, by: 'Éditrice' },
          { from: 'waitlisted', to: 'withdrawn', at: ANSWERED, by: "l'intervenant" },
        ],
      },
      [
        ['under-review', SUBMITTED],
        ['withdrawn', ANSWERED],
      ],
    ],
  ])('%s', (_name, facts, expected) => {
    const history = visibleHistory({ submittedAt: SUBMITTED, ...(facts as any) });
    expect(history.map((s) => [s.status, s.at])).toEqual(expected);
    expect(JSON.stringify(history)).not.toContain('Éditrice');
  });
});

const stored = (overrides: Partial<StoredProposal> = {}): StoredProposal => ({
  reference: 'BH23-AAAA-BBBB',
  state: 'submitted',
  submittedAt: SUBMITTED,
  speakerName: 'Agent',
  email: 'agent@example.org',
  administrationName: 'DINUM',
  jobTitle: null,
  title: 'Un titre',
  abstract: 'Un résumé',
  preferredDay: null,
  requestedDuration: 20,
  language: 'fr',
  consentContact: true,
  consentPublication: false,
  consentJobTitle: false,
  consentRecord: [{ consent: 'contact', given: true, version: 2, at: SUBMITTED }],
  decisionMessage: 'Bravo',
  reviewerNotes: 'Très bien',
  confirmationDeadline: null,
  statusTokenExpiresAt: '2024-02-05T22:59:59.999Z',
  edition: { title: 'Journées 2023', slug: 'journees-2023' },
  mails: [
    { kind: 'submission_received', state: 'sent', sentAt: SUBMITTED, recipient: 'agent@example.org', subject: 'Reçue', body: 'Bonjour [lien de suivi]' },
    { kind: 'acceptance', state: 'pending', sentAt: null, recipient: null, subject: null, body: null },
  ],
  ...overrides,
});

describe('exportedProposal', () => {
  it('keeps a decision, its message and the notes out while under review', () => {
    const out = exportedProposal(stored({ state: 'accepted' }));
    expect(out).toMatchObject({ status: 'under-review', decisionMessage: null, reviewerNotes: null });
    expect(out.reviewerNotesWhen?.fr).toContain('une fois celle-ci communiquée');
  });

  it('gives them once the decision is released, with the consents as recorded and the mails as sent only', () => {
    const out = exportedProposal(stored({ state: 'accepted', decisionReleasedAt: RELEASED, communicatedState: 'accepted', communicatedAt: RELEASED }));
    expect(out).toMatchObject({ status: 'accepted', decisionMessage: 'Bravo', reviewerNotes: 'Très bien', reviewerNotesWhen: null });
    expect(out.consents).toEqual({
      contact: true,
      publication: false,
      jobTitle: false,
      record: [{ consent: 'contact', given: true, version: 2, at: SUBMITTED, byTeam: false }],
    });
    expect(out.mails).toEqual([
      { kind: 'submission_received', sentAt: SUBMITTED, recipient: 'agent@example.org', subject: 'Reçue', body: 'Bonjour [lien de suivi]' },
    ]);
  });

  it('keeps the notes out of a proposal withdrawn before any decision, and of a changed decision not yet released', () => {
    expect(exportedProposal(stored({ state: 'withdrawn' }))).toMatchObject({ status: 'withdrawn', reviewerNotes: null });
    const changed = exportedProposal(stored({ state: 'rejected', decisionReleasedAt: null, communicatedState: 'accepted', communicatedAt: RELEASED }));
    expect(changed).toMatchObject({ status: 'accepted', decisionMessage: null, reviewerNotes: null });
  });

  it('says a consent was changed by the team, never by whom', () => {
    const out = exportedProposal(
      stored({ consentRecord: [{ consent: 'publication', given: false, version: 1, at: RELEASED, by: 'Éditrice <editrice@example.org>' }] })
    );
    expect(out.consents.record).toEqual([{ consent: 'publication', given: false, version: 1, at: RELEASED, byTeam: true }]);
    expect(JSON.stringify(out)).not.toContain('Éditrice');
  });

  it('never holds the tokens, the duplicate key or who decided', () => {
    const out = JSON.stringify(exportedProposal({ ...stored(), statusTokenHash: 'HASH', duplicateKey: 'DUP', statusTokenEncrypted: 'ENC' } as StoredProposal));
    for (const secret of ['HASH', 'DUP', 'ENC', 'statusTokenHash', 'duplicateKey']) expect(out).not.toContain(secret);
  });
});

describe('the erasure preview', () => {
  it.each([
    ['delete', 0],
    ['anonymise', 1],
    ['keep-published', 2],
  ] as const)('%s keeps %i thing(s), each said in French and English', (outcome, kept) => {
    const preview = erasurePreview(outcome);
    expect(preview.kept).toHaveLength(kept);
    expect(preview.kept).toEqual(keptAfterErasure(outcome));
    expect(preview.erased.length).toBeGreaterThan(0);
    for (const item of [...preview.erased, ...preview.kept]) expect(item.fr && item.en).toBeTruthy();
  });
});

describe('rectificationText', () => {
  it('names the edition’s contact address, or its team', () => {
    expect(rectificationText('contact@example.org').fr).toBe('Pour faire rectifier vos données, écrivez à contact@example.org.');
    expect(rectificationText(null).en).toBe("To have your data corrected, write to the edition's team.");
  });
});

describe('the reviews in the export', () => {
  const criteria = [
    { documentId: 'c-clarity', label: 'Clarté', labelEn: 'Clarity', description: null, weight: 1, position: 3 },
    { documentId: 'c-interest', label: 'Intérêt pour les agents publics', labelEn: null, description: null, weight: 2, position: 1 },
  ];
  const reviews = [
    { scores: { 'c-interest': 2, 'c-clarity': 5 }, comment: '', scoredAt: '2023-11-20T10:00:00.000Z' },
    { scores: null, comment: null, scoredAt: null }, // assigned, not scored
    { scores: { 'c-interest': 4, 'c-clarity': 3 }, comment: 'Retour concret.', scoredAt: '2023-11-18T10:00:00.000Z' },
  ];

  it('gives each scored sheet by criterion, oldest first, with its weighted mean and comment; an assignment is no sheet', () => {
    expect(exportedReviews(criteria, reviews)).toEqual([
      {
        scoredAt: '2023-11-18T10:00:00.000Z',
        scores: [
          { criterion: { fr: 'Intérêt pour les agents publics', en: 'Intérêt pour les agents publics' }, weight: 2, score: 4 },
          { criterion: { fr: 'Clarté', en: 'Clarity' }, weight: 1, score: 3 },
        ],
        weightedMean: 3.67,
        comment: 'Retour concret.',
      },
      {
        scoredAt: '2023-11-20T10:00:00.000Z',
        scores: [
          { criterion: { fr: 'Intérêt pour les agents publics', en: 'Intérêt pour les agents publics' }, weight: 2, score: 2 },
          { criterion: { fr: 'Clarté', en: 'Clarity' }, weight: 1, score: 5 },
        ],
        weightedMean: 3,
        comment: null,
      },
    ]);
  });

  it('follow the rule of the notes: once the decision is said, never before, nor for a changed one not yet released', () => {
    const under = exportedProposal(stored({ state: 'accepted', reviews, reviewCriteria: criteria }));
    expect(under.reviews).toEqual([]);
    expect(under.reviewsWhen?.fr).toContain('une fois celle-ci communiquée');
    const said = exportedProposal(
      stored({ state: 'accepted', decisionReleasedAt: RELEASED, communicatedState: 'accepted', communicatedAt: RELEASED, reviews, reviewCriteria: criteria })
    );
    expect(said.reviews).toHaveLength(2);
    expect(said.reviewsWhen).toBeNull();
    const changed = exportedProposal(
      stored({ state: 'rejected', decisionReleasedAt: null, communicatedState: 'accepted', communicatedAt: RELEASED, reviews, reviewCriteria: criteria })
    );
    expect(changed.reviews).toEqual([]);
    expect(exportedProposal(stored({ state: 'withdrawn', reviews, reviewCriteria: criteria })).reviews).toEqual([]);
  });
});
