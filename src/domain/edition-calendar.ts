/**
 * Date rules of an edition, computed in the edition's IANA time zone.
 * Pure: no Strapi import. Every instant is stored in UTC; the zone governs display and boundaries.
 */
import { DateTime, IANAZone } from 'luxon';
import { frenchDayOfMonth } from './phrases';
import { memoised } from './memo';

export type Instant = Date | string;

export interface EditionDay {
  date: string; // YYYY-MM-DD, a calendar date in the edition's zone
  startTime: string; // HH:mm[:ss[.SSS]]
  endTime: string;
  label?: string | null;
}

export interface EditionCalendar {
  timeZone?: string | null;
  /** The editors said this edition has no call for proposals (« Sans appel à interventions »). */
  withoutCall?: boolean | null;
  cfpOpensAt?: Instant | null;
  cfpClosesAt?: Instant | null;
  responseDate?: Instant | null;
  programPublicationDate?: Instant | null;
  days?: EditionDay[] | null;
  minDurationMinutes?: number | null;
  maxDurationMinutes?: number | null;
  /** Optional: the longest duration the call recommends, announced before the longest it allows. */
  recommendedMaxDurationMinutes?: number | null;
  durationChoices?: unknown;
  /** The rooms the program builder places sessions in (component `edition.room`). */
  rooms?: Array<{ name?: string | null }> | null;
  /** The least gap between two sessions of a room, 0 to 60 minutes. */
  changeoverMinutes?: unknown;
}

export interface RuleViolation {
  path: string;
  code: string;
  message: string; // French
  messageEn: string;
}

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/**
 * Luxon checks a zone by building an Intl formatter, every time, and every date rule asks (zoneOf),
 * several times a request: it showed in a CPU profile of submissions. The answer for a name never
 * changes; a few names are kept.
 */
const knownZones = new Map<string, boolean>();

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone.includes('/')) return false;
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (knownZones.size >= 500) knownZones.clear();
    knownZones.set(zone, valid);
  }
  return valid;
}

export function zoneOf(edition: Pick<EditionCalendar, 'timeZone'>): string {
  return isValidTimeZone(edition.timeZone) ? edition.timeZone : DEFAULT_TIME_ZONE;
}

/** An instant as a memo key: the same instant, the same key, whether a Date or its ISO string. */
function instantKey(instant: Instant | DateTime | null | undefined): string {
  if (DateTime.isDateTime(instant)) return instant.isValid ? `${instant.toMillis()}` : 'invalid';
  if (instant instanceof Date) return Number.isNaN(instant.getTime()) ? 'invalid' : `${instant.getTime()}`;
  return String(instant ?? '');
}

export const toDateTime = memoised(
  (instant: Instant | null | undefined, zone: string): DateTime | null => {
    if (instant === null || instant === undefined || instant === '') return null;
    const dt = instant instanceof Date ? DateTime.fromJSDate(instant, { zone }) : DateTime.fromISO(String(instant), { zone, setZone: false });
    return dt.isValid ? dt.setZone(zone) : null;
  },
  (instant, zone) => `${zone} ${instantKey(instant)}`
);

function wallClock(date: string, time: string, zone: string): DateTime | null {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  return dt.isValid ? dt : null;
}

export function dayStart(day: EditionDay, zone: string): DateTime | null {
  return wallClock(day.date, day.startTime, zone);
}

export function dayEnd(day: EditionDay, zone: string): DateTime | null {
  return wallClock(day.date, day.endTime, zone);
}

