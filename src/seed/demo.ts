/**
 * Loads the demo content: the #BlueHats event, its real 2022 and 2023 editions, an upcoming edition
 * whose call is open at the moment of seeding, and fictional speakers, sessions and proposals.
 * Idempotent: every record is found by its natural key (slug, name, reference) and only created
 * when missing, so a second run changes nothing.
 * "Now" is the app's clock, the one the document middlewares it triggers read (the embargo, the
 * state stamps): set the clock before seeding to seed at another instant.
 */
import type { Core, UID } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { clock } from '../domain/clock';
import { getService } from '../services';
import type { EditionDay } from '../domain/edition-calendar';

type Localized = { fr: string; en?: string };

interface EditionSeed {
  slug: string;
  year?: number;
  title: Localized;
  description: Localized;
  timeZone: string;
  venue: Record<string, string>;
  registrationUrl: string;
  contactEmail: string;
  cfpOpensAt?: string;
  cfpClosesAt?: string;
  responseDate?: string;
  programPublicationDate?: string;
  days?: EditionDay[];
  minDurationMinutes: number;
  maxDurationMinutes: number;
  recommendedMaxDurationMinutes?: number | null;
  durationChoices: number[] | null;
  /** The edition's rooms, by name: the program's rules keep talks apart in each one. */
  rooms?: string[];
  relativeToSeeding?: {
    cfpOpensDaysBefore: number;
    cfpClosesDaysAfter: number;
    cfpClosesAtTime: string;
    responseDaysAfterClose: number;
    programDaysAfterResponse: number;
    firstDayDaysAfterProgram: number;
    dayCount: number;
    dayStartTime: string;
    dayEndTime: string;
  };
}

export interface DemoData {
  administrations: Array<{ name: string; acronym: string | null; kind: string }>;
  speakers: Array<{ name: string; administration: string; bio: string }>;
  event: { slug: string; name: Localized; description: Localized; organizer: Record<string, string> };
  editions: EditionSeed[];
  upcoming: EditionSeed;
  sessions: Array<{
    edition: string;
    slug: string;
    title: string;
    abstract: string;
    speakers: string[];
    day: number;
    startTime: string;
    durationMinutes: number;
    room: string;
    format: string;
  }>;
  proposals: Array<{
    edition: string;
    reference: string;
    speakerName: string;
    email: string;
    administrationName: string;
    administration: string;
    jobTitle: string;
    title: string;
    abstract: string;
    preferredDay: string | number | null;
    requestedDuration: number;
    state: string;
    submittedAt: string | null;
  }>;
}

export interface SeedReport {
  created: Record<string, number>;
}

/** Strapi stores `time` attributes as HH:mm:ss.SSS. */
const strapiTime = (time: string) => DateTime.fromISO(time).toFormat('HH:mm:ss.SSS');
const strapiDays = (days: EditionDay[]) => days.map((d) => ({ ...d, startTime: strapiTime(d.startTime), endTime: strapiTime(d.endTime) }));

const utc = (local: string | undefined, zone: string) => (local ? DateTime.fromISO(local, { zone }).toUTC().toISO() : null);

/** The upcoming edition's calendar, laid out around the seeding instant. */
export function upcomingCalendar(seed: EditionSeed, now: Date) {
  const r = seed.relativeToSeeding!;
  const zone = seed.timeZone;
  const local = DateTime.fromJSDate(now, { zone });
  const at = (dt: DateTime, time: string) => {
    const [hour, minute] = time.split(':').map(Number);
    return dt.set({ hour, minute, second: 0, millisecond: 0 });
  };
  const opens = at(local.minus({ days: r.cfpOpensDaysBefore }), '09:00');
  const closes = at(local.plus({ days: r.cfpClosesDaysAfter }), r.cfpClosesAtTime);
  const response = at(closes.plus({ days: r.responseDaysAfterClose }), '12:00');
  const program = at(response.plus({ days: r.programDaysAfterResponse }), '09:00');
  const first = program.plus({ days: r.firstDayDaysAfterProgram });
  const days: EditionDay[] = Array.from({ length: r.dayCount }, (_, i) => {
    const day = first.plus({ days: i });
    return {
      date: day.toISODate()!,
      startTime: strapiTime(r.dayStartTime),
      endTime: strapiTime(r.dayEndTime),
      label: `après-midi du ${day.setLocale('fr').toFormat('d MMMM')}`,
    };
  });
  return {
    year: first.year,
    cfpOpensAt: opens.toUTC().toISO(),
    cfpClosesAt: closes.toUTC().toISO(),
    responseDate: response.toUTC().toISO(),
    programPublicationDate: program.toUTC().toISO(),
    days,
  };
}

/** The demo's publications in one batch: one program version per edition at the end, not one per session. */
export async function seedDemo(strapi: Core.Strapi, data: DemoData): Promise<SeedReport> {
  return (await getService('programVersions').batch([], () => seedDemoContent(strapi, data))).result;
}

