/** Program versions and their changelog as rules (src/domain/program-versions.ts). */
import {
  draftDiffers,
  changeForEvent,
  forgetSpeaker,
  forgottenSpeakerText,
  isNewVersion,
  nextProgramVersion,
  programChangelog,
  programSnapshot,
  programVersionLabel,
  sessionAwaitsPublication,
  snapshotWithout,
  SPEAKER_PUBLISHED_FIELDS,
  versionUpdatedText,
  type ProgramChange,
  type ProgramSnapshot,
  type SnapshotSession,
  type VersionContent,
} from '../../src/domain/program-versions';
import { buildProgram, type ProgramEdition } from '../../src/domain/program';
import { scheduleVersionName } from '../../src/domain/exports/schedule';

const ZONE = 'Europe/Paris';
// Thursday 7 December 2023, Paris (UTC+1).
const T1430 = '2023-12-07T13:30:00.000Z';
const T1500 = '2023-12-07T14:00:00.000Z';
const T1600 = '2023-12-07T15:00:00.000Z';
const FRIDAY_0900 = '2023-12-08T08:00:00.000Z';

const session = (id: number, overrides: Partial<SnapshotSession> = {}): SnapshotSession => ({
  id,
  title: `Session ${id}`,
  startsAt: T1430,
  durationMinutes: 30,
  room: null,
  speakers: ['Ada Lovelace'],
  cancelled: false,
  ...overrides,
});
const snapshot = (...sessions: SnapshotSession[]): ProgramSnapshot => ({ zone: ZONE, sessions });
const kinds = (changes: ProgramChange[]) => changes.map((c) => [c.id, c.kind]);

describe('programChangelog: one kind per case', () => {
  it.each<[string, SnapshotSession[], SnapshotSession[], [number, string][]]>([
    ['a new session', [], [session(1)], [[1, 'added']]],
    ['a session cancelled', [session(1)], [session(1, { cancelled: true })], [[1, 'cancelled']]],
    ['a session that disappears without being cancelled', [session(1)], [], [[1, 'cancelled']]],
    ['a cancelled session that disappears', [session(1, { cancelled: true })], [], []],
    ['a session cancelled before it was ever live', [], [session(1, { cancelled: true })], []],
    ['a cancelled session restored', [session(1, { cancelled: true })], [session(1)], [[1, 'added']]],
    ['a later start', [session(1)], [session(1, { startsAt: T1500 })], [[1, 'moved']]],
    ['another room', [session(1)], [session(1, { room: 'Salle B' })], [[1, 'moved']]],
    ['another duration', [session(1)], [session(1, { durationMinutes: 45 })], [[1, 'moved']]],
    ['a new title', [session(1)], [session(1, { title: 'Nouveau titre' })], [[1, 'retitled']]],
    ['a speaker added', [session(1)], [session(1, { speakers: ['Ada Lovelace', 'Grace Hopper'] })], [[1, 'speakers_changed']]],
    ['a speaker removed', [session(1, { speakers: ['Ada Lovelace', 'Grace Hopper'] })], [session(1)], [[1, 'speakers_changed']]],
    ['speakers reordered only', [session(1, { speakers: ['A', 'B'] })], [session(1, { speakers: ['B', 'A'] })], []],
    ['an empty room written as a blank', [session(1, { room: '' })], [session(1, { room: null })], []],
    ['the same start written another way', [session(1)], [session(1, { startsAt: '2023-12-07T14:30:00+01:00' })], []],
  ])('%s', (_, before, after, expected) => {
    expect(kinds(programChangelog(snapshot(...before), snapshot(...after)))).toEqual(expected);
  });

  it('identical snapshots give no change', () => {
    const program = snapshot(session(1), session(2, { startsAt: T1500, room: 'Salle B', speakers: ['A', 'B'] }), session(3, { cancelled: true }));
    expect(programChangelog(program, structuredClone(program))).toEqual([]);
  });

  it('the first version announces every live session as added, not the cancelled ones', () => {
    expect(kinds(programChangelog(null, snapshot(session(2, { startsAt: T1500 }), session(1), session(3, { cancelled: true }))))).toEqual([
      [1, 'added'],
      [2, 'added'],
    ]);
  });
});

