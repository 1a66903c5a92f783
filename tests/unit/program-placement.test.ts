import {
  daySlots,
  enforcedViolations,
  isRefused,
  newlyBroken,
  refusalsFor,
  placementViolations,
  suggestPlacement,
  type Placed,
  type PlacementEdition,
  type Unplaced,
} from '../../src/domain/program-placement';

// BlueHats 2023: two afternoons in Paris (UTC+1 in December), one room, 5 minutes between talks.
const bluehats: PlacementEdition = {
  timeZone: 'Europe/Paris',
  days: [
    { date: '2023-12-06', startTime: '14:00:00.000', endTime: '17:00:00.000' },
    { date: '2023-12-07', startTime: '14:00', endTime: '17:00' },
  ],
  changeoverMinutes: 5,
};

let nextId = 1;
const talk = (startsAt: string | null, durationMinutes: number, extra: Partial<Placed> = {}): Placed => ({
  id: nextId++,
  title: `Talk ${nextId}`,
  startsAt,
  durationMinutes,
  room: null,
  preferredDay: null,
  ...extra,
});
const codes = (edition: PlacementEdition, sessions: Placed[]) => placementViolations(edition, sessions).map((v) => v.code);

describe('a session lies inside a day slot, in the edition zone', () => {
  it.each([
    ['starts at the slot start', '2023-12-06T13:00:00.000Z', 30, []],
    ['ends on the last minute of the slot (16:30 + 30 = 17:00)', '2023-12-06T15:30:00.000Z', 30, []],
    ['ends one minute after the slot (16:31 + 30)', '2023-12-06T15:31:00.000Z', 30, ['OUTSIDE_DAY_SLOT']],
    ['ends one millisecond after the slot', '2023-12-06T15:30:00.001Z', 30, ['OUTSIDE_DAY_SLOT']],
    ['starts one minute before the slot', '2023-12-06T12:59:00.000Z', 30, ['OUTSIDE_DAY_SLOT']],
    ['starts exactly at the slot end', '2023-12-06T16:00:00.000Z', 5, ['OUTSIDE_DAY_SLOT']],
    ['on a day the edition does not have', '2023-12-08T13:00:00.000Z', 30, ['OUTSIDE_DAY_SLOT']],
    ['given with an offset, in the slot', '2023-12-07T16:45:00+01:00', 15, []],
  ])('%s', (_label, startsAt, minutes, expected) => {
    expect(codes(bluehats, [talk(startsAt, minutes)])).toEqual(expected);
  });

  const aroundNoon: PlacementEdition = { timeZone: 'Europe/Paris', days: [{ date: '2024-06-12', startTime: '10:30', endTime: '13:30' }] };
  it.each([
    ['crosses noon inside the slot (11:45–12:15 local)', '2024-06-12T09:45:00.000Z', 30, []],
    ['ends on the slot end after noon (13:00–13:30 local)', '2024-06-12T11:00:00.000Z', 30, []],
    ['first minute out after noon (13:01–13:31 local)', '2024-06-12T11:01:00.000Z', 30, ['OUTSIDE_DAY_SLOT']],
    ['whole slot across noon (180 min)', '2024-06-12T08:30:00.000Z', 180, []],
  ])('a slot crossing noon: %s', (_label, startsAt, minutes, expected) => {
    expect(codes(aroundNoon, [talk(startsAt, minutes)])).toEqual(expected);
  });

  // 29 October 2023, Paris: clocks go back from 03:00 CEST to 02:00 CET. 01:00–04:00 local is 4 real hours.
  const dstNight: PlacementEdition = { timeZone: 'Europe/Paris', days: [{ date: '2023-10-29', startTime: '01:00', endTime: '04:00' }] };
  it('a slot on a DST night lasts its real elapsed minutes', () => {
    const [slot] = daySlots(dstNight);
    expect(slot.start.toUTC().toISO()).toBe('2023-10-28T23:00:00.000Z');
    expect(slot.end.toUTC().toISO()).toBe('2023-10-29T03:00:00.000Z');
    expect(slot.minutes).toBe(240);
  });
  it.each([
    ['four real hours fit', '2023-10-28T23:00:00.000Z', 240, []],
    ['four hours and a minute do not', '2023-10-28T23:00:00.000Z', 241, ['OUTSIDE_DAY_SLOT', 'DAY_OVER_CAPACITY']],
    ['the last hour, after the repeated one', '2023-10-29T02:00:00.000Z', 60, []],
    ['one minute past 04:00 local', '2023-10-29T02:01:00.000Z', 60, ['OUTSIDE_DAY_SLOT']],
  ])('a DST night: %s', (_label, startsAt, minutes, expected) => {
    expect(codes(dstNight, [talk(startsAt, minutes)])).toEqual(expected);
  });
  it('the DST slot holds 240 minutes of talks but not 245', () => {
    const fits = [talk('2023-10-28T23:00:00.000Z', 120), talk('2023-10-29T01:00:00.000Z', 120)];
    expect(codes({ ...dstNight, changeoverMinutes: 0 }, fits)).toEqual([]);
    expect(codes({ ...dstNight, changeoverMinutes: 0 }, [...fits, talk('2023-10-29T00:00:00.000Z', 5)])).toEqual(['ROOM_OVERLAP', 'DAY_OVER_CAPACITY']);
  });
});

