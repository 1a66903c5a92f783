/** An editor's states, a decision changed after it was communicated, and what a release would send. */
import { countPending, mailsSummaryFr, releaseWarnings } from '../../src/domain/decision-release';
import {
  applyTransition,
  changedSinceCommunicated,
  editorNextStates,
  EDITOR_STATES,
  PROPOSAL_STATES,
  publicStatus,
  SPEAKER_STATES,
  type ProposalState,
} from '../../src/domain/proposal-states';

const NOW = new Date('2023-11-16T10:00:00.000Z');
const TOLD = '2023-11-15T09:00:00.000Z';

describe("an editor's states", () => {
  it('are the undecided and decided ones; the speaker keeps withdrawn, confirmed and declined', () => {
    expect([...EDITOR_STATES].sort()).toEqual(['accepted', 'rejected', 'submitted', 'waitlisted']);
    expect([...EDITOR_STATES, ...SPEAKER_STATES].sort()).toEqual([...PROPOSAL_STATES].sort());
  });

  it.each<[ProposalState, ProposalState[]]>([
    ['submitted', ['accepted', 'waitlisted', 'rejected']],
    ['waitlisted', ['accepted', 'rejected']],
    ['accepted', ['waitlisted', 'rejected']],
    ['rejected', ['accepted', 'waitlisted']],
    ['confirmed', []],
    ['withdrawn', []],
    ['declined', []],
  ])('from %s, an editor may set %j', (from, next) => {
    expect(editorNextStates(from)).toEqual(next);
  });
});

describe('a decision changed after it was communicated', () => {
  const told = { state: 'waitlisted' as ProposalState, stateHistory: [], communicatedState: 'waitlisted' as ProposalState, communicatedAt: TOLD };

  it('waits for its release, and records who changed it', () => {
    const patch = applyTransition(told, 'accepted', NOW, 'Camille Martin');
    expect(patch).toEqual({
      state: 'accepted',
      decidedAt: NOW.toISOString(),
      decisionReleasedAt: null,
      stateHistory: [{ from: 'waitlisted', to: 'accepted', at: NOW.toISOString(), by: 'Camille Martin' }],
    });
    expect(changedSinceCommunicated({ ...told, ...patch })).toBe(true);
  });

  it('needs no release when it goes back to what the proposer was told', () => {
    const patch = applyTransition({ ...told, state: 'accepted' }, 'waitlisted', NOW, 'Camille Martin');
    expect(patch.decisionReleasedAt).toBe(TOLD);
    expect(changedSinceCommunicated({ ...told, ...patch })).toBe(false);
  });

  it('is « automatique » when the app changes it', () => {
    expect(applyTransition({ state: 'submitted' }, 'rejected', NOW).stateHistory).toEqual([
      { from: 'submitted', to: 'rejected', at: NOW.toISOString(), by: 'automatique' },
    ]);
  });

  it.each<[ProposalState, unknown, ProposalState | null, string]>([
    ['accepted', null, 'waitlisted', 'waitlisted'], // changed, not released: the proposer still reads the waiting list
    ['accepted', TOLD, 'accepted', 'accepted'],
    ['accepted', null, null, 'under-review'], // never communicated
    ['rejected', null, 'accepted', 'accepted'],
    ['withdrawn', null, 'accepted', 'withdrawn'], // the speaker's own answer
    ['confirmed', TOLD, 'accepted', 'confirmed'],
    ['submitted', null, null, 'under-review'],
  ])('state %s, released %s, communicated %s: the link says %s', (state, releasedAt, communicated, expected) => {
    expect(publicStatus(state, releasedAt, communicated)).toBe(expected);
  });
});

describe('what a release sends', () => {
  it('counts one mail per proposal by kind, and the changed decisions', () => {
    expect(
      countPending([
        { state: 'accepted' },
        { state: 'accepted', communicatedState: 'waitlisted' },
        { state: 'rejected', communicatedState: null },
        { state: 'waitlisted' },
        { state: 'submitted' },
      ])
    ).toEqual({ mails: { acceptance: 2, waitlist: 1, rejection: 1 }, changes: 1, total: 4 });
  });

  it('says its counts in French with correct plurals', () => {
    expect(mailsSummaryFr({ acceptance: 1, waitlist: 2, rejection: 0 })).toBe("1 acceptation, 2 mises en liste d'attente, 0 refus");
    expect(mailsSummaryFr({ acceptance: 3, waitlist: 1, rejection: 2 })).toBe("3 acceptations, 1 mise en liste d'attente, 2 refus");
  });

  it('warns when the call is open, the response date ahead, or proposals undecided', () => {
    expect(releaseWarnings({ callOpen: false, beforeResponseDate: false, responseDateText: null, undecided: 0 })).toEqual([]);
    expect(
      releaseWarnings({ callOpen: true, beforeResponseDate: true, responseDateText: '27 novembre 2023 à 0 h 00 (heure de Paris)', undecided: 163 })
    ).toEqual([
      "L'appel à interventions est encore ouvert : d'autres propositions peuvent arriver.",
      "La date de réponse annoncée (27 novembre 2023 à 0 h 00 (heure de Paris)) n'est pas encore arrivée.",
      '163 propositions restent sans décision : leurs auteurs ne recevront rien.',
    ]);
    expect(releaseWarnings({ callOpen: false, beforeResponseDate: false, responseDateText: null, undecided: 1 })).toEqual([
      '1 proposition reste sans décision : son auteur ne recevra rien.',
    ]);
  });
});