export function sortedDays(days: EditionDay[] | null | undefined): EditionDay[] {
  return [...(days ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * A deadline is announced to the minute ("20 novembre à 23 h 59"), and that whole minute is
 * inside the call: the call is closed from the next minute on, to the millisecond.
 */
export const deadlineEnd = memoised(
  (cfpClosesAt: Instant, zone: string): DateTime | null => {
    const closes = toDateTime(cfpClosesAt, zone);
    return closes ? closes.startOf('minute').plus({ minutes: 1 }) : null;
  },
  (cfpClosesAt, zone) => `${zone} ${instantKey(cfpClosesAt)}`
);

/** True while `now` is before the end of the deadline's minute (see `deadlineEnd`). No deadline: false. */
export function beforeDeadlineEnd(deadline: Instant | null | undefined, now: Date, zone: string = DEFAULT_TIME_ZONE): boolean {
  const end = deadline ? deadlineEnd(deadline, zone) : null;
  return !!end && now.getTime() < end.toMillis();
}

export type CallWindowState = 'unscheduled' | 'not-open-yet' | 'open' | 'closed';

export interface CallWindow {
  state: CallWindowState;
  opensAt: DateTime | null;
  /** The announced deadline (its whole minute is accepted). */
  closesAt: DateTime | null;
  /** First instant at which the call is closed. */
  closedFrom: DateTime | null;
}

export function callWindowAt(edition: EditionCalendar, now: Date): CallWindow {
  const zone = zoneOf(edition);
  const opensAt = toDateTime(edition.cfpOpensAt, zone);
  const closesAt = toDateTime(edition.cfpClosesAt, zone);
  const closedFrom = edition.cfpClosesAt ? deadlineEnd(edition.cfpClosesAt, zone) : null;
  if (!opensAt || !closesAt || !closedFrom) return { state: 'unscheduled', opensAt, closesAt, closedFrom };
  const t = now.getTime();
  const state: CallWindowState = t < opensAt.toMillis() ? 'not-open-yet' : t < closedFrom.toMillis() ? 'open' : 'closed';
  return { state, opensAt, closesAt, closedFrom };
}

const FRENCH_ZONE_PLACES: Record<string, string> = {
  'Europe/Paris': 'Paris',
  'Indian/Reunion': 'La Réunion',
  'Pacific/Noumea': 'Nouméa',
  'Pacific/Tahiti': 'Tahiti',
  'America/Cayenne': 'Cayenne',
  'America/Martinique': 'Martinique',
  'America/Guadeloupe': 'Guadeloupe',
  'Indian/Mayotte': 'Mayotte',
  'America/Montreal': 'Montréal',
  'America/Toronto': 'Toronto',
};

/** Where a zone's time is read, in French: "Paris", "La Réunion", "Nouméa". */
export function zonePlace(zone: string): string {
  return FRENCH_ZONE_PLACES[zone] ?? zone.split('/').pop()!.replace(/_/g, ' ');
}

/** "20 novembre 2023 à 23 h 59 (heure de Paris)" */
export const formatInstantFr = memoised(
  (instant: Instant | DateTime, zone: string): string => {
    const dt = DateTime.isDateTime(instant) ? instant.setZone(zone) : toDateTime(instant, zone);
    if (!dt) return '';
    const local = dt.setLocale('fr');
    return `${frenchDayOfMonth(local.day)} ${local.toFormat("MMMM yyyy 'à' H 'h' mm")} (heure de ${zonePlace(zone)})`;
  },
  (instant, zone) => `${zone} ${instantKey(instant)}`
);

/** "20 November 2023 at 23:59 (Paris time)" */
export const formatInstantEn = memoised(
  (instant: Instant | DateTime, zone: string): string => {
    const dt = DateTime.isDateTime(instant) ? instant.setZone(zone) : toDateTime(instant, zone);
    if (!dt) return '';
    return `${dt.setLocale('en').toFormat("d MMMM yyyy 'at' HH:mm")} (${zone.split('/').pop()!.replace(/_/g, ' ')} time)`;
  },
  (instant, zone) => `${zone} ${instantKey(instant)}`
);

export interface AllowedDurations {
  min: number | null;
  max: number | null;
  choices: number[] | null;
}

export function allowedDurations(edition: EditionCalendar): AllowedDurations {
  const choices = Array.isArray(edition.durationChoices)
    ? (edition.durationChoices as unknown[]).filter((n): n is number => Number.isInteger(n)).sort((a, b) => a - b)
    : null;
  return {
    min: edition.minDurationMinutes ?? null,
    max: edition.maxDurationMinutes ?? null,
    choices: choices && choices.length > 0 ? choices : null,
  };
}

/**
 * The recommended and the allowed spans of an edition, as its call announces them ("de 5 à 20
 * minutes de préférence (30 minutes au plus)"): the allowed bounds are the choices' ends when a list
 * is given, the minimum and maximum otherwise. The recommended maximum is null when the edition sets
 * none, or one that recommends nothing narrower than what is allowed.
 */
export interface DurationSpans {
  min: number | null;
  max: number | null;
  recommendedMax: number | null;
}

export function durationSpans(edition: EditionCalendar): DurationSpans {
  const { min, max, choices } = allowedDurations(edition);
  const low = choices ? choices[0] : min;
  const high = choices ? choices[choices.length - 1] : max;
  const recommended = edition.recommendedMaxDurationMinutes ?? null;
  const narrower =
    recommended !== null && Number.isInteger(recommended) && recommended > 0 && (low === null || recommended >= low) && (high === null || recommended < high);
  return { min: low, max: high, recommendedMax: narrower ? recommended : null };
}

export function isDurationAllowed(edition: EditionCalendar, minutes: number): boolean {
  if (!Number.isInteger(minutes) || minutes <= 0) return false;
  const { min, max, choices } = allowedDurations(edition);
  if (choices) return choices.includes(minutes);
  return (min === null || minutes >= min) && (max === null || minutes <= max);
}

/**
 * Everything an editor can get wrong when saving an edition, as one list of violations.
 * An empty list means the edition is coherent.
 */
export function checkEditionCoherence(edition: EditionCalendar): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const add = (path: string, code: string, message: string, messageEn: string) => violations.push({ path, code, message, messageEn });

  if (edition.timeZone !== undefined && edition.timeZone !== null && !isValidTimeZone(edition.timeZone)) {
    add(
      'timeZone',
      'INVALID_TIME_ZONE',
      `« ${String(edition.timeZone)} » n'est pas un fuseau horaire IANA valide (exemple : Europe/Paris).`,
      `"${String(edition.timeZone)}" is not a valid IANA time zone (for example Europe/Paris).`
    );
  }
  const zone = zoneOf(edition);
  const fr = (dt: DateTime) => formatInstantFr(dt, zone);

  const instants: Array<[keyof EditionCalendar, string, string]> = [
    ['cfpOpensAt', "l'ouverture de l'appel", 'the call opening'],
    ['cfpClosesAt', "la clôture de l'appel", 'the call deadline'],
    ['responseDate', 'la date de réponse', 'the response date'],
    ['programPublicationDate', 'la publication du programme', 'the program publication date'],
  ];
  const parsed = new Map<string, DateTime>();
  for (const [field, labelFr, labelEn] of instants) {
    const raw = edition[field] as Instant | null | undefined;
    if (raw === null || raw === undefined || raw === '') continue;
    const dt = toDateTime(raw, zone);
    if (!dt) add(field, 'INVALID_DATE', `La date de ${labelFr} est invalide.`, `The date of ${labelEn} is invalid.`);
    else parsed.set(field, dt);
  }

  const opens = parsed.get('cfpOpensAt');
  const closes = parsed.get('cfpClosesAt');
  const response = parsed.get('responseDate');
  const program = parsed.get('programPublicationDate');
  if (opens && closes && !(opens < closes)) {
    add(
      'cfpClosesAt',
      'CFP_CLOSES_BEFORE_OPENING',
      `La clôture de l'appel (${fr(closes)}) doit être postérieure à son ouverture (${fr(opens)}).`,
      'The call deadline must come after its opening.'
    );
  }
  if (closes && response && response < closes) {
    add(
      'responseDate',
      'RESPONSE_BEFORE_DEADLINE',
      `La date de réponse (${fr(response)}) ne peut pas précéder la clôture de l'appel (${fr(closes)}).`,
      'The response date cannot come before the call deadline.'
    );
  }
  if (response && program && program < response) {
    add(
      'programPublicationDate',
      'PROGRAM_BEFORE_RESPONSE',
      `La publication du programme (${fr(program)}) ne peut pas précéder la date de réponse (${fr(response)}).`,
      'The program cannot be published before the response date.'
    );
  }

  const days = edition.days ?? [];
  const seen = new Set<string>();
  days.forEach((day, index) => {
    const path = `days[${index}]`;
    const start = dayStart(day, zone);
    const end = dayEnd(day, zone);
    if (!start || !end) {
      add(path, 'INVALID_DAY', `Jour ${index + 1} : la date ou les horaires sont invalides.`, `Day ${index + 1}: invalid date or times.`);
      return;
    }
    if (!(start < end)) {
      add(
        `${path}.endTime`,
        'DAY_ENDS_BEFORE_START',
        `Jour ${index + 1} (${day.date}) : l'heure de début (${start.toFormat("H 'h' mm")}) doit précéder l'heure de fin (${end.toFormat("H 'h' mm")}).`,
        `Day ${index + 1} (${day.date}): the start time must come before the end time.`
      );
    }
    if (seen.has(day.date)) {
      add(`${path}.date`, 'DUPLICATE_DAY', `Le jour ${day.date} est saisi deux fois.`, `Day ${day.date} is listed twice.`);
    }
    seen.add(day.date);
  });

  const roomNames = new Map<string, number>();
  (edition.rooms ?? []).forEach((room, index) => {
    const name = typeof room?.name === 'string' ? room.name.trim() : '';
    const key = name.toLocaleLowerCase('fr');
    if (name && roomNames.has(key)) {
      add(`rooms[${index}].name`, 'DUPLICATE_ROOM', `La salle « ${name} » est saisie deux fois.`, `Room "${name}" is listed twice.`);
    }
    roomNames.set(key, index);
  });
  const changeover = edition.changeoverMinutes;
  if (changeover !== undefined && changeover !== null && !(Number.isInteger(changeover) && (changeover as number) >= 0 && (changeover as number) <= 60)) {
    add(
      'changeoverMinutes',
      'INVALID_CHANGEOVER',
      'Le battement entre deux sessions est un nombre entier de minutes, de 0 à 60.',
      'The changeover between two sessions is a whole number of minutes, from 0 to 60.'
    );
  }

  const firstDay = sortedDays(days)[0];
  const firstStart = firstDay ? dayStart(firstDay, zone) : null;
  const lastBeforeDays = program ?? response ?? closes;
  if (firstStart && lastBeforeDays && lastBeforeDays > firstStart) {
    const [field, what, whatEn] = program
      ? ['programPublicationDate', 'La publication du programme', 'The program publication']
      : response
        ? ['responseDate', 'La date de réponse', 'The response date']
        : ['cfpClosesAt', "La clôture de l'appel", 'The call deadline'];
    add(
      field,
      'DATES_AFTER_FIRST_DAY',
      `${what} (${fr(lastBeforeDays)}) doit avoir lieu au plus tard au début du premier jour (${fr(firstStart)}).`,
      `${whatEn} must happen no later than the start of the first day.`
    );
  }

  const { min, max } = { min: edition.minDurationMinutes ?? null, max: edition.maxDurationMinutes ?? null };
  const recommended = edition.recommendedMaxDurationMinutes ?? null;
  for (const [field, value] of [
    ['minDurationMinutes', min],
    ['maxDurationMinutes', max],
    ['recommendedMaxDurationMinutes', recommended],
  ] as const) {
    if (value !== null && (!Number.isInteger(value) || value <= 0)) {
      add(field, 'INVALID_DURATION', 'Une durée doit être un nombre entier de minutes positif.', 'A duration must be a positive whole number of minutes.');
    }
  }
  if (min !== null && max !== null && min > max) {
    add(
      'maxDurationMinutes',
      'DURATION_MIN_ABOVE_MAX',
      `La durée minimale (${min} min) doit être inférieure ou égale à la durée maximale (${max} min).`,
      'The minimum duration must not exceed the maximum duration.'
    );
  }
  const choices = edition.durationChoices;
  if (choices !== null && choices !== undefined) {
    const list = Array.isArray(choices) ? choices : null;
    if (!list || list.some((n) => !Number.isInteger(n) || (n as number) <= 0)) {
      add(
        'durationChoices',
        'INVALID_DURATION_CHOICES',
        'Les durées proposées doivent être une liste de nombres entiers de minutes, par exemple [5, 10, 15, 20].',
        'Duration choices must be a list of whole minutes, for example [5, 10, 15, 20].'
      );
    } else if (list.some((n) => (min !== null && (n as number) < min) || (max !== null && (n as number) > max))) {
      add(
        'durationChoices',
        'DURATION_CHOICE_OUT_OF_BOUNDS',
        `Chaque durée proposée doit être comprise entre ${min ?? 1} et ${max ?? '∞'} minutes.`,
        'Every duration choice must lie within the minimum and maximum.'
      );
    }
  }
  if (recommended !== null && Number.isInteger(recommended) && recommended > 0) {
    // Against what the call allows: the choices' ends when they are a valid list, the minimum and maximum otherwise.
    const list = Array.isArray(choices) && choices.length > 0 && choices.every((n) => Number.isInteger(n) && (n as number) > 0) ? (choices as number[]) : null;
    const low = list ? Math.min(...list) : min;
    const high = list ? Math.max(...list) : max;
    if ((low !== null && recommended < low) || (high !== null && recommended > high)) {
      add(
        'recommendedMaxDurationMinutes',
        'RECOMMENDED_DURATION_OUT_OF_BOUNDS',
        `La durée maximale conseillée (${recommended} min) doit être comprise entre la durée la plus courte (${low ?? 1} min) et la plus longue (${high ?? '∞'} min) que l'appel permet.`,
        `The recommended maximum duration (${recommended} min) must lie between the shortest (${low ?? 1} min) and the longest (${high ?? '∞'} min) duration the call allows.`
      );
    }
  }
  return violations;
}

/**
 * An accepted speaker confirms within the edition's window (in days, counted from the release, to
 * the end of that local day), and never after the program is published.
 */
export function confirmationDeadlineFor(edition: EditionCalendar & { confirmationWindowDays?: number | null }, releasedAt: Date): Date {
  const zone = zoneOf(edition);
  const days = edition.confirmationWindowDays && edition.confirmationWindowDays > 0 ? edition.confirmationWindowDays : 7;
  let deadline: DateTime = DateTime.fromJSDate(releasedAt, { zone }).plus({ days }).endOf('day').startOf('minute');
  const program = toDateTime(edition.programPublicationDate, zone);
  if (program && program > DateTime.fromJSDate(releasedAt) && deadline >= program) deadline = program.minus({ minutes: 1 });
  return deadline.toJSDate();
}

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** How long before the confirmation deadline an accepted speaker who has not answered is reminded. */
export const CONFIRMATION_REMINDER_LEAD_MS = 48 * HOUR_MS;

/** The reminder goes 48 h before the confirmation deadline, but never in the first half of the window. */
export function reminderDueAt(releasedAt: Date, deadline: Date): Date {
  const halfway = releasedAt.getTime() + (deadline.getTime() - releasedAt.getTime()) / 2;
  return new Date(Math.max(deadline.getTime() - CONFIRMATION_REMINDER_LEAD_MS, halfway));
}

/** Editors are warned about undecided proposals this long before the response date, and again at it. */
export const UNDECIDED_WARNING_LEAD_MS = 48 * HOUR_MS;
/** A warning older than this is stale: an old edition's forgotten proposals are not news. */
export const UNDECIDED_WARNING_STALE_AFTER_MS = 7 * DAY_MS;

export type UndecidedWarningMark = '48h' | 'due';

/** The warnings about undecided proposals that are due at `now` (each is sent once by the caller). */
export function undecidedWarningsDue(responseDate: Date, now: Date): UndecidedWarningMark[] {
  const marks: Array<[UndecidedWarningMark, number]> = [
    ['48h', responseDate.getTime() - UNDECIDED_WARNING_LEAD_MS],
    ['due', responseDate.getTime()],
  ];
  const t = now.getTime();
  return marks.filter(([, at]) => t >= at && t <= at + UNDECIDED_WARNING_STALE_AFTER_MS).map(([mark]) => mark);
}