describe('programChangelog: details', () => {
  it('a session both moved and retitled gives two entries, the move first', () => {
    const changes = programChangelog(snapshot(session(1)), snapshot(session(1, { startsAt: T1500, title: 'Nouveau' })));
    expect(changes).toEqual([
      {
        kind: 'moved',
        id: 1,
        title: 'Nouveau',
        from: { startsAt: T1430, room: null, durationMinutes: 30 },
        to: { startsAt: T1500, room: null, durationMinutes: 30 },
        text: {
          fr: '«\u00a0Nouveau\u00a0» déplacée du jeudi 7 décembre 14 h 30 à 15 h 00.',
          en: '“Nouveau” moved from Thursday 7 December 14:30 to 15:00.',
        },
      },
      {
        kind: 'retitled',
        id: 1,
        title: 'Nouveau',
        from: 'Session 1',
        to: 'Nouveau',
        text: { fr: "«\u00a0Session 1\u00a0» s'intitule désormais «\u00a0Nouveau\u00a0».", en: '“Session 1” is now titled “Nouveau”.' },
      },
    ]);
  });

  it('a move to another day, room and duration says all three', () => {
    const [change] = programChangelog(snapshot(session(1)), snapshot(session(1, { startsAt: FRIDAY_0900, room: 'Salle B', durationMinutes: 45 })));
    expect(change.text).toEqual({
      fr: '«\u00a0Session 1\u00a0» déplacée du jeudi 7 décembre 14 h 30 au vendredi 8 décembre 9 h 00\u00a0; salle\u00a0: salle principale → Salle B\u00a0; durée\u00a0: 30 → 45 min.',
      en: '“Session 1” moved from Thursday 7 December 14:30 to Friday 8 December 09:00; room: main room → Salle B; duration: 30 → 45 min.',
    });
  });

  it('speakers changed lists who came and who left', () => {
    const [change] = programChangelog(snapshot(session(1, { speakers: ['A', 'B'] })), snapshot(session(1, { speakers: ['B', 'C', 'D'] })));
    expect(change).toMatchObject({ kind: 'speakers_changed', added: ['C', 'D'], removed: ['A'] });
    expect(change.text).toEqual({
      fr: '«\u00a0Session 1\u00a0», intervenants — ajout\u00a0: C et D\u00a0; retrait\u00a0: A.',
      en: '“Session 1”, speakers — added: C and D; removed: A.',
    });
  });

  it('added and cancelled say when, in the edition zone', () => {
    const [added] = programChangelog(null, snapshot(session(1, { room: 'Amphi' })));
    expect(added.text).toEqual({
      fr: 'Ajoutée\u00a0: «\u00a0Session 1\u00a0» le jeudi 7 décembre 14 h 30, Amphi (30 min).',
      en: 'Added: “Session 1” on Thursday 7 December 14:30, Amphi (30 min).',
    });
    const [vanished] = programChangelog(snapshot(session(1)), snapshot());
    expect(vanished).toMatchObject({ kind: 'cancelled', title: 'Session 1', placement: { startsAt: T1430 } });
    expect(vanished.text).toEqual({
      fr: 'Annulée\u00a0: «\u00a0Session 1\u00a0» (prévue le jeudi 7 décembre 14 h 30).',
      en: 'Cancelled: “Session 1” (planned for Thursday 7 December 14:30).',
    });
  });

  it('times follow the zone of the newer snapshot', () => {
    const [change] = programChangelog({ zone: 'America/Cayenne', sessions: [] }, { zone: 'America/Cayenne', sessions: [session(1)] });
    expect(change.text.en).toContain('Thursday 7 December 10:30');
  });

  it.each([
    // Paris falls back on Sunday 29 October 2023: 03:00 CEST becomes 02:00 CET (01:00 UTC).
    [
      'the autumn night',
      '2023-10-29T00:30:00.000Z',
      '2023-10-29T01:30:00.000Z',
      'dimanche 29 octobre 2 h 30 (UTC+2) à 2 h 30 (UTC+1)',
      'Sunday 29 October 02:30 (UTC+2) to 02:30 (UTC+1)',
    ],
    [
      'the autumn night, an hour later in real time',
      '2023-10-28T23:30:00.000Z',
      '2023-10-29T01:30:00.000Z',
      'dimanche 29 octobre 1 h 30 à 2 h 30',
      'Sunday 29 October 01:30 to 02:30',
    ],
    // Paris springs forward on Sunday 31 March 2024: 02:00 CET becomes 03:00 CEST (01:00 UTC).
    ['the spring night', '2024-03-31T00:30:00.000Z', '2024-03-31T01:00:00.000Z', 'dimanche 31 mars 1 h 30 à 3 h 00', 'Sunday 31 March 01:30 to 03:00'],
  ])('a move across %s says the local wall clock', (_, from, to, fr, en) => {
    const [change] = programChangelog(snapshot(session(1, { startsAt: from })), snapshot(session(1, { startsAt: to })));
    expect(change.kind).toBe('moved');
    expect(change.text.fr).toContain(`déplacée du ${fr}.`);
    expect(change.text.en).toContain(`moved from ${en}.`);
  });
});

