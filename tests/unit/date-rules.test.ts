/** The date rules of the domain, each at its boundaries: call state, decisions, reminders, warnings, rebuild boundaries. */
import fs from 'fs';
import path from 'path';
import { boundariesCrossed, BOUNDARY_LOOKBACK_MS, callForProposalsBlock, callState, nextBoundaryAfter, type CallState } from '../../src/domain/call-state';
import { beforeDeadlineEnd, confirmationDeadlineFor, reminderDueAt, undecidedWarningsDue, type EditionCalendar } from '../../src/domain/edition-calendar';
import { publicLinks } from '../../src/domain/exports/links';
import { scheduleJson } from '../../src/domain/exports/schedule';
import { PARIS_2023 } from '../fixtures/editions';
import { PROPOSAL_STATES, publicStatus, TRANSITIONS, type ProposalState, type PublicStatus } from '../../src/domain/proposal-states';

// One day's hours written without seconds, as an editor may type them.
const paris2023: EditionCalendar = {
  ...PARIS_2023,
  days: [PARIS_2023.days[0], { date: '2023-12-07', startTime: '14:00', endTime: '17:00' }], // ends 16:00Z
};

describe('callState', () => {
  it.each<[string, EditionCalendar, string, CallState]>([
    ['before the call opens', paris2023, '2023-11-03T07:59:59.999Z', 'upcoming'],
    ['at the opening instant', paris2023, '2023-11-03T08:00:00.000Z', 'open'],
    ['in the last millisecond of the deadline minute', paris2023, '2023-11-20T22:59:59.999Z', 'open'],
    ['from the next minute on', paris2023, '2023-11-20T23:00:00.000Z', 'closed'],
    ['just before the response date', paris2023, '2023-11-26T22:59:59.999Z', 'closed'],
    ['at the response date', paris2023, '2023-11-26T23:00:00.000Z', 'decisions-released'],
    ['just before the program date', paris2023, '2023-12-04T07:59:59.999Z', 'decisions-released'],
    ['at the program date', paris2023, '2023-12-04T08:00:00.000Z', 'program-published'],
    ['during the last day', paris2023, '2023-12-07T15:59:59.999Z', 'program-published'],
    ['at the end of the last day (17:00 Paris)', paris2023, '2023-12-07T16:00:00.000Z', 'past'],
    ['with no dates at all', {}, '2023-11-15T09:00:00.000Z', 'upcoming'],
    [
      'with a call but no later dates, after its deadline',
      { cfpOpensAt: paris2023.cfpOpensAt, cfpClosesAt: paris2023.cfpClosesAt },
      '2030-01-01T00:00:00.000Z',
      'closed',
    ],
    [
      'in Nouméa (UTC+11), one minute before the local midnight deadline',
      { timeZone: 'Pacific/Noumea', cfpOpensAt: '2023-11-01T00:00:00Z', cfpClosesAt: '2023-11-20T12:59:00Z' },
      '2023-11-20T12:59:30.000Z',
      'open',
    ],
  ])('%s', (_, edition, now, expected) => {
    expect(callState(edition, new Date(now))).toBe(expected);
  });

  it('counts the time left from the start of the current minute, and changes again at the next minute', () => {
    const block = callForProposalsBlock(paris2023, new Date('2023-11-20T22:58:30.000Z'), 'en');
    expect(block.state).toBe('open');
    expect(block.timeLeft).toEqual({ milliseconds: 120_000, text: '2 minutes' });
    expect(block.nextChangeAt).toBe('2023-11-20T22:59:00.000Z');
  });

  it('names the next boundary after an instant, and none after the last day', () => {
    expect(nextBoundaryAfter(paris2023, new Date('2023-11-21T00:00:00Z'))?.toISOString()).toBe('2023-11-26T23:00:00.000Z');
    expect(nextBoundaryAfter(paris2023, new Date('2023-12-07T16:00:00Z'))).toBeNull();
  });
});

