/** The program embargo as a rule: when a session or a speaker may be public (src/domain/embargo.ts). */
import { embargoUntil, scheduledPublicationNotice, sessionEmbargoUntil, speakerEmbargoUntil } from '../../src/domain/embargo';

const PROGRAM = '2023-12-04T08:00:00.000Z';
const LATER = '2023-12-05T08:00:00.000Z';
const now = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

describe('sessionEmbargoUntil', () => {
  it.each([
    // [program publication date, now, held back until]
    [PROGRAM, '2023-11-28T10:00:00.000Z', PROGRAM],
    [PROGRAM, '2023-12-04T07:59:59.999Z', PROGRAM], // one millisecond before
    [PROGRAM, PROGRAM, null], // the date itself is public
    [PROGRAM, '2023-12-06T10:00:00.000Z', null],
    [null, '2023-11-28T10:00:00.000Z', null], // no date: nothing to wait for
    [undefined, '2023-11-28T10:00:00.000Z', null],
    ['', '2023-11-28T10:00:00.000Z', null],
    ['not a date', '2023-11-28T10:00:00.000Z', null],
    [new Date(PROGRAM), '2023-11-28T10:00:00.000Z', PROGRAM],
  ])('program %p at %s → %p', (date, at, expected) => {
    expect(iso(sessionEmbargoUntil(date, now(at)))).toBe(expected);
  });
});

describe('speakerEmbargoUntil', () => {
  it.each([
    // [the program dates of the speaker's sessions, now, held back until]
    [[], '2023-11-28T10:00:00.000Z', null], // no session: a speaker page may exist on its own
    [[PROGRAM], '2023-11-28T10:00:00.000Z', PROGRAM],
    [[LATER, PROGRAM], '2023-11-28T10:00:00.000Z', PROGRAM], // the earliest date frees the speaker
    [[PROGRAM, LATER], '2023-12-04T09:00:00.000Z', null], // one session public: the speaker is too
    [[PROGRAM, null], '2023-11-28T10:00:00.000Z', null], // a session with no program date is not held back
    [[PROGRAM], PROGRAM, null],
  ])('sessions %p at %s → %p', (dates, at, expected) => {
    expect(iso(speakerEmbargoUntil(dates, now(at)))).toBe(expected);
  });
});

describe('embargoUntil', () => {
  it('answers for sessions and speakers alike', () => {
    expect(iso(embargoUntil({ kind: 'session', programPublicationDate: PROGRAM }, now('2023-12-01T00:00:00.000Z')))).toBe(PROGRAM);
    expect(iso(embargoUntil({ kind: 'speaker', sessionProgramPublicationDates: [PROGRAM] }, now('2023-12-01T00:00:00.000Z')))).toBe(PROGRAM);
    expect(embargoUntil({ kind: 'speaker', sessionProgramPublicationDates: [] }, now('2023-12-01T00:00:00.000Z'))).toBeNull();
  });
});

describe('scheduledPublicationNotice', () => {
  it('tells the editor when, in the edition time zone, in French and English', () => {
    const notice = scheduledPublicationNotice('session', new Date(PROGRAM), 'Europe/Paris');
    expect(notice.code).toBe('PUBLICATION_SCHEDULED');
    expect(notice.scheduledPublishAt).toBe(PROGRAM);
    expect(notice.message).toContain('Cette session sera publiée le 4 décembre 2023 à 9 h 00 (heure de Paris) (date de publication du programme)');
    expect(notice.messageEn).toContain('4 December 2023 at 09:00 (Paris time)');
    // The admin formats the message as ICU: braces or straight apostrophes would be eaten.
    expect(notice.message).not.toMatch(/[{}']/);
    expect(scheduledPublicationNotice('speaker', new Date(PROGRAM), 'Europe/Paris').message).toContain('Cet intervenant sera publié le');
  });
});