describe('programChangelog: order', () => {
  const before = snapshot(
    session(5, { startsAt: T1600 }),
    session(2, { startsAt: T1430 }),
    session(3, { startsAt: T1500 }),
    session(4, { startsAt: T1430 }),
    session(7, { startsAt: null })
  );
  const after = snapshot(
    session(2, { startsAt: T1600, title: 'Deux' }), // moved later: sorts on its new start
    session(4, { startsAt: T1430, cancelled: true }),
    session(6, { startsAt: T1430 }),
    session(7, { startsAt: null, title: 'Sept' }), // no start: last
    session(1, { startsAt: FRIDAY_0900 })
  );
  const expected = [
    [4, 'cancelled'],
    [6, 'added'],
    [3, 'cancelled'], // vanished: sorts on its former start
    [2, 'moved'],
    [2, 'retitled'],
    [5, 'cancelled'],
    [1, 'added'],
    [7, 'retitled'],
  ];

  it('by the newer start, then the number, then the kind', () => {
    expect(kinds(programChangelog(before, after))).toEqual(expected);
  });

  it('whatever order the snapshots list their sessions in', () => {
    const reversed = (s: ProgramSnapshot): ProgramSnapshot => ({ ...s, sessions: [...s.sessions].reverse() });
    expect(programChangelog(reversed(before), reversed(after))).toEqual(programChangelog(before, after));
  });
});

describe('programSnapshot', () => {
  const edition: ProgramEdition = {
    documentId: 'ed',
    slug: 'bluehats-2023',
    title: 'BlueHats 2023',
    year: 2023,
    timeZone: ZONE,
    days: [],
  } as unknown as ProgramEdition; // the calendar fields this test does not use are left out
  const raw = (number: number | null, startsAt: string | null, extra: object = {}) => ({
    id: number ?? 99,
    documentId: `s${number}`,
    number,
    slug: `s${number}`,
    title: `Session ${number}`,
    startsAt,
    durationMinutes: 30,
    room: '',
    speakers: [{ documentId: 'p', name: 'Ada Lovelace' }],
    ...extra,
  });

  it('keeps each numbered session, scheduled or not, and what the changelog compares', () => {
    const program = buildProgram(edition, [raw(2, T1500, { cancelled: true }), raw(1, null), raw(null, T1430)]);
    expect(programSnapshot(program)).toEqual({
      zone: ZONE,
      sessions: [
        { id: 1, title: 'Session 1', startsAt: null, durationMinutes: 30, room: null, speakers: ['Ada Lovelace'], cancelled: false },
        { id: 2, title: 'Session 2', startsAt: T1500, durationMinutes: 30, room: null, speakers: ['Ada Lovelace'], cancelled: true },
      ],
    });
  });
});

