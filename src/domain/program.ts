/** The program of an edition: published sessions grouped by local day, sorted by start. Pure. */
import { DateTime } from 'luxon';
import { dayEnd, dayStart, sortedDays, zoneOf, type EditionCalendar, type EditionDay } from './edition-calendar';

export interface ProgramSpeaker {
  documentId: string;
  name: string;
  /** Only ever set for a speaker who agreed to its publication (src/api/session/services/publication-consent.ts). */
  jobTitle: string | null;
  bio?: string | null;
  administration: { name: string; acronym?: string | null; kind?: string | null } | null;
}

export interface ProgramSession {
  id: number;
  documentId: string;
  /** Stable across edits and republications: the schedule exports' `id` (src/domain/schedule-identity.ts). */
  number: number | null;
  slug: string;
  title: string;
  abstract?: string | null;
  startsAt: string | null;
  endsAt: string | null;
  durationMinutes: number | null;
  room?: string | null;
  format?: string | null;
  slidesUrl?: string | null;
  videoUrl?: string | null;
  /** Cancelled after the program was out: it stays listed, marked. */
  cancelled: boolean;
  /** Raised when the time, the duration, the room or the cancellation changes: the iCalendar SEQUENCE. */
  scheduleSequence: number;
  /** When the published version was last written: the iCalendar DTSTAMP. */
  updatedAt: string | null;
  speakers: ProgramSpeaker[];
}

export interface ProgramDay {
  index: number;
  date: string;
  label: string | null;
  start: string | null;
  end: string | null;
  sessions: ProgramSession[];
}

export interface ProgramEdition extends EditionCalendar {
  documentId: string;
  slug: string;
  title: string;
  year: number;
  description?: string | null;
  venue?: { name?: string; hostShow?: string; address?: string; city?: string } | null;
  registrationUrl?: string | null;
  contactEmail?: string | null;
  locale?: string;
  updatedAt?: string | Date | null;
}

export interface Program {
  edition: ProgramEdition;
  days: ProgramDay[];
  /** Published sessions with no start yet. */
  unscheduled: ProgramSession[];
}

/** A speaker as loaded with a session: the administration is optional, its details too. */
interface RawSpeaker {
  documentId: string;
  name: string;
  jobTitle?: string | null;
  bio?: string | null;
  administration?: { name: string; acronym?: string | null; kind?: string | null } | null;
}

type RawSession = Omit<ProgramSession, 'endsAt' | 'speakers' | 'number' | 'cancelled' | 'scheduleSequence' | 'updatedAt'> & {
  number?: number | null;
  cancelled?: boolean | null;
  scheduleSequence?: number | null;
  updatedAt?: unknown;
  speakers?: RawSpeaker[] | null;
};

const toIso = (value: unknown): string | null => (value ? new Date(String(value)).toISOString() : null);

/** A speaker as the exports credit them: « Name, job title (ADM) », the job title only when published. */
export function speakerCredit(speaker: Pick<ProgramSpeaker, 'name' | 'jobTitle' | 'administration'>): string {
  const name = speaker.jobTitle ? `${speaker.name}, ${speaker.jobTitle}` : speaker.name;
  return speaker.administration ? `${name} (${speaker.administration.acronym || speaker.administration.name})` : name;
}

/** When a session ends: its start plus its duration, in ISO (UTC); null without either. */
export function sessionEnd(startsAt: unknown, durationMinutes: number | null | undefined): string | null {
  const start = toIso(startsAt);
  return start && durationMinutes ? new Date(Date.parse(start) + durationMinutes * 60_000).toISOString() : null;
}

export function buildProgram(edition: ProgramEdition, raw: RawSession[]): Program {
  const zone = zoneOf(edition);
  const sessions: ProgramSession[] = raw.map((s) => {
    const startsAt = toIso(s.startsAt);
    return {
      id: s.id,
      documentId: s.documentId,
      number: s.number ?? null,
      slug: s.slug,
      title: s.title,
      abstract: s.abstract ?? null,
      startsAt,
      endsAt: sessionEnd(startsAt, s.durationMinutes),
      durationMinutes: s.durationMinutes ?? null,
      room: s.room ?? null,
      format: s.format ?? null,
      slidesUrl: s.slidesUrl ?? null,
      videoUrl: s.videoUrl ?? null,
      cancelled: s.cancelled === true,
      scheduleSequence: s.scheduleSequence ?? 0,
      updatedAt: toIso(s.updatedAt),
      speakers: (s.speakers ?? []).map((sp) => ({
        documentId: sp.documentId,
        name: sp.name,
        jobTitle: sp.jobTitle || null,
        bio: sp.bio ?? null,
        administration: sp.administration
          ? { name: sp.administration.name, acronym: sp.administration.acronym ?? null, kind: sp.administration.kind ?? null }
          : null,
      })),
    };
  });
  const byStart = (a: ProgramSession, b: ProgramSession) => (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a.title.localeCompare(b.title, 'fr');

  const days = new Map<string, ProgramDay>();
  const declared = sortedDays(edition.days);
  const dayOf = (day: EditionDay | { date: string }, declaredDay?: EditionDay): ProgramDay => ({
    index: 0,
    date: day.date,
    label: declaredDay?.label ?? null,
    start: declaredDay ? (dayStart(declaredDay, zone)?.toUTC().toISO() ?? null) : null,
    end: declaredDay ? (dayEnd(declaredDay, zone)?.toUTC().toISO() ?? null) : null,
    sessions: [],
  });
  for (const d of declared) days.set(d.date, dayOf(d, d));
  const unscheduled: ProgramSession[] = [];
  for (const session of sessions) {
    if (!session.startsAt) {
      unscheduled.push(session);
      continue;
    }
    const date = DateTime.fromISO(session.startsAt, { zone }).toISODate()!;
    if (!days.has(date)) days.set(date, dayOf({ date }));
    days.get(date)!.sessions.push(session);
  }
  const ordered = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  ordered.forEach((day, i) => {
    day.index = i + 1;
    day.sessions.sort(byStart);
  });
  unscheduled.sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  return { edition, days: ordered, unscheduled };
}
