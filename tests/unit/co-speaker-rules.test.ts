/** The co-speakers' rules: what a proposer may type for them, and which answer each state allows. */
import {
  addressHash,
  answerRefusal,
  CO_SPEAKER_STATES,
  invitedAddresses,
  possibleAnswers,
  speaksInSession,
  validateCoSpeakers,
  withErased,
  type InvitationFacts,
} from '../../src/domain/co-speakers';

const alice = { name: 'Alice Martin', email: 'Alice.Martin@Example.org ', administrationName: '  DINUM ' };

describe('validateCoSpeakers', () => {
  it('takes none when absent, and cleans what it keeps (address in lower case, spaces trimmed)', () => {
    expect(validateCoSpeakers(undefined, 'a@example.org')).toEqual({ ok: true, value: [] });
    expect(validateCoSpeakers(null, 'a@example.org')).toEqual({ ok: true, value: [] });
    expect(validateCoSpeakers([alice], 'a@example.org')).toEqual({
      ok: true,
      value: [{ name: 'Alice Martin', email: 'alice.martin@example.org', administrationName: 'DINUM' }],
    });
  });

  it('takes three, refuses four as a whole', () => {
    const people = ['a', 'b', 'c', 'd'].map((x) => ({ ...alice, email: `${x}@example.org` }));
    expect(validateCoSpeakers(people.slice(0, 3), null).ok).toBe(true);
    const refused = validateCoSpeakers(people, null);
    expect(refused).toEqual({ ok: false, errors: [expect.objectContaining({ path: ['coSpeakers'], code: 'TOO_MANY_CO_SPEAKERS' })] });
  });

  it('refuses the proposer’s own address whatever its case, and an address twice', () => {
    expect(validateCoSpeakers([alice], ' ALICE.martin@example.org')).toEqual({
      ok: false,
      errors: [expect.objectContaining({ path: ['coSpeakers', '0', 'email'], code: 'CO_SPEAKER_IS_PROPOSER' })],
    });
    expect(validateCoSpeakers([alice, { ...alice, name: 'Autre' }], null)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ path: ['coSpeakers', '1', 'email'], code: 'CO_SPEAKER_DUPLICATE' })],
    });
  });

  it('says every field error on its path, in French and English', () => {
    const result = validateCoSpeakers([{ name: 'A', email: 'nope', extra: 1 }, 'x'], null);
    expect(result.ok).toBe(false);
    const errors = (result as { errors: { path: string[]; code: string; message: string; messageEn: string }[] }).errors;
    expect(errors.map((e) => [e.path.join('.'), e.code])).toEqual([
      ['coSpeakers.0.extra', 'UNKNOWN_FIELD'],
      ['coSpeakers.0.name', 'TOO_SHORT'],
      ['coSpeakers.0.email', 'INVALID_EMAIL'],
      ['coSpeakers.0.administrationName', 'REQUIRED'],
      ['coSpeakers.1', 'WRONG_TYPE'],
    ]);
    for (const e of errors) expect(e.message && e.messageEn && e.message !== e.messageEn).toBeTruthy();
  });
});