describe('nextProgramVersion', () => {
  const PROGRAM_DATE = '2023-12-04T08:00:00.000Z';
  it.each<[string, { number: number; publishedAt: string } | null, string, string | null, number | null]>([
    ['the last millisecond before the program date', null, '2023-12-04T07:59:59.999Z', PROGRAM_DATE, null],
    ['the program date itself', null, PROGRAM_DATE, PROGRAM_DATE, 1],
    ['after the program date', null, '2023-12-06T10:00:00.000Z', PROGRAM_DATE, 1],
    ['a later publication', { number: 1, publishedAt: PROGRAM_DATE }, '2023-12-06T10:00:00.000Z', PROGRAM_DATE, 2],
    ['the one after', { number: 4, publishedAt: '2023-12-06T10:00:00.000Z' }, '2023-12-07T10:00:00.000Z', PROGRAM_DATE, 5],
    [
      'a program date moved later than a version already out: still embargoed',
      { number: 1, publishedAt: PROGRAM_DATE },
      '2023-12-05T00:00:00.000Z',
      '2023-12-06T00:00:00.000Z',
      null,
    ],
    ['an edition without a program date', null, '2023-11-01T00:00:00.000Z', null, 1],
  ])('%s', (_, current, now, programDate, expected) => {
    expect(nextProgramVersion(current, new Date(now), programDate)?.number ?? null).toBe(expected);
  });

  it('labels version 1 as the stabilised program, in French and English', () => {
    expect(nextProgramVersion(null, new Date('2023-12-04T08:00:00.000Z'), '2023-12-04T08:00:00.000Z')).toEqual({
      number: 1,
      stabilised: true,
      label: { fr: 'Version 1 — programme stabilisé', en: 'Version 1 — stabilised program' },
    });
    expect(programVersionLabel(2)).toEqual({ fr: 'Version 2', en: 'Version 2' });
    expect(nextProgramVersion({ number: 1, publishedAt: '2023-12-04T08:00:00.000Z' }, new Date('2023-12-05T08:00:00.000Z'), null)?.stabilised).toBe(false);
  });
});

describe('isNewVersion: what makes a version', () => {
  it.each<[string, ProgramSnapshot | null, ProgramSnapshot, boolean]>([
    ['the first program with a session', null, snapshot(session(1)), true],
    ['the first program, empty', null, snapshot(), false],
    ['the first program, a cancelled session only', null, snapshot(session(1, { cancelled: true })), true],
    ['a move', snapshot(session(1)), snapshot(session(1, { startsAt: T1500 })), true],
    ['speakers reordered only', snapshot(session(1, { speakers: ['A', 'B'] })), snapshot(session(1, { speakers: ['B', 'A'] })), false],
    ['nothing', snapshot(session(1)), snapshot(session(1)), false],
    ['the last session unpublished', snapshot(session(1)), snapshot(), true],
  ])('%s: %s', (_, previous, next, expected) => {
    expect(isNewVersion(previous, next, programChangelog(previous, next))).toBe(expected);
  });
});

describe('versionUpdatedText: « mis à jour le … » in the edition’s zone', () => {
  it.each([
    [
      '2023-12-05T10:00:00.000Z',
      'Europe/Paris',
      'Mis à jour le 5 décembre 2023 à 11 h 00 (heure de Paris)',
      'Updated on 5 December 2023 at 11:00 (Paris time)',
    ],
    [
      '2023-12-05T10:00:00.000Z',
      'Pacific/Noumea',
      'Mis à jour le 5 décembre 2023 à 21 h 00 (heure de Nouméa)',
      'Updated on 5 December 2023 at 21:00 (Noumea time)',
    ],
    // The night Paris goes back to winter time: the offset in force at that instant (summer time, still).
    ['2023-10-29T00:30:00.000Z', 'Europe/Paris', 'Mis à jour le 29 octobre 2023 à 2 h 30 (heure de Paris)', 'Updated on 29 October 2023 at 02:30 (Paris time)'],
  ])('%s in %s', (at, zone, fr, en) => {
    expect(versionUpdatedText(at, zone)).toEqual({ fr, en });
  });
});