describe('no two sessions overlap in a room, with a changeover gap', () => {
  const noGap = { ...bluehats, changeoverMinutes: 0 };
  it.each([
    ['touching (end == start)', noGap, ['2023-12-06T13:00:00.000Z', 30], ['2023-12-06T13:30:00.000Z', 30], []],
    ['one minute overlap', noGap, ['2023-12-06T13:00:00.000Z', 30], ['2023-12-06T13:29:00.000Z', 30], ['ROOM_OVERLAP']],
    ['one inside the other', noGap, ['2023-12-06T13:00:00.000Z', 60], ['2023-12-06T13:10:00.000Z', 10], ['ROOM_OVERLAP']],
    ['same start', noGap, ['2023-12-06T13:00:00.000Z', 20], ['2023-12-06T13:00:00.000Z', 20], ['ROOM_OVERLAP']],
    ['exactly the gap', bluehats, ['2023-12-06T13:00:00.000Z', 30], ['2023-12-06T13:35:00.000Z', 30], []],
    ['one minute short of the gap', bluehats, ['2023-12-06T13:00:00.000Z', 30], ['2023-12-06T13:34:00.000Z', 30], ['CHANGEOVER_TOO_SHORT']],
    ['touching with a gap required', bluehats, ['2023-12-06T13:00:00.000Z', 30], ['2023-12-06T13:30:00.000Z', 30], ['CHANGEOVER_TOO_SHORT']],
  ] as const)('%s', (_label, edition, [aStart, aMin], [bStart, bMin], expected) => {
    expect(codes(edition, [talk(aStart, aMin), talk(bStart, bMin)])).toEqual(expected);
  });

  it('names both sessions, in program order, whatever the input order', () => {
    const a = talk('2023-12-06T13:00:00.000Z', 30, { id: 'b-first' });
    const b = talk('2023-12-06T13:15:00.000Z', 30, { id: 'a-second' });
    for (const input of [
      [a, b],
      [b, a],
    ]) {
      const [overlap] = placementViolations(bluehats, input);
      expect(overlap).toMatchObject({ code: 'ROOM_OVERLAP', severity: 'error', sessionIds: ['b-first', 'a-second'], day: '2023-12-06' });
      expect(overlap.message).toContain('se chevauchent');
      expect(overlap.messageEn).toContain('overlap');
    }
  });

  it('rooms are separate; a null room is the first room', () => {
    const twoRooms: PlacementEdition = { ...bluehats, rooms: ['Amphi', 'Salle B'] };
    const s = '2023-12-06T13:00:00.000Z';
    expect(codes(twoRooms, [talk(s, 30, { room: 'Amphi' }), talk(s, 30, { room: 'Salle B' })])).toEqual([]);
    expect(codes(twoRooms, [talk(s, 30, { room: null }), talk(s, 30, { room: 'Amphi' })])).toEqual(['ROOM_OVERLAP']);
    expect(codes(twoRooms, [talk(s, 30, { room: 'Cave' })])).toEqual(['UNKNOWN_ROOM']);
  });

  it.each<[string, string | null, string | null, string[]]>([
    ['no room and « Salle BlueHats »', null, 'Salle BlueHats', ['ROOM_OVERLAP']],
    ['two different room texts', 'Salle 1', 'Salle 2', ['ROOM_OVERLAP']],
    ['the same room text', 'Salle BlueHats', 'Salle BlueHats', ['ROOM_OVERLAP']],
  ])('an edition without a room list has one room, whatever its sessions say: %s', (_label, a, b, expected) => {
    const s = '2023-12-06T13:00:00.000Z';
    expect(codes(bluehats, [talk(s, 30, { room: a }), talk(s, 30, { room: b })])).toEqual(expected);
    expect(codes({ ...bluehats, rooms: [] }, [talk(s, 30, { room: a }), talk(s, 30, { room: b })])).toEqual(expected);
  });

  it('counts one room’s minutes per afternoon when the edition has no list, whatever the room texts', () => {
    const noGap = { ...bluehats, changeoverMinutes: 0 };
    const afternoon = [0, 1, 2].map((h) => talk(`2023-12-06T${13 + h}:00:00.000Z`, 60, { room: `Salle ${h}` }));
    expect(codes(noGap, afternoon)).toEqual([]);
    expect(codes(noGap, [...afternoon, talk('2023-12-06T13:00:00.000Z', 10, { room: 'Ailleurs' })])).toEqual(
      expect.arrayContaining(['ROOM_OVERLAP', 'DAY_OVER_CAPACITY'])
    );
  });

  it('a cancelled session takes no room; an unplaced one is not checked', () => {
    const s = '2023-12-06T13:00:00.000Z';
    expect(codes(bluehats, [talk(s, 30), talk(s, 30, { cancelled: true }), talk(null, 30)])).toEqual([]);
    expect(codes(bluehats, [talk('2023-12-06T10:00:00.000Z', 30, { cancelled: true })])).toEqual([]);
  });

  it('an invalid start or duration is an error, not a crash', () => {
    expect(codes(bluehats, [talk('not a date', 30), talk('2023-12-06T13:00:00.000Z', 0), talk('2023-12-06T13:00:00.000Z', 2.5)])).toEqual([
      'INVALID_SESSION_TIME',
      'INVALID_SESSION_TIME',
      'INVALID_SESSION_TIME',
    ]);
  });
});

