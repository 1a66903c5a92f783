/**
 * What the program builder's routes accept, read strictly. Pure: no Strapi import.
 * An unknown key is refused (a typo such as `startAt` must not pass as « unplace »), so is any value
 * of the wrong type: a number given as a string, a nested object, an array. Each problem is one
 * `InputError` with the path of the field, for a 400 VALIDATION_FAILED.
 */
import { DateTime } from 'luxon';

export interface InputError {
  path: string[];
  code: string;
  message: string; // French
  messageEn: string;
}

export const PROGRAM_ITEM_FORMATS = ['welcome', 'break', 'closing', 'round_table'] as const;
export type ProgramItemFormat = (typeof PROGRAM_ITEM_FORMATS)[number];

export interface PlacementInput {
  startsAt: string | null;
  durationMinutes?: number;
  room?: string | null;
}

export interface AcceptedPlacement {
  documentId: string;
  startsAt: string;
  room: string | null;
}

export interface ProgramItemInput {
  title: string;
  format: ProgramItemFormat;
  startsAt: string | null;
  durationMinutes: number;
  room: string | null;
}

export const MAX_DURATION_MINUTES = 600;
export const MAX_ROOM_LENGTH = 120;
export const MAX_TITLE_LENGTH = 200;
export const MAX_ACCEPTED_PLACEMENTS = 500;
const MAX_DOCUMENT_ID_LENGTH = 64;
// An ISO 8601 instant with its offset: "2023-12-06T13:00:00.000Z", "2023-12-06T14:00+01:00". A
// local time without an offset would be read in the server's zone, not the edition's.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

type Reader = { errors: InputError[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(reader: Reader, path: string[], code: string, message: string, messageEn: string): undefined {
  reader.errors.push({ path, code, message, messageEn });
  return undefined;
}

function unknownKeys(reader: Reader, body: Record<string, unknown>, allowed: readonly string[], prefix: string[] = []): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      fail(
        reader,
        [...prefix, key],
        'UNKNOWN_FIELD',
        `Champ inconnu « ${key.slice(0, 40)} » (champs acceptés : ${allowed.join(', ')}).`,
        `Unknown field "${key.slice(0, 40)}" (accepted fields: ${allowed.join(', ')}).`
      );
    }
  }
}

/** A UTC ISO instant, or null when `nullable` and null is given. */
function instant(reader: Reader, value: unknown, path: string[], nullable: boolean): string | null | undefined {
  if (value === null && nullable) return null;
  const dt = typeof value === 'string' && value.length <= 40 && ISO_INSTANT.test(value) ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!dt || !dt.isValid) {
    return fail(
      reader,
      path,
      'INVALID_INSTANT',
      `« ${path.join('.')} » doit être un instant ISO 8601 avec son décalage (ex. 2023-12-06T13:00:00Z)${nullable ? ', ou null' : ''}.`,
      `"${path.join('.')}" must be an ISO 8601 instant with its offset (e.g. 2023-12-06T13:00:00Z)${nullable ? ', or null' : ''}.`
    );
  }
  return dt.toUTC().toISO();
}

function duration(reader: Reader, value: unknown, path: string[]): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DURATION_MINUTES) return value;
  return fail(
    reader,
    path,
    'INVALID_DURATION',
    `La durée est un nombre entier de minutes, de 1 à ${MAX_DURATION_MINUTES}.`,
    `The duration is a whole number of minutes, from 1 to ${MAX_DURATION_MINUTES}.`
  );
}

/** A room name, trimmed; null or '' is the edition's first room. */
function room(reader: Reader, value: unknown, path: string[]): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string' && value.trim().length <= MAX_ROOM_LENGTH) return value.trim() || null;
  return fail(
    reader,
    path,
    'INVALID_ROOM',
    `La salle est un nom de ${MAX_ROOM_LENGTH} caractères au plus, ou null.`,
    `The room is a name of at most ${MAX_ROOM_LENGTH} characters, or null.`
  );
}

function documentId(reader: Reader, value: unknown, path: string[]): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_DOCUMENT_ID_LENGTH) return value;
  return fail(reader, path, 'INVALID_DOCUMENT_ID', 'Identifiant de session invalide.', 'Invalid session id.');
}

function notAnObject(reader: Reader, path: string[]) {
  return fail(reader, path, 'INVALID_BODY', 'Un objet JSON est attendu.', 'A JSON object is expected.');
}

type Parsed<T> = { value: T } | { errors: InputError[] };