describe('sessionAwaitsPublication: what « Publier le programme » publishes', () => {
  const draft = {
    title: 'Ouverture',
    slug: 'ouverture',
    abstract: null,
    startsAt: '2023-12-06T13:00:00.000Z',
    durationMinutes: 20,
    room: null,
    format: 'talk',
    slidesUrl: null,
    videoUrl: null,
    cancelled: false,
    speakers: [{ documentId: 'ada' }],
  };
  it.each<[string, Record<string, unknown>, Record<string, unknown> | null, boolean]>([
    ['placed, never published', draft, null, true],
    ['unplaced, never published', { ...draft, startsAt: null }, null, false],
    ['unplaced but cancelled', { ...draft, startsAt: null, cancelled: true }, null, true],
    ['published as it is', draft, { ...draft }, false],
    ['the same instant written another way', draft, { ...draft, startsAt: new Date('2023-12-06T13:00:00.000Z') }, false],
    ['an empty abstract written as a blank', draft, { ...draft, abstract: '' }, false],
    ['moved', { ...draft, startsAt: '2023-12-06T13:30:00.000Z' }, draft, true],
    ['retitled', { ...draft, title: 'Ouverture des journées' }, draft, true],
    ['cancelled since', { ...draft, cancelled: true }, draft, true],
    ['a slides link added', { ...draft, slidesUrl: 'https://example.org/s.pdf' }, draft, true],
    ['a speaker added', { ...draft, speakers: [{ documentId: 'ada' }, { documentId: 'grace' }] }, draft, true],
    [
      'speakers in another order',
      { ...draft, speakers: [{ documentId: 'grace' }, { documentId: 'ada' }] },
      { ...draft, speakers: [{ documentId: 'ada' }, { documentId: 'grace' }] },
      false,
    ],
  ])('%s', (_, d, published, expected) => {
    expect(sessionAwaitsPublication(d, published)).toBe(expected);
  });

  it('a speaker whose draft differs in a published field', () => {
    const speaker = { name: 'Ada Lovelace', jobTitle: null, bio: 'Pionnière', administration: { id: 3 }, photo: null };
    expect(draftDiffers(speaker, speaker, SPEAKER_PUBLISHED_FIELDS)).toBe(false);
    expect(draftDiffers({ ...speaker, bio: 'Mathématicienne' }, speaker, SPEAKER_PUBLISHED_FIELDS)).toBe(true);
    expect(draftDiffers({ ...speaker, administration: { id: 4 } }, speaker, SPEAKER_PUBLISHED_FIELDS)).toBe(true);
    expect(draftDiffers(speaker, null, SPEAKER_PUBLISHED_FIELDS)).toBe(true);
  });
});

describe('scheduleVersionName: the schedule’s `version`', () => {
  it.each<[number | null, RegExp]>([
    [null, /^[0-9a-f]{12}$/],
    [1, /^1$/],
    [12, /^12$/],
  ])('version %s', (number, expected) => {
    expect(scheduleVersionName(number, { conference: { title: 'BlueHats' } })).toMatch(expected);
  });
});