describe('an afternoon never holds more minutes than it has', () => {
  it('180 minutes in a 180-minute afternoon are fine; 181 are over capacity, per room', () => {
    const noGap = { ...bluehats, changeoverMinutes: 0 };
    const full = [talk('2023-12-06T13:00:00.000Z', 90), talk('2023-12-06T14:30:00.000Z', 90)];
    expect(codes(noGap, full)).toEqual([]);
    const over = [...full, talk('2023-12-06T12:59:00.000Z', 1)];
    const violations = placementViolations(noGap, over);
    const capacity = violations.find((v) => v.code === 'DAY_OVER_CAPACITY')!;
    expect(capacity).toMatchObject({ severity: 'error', day: '2023-12-06' });
    expect(capacity.sessionIds).toHaveLength(3);
    expect(capacity.message).toContain('181 min');
    const twoRooms = { ...noGap, rooms: ['A', 'B'] };
    expect(codes(twoRooms, [...full.map((s) => ({ ...s, room: 'A' })), talk('2023-12-06T13:00:00.000Z', 180, { room: 'B' })])).toEqual([]);
  });
});

describe('a preferred afternoon not respected is a warning', () => {
  it('is reported with severity warning, and refuses nothing', () => {
    const session = talk('2023-12-07T13:00:00.000Z', 30, { preferredDay: '2023-12-06' });
    const violations = placementViolations(bluehats, [session]);
    expect(violations).toEqual([expect.objectContaining({ code: 'PREFERRED_DAY_NOT_RESPECTED', severity: 'warning', sessionIds: [session.id] })]);
    expect(isRefused(violations)).toBe(false);
    expect(placementViolations(bluehats, [{ ...session, preferredDay: '2023-12-07' }])).toEqual([]);
  });
  it('an error beside it refuses', () => {
    const violations = placementViolations(bluehats, [talk('2023-12-07T15:59:00.000Z', 30, { preferredDay: '2023-12-06' })]);
    expect(violations.map((v) => [v.code, v.severity])).toEqual([
      ['OUTSIDE_DAY_SLOT', 'error'],
      ['PREFERRED_DAY_NOT_RESPECTED', 'warning'],
    ]);
    expect(isRefused(violations)).toBe(true);
  });
});

