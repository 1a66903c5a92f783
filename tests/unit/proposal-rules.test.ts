import { parse } from 'graphql';
import { graphqlAsksForDrafts, restAsksForDrafts } from '../../src/access/published-only';
import { retryDelayMs } from '../../src/domain/backoff';
import { confirmationMail } from '../../src/domain/proposal-mails';
import { canTransition, PROPOSAL_STATES, TRANSITIONS } from '../../src/domain/proposal-states';
import { windowRefusal } from '../../src/domain/call-refusal';
import { negotiateLanguage } from '../../src/domain/language';
import { duplicateKey, statusTokenExpiry } from '../../src/domain/proposal-keys';
import { validateSubmission } from '../../src/domain/submission-form';

const edition = {
  timeZone: 'Europe/Paris',
  cfpOpensAt: '2023-11-03T08:00:00.000Z',
  cfpClosesAt: '2023-11-20T22:59:00.000Z',
  days: [
    { date: '2023-12-06', startTime: '14:00', endTime: '17:00' },
    { date: '2023-12-07', startTime: '14:00', endTime: '17:00' },
  ],
  minDurationMinutes: 5,
  maxDurationMinutes: 20,
};

const valid = {
  speakerName: 'Agent',
  email: 'a@example.org',
  administrationName: 'DINUM',
  title: 'Un titre correct',
  abstract: 'Un résumé assez long pour passer.',
  requestedDuration: 20,
};

describe('validateSubmission', () => {
  it('accepts a complete form and normalises it', () => {
    const result = validateSubmission({ ...valid, email: ' A@Example.ORG ', speakerName: '  Agent\u0007  Exemple ' }, edition);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ email: 'a@example.org', speakerName: 'Agent Exemple' }) });
  });

  it('keeps line breaks in the abstract', () => {
    const result = validateSubmission({ ...valid, abstract: 'Ligne une, assez longue.\r\nLigne deux.' }, edition);
    expect(result.ok && result.value.abstract).toBe('Ligne une, assez longue.\nLigne deux.');
  });

  it.each([
    [4, false],
    [5, true],
    [20, true],
    [21, false],
  ])('bounds the duration by the edition: %i minutes allowed %p', (minutes, ok) => {
    expect(validateSubmission({ ...valid, requestedDuration: minutes }, edition).ok).toBe(ok);
  });

  it('in partial mode accepts a subset but not an emptied required field', () => {
    expect(validateSubmission({ title: 'Un nouveau titre' }, edition, { partial: true }).ok).toBe(true);
    const emptied = validateSubmission({ title: '' }, edition, { partial: true });
    expect(emptied.ok).toBe(false);
  });

  it.each(['<b>gras</b>', '<img src=x onerror=alert(1)>', '<!-- commentaire -->', '</p>'])('refuses HTML: %s', (html) => {
    const result = validateSubmission({ ...valid, abstract: `Un résumé ${html} assez long pour passer.` }, edition);
    expect(result.ok).toBe(false);
  });

  it.each(['a < b et c > d, rien de grave ici', 'flèche -> et <- dans le texte', '3<4 est vrai, mais pas 5<3 non plus'])(
    'keeps text that only looks like it: %s',
    (text) => {
      expect(validateSubmission({ ...valid, abstract: text }, edition).ok).toBe(true);
    }
  );
});

describe('windowRefusal', () => {
  it('is null while open and explains itself otherwise', () => {
    expect(windowRefusal(edition, new Date('2023-11-20T22:59:59.999Z'))).toBeNull();
    expect(windowRefusal(edition, new Date('2023-11-20T23:00:00.000Z'))).toMatchObject({ code: 'CFP_CLOSED', at: '2023-11-20T22:59:00.000Z' });
    expect(windowRefusal({ timeZone: 'Europe/Paris' }, new Date('2023-11-01T00:00:00.000Z'))).toMatchObject({ code: 'CFP_NOT_SCHEDULED', at: null });
  });
});

describe('duplicateKey', () => {
  it('ignores case and spacing of the e-mail and the title', () => {
    expect(duplicateKey('ed1', 'A@x.org', '  Mon   Titre ')).toBe(duplicateKey('ed1', 'a@x.org', 'mon titre'));
    expect(duplicateKey('ed1', 'a@x.org', 'mon titre')).not.toBe(duplicateKey('ed2', 'a@x.org', 'mon titre'));
  });
});

describe('statusTokenExpiry', () => {
  it('is 60 days after the end of the last day, in the edition zone', () => {
    expect(statusTokenExpiry(edition).toISOString()).toBe('2024-02-05T22:59:59.999Z');
  });
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'fr'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,en;q=0.5,fr;q=0.8', 'fr'],
    ['de', 'fr'],
    ['fr;q=0, en;q=0.1', 'en'],
  ])('%p → %p', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});

describe('the transition table', () => {
  it('names every state, and lets nothing leave withdrawn or declined', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...PROPOSAL_STATES].sort());
    for (const to of PROPOSAL_STATES) {
      expect(canTransition('withdrawn', to)).toBe(false);
      expect(canTransition('declined', to)).toBe(false);
    }
  });
  it.each([
    ['submitted', 'accepted', true],
    ['submitted', 'confirmed', false],
    ['accepted', 'confirmed', true],
    ['waitlisted', 'accepted', true],
    ['confirmed', 'declined', false],
  ] as const)('%s → %s: %p', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe('mails and retries', () => {
  it('writes "pas de préférence" without a preferred day', () => {
    const mail = confirmationMail(
      { reference: 'BH23-AAAA-BBBB', speakerName: 'A', administrationName: 'B', title: 'T', abstract: 'R', requestedDuration: 10 },
      { ...edition, title: 'Édition' },
      'https://example.org/s/x'
    );
    expect(mail.text).toContain('Jour préféré : pas de préférence');
  });
  it('backs off exponentially, with bounded jitter and a cap', () => {
    expect(retryDelayMs(1, 60000, () => 0.5)).toBe(60000);
    expect(retryDelayMs(3, 60000, () => 0.5)).toBe(240000);
    expect(retryDelayMs(3, 60000, () => 0)).toBe(192000);
    expect(retryDelayMs(30, 60000, () => 1)).toBe(6 * 3600 * 1000 * 1.2);
  });
});

describe('draft detection', () => {
  it('finds a draft request in REST and anywhere in a GraphQL document', () => {
    expect(restAsksForDrafts({ status: 'draft' })).toBe(true);
    expect(restAsksForDrafts({ status: 'published' })).toBe(false);
    expect(restAsksForDrafts({})).toBe(false);
    expect(graphqlAsksForDrafts(parse('{ a(status: DRAFT) { b } }'))).toBe(true);
    expect(graphqlAsksForDrafts(parse('{ a { b(status: DRAFT) { c } } }'))).toBe(true);
    expect(graphqlAsksForDrafts(parse('query($s: S) { a(status: $s) { b } }'), { s: 'DRAFT' })).toBe(true);
    expect(graphqlAsksForDrafts(parse('query($s: S) { a(status: $s) { b } }'), {})).toBe(false);
    expect(graphqlAsksForDrafts(parse('{ a(status: PUBLISHED) { b } }'))).toBe(false);
  });
});