describe('forgetSpeaker: an erased person leaves the program history', () => {
  const ADA = 'Ada Lovelace';
  const version = (before: SnapshotSession[], after: SnapshotSession[]): VersionContent => ({
    snapshot: snapshot(...after),
    changes: programChangelog(snapshot(...before), snapshot(...after)),
  });
  const speakersOf = (v: VersionContent) => v.snapshot.sessions.map((s) => [s.id, s.speakers]);
  const changesOf = (v: VersionContent) => v.changes.map((c) => (c.kind === 'speakers_changed' ? [c.id, c.kind, c.added, c.removed] : [c.id, c.kind]));

  it.each<[string, VersionContent, number[], [number, string[]][], unknown[]]>([
    ['out of their session’s snapshot', version([], [session(1, { speakers: [ADA, 'Grace Hopper'] })]), [1], [[1, ['Grace Hopper']]], [[1, 'added']]],
    ['alone on their talk: the talk stays, with nobody', version([session(1)], [session(1)]), [1], [[1, []]], []],
    [
      'a namesake in another session is someone else',
      version([], [session(1), session(2)]),
      [1],
      [
        [1, []],
        [2, [ADA]],
      ],
      [
        [1, 'added'],
        [2, 'added'],
      ],
    ],
    ['a change that named them alone goes', version([session(1, { speakers: [] })], [session(1)]), [1], [[1, []]], []],
    [
      'a change that named others too keeps the others',
      version([session(1, { speakers: ['Grace Hopper'] })], [session(1, { speakers: [ADA, 'Alan Turing'] })]),
      [1],
      [[1, ['Alan Turing']]],
      [[1, 'speakers_changed', ['Alan Turing'], ['Grace Hopper']]],
    ],
    [
      'their removal from a talk is forgotten too',
      version([session(1, { speakers: [ADA, 'Grace Hopper'] })], [session(1, { speakers: ['Grace Hopper'] })]),
      [1],
      [[1, ['Grace Hopper']]],
      [],
    ],
    ['written with other spaces and case', version([], [session(1, { speakers: [' ada LOVELACE '] })]), [1], [[1, []]], [[1, 'added']]],
    ['accents are part of a name', version([], [session(1, { speakers: ['Adà Lovelace'] })]), [1], [[1, ['Adà Lovelace']]], [[1, 'added']]],
  ])('%s', (_, given, sessionIds, speakers, changes) => {
    const forgotten = forgetSpeaker(given, new Set(sessionIds), ADA);
    expect(speakersOf(forgotten)).toEqual(speakers);
    expect(changesOf(forgotten)).toEqual(changes);
  });

  it('says a kept change again without the name, in French and English', () => {
    const given = version([session(1, { speakers: ['Grace Hopper'] })], [session(1, { speakers: [ADA, 'Alan Turing'] })]);
    const [change] = forgetSpeaker(given, new Set([1]), ADA).changes;
    expect(change.text).toEqual({
      fr: '«\u00a0Session 1\u00a0», intervenants — ajout\u00a0: Alan Turing\u00a0; retrait\u00a0: Grace Hopper.',
      en: '“Session 1”, speakers — added: Alan Turing; removed: Grace Hopper.',
    });
    expect(JSON.stringify(forgetSpeaker(given, new Set([1]), ADA))).not.toContain('Ada');
  });

  it('answers the very same version when it does not name them, so that nothing is written', () => {
    const given = version([], [session(1, { speakers: ['Grace Hopper'] }), session(2)]);
    expect(forgetSpeaker(given, new Set([1]), ADA)).toBe(given);
  });

  it('the next changelog, compared with the forgotten version, does not name them', () => {
    const published = version([], [session(1, { speakers: [ADA, 'Grace Hopper'] })]);
    const forgotten = forgetSpeaker(published, new Set([1]), ADA);
    // Editors take them off the talk and publish again: nothing an attendee did not already see.
    expect(programChangelog(forgotten.snapshot, snapshot(session(1, { speakers: ['Grace Hopper'] })))).toEqual([]);
    // Compared with the version as it was, the changelog would have named them.
    expect(JSON.stringify(programChangelog(published.snapshot, snapshot(session(1, { speakers: ['Grace Hopper'] }))))).toContain(ADA);
  });
});

