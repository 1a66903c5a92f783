/**
 * The program builder's grid in the admin (src/plugins/bluehats/admin/src/components/program-grid.ts):
 * the keyboard's moves, the form's start time and the live rules, in the edition's zone, a DST night included.
 */
import {
  columnOf,
  dayIndexOf,
  describePosition,
  gridColumns,
  liveViolations,
  moveByKey,
  startFromForm,
  type BuilderDay,
  type BuilderEdition,
  type BuilderSession,
  type MoveKey,
  type Position,
} from '../../src/plugins/bluehats/admin/src/components/program-grid';

const day = (date: string, start: string, end: string, minutes: number): BuilderDay => ({ date, label: null, start, end, minutes });

// Two afternoons in Paris (UTC+1 in December), rooms Ada and Grace.
const edition: BuilderEdition = {
  documentId: 'e1',
  title: 'BlueHats',
  timeZone: 'Europe/Paris',
  changeoverMinutes: 5,
  rooms: ['Ada', 'Grace'],
  programPublicationDate: null,
  days: [
    day('2023-12-06', '2023-12-06T13:00:00.000Z', '2023-12-06T16:00:00.000Z', 180),
    day('2023-12-07', '2023-12-07T13:00:00.000Z', '2023-12-07T16:00:00.000Z', 180),
  ],
};
// A slot across the autumn DST night in Paris: 01:00 to 04:00 local lasts four real hours.
const dstNight: BuilderEdition = {
  ...edition,
  rooms: [],
  days: [day('2023-10-29', '2023-10-28T23:00:00.000Z', '2023-10-29T03:00:00.000Z', 240)],
};

const at = (startsAt: string | null, room: string | null = 'Ada', durationMinutes = 20): Position => ({ startsAt, room, durationMinutes });

