import { readAcceptedPlacements, readPlacement, readProgramItem } from '../../src/domain/program-builder-input';

const codes = (parsed: { errors: { code: string }[] } | { value: unknown }) => ('errors' in parsed ? parsed.errors.map((e) => e.code) : []);

describe('a placement, read strictly', () => {
  it.each([
    ['a start in UTC', { startsAt: '2023-12-06T13:00:00.000Z' }, { startsAt: '2023-12-06T13:00:00.000Z' }],
    ['a start with an offset, turned to UTC', { startsAt: '2023-12-06T14:00+01:00' }, { startsAt: '2023-12-06T13:00:00.000Z' }],
    ['null: unplace', { startsAt: null }, { startsAt: null }],
    ['a duration and a room, trimmed', { startsAt: null, durationMinutes: 600, room: ' Atelier ' }, { startsAt: null, durationMinutes: 600, room: 'Atelier' }],
    ['an empty room: the first room', { startsAt: null, room: '' }, { startsAt: null, room: null }],
  ])('accepts %s', (_label, body, expected) => {
    expect(readPlacement(body)).toEqual({ value: expected });
  });

  it.each([
    ['nothing', undefined, ['INVALID_BODY']],
    ['an array', [], ['INVALID_BODY']],
    ['no start', {}, ['REQUIRED', 'INVALID_INSTANT']],
    ['an unknown key', { startsAt: null, startAt: 'x' }, ['UNKNOWN_FIELD']],
    ['a local time without offset', { startsAt: '2023-12-06T14:00:00' }, ['INVALID_INSTANT']],
    ['an impossible day', { startsAt: '2023-02-30T13:00:00Z' }, ['INVALID_INSTANT']],
    ['a number', { startsAt: 1701867600000 }, ['INVALID_INSTANT']],
    ['an object', { startsAt: { $gt: '' } }, ['INVALID_INSTANT']],
    ['a long string', { startsAt: `2023-12-06T13:00:00.000Z${' '.repeat(50)}` }, ['INVALID_INSTANT']],
    ['a duration of 0', { startsAt: null, durationMinutes: 0 }, ['INVALID_DURATION']],
    ['a duration of 601', { startsAt: null, durationMinutes: 601 }, ['INVALID_DURATION']],
    ['a huge duration', { startsAt: null, durationMinutes: 1e308 }, ['INVALID_DURATION']],
    ['a duration as text', { startsAt: null, durationMinutes: '20' }, ['INVALID_DURATION']],
    ['a room of 121 characters', { startsAt: null, room: 'x'.repeat(121) }, ['INVALID_ROOM']],
    ['a room as a list', { startsAt: null, room: ['x'] }, ['INVALID_ROOM']],
  ])('refuses %s', (_label, body, expected) => {
    expect(codes(readPlacement(body))).toEqual(expected);
  });
});

describe('accepted placements', () => {
  it('reads each session once, starts in UTC, rooms null by default', () => {
    expect(readAcceptedPlacements({ placements: [{ documentId: 'a', startsAt: '2023-12-06T14:00+01:00' }] })).toEqual({
      value: [{ documentId: 'a', startsAt: '2023-12-06T13:00:00.000Z', room: null }],
    });
  });
  it.each([
    ['no list', {}, ['INVALID_PLACEMENTS']],
    ['an unknown key beside it', { placements: [{ documentId: 'a', startsAt: '2023-12-06T13:00:00Z' }], confirm: true }, ['UNKNOWN_FIELD']],
    [
      'a session twice',
      {
        placements: [
          { documentId: 'a', startsAt: '2023-12-06T13:00:00Z' },
          { documentId: 'a', startsAt: '2023-12-06T14:00:00Z' },
        ],
      },
      ['DUPLICATE_PLACEMENT'],
    ],
    ['an unplacing null', { placements: [{ documentId: 'a', startsAt: null }] }, ['INVALID_INSTANT']],
    ['an id too long', { placements: [{ documentId: 'x'.repeat(65), startsAt: '2023-12-06T13:00:00Z' }] }, ['INVALID_DOCUMENT_ID']],
  ])('refuses %s', (_label, body, expected) => {
    expect(codes(readAcceptedPlacements(body))).toEqual(expected);
  });
});

describe('a program item', () => {
  it('is a welcome, a break, a closing or a round table, placed or not', () => {
    expect(readProgramItem({ title: ' Pause café ', format: 'break', durationMinutes: 15 })).toEqual({
      value: { title: 'Pause café', format: 'break', startsAt: null, durationMinutes: 15, room: null },
    });
  });
  it.each([
    ['a talk', { title: 'x', format: 'talk', durationMinutes: 15 }, ['INVALID_FORMAT']],
    ['no title', { format: 'break', durationMinutes: 15 }, ['INVALID_TITLE']],
    ['no duration', { title: 'x', format: 'break' }, ['INVALID_DURATION']],
    ['a proposal', { title: 'x', format: 'break', durationMinutes: 15, proposal: 'p' }, ['UNKNOWN_FIELD']],
  ])('refuses %s', (_label, body, expected) => {
    expect(codes(readProgramItem(body))).toEqual(expected);
  });
});