describe('snapshotWithout: an erased speaker never comes back into the history of their talk', () => {
  const ADA = 'Ada Lovelace';
  /** Forgotten as the service keeps them: by session number and normalised name. */
  const forgottenIn = (...entries: [number, string][]) => {
    const texts = new Set(entries.map(([id, name]) => forgottenSpeakerText(id, name)));
    return (id: number, name: string) => texts.has(forgottenSpeakerText(id, name));
  };
  const speakersOf = (s: ProgramSnapshot) => s.sessions.map((x) => [x.id, x.speakers]);

  it.each<[string, SnapshotSession[], [number, string][], [number, string[]][]]>([
    ['out of their talk', [session(1, { speakers: [ADA, 'Grace Hopper'] })], [[1, ADA]], [[1, ['Grace Hopper']]]],
    ['alone on their talk: the talk stays, with nobody', [session(1)], [[1, ADA]], [[1, []]]],
    [
      'a namesake in another session is someone else',
      [session(1), session(2)],
      [[1, ADA]],
      [
        [1, []],
        [2, [ADA]],
      ],
    ],
    ['written with other spaces and case', [session(1, { speakers: [' ada LOVELACE '] })], [[1, ADA]], [[1, []]]],
    ['accents are part of a name', [session(1, { speakers: ['Adà Lovelace'] })], [[1, ADA]], [[1, ['Adà Lovelace']]]],
    [
      'two people forgotten from one talk',
      [session(1, { speakers: [ADA, 'Grace Hopper', 'Alan Turing'] })],
      [
        [1, ADA],
        [1, 'grace hopper'],
      ],
      [[1, ['Alan Turing']]],
    ],
  ])('%s', (_, sessions, forgotten, expected) => {
    expect(speakersOf(snapshotWithout(snapshot(...sessions), forgottenIn(...forgotten)))).toEqual(expected);
  });

  it('answers the very same snapshot when nobody in it is forgotten', () => {
    const given = snapshot(session(1, { speakers: ['Grace Hopper'] }), session(2));
    expect(snapshotWithout(given, forgottenIn([1, ADA]))).toBe(given);
  });

  it('keys a name as forgetSpeaker compares it: number, colon, spaces and case aside, accents kept', () => {
    expect(forgottenSpeakerText(12, ' Adà LOVELACE ')).toBe('12:adà lovelace');
    expect(forgottenSpeakerText(12, 'Ada Lovelace')).not.toBe(forgottenSpeakerText(13, 'Ada Lovelace'));
  });

  it('a later publication still naming them (the talk not yet edited) makes no change that names them', () => {
    const forgotten = forgottenIn([1, ADA]);
    // The version after the erasure: forgetSpeaker took them out.
    const previous = forgetSpeaker(
      { snapshot: snapshot(session(1, { speakers: [ADA, 'Grace Hopper'] }), session(2, { speakers: ['Alan Turing'] })), changes: [] },
      new Set([1]),
      ADA
    ).snapshot;
    // Another session is retitled; their talk is still published with their name.
    const live = snapshot(session(1, { speakers: [ADA, 'Grace Hopper'] }), session(2, { title: 'Nouveau titre', speakers: ['Alan Turing'] }));
    const next = snapshotWithout(live, forgotten);
    const changes = programChangelog(previous, next);
    expect(kinds(changes)).toEqual([[2, 'retitled']]);
    expect(JSON.stringify({ next, changes })).not.toContain('Ada');
    // Without the filter, the changelog would have named them: the case is able to fail.
    expect(JSON.stringify(programChangelog(previous, live))).toContain(ADA);
  });
});

describe('changeForEvent: a rebuild event names nobody', () => {
  const speakers = {
    kind: 'speakers_changed' as const,
    id: 7,
    title: 'Une forge',
    added: ['Ada Nouvellex'],
    removed: ['Grace Partiex'],
    text: {
      fr: '«\u00a0Une forge\u00a0», intervenants — ajout\u00a0: Ada Nouvellex\u00a0; retrait\u00a0: Grace Partiex.',
      en: '“Une forge”, speakers — added: Ada Nouvellex; removed: Grace Partiex.',
    },
  };

  it('keeps a change of speakers, without the names, in both languages', () => {
    const event = changeForEvent(speakers);
    expect(event).toEqual({
      kind: 'speakers_changed',
      id: 7,
      title: 'Une forge',
      text: { fr: '«\u00a0Une forge\u00a0», intervenants modifiés.', en: '“Une forge”, speakers changed.' },
    });
    expect(JSON.stringify(event)).not.toMatch(/Ada|Grace/);
  });

  it('passes every other change as it is', () => {
    const retitled = { kind: 'retitled' as const, id: 8, title: 'Nouveau', from: 'Ancien', to: 'Nouveau', text: { fr: 'a', en: 'b' } };
    expect(changeForEvent(retitled)).toBe(retitled);
  });
});