describe('a key pressed on a picked-up session', () => {
  it.each<[string, BuilderEdition, Position, MoveKey, boolean, Position]>([
    ['down: 5 minutes later', edition, at('2023-12-06T13:10:00.000Z'), 'ArrowDown', false, at('2023-12-06T13:15:00.000Z')],
    ['up: 5 minutes earlier', edition, at('2023-12-06T13:10:00.000Z'), 'ArrowUp', false, at('2023-12-06T13:05:00.000Z')],
    ['up at the afternoon start: stays', edition, at('2023-12-06T13:00:00.000Z'), 'ArrowUp', false, at('2023-12-06T13:00:00.000Z')],
    ['down on the last row: stays (what overflows turns red)', edition, at('2023-12-06T15:55:00.000Z'), 'ArrowDown', false, at('2023-12-06T15:55:00.000Z')],
    ['an off-grid start snaps to 5 minutes', edition, at('2023-12-06T13:07:00.000Z'), 'ArrowDown', false, at('2023-12-06T13:10:00.000Z')],
    ['right: the next room', edition, at('2023-12-06T13:30:00.000Z'), 'ArrowRight', false, at('2023-12-06T13:30:00.000Z', 'Grace')],
    [
      'null room is the first one: right goes to the second',
      edition,
      at('2023-12-06T13:30:00.000Z', null),
      'ArrowRight',
      false,
      at('2023-12-06T13:30:00.000Z', 'Grace'),
    ],
    [
      'right past the last room: the next afternoon, first room, same time',
      edition,
      at('2023-12-06T13:30:00.000Z', 'Grace'),
      'ArrowRight',
      false,
      at('2023-12-07T13:30:00.000Z', 'Ada'),
    ],
    [
      'left past the first room: the previous afternoon, last room',
      edition,
      at('2023-12-07T13:30:00.000Z', 'Ada'),
      'ArrowLeft',
      false,
      at('2023-12-06T13:30:00.000Z', 'Grace'),
    ],
    ['left on the first afternoon and room: stays', edition, at('2023-12-06T13:30:00.000Z', 'Ada'), 'ArrowLeft', false, at('2023-12-06T13:30:00.000Z', 'Ada')],
    ['page down: the next afternoon, same room', edition, at('2023-12-06T14:00:00.000Z', 'Grace'), 'PageDown', false, at('2023-12-07T14:00:00.000Z', 'Grace')],
    ['page up on the first afternoon: stays', edition, at('2023-12-06T14:00:00.000Z'), 'PageUp', false, at('2023-12-06T14:00:00.000Z')],
    ['shift down: 5 minutes longer', edition, at('2023-12-06T13:00:00.000Z'), 'ArrowDown', true, at('2023-12-06T13:00:00.000Z', 'Ada', 25)],
    ['shift up: 5 minutes shorter', edition, at('2023-12-06T13:00:00.000Z'), 'ArrowUp', true, at('2023-12-06T13:00:00.000Z', 'Ada', 15)],
    ['shift up never under 5 minutes', edition, at('2023-12-06T13:00:00.000Z', 'Ada', 5), 'ArrowUp', true, at('2023-12-06T13:00:00.000Z', 'Ada', 5)],
    ['not placed yet: the first afternoon start, first room', edition, at(null, null), 'ArrowDown', false, at('2023-12-06T13:00:00.000Z', 'Ada')],
    // 02:55 (UTC+2) then 5 real minutes later is 02:00 again (UTC+1): the grid counts elapsed time.
    ['DST night: 5 real minutes across the change', dstNight, at('2023-10-29T00:55:00.000Z', null), 'ArrowDown', false, at('2023-10-29T01:00:00.000Z', null)],
    ['DST night: the slot has 4 real hours of rows', dstNight, at('2023-10-29T02:50:00.000Z', null), 'ArrowDown', false, at('2023-10-29T02:55:00.000Z', null)],
    [
      'DST night: the last row is 4 h after the start, minus 5 minutes',
      dstNight,
      at('2023-10-29T02:55:00.000Z', null),
      'ArrowDown',
      false,
      at('2023-10-29T02:55:00.000Z', null),
    ],
  ])('%s', (_what, on, from, key, shift, expected) => {
    expect(moveByKey(on, gridColumns(on), from, key, shift)).toEqual(expected);
  });
});

describe('the grid columns', () => {
  it.each<[string, BuilderEdition, Array<string | null>]>([
    ['the edition rooms, in order', edition, ['Ada', 'Grace']],
    ['no list: one room, whatever the sessions name (the rules read it so)', dstNight, [null]],
  ])('%s', (_what, on, expected) => {
    expect(gridColumns(on)).toEqual(expected);
  });

  it.each<[string, BuilderEdition, string | null, number]>([
    ['a listed room, in its column', edition, 'Grace', 1],
    ['no room: the first room', edition, null, 0],
    ['a room the edition does not have: no column', edition, 'Zoé', -1],
    ['no list, no room: the one room', dstNight, null, 0],
    ['no list, a room named: the same one room', dstNight, 'Salle BlueHats', 0],
  ])('%s', (_what, on, room, expected) => {
    expect(columnOf(on, gridColumns(on), room)).toBe(expected);
  });
});

describe('the start typed in the form, in the edition zone', () => {
  it.each<[string, BuilderDay, string, string | null]>([
    ['14:20 in Paris in December', edition.days[0], '14:20', '2023-12-06T13:20:00.000Z'],
    ['« 14 h 20 »', edition.days[0], '14 h 20', '2023-12-06T13:20:00.000Z'],
    ['« 15h »', edition.days[1], '15h', '2023-12-07T14:00:00.000Z'],
    ['02:30 on the DST night is the first one (UTC+2)', dstNight.days[0], '02:30', '2023-10-29T00:30:00.000Z'],
    ['nonsense', edition.days[0], 'quatorze heures', null],
    ['25:00', edition.days[0], '25:00', null],
  ])('%s', (_what, on, typed, expected) => {
    expect(startFromForm(on, typed, 'Europe/Paris')).toBe(expected);
  });
});