/** A small seeded generator: the same seed, the same cases, run after run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
const unplacedTalk = (id: string, durationMinutes: number, preferredDay: string | null = null): Unplaced => ({
  id,
  title: `Talk ${id}`,
  durationMinutes,
  preferredDay,
});

describe('« Proposer un placement »', () => {
  it('keeps placed sessions, fills the preferred afternoon sequentially with the gap, longest first', () => {
    const placed = [talk('2023-12-06T13:00:00.000Z', 20, { id: 'kept' })];
    const suggestion = suggestPlacement(bluehats, placed, [
      unplacedTalk('short', 10, '2023-12-06'),
      unplacedTalk('long', 30, '2023-12-06'),
      unplacedTalk('tie-b', 20, '2023-12-06'),
      unplacedTalk('tie-a', 20, '2023-12-06'),
    ]);
    expect(suggestion.left).toEqual([]);
    // 14:00 kept (20) → 14:25 long (30) → 15:00 tie-a → 15:25 tie-b → 15:50 short, Paris time.
    expect(suggestion.placements).toEqual([
      { id: 'long', startsAt: '2023-12-06T13:25:00.000Z', room: null, day: '2023-12-06' },
      { id: 'tie-a', startsAt: '2023-12-06T14:00:00.000Z', room: null, day: '2023-12-06' },
      { id: 'tie-b', startsAt: '2023-12-06T14:25:00.000Z', room: null, day: '2023-12-06' },
      { id: 'short', startsAt: '2023-12-06T14:50:00.000Z', room: null, day: '2023-12-06' },
    ]);
  });

  it('without a preference, or when the preferred afternoon is full, takes the afternoon with the most room left, ties by date', () => {
    const placed = [talk('2023-12-06T13:00:00.000Z', 170, { id: 'big' })];
    const { placements, left } = suggestPlacement(bluehats, placed, [unplacedTalk('a', 30, '2023-12-06'), unplacedTalk('b', 20), unplacedTalk('c', 20)]);
    expect(left).toEqual([]);
    expect(placements.map((p) => [p.id, p.day])).toEqual([
      ['a', '2023-12-07'],
      ['b', '2023-12-07'],
      ['c', '2023-12-07'],
    ]);
    const tie = suggestPlacement(bluehats, [], [unplacedTalk('x', 30)]);
    expect(tie.placements[0].day).toBe('2023-12-06');
  });

  it('leaves out what fits nowhere, with a French reason', () => {
    const { placements, left } = suggestPlacement(
      bluehats,
      [],
      [unplacedTalk('huge', 181), unplacedTalk('zero', 0), ...['1', '2', '3'].map((id) => unplacedTalk(id, 120))]
    );
    expect(placements.map((p) => p.id)).toEqual(['1', '2']);
    expect(left.map((l) => l.id)).toEqual(['huge', '3', 'zero']);
    expect(left[0].reason).toContain('plus que le plus long des après-midi');
    expect(left[1].reason).toContain("Aucun après-midi n'a encore 120 min");
    expect(left[2].reason).toContain('Durée invalide');
    expect(suggestPlacement({ timeZone: 'Europe/Paris', days: [] }, [], [unplacedTalk('a', 10)]).left[0].reason).toContain('aucun après-midi');
  });

  it('fills a DST night by real minutes', () => {
    const dstNight: PlacementEdition = { timeZone: 'Europe/Paris', days: [{ date: '2023-10-29', startTime: '01:00', endTime: '04:00' }] };
    const { placements, left } = suggestPlacement(dstNight, [], [unplacedTalk('a', 120), unplacedTalk('b', 120), unplacedTalk('c', 1)]);
    expect(placements.map((p) => p.startsAt)).toEqual(['2023-10-28T23:00:00.000Z', '2023-10-29T01:00:00.000Z']);
    expect(left.map((l) => l.id)).toEqual(['c']);
  });

  it('is deterministic: shuffled inputs give the same suggestion', () => {
    const random = mulberry32(17);
    const edition: PlacementEdition = { ...bluehats, rooms: ['Amphi', 'Salle B'] };
    const placed = [talk('2023-12-06T13:00:00.000Z', 30, { id: 'p1', room: 'Amphi' }), talk('2023-12-07T14:00:00.000Z', 45, { id: 'p2', room: 'Salle B' })];
    const unplaced = Array.from({ length: 14 }, (_, i) => unplacedTalk(`u${i}`, [10, 15, 20, 30][i % 4], i % 3 === 0 ? '2023-12-07' : null));
    const reference = suggestPlacement(edition, placed, unplaced);
    expect(reference.placements.length).toBeGreaterThan(0);
    for (let run = 0; run < 20; run += 1) {
      expect(suggestPlacement(edition, shuffled(placed, random), shuffled(unplaced, random))).toEqual(reference);
    }
  });

  it('never overflows: over seeded random editions, the result breaks no rule, and every talk is placed or left once', () => {
    let placedCount = 0;
    let leftCount = 0;
    const zones = ['Europe/Paris', 'Indian/Reunion', 'America/Cayenne', 'Pacific/Noumea'];
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = mulberry32(seed);
      const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
      const dayCount = 1 + Math.floor(random() * 3);
      const edition: PlacementEdition = {
        timeZone: pick(zones),
        days: Array.from({ length: dayCount }, (_, i) => {
          const startHour = 8 + Math.floor(random() * 8);
          const length = 1 + Math.floor(random() * 5);
          const date = pick([`2023-10-${27 + i}`, `2024-03-${29 + i}`, `2023-12-0${5 + i}`]);
          return {
            date,
            startTime: `${String(startHour).padStart(2, '0')}:${pick(['00', '30'])}`,
            endTime: `${String(startHour + length).padStart(2, '0')}:00`,
          };
        }).filter((day, index, all) => all.findIndex((d) => d.date === day.date) === index),
        rooms: random() < 0.5 ? [] : ['A', 'B', 'C'].slice(0, 1 + Math.floor(random() * 3)),
        changeoverMinutes: pick([0, 5, 10]),
      };
      const dates = (edition.days ?? []).map((d) => d.date);
      const unplaced = Array.from({ length: Math.floor(random() * 30) }, (_, i) =>
        unplacedTalk(`t${i}`, pick([5, 10, 15, 20, 30, 45, 60, 90]), random() < 0.5 ? pick(dates) : null)
      );
      // A first suggestion becomes the placed program of the second round.
      const first = suggestPlacement(edition, [], unplaced.slice(0, unplaced.length / 2));
      const byId = new Map(unplaced.map((u) => [u.id, u]));
      const placed: Placed[] = first.placements.map((p) => ({ ...byId.get(p.id)!, startsAt: p.startsAt, room: p.room }));
      const rest = unplaced.slice(unplaced.length / 2);
      const second = suggestPlacement(edition, placed, rest);
      const program: Placed[] = [...placed, ...second.placements.map((p) => ({ ...byId.get(p.id)!, startsAt: p.startsAt, room: p.room }))];
      const errors = placementViolations(edition, program).filter((v) => v.severity === 'error');
      expect({ seed, errors }).toEqual({ seed, errors: [] });
      const ids = [...second.placements.map((p) => p.id), ...second.left.map((l) => l.id)].sort();
      expect(ids).toEqual(rest.map((r) => r.id).sort());
      placedCount += second.placements.length;
      leftCount += second.left.length;
    }
    // The cases exercise both outcomes, not only one.
    expect(placedCount).toBeGreaterThan(200);
    expect(leftCount).toBeGreaterThan(50);
  });
});

describe('what a write is refused for (the rules on every write path)', () => {
  const codesOf = (list: { code: string }[]) => list.map((v) => v.code);

  it.each([
    ['a placement that overlaps', [talk('2023-12-06T13:00:00.000Z', 30, { id: 'a' }), talk('2023-12-06T13:20:00.000Z', 30, { id: 'w' })], ['ROOM_OVERLAP']],
    [
      'a placement that keeps no changeover',
      [talk('2023-12-06T13:00:00.000Z', 30, { id: 'a' }), talk('2023-12-06T13:32:00.000Z', 30, { id: 'w' })],
      ['CHANGEOVER_TOO_SHORT'],
    ],
    ['a placement outside the afternoons', [talk('2023-12-06T16:00:00.000Z', 30, { id: 'w' })], ['OUTSIDE_DAY_SLOT']],
    [
      'a problem between two other sessions only',
      [talk('2023-12-06T13:00:00.000Z', 30, { id: 'a' }), talk('2023-12-06T13:10:00.000Z', 30, { id: 'b' }), talk('2023-12-07T13:00:00.000Z', 30, { id: 'w' })],
      [],
    ],
    ['a preferred afternoon not kept (a warning)', [talk('2023-12-06T13:00:00.000Z', 30, { id: 'w', preferredDay: '2023-12-07' })], []],
    [
      'a cancelled session in its way',
      [talk('2023-12-06T13:00:00.000Z', 30, { id: 'a', cancelled: true }), talk('2023-12-06T13:00:00.000Z', 30, { id: 'w' })],
      [],
    ],
  ])('%s', (_label, sessions, expected) => {
    expect(codesOf(refusalsFor(bluehats, sessions, 'w'))).toEqual(expected);
  });

  it('an edition without days holds rooms, overlaps and changeovers, not afternoons', () => {
    const undated: PlacementEdition = { timeZone: 'Europe/Paris', days: [], rooms: ['Salle 1'], changeoverMinutes: 5 };
    expect(codesOf(enforcedViolations(undated, [talk('2024-03-01T09:00:00.000Z', 30, { id: 'a' })]))).toEqual([]);
    expect(
      codesOf(enforcedViolations(undated, [talk('2024-03-01T09:00:00.000Z', 30, { id: 'a' }), talk('2024-03-01T09:10:00.000Z', 30, { id: 'b' })]))
    ).toEqual(['ROOM_OVERLAP']);
    expect(codesOf(enforcedViolations(undated, [talk('2024-03-01T09:00:00.000Z', 30, { id: 'a', room: 'Salle 9' })]))).toEqual(['UNKNOWN_ROOM']);
    // The pure rule itself still reports every session as outside: the builder shows it that way.
    expect(codes(undated, [talk('2024-03-01T09:00:00.000Z', 30)])).toEqual(['OUTSIDE_DAY_SLOT']);
  });

  it.each([
    ['a day taken away', { days: bluehats.days!.slice(0, 1) }, ['OUTSIDE_DAY_SLOT']],
    ['a shorter afternoon', { days: [{ date: '2023-12-06', startTime: '14:00', endTime: '15:00' }, bluehats.days![1]] }, ['OUTSIDE_DAY_SLOT']],
    ['a longer changeover', { changeoverMinutes: 15 }, ['CHANGEOVER_TOO_SHORT']],
    ['a room list without the room used', { rooms: ['Amphi'] }, ['UNKNOWN_ROOM', 'UNKNOWN_ROOM', 'UNKNOWN_ROOM']],
    ['another zone (Cayenne, 4 hours behind)', { timeZone: 'America/Cayenne' }, ['OUTSIDE_DAY_SLOT', 'OUTSIDE_DAY_SLOT', 'OUTSIDE_DAY_SLOT']],
    ['a day added', { days: [...bluehats.days!, { date: '2023-12-08', startTime: '14:00', endTime: '17:00' }] }, []],
    ['a shorter changeover', { changeoverMinutes: 0 }, []],
  ])('new edition settings: %s', (_label, change, expected) => {
    const program = [
      talk('2023-12-06T13:00:00.000Z', 30, { id: 'a', room: 'Salle BlueHats' }),
      talk('2023-12-06T13:40:00.000Z', 30, { id: 'b', room: 'Salle BlueHats' }),
      talk('2023-12-07T13:00:00.000Z', 30, { id: 'c', room: 'Salle BlueHats' }),
    ];
    const before = { ...bluehats, rooms: ['Salle BlueHats'], changeoverMinutes: 10 };
    expect(codesOf(newlyBroken(before, { ...before, ...change }, program))).toEqual(expected);
  });

  it('a problem that was already there is not new', () => {
    const program = [talk('2023-12-06T13:00:00.000Z', 30, { id: 'a' }), talk('2023-12-06T13:10:00.000Z', 30, { id: 'b' })];
    expect(newlyBroken(bluehats, { ...bluehats, changeoverMinutes: 0 }, program)).toEqual([]);
  });
});