describe('the deadline minute', () => {
  it.each([
    ['a second into the minute', '2023-12-04T07:59:01.000Z', true],
    ['its last millisecond', '2023-12-04T07:59:59.999Z', true],
    ['the next minute', '2023-12-04T08:00:00.000Z', false],
  ])('is inside the deadline at %s', (_, now, inside) => {
    expect(beforeDeadlineEnd('2023-12-04T07:59:00.000Z', new Date(now), 'Europe/Paris')).toBe(inside);
  });

  it('is never inside without a deadline', () => {
    expect(beforeDeadlineEnd(null, new Date('2000-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('confirmationDeadlineFor', () => {
  const noProgram = { ...paris2023, programPublicationDate: null };
  it.each<[string, EditionCalendar & { confirmationWindowDays?: number | null }, string, string]>([
    ['7 days by default, to the end of the local day', noProgram, '2023-11-27T10:00:00.000Z', '2023-12-04T22:59:00.000Z'],
    ['the edition window when it has one', { ...noProgram, confirmationWindowDays: 3 }, '2023-11-27T10:00:00.000Z', '2023-11-30T22:59:00.000Z'],
    ['7 days when the window is zero', { ...noProgram, confirmationWindowDays: 0 }, '2023-11-27T10:00:00.000Z', '2023-12-04T22:59:00.000Z'],
    ['days counted in the edition zone (00:30 Paris is the next day)', noProgram, '2023-11-27T23:30:00.000Z', '2023-12-05T22:59:00.000Z'],
    ['one minute before the program is published, when the window would pass it', paris2023, '2023-11-27T10:00:00.000Z', '2023-12-04T07:59:00.000Z'],
    ['the whole window when released after the program date', paris2023, '2023-12-05T09:00:00.000Z', '2023-12-12T22:59:00.000Z'],
    ['the end of the local day in Nouméa (UTC+11)', { timeZone: 'Pacific/Noumea' }, '2023-11-27T10:00:00.000Z', '2023-12-04T12:59:00.000Z'],
  ])('%s', (_, edition, releasedAt, deadline) => {
    expect(confirmationDeadlineFor(edition, new Date(releasedAt)).toISOString()).toBe(deadline);
  });
});

describe('reminders and warnings', () => {
  it('reminds 48 h before the deadline, but never in the first half of the window', () => {
    const deadline = new Date('2023-12-04T22:59:00.000Z');
    expect(reminderDueAt(new Date('2023-11-27T10:00:00.000Z'), deadline).toISOString()).toBe('2023-12-02T22:59:00.000Z');
    expect(reminderDueAt(new Date('2023-12-02T22:59:00.000Z'), deadline).toISOString()).toBe('2023-12-03T22:59:00.000Z');
  });

  const response = new Date('2023-11-26T23:00:00.000Z');
  it.each([
    ['a millisecond before the 48 h mark', '2023-11-24T22:59:59.999Z', []],
    ['at the 48 h mark', '2023-11-24T23:00:00.000Z', ['48h']],
    ['at the response date', '2023-11-26T23:00:00.000Z', ['48h', 'due']],
    ['7 days after the 48 h mark, both still due', '2023-12-01T23:00:00.000Z', ['48h', 'due']],
    ['a millisecond later, the 48 h warning is stale', '2023-12-01T23:00:00.001Z', ['due']],
    ['7 days after the response date', '2023-12-03T23:00:00.000Z', ['due']],
    ['past 7 days: stale', '2023-12-03T23:00:00.001Z', []],
  ])('warns about undecided proposals %s', (_, now, marks) => {
    expect(undecidedWarningsDue(response, new Date(now))).toEqual(marks);
  });
});

describe('rebuild boundaries', () => {
  const names = (now: string) => boundariesCrossed(paris2023, new Date(now)).map((b) => b.name);
  it.each([
    ['the instant of a boundary', '2023-11-26T23:00:00.000Z', ['decisions.released']],
    ['just before it', '2023-11-26T22:59:59.999Z', []],
    ['at the end of the look-back', new Date(Date.parse('2023-11-26T23:00:00.000Z') + BOUNDARY_LOOKBACK_MS).toISOString(), ['decisions.released']],
    ['past the look-back', new Date(Date.parse('2023-11-26T23:00:00.000Z') + BOUNDARY_LOOKBACK_MS + 1).toISOString(), []],
    ['the first day: the program, 2 days and 5 hours before, is history', '2023-12-06T13:00:00.000Z', ['edition.started']],
    ['the first day, and the program 47 hours before', '2023-12-06T07:00:00.000Z', ['program.published']],
  ])('are crossed at %s', (_, now, expected) => {
    expect(names(now)).toEqual(expected);
  });
});

describe('publicStatus', () => {
  const released = '2023-11-27T10:00:00.000Z';
  it.each<[ProposalState, unknown, PublicStatus]>([
    ['submitted', null, 'under-review'],
    ['submitted', released, 'under-review'],
    ['accepted', null, 'under-review'],
    ['accepted', released, 'accepted'],
    ['waitlisted', null, 'under-review'],
    ['waitlisted', released, 'waitlisted'],
    ['rejected', null, 'under-review'],
    ['rejected', released, 'rejected'],
    ['withdrawn', null, 'withdrawn'],
    ['confirmed', released, 'confirmed'],
    ['declined', released, 'declined'],
  ])('shows %s (released: %s) as %s', (state, releasedAt, expected) => {
    expect(publicStatus(state, releasedAt)).toBe(expected);
  });
});

describe('the proposal schema', () => {
  it('lists exactly the states of the transition table', () => {
    const schemaFile = path.resolve(__dirname, '..', '..', 'src', 'api', 'proposal', 'content-types', 'proposal', 'schema.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    const sorted = (list: readonly string[]) => [...list].sort();
    expect(sorted(schema.attributes.state.enum)).toEqual(sorted(PROPOSAL_STATES));
    expect(sorted(Object.keys(TRANSITIONS))).toEqual(sorted(PROPOSAL_STATES));
    for (const targets of Object.values(TRANSITIONS)) for (const to of targets) expect(PROPOSAL_STATES).toContain(to);
    expect(schema.attributes.state.default).toBe('submitted');
  });
});

describe('the C3VOC schedule', () => {
  it('is pure: a program without days is dated by the instant it is given', () => {
    const program = {
      edition: { documentId: 'e1', slug: 'bluehats-2023', title: 'Journées', timeZone: 'Pacific/Noumea', locale: 'fr' },
      days: [],
      sessions: [],
    } as unknown as Parameters<typeof scheduleJson>[0];
    const conference = scheduleJson(program, {
      baseUrl: 'https://example.org',
      links: publicLinks('https://example.org', 'bluehats-2023', { pages: true }),
      now: new Date('2023-11-20T13:30:00.000Z'),
    }).schedule.conference;
    expect([conference.start, conference.end]).toEqual(['2023-11-21', '2023-11-21']);
  });
});