/** PUT …/placement: `{ startsAt: ISO|null, durationMinutes?, room? }`. */
export function readPlacement(body: unknown): Parsed<PlacementInput> {
  const reader: Reader = { errors: [] };
  if (!isRecord(body)) return { errors: notAnObject(reader, []) ?? reader.errors };
  unknownKeys(reader, body, ['startsAt', 'durationMinutes', 'room']);
  if (!('startsAt' in body))
    fail(reader, ['startsAt'], 'REQUIRED', '« startsAt » est requis (null pour retirer du programme).', '"startsAt" is required (null to unplace).');
  const startsAt = instant(reader, body.startsAt, ['startsAt'], true);
  const value: PlacementInput = { startsAt: startsAt ?? null };
  if ('durationMinutes' in body) value.durationMinutes = duration(reader, body.durationMinutes, ['durationMinutes']);
  if ('room' in body) value.room = room(reader, body.room, ['room']);
  return reader.errors.length > 0 ? { errors: reader.errors } : { value };
}

/** POST …/program-builder/accept: `{ placements: [{ documentId, startsAt, room }] }`, each session once. */
export function readAcceptedPlacements(body: unknown): Parsed<AcceptedPlacement[]> {
  const reader: Reader = { errors: [] };
  if (!isRecord(body)) return { errors: notAnObject(reader, []) ?? reader.errors };
  unknownKeys(reader, body, ['placements']);
  const list = body.placements;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ACCEPTED_PLACEMENTS) {
    fail(
      reader,
      ['placements'],
      'INVALID_PLACEMENTS',
      `« placements » est une liste de 1 à ${MAX_ACCEPTED_PLACEMENTS} placements.`,
      `"placements" is a list of 1 to ${MAX_ACCEPTED_PLACEMENTS} placements.`
    );
    return { errors: reader.errors };
  }
  const seen = new Set<string>();
  const value: AcceptedPlacement[] = [];
  list.forEach((item, index) => {
    const path = ['placements', String(index)];
    if (!isRecord(item)) return notAnObject(reader, path);
    unknownKeys(reader, item, ['documentId', 'startsAt', 'room'], path);
    const id = documentId(reader, item.documentId, [...path, 'documentId']);
    const startsAt = instant(reader, item.startsAt, [...path, 'startsAt'], false);
    const placedRoom = 'room' in item ? room(reader, item.room, [...path, 'room']) : null;
    if (id && seen.has(id)) {
      fail(reader, [...path, 'documentId'], 'DUPLICATE_PLACEMENT', 'Une session est placée deux fois.', 'A session is placed twice.');
    }
    if (id) seen.add(id);
    if (id && startsAt) value.push({ documentId: id, startsAt, room: placedRoom ?? null });
  });
  return reader.errors.length > 0 ? { errors: reader.errors } : { value };
}

/** POST …/program-items: `{ title, format, startsAt?, durationMinutes, room? }`. */
export function readProgramItem(body: unknown): Parsed<ProgramItemInput> {
  const reader: Reader = { errors: [] };
  if (!isRecord(body)) return { errors: notAnObject(reader, []) ?? reader.errors };
  unknownKeys(reader, body, ['title', 'format', 'startsAt', 'durationMinutes', 'room']);
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (title.length === 0 || title.length > MAX_TITLE_LENGTH) {
    fail(
      reader,
      ['title'],
      'INVALID_TITLE',
      `Le titre est requis, ${MAX_TITLE_LENGTH} caractères au plus.`,
      `The title is required, at most ${MAX_TITLE_LENGTH} characters.`
    );
  }
  const format = PROGRAM_ITEM_FORMATS.find((f) => f === body.format);
  if (!format) {
    fail(
      reader,
      ['format'],
      'INVALID_FORMAT',
      `Le format d'un élément du programme est l'un de : ${PROGRAM_ITEM_FORMATS.join(', ')}.`,
      `A program item's format is one of: ${PROGRAM_ITEM_FORMATS.join(', ')}.`
    );
  }
  const startsAt = 'startsAt' in body ? instant(reader, body.startsAt, ['startsAt'], true) : null;
  const minutes = duration(reader, body.durationMinutes, ['durationMinutes']);
  const itemRoom = 'room' in body ? room(reader, body.room, ['room']) : null;
  if (reader.errors.length > 0 || !format || minutes === undefined) return { errors: reader.errors };
  return { value: { title, format, startsAt: startsAt ?? null, durationMinutes: minutes, room: itemRoom ?? null } };
}