describe('the answers of an invitation', () => {
  const facts = (overrides: Partial<InvitationFacts> = {}): InvitationFacts => ({
    state: 'invited',
    proposalState: 'submitted',
    decisionReleased: false,
    confirmationOpen: false,
    ...overrides,
  });

  it('an invited co-speaker accepts or declines while the proposal is in the running', () => {
    expect(possibleAnswers(facts())).toEqual(['accept', 'decline']);
    expect(answerRefusal('accept', facts({ proposalState: 'withdrawn' }))?.code).toBe('INVITATION_CLOSED');
    // A rejection not yet released must not show: the invitation is accepted as before.
    expect(answerRefusal('accept', facts({ proposalState: 'rejected' }))).toBeNull();
    expect(answerRefusal('accept', facts({ proposalState: 'rejected', decisionReleased: true }))?.code).toBe('INVITATION_CLOSED');
    expect(answerRefusal('decline', facts({ proposalState: 'withdrawn' }))).toBeNull();
  });

  it('an accepted co-speaker confirms only once the acceptance is released, inside the window', () => {
    const accepted = facts({ state: 'accepted' });
    expect(answerRefusal('confirm', accepted)?.code).toBe('NOTHING_TO_CONFIRM');
    // Accepted by an editor but not released yet: nothing to confirm, as for the proposer.
    expect(answerRefusal('confirm', { ...accepted, proposalState: 'accepted' })?.code).toBe('NOTHING_TO_CONFIRM');
    expect(answerRefusal('confirm', { ...accepted, proposalState: 'accepted', decisionReleased: true })).toEqual(
      expect.objectContaining({ status: 403, code: 'CONFIRMATION_CLOSED' })
    );
    const open = { ...accepted, proposalState: 'accepted' as const, decisionReleased: true, confirmationOpen: true };
    expect(answerRefusal('confirm', open)).toBeNull();
    expect(answerRefusal('confirm', { ...open, proposalState: 'confirmed' })).toBeNull();
    expect(possibleAnswers(open)).toEqual(['confirm', 'withdraw']);
  });

  it('the same answer twice is no refusal; a state left behind refuses the others', () => {
    expect(answerRefusal('withdraw', facts({ state: 'withdrawn' }))).toBeNull();
    expect(answerRefusal('accept', facts({ state: 'accepted' }))).toBeNull();
    for (const state of CO_SPEAKER_STATES.filter((s) => s !== 'invited' && s !== 'accepted')) {
      expect(answerRefusal('accept', facts({ state }))?.code).toBe('ILLEGAL_ANSWER');
    }
    expect(answerRefusal('decline', facts({ state: 'confirmed' }))?.code).toBe('ILLEGAL_ANSWER');
    expect(answerRefusal('confirm', facts({ state: 'invited', proposalState: 'accepted', decisionReleased: true, confirmationOpen: true }))?.code).toBe(
      'ILLEGAL_ANSWER'
    );
    expect(possibleAnswers(facts({ state: 'declined' }))).toEqual([]);
  });

  it('only a confirmed co-speaker with their consent speaks in the session', () => {
    expect(speaksInSession({ state: 'confirmed', consentPublication: true })).toBe(true);
    expect(speaksInSession({ state: 'confirmed', consentPublication: false })).toBe(false);
    expect(speaksInSession({ state: 'accepted', consentPublication: true })).toBe(false);
  });
});

describe('the addresses a proposal once invited', () => {
  it('are kept as the SHA-256 of the address in lower case, never the address', () => {
    expect(addressHash(' Alice.Martin@Example.org ')).toBe(addressHash('alice.martin@example.org'));
    expect(addressHash('alice.martin@example.org')).toMatch(/^[0-9a-f]{64}$/);
    expect(addressHash('alice.martin@example.org')).not.toBe(addressHash('bruno.petit@example.org'));
  });

  it('read from the stored field, keeping only well-formed entries', () => {
    expect(invitedAddresses(null)).toEqual([]);
    expect(invitedAddresses({ address: 'a', link: null })).toEqual([]);
    expect(invitedAddresses([{ address: 'a', link: 'x' }, { address: 'b', link: null }, { address: 'c' }, 'd', null, { address: 1, link: null }])).toEqual([
      { address: 'a', link: 'x' },
      { address: 'b', link: null },
    ]);
  });

  it('mark an erased address once, without its link, known or not', () => {
    const alice = addressHash('alice.martin@example.org');
    const bruno = addressHash('bruno.petit@example.org');
    const list = [
      { address: alice, link: 'x' },
      { address: bruno, link: 'y' },
    ];
    expect(withErased(list, 'Alice.Martin@example.org')).toEqual([
      { address: bruno, link: 'y' },
      { address: alice, link: null },
    ]);
    expect(withErased([], 'bruno.petit@example.org')).toEqual([{ address: bruno, link: null }]);
  });
});