describe('what the live region says, and which afternoon a start is in', () => {
  it.each<[string, Position, string]>([
    ['a place in a room', at('2023-12-06T13:20:00.000Z', 'Grace'), '14 h 20, salle Grace, mercredi 6 décembre'],
    ['null room: the first one', at('2023-12-07T15:05:00.000Z', null), '16 h 05, salle Ada, jeudi 7 décembre'],
    ['outside the afternoons', at('2023-12-06T17:00:00.000Z'), '18 h 00, salle Ada, hors des après-midi'],
    ['no start', at(null), 'hors du programme'],
  ])('%s', (_what, position, expected) => {
    expect(describePosition(edition, position)).toBe(expected);
  });

  it('an edition without rooms names none: the first 2 h 30 of the DST night', () => {
    expect(describePosition(dstNight, at('2023-10-29T00:30:00.000Z', null))).toBe('2 h 30, dimanche 29 octobre');
  });

  it.each<[string | null, number]>([
    ['2023-12-06T13:00:00.000Z', 0],
    ['2023-12-06T15:59:59.999Z', 0],
    ['2023-12-06T16:00:00.000Z', -1],
    ['2023-12-07T14:00:00.000Z', 1],
    [null, -1],
  ])('%s is in afternoon %i', (startsAt, index) => {
    expect(dayIndexOf(edition, startsAt)).toBe(index);
  });
});

describe('the live rules are the server module on the moved program', () => {
  const session = (documentId: string, startsAt: string | null, extra: Partial<BuilderSession> = {}): BuilderSession => ({
    documentId,
    number: null,
    title: documentId,
    format: 'talk',
    startsAt,
    durationMinutes: 20,
    room: 'Ada',
    cancelled: false,
    preferredDay: null,
    status: 'draft',
    fromProposal: false,
    speakers: [],
    ...extra,
  });
  const sessions = [session('a', '2023-12-06T13:00:00.000Z'), session('b', null, { preferredDay: '2023-12-07' })];
  const codes = (moved: Map<string, Position>) => liveViolations(edition, sessions, moved).map((v) => [v.code, v.sessionIds]);

  it.each<[string, Map<string, Position>, unknown[]]>([
    ['as stored: nothing wrong', new Map(), []],
    ['b moved onto a: overlap', new Map([['b', at('2023-12-06T13:10:00.000Z')]]), expect.arrayContaining([['ROOM_OVERLAP', ['a', 'b']]])],
    [
      'a moved before the afternoon starts',
      new Map([
        ['b', at('2023-12-07T13:00:00.000Z')],
        ['a', at('2023-12-07T12:35:00.000Z')],
      ]),
      expect.arrayContaining([['OUTSIDE_DAY_SLOT', ['a']]]),
    ],
    [
      'b next door in Grace: fine, but not its preferred afternoon',
      new Map([['b', at('2023-12-06T13:10:00.000Z', 'Grace')]]),
      [['PREFERRED_DAY_NOT_RESPECTED', ['b']]],
    ],
    ['b past the afternoon end', new Map([['b', at('2023-12-07T15:55:00.000Z')]]), [['OUTSIDE_DAY_SLOT', ['b']]]],
    ['b 5 minutes after a ends: the changeover is kept', new Map([['b', at('2023-12-06T13:25:00.000Z')]]), [['PREFERRED_DAY_NOT_RESPECTED', ['b']]]],
    [
      'b 2 minutes after a ends: changeover too short',
      new Map([['b', at('2023-12-06T13:22:00.000Z')]]),
      expect.arrayContaining([['CHANGEOVER_TOO_SHORT', ['a', 'b']]]),
    ],
  ])('%s', (_what, moved, expected) => {
    expect(codes(moved)).toEqual(expected);
  });
});