async function seedDemoContent(strapi: Core.Strapi, data: DemoData): Promise<SeedReport> {
  const now = clock.now();
  const created: Record<string, number> = {};
  const count = (kind: string) => (created[kind] = (created[kind] ?? 0) + 1);

  async function ensure(
    uid: UID.ContentType,
    filters: Record<string, unknown>,
    make: () => Record<string, unknown>,
    options: { locale?: string; publish?: boolean } = {}
  ): Promise<string> {
    const docs = strapi.documents(uid);
    const found = await docs.findFirst({ filters, locale: options.locale });
    if (found) return found.documentId;
    const doc = await docs.create({
      data: make(),
      locale: options.locale,
      status: options.publish ? 'published' : undefined,
    });
    count(uid.split('.').pop()!);
    return doc.documentId;
  }

  /**
   * Adds the English version of a localized document, once. A new locale starts from the whole
   * French data (non-localized fields included) with the English texts on top.
   */
  async function ensureEnglish(uid: UID.ContentType, documentId: string, fields: Record<string, unknown>) {
    const docs = strapi.documents(uid);
    const en = await docs.findOne({ documentId, locale: 'en' });
    if (en) return;
    await docs.update({ documentId, locale: 'en', data: fields, status: 'published' });
    count(`${uid.split('.').pop()}:en`);
  }

  const administrations = new Map<string, string>();
  for (const a of data.administrations) {
    const id = await ensure('api::administration.administration', { name: a.name }, () => ({ ...a }));
    administrations.set(a.name, id);
    if (a.acronym) administrations.set(a.acronym, id);
  }

  const speakers = new Map<string, string>();
  for (const s of data.speakers) {
    const id = await ensure(
      'api::speaker.speaker',
      { name: s.name },
      () => ({ name: s.name, bio: s.bio, administration: administrations.get(s.administration) }),
      { locale: 'fr', publish: true }
    );
    speakers.set(s.name, id);
  }

  const e = data.event;
  const eventData = { slug: e.slug, name: e.name.fr, description: e.description.fr, organizer: e.organizer };
  const eventId = await ensure('api::event.event', { slug: e.slug }, () => eventData, { locale: 'fr', publish: true });
  if (e.name.en) {
    await ensureEnglish('api::event.event', eventId, { ...eventData, name: e.name.en, description: e.description.en });
  }

  const editions = new Map<string, { documentId: string; days: EditionDay[]; zone: string }>();
  const upcoming = data.upcoming.relativeToSeeding ? data.upcoming : null;
  for (const seed of [...data.editions, ...(upcoming ? [upcoming] : [])]) {
    const zone = seed.timeZone;
    const existing = await strapi.documents('api::edition.edition').findFirst({
      filters: { slug: seed.slug },
      locale: 'fr',
      populate: { days: true },
    });
    const calendar = seed.relativeToSeeding
      ? upcomingCalendar(seed, now)
      : {
          year: seed.year!,
          cfpOpensAt: utc(seed.cfpOpensAt, zone),
          cfpClosesAt: utc(seed.cfpClosesAt, zone),
          responseDate: utc(seed.responseDate, zone),
          programPublicationDate: utc(seed.programPublicationDate, zone),
          days: strapiDays(seed.days ?? []),
        };
    const editionData = {
      slug: seed.slug,
      title: seed.title.fr,
      description: seed.description.fr,
      event: eventId,
      timeZone: zone,
      venue: seed.venue,
      registrationUrl: seed.registrationUrl,
      contactEmail: seed.contactEmail,
      minDurationMinutes: seed.minDurationMinutes,
      maxDurationMinutes: seed.maxDurationMinutes,
      recommendedMaxDurationMinutes: seed.recommendedMaxDurationMinutes ?? null,
      durationChoices: seed.durationChoices,
      rooms: (seed.rooms ?? []).map((name) => ({ name })),
      ...calendar,
    };
    const documentId = await ensure('api::edition.edition', { slug: seed.slug }, () => editionData, {
      locale: 'fr',
      publish: true,
    });
    if (seed.title.en) {
      await ensureEnglish('api::edition.edition', documentId, {
        ...editionData,
        title: seed.title.en,
        description: seed.description.en,
      });
    }
    // The day component's fields are required by its schema, which Strapi's result type does not carry.
    editions.set(seed.slug, { documentId, days: (existing?.days as EditionDay[] | undefined) ?? calendar.days, zone });
  }

  for (const s of data.sessions) {
    const edition = editions.get(s.edition)!;
    const day = edition.days[s.day];
    await ensure(
      'api::session.session',
      { slug: s.slug },
      () => ({
        slug: s.slug,
        title: s.title,
        abstract: s.abstract,
        edition: edition.documentId,
        speakers: s.speakers.map((name) => speakers.get(name)),
        startsAt: DateTime.fromISO(`${day.date}T${s.startTime}`, { zone: edition.zone }).toUTC().toISO(),
        durationMinutes: s.durationMinutes,
        room: s.room,
        format: s.format,
      }),
      { locale: 'fr', publish: true }
    );
  }

  for (const p of data.proposals) {
    const edition = editions.get(p.edition)!;
    const preferredDay = typeof p.preferredDay === 'number' ? (edition.days[p.preferredDay]?.date ?? null) : p.preferredDay;
    await ensure('api::proposal.proposal', { reference: p.reference }, () => ({
      ...p,
      edition: edition.documentId,
      administration: administrations.get(p.administration),
      preferredDay,
      submittedAt: p.submittedAt ? utc(p.submittedAt, edition.zone) : now.toISOString(),
      consentContact: true,
      consentPublication: true,
    }));
  }

  return { created };
}

/** Creates the first super admin from ADMIN_EMAIL / ADMIN_PASSWORD, when both are set and none exists. */
export async function ensureDemoAdmin(strapi: Core.Strapi, email?: string, password?: string): Promise<boolean> {
  if (!email || !password) return false;
  if (await strapi.db.query('admin::user').findOne({ where: { email: email.toLowerCase() } })) return false;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: email.toLowerCase(),
    firstname: 'Admin',
    lastname: 'Demo',
    password,
    isActive: true,
    registrationToken: null,
    roles: superAdmin ? [superAdmin.id] : [],
  });
  return true;
}
