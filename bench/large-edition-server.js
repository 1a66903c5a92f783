#!/usr/bin/env node
/**
 * The app under the large-edition bench (bench/large-edition.js): compiled once, started in production
 * mode on a fresh SQLite file (or a fresh PostgreSQL database with BENCH_DATABASE=postgres), seeded with
 *   - the edition `grande`: BENCH_PROPOSALS proposals (10,000) and 300 published sessions
 *     (5 afternoons of 14:00–17:00 Paris, 6 rooms, 10 talks of 15 minutes each, 150 speakers);
 *   - the edition `petite`: BENCH_SMALL_PROPOSALS proposals (1,000), for the export's memory at two sizes;
 *   - then (BENCH_STEP=serve, a new process) a super admin, whose JWT it prints.
 * The proposals are bulk inserted through the database layer: one is created through the document
 * service (its middlewares give it a reference, a duplicate key, a submission date…), and the others
 * are its row with their own values, linked to their edition and administration as it is.
 * Prints "SEEDED <ms>" once seeded; "READY <port> <admin JWT> <grande documentId> <petite documentId>" once serving, then answers
 * the driver's messages: memory sampling around a request, and the computed program's time.
 */
const { startApp, stopApp } = require('./app');
const { benchEnvironment, run } = require('./support');

// One database for both steps (see below), named by the driver, which gives both the same secrets.
// Nothing is mailed (SMTP_PORT 1): no proposal goes through submission.
benchEnvironment({ port: process.env.BENCH_PORT || '1341', database: `bluehats-bench-large-${process.env.BENCH_RUN}`, SMTP_PORT: '1' });

const PROPOSALS = Number(process.env.BENCH_PROPOSALS || 10_000);
const SMALL_PROPOSALS = Number(process.env.BENCH_SMALL_PROPOSALS || 1_000);
const DAYS = ['2099-01-05', '2099-01-06', '2099-01-07', '2099-01-08', '2099-01-09'];
const ROOMS = ['Salle 1', 'Salle 2', 'Salle 3', 'Salle 4', 'Salle 5', 'Salle 6'];
const SLOTS = 10; // per room and afternoon: 10 × 18 minutes in 14:00–17:00
const STATES = ['submitted', 'submitted', 'submitted', 'accepted', 'waitlisted', 'rejected', 'confirmed', 'withdrawn'];
const PROPOSAL = 'api::proposal.proposal';
/** The call over and the program out: the editions' dates once seeded. */
const PAST_DATES = {
  cfpOpensAt: '2023-01-01T00:00:00.000Z',
  cfpClosesAt: '2023-12-01T00:00:00.000Z',
  responseDate: '2024-01-01T00:00:00.000Z',
  programPublicationDate: '2024-01-01T00:00:00.000Z',
};
const EDITION = 'api::edition.edition';

async function createEdition(strapi, slug, title) {
  const edition = await strapi.documents(EDITION).create({
    locale: 'fr',
    status: 'published',
    data: {
      title,
      slug,
      year: 2098,
      timeZone: 'Europe/Paris',
      cfpOpensAt: '2098-01-01T08:00:00.000Z',
      cfpClosesAt: '2098-12-01T08:00:00.000Z',
      responseDate: '2098-12-02T08:00:00.000Z',
      programPublicationDate: '2098-12-03T08:00:00.000Z',
      days: DAYS.map((date, i) => ({ date, startTime: '14:00:00.000', endTime: '17:00:00.000', label: `jour ${i + 1}` })),
      rooms: ROOMS.map((name) => ({ name })),
      minDurationMinutes: 5,
      maxDurationMinutes: 30,
    },
  });
  // The program is published: its date moved to the past, without the coherence rule (a bench only).
  await strapi.db.query(EDITION).updateMany({ where: { documentId: edition.documentId }, data: PAST_DATES });
  return edition;
}

/** `count` proposals in `edition`: one through the document service, the others copied from its row in bulk. */
async function seedProposals(strapi, edition, count, administrations) {
  const { createId } = require('@paralleldrive/cuid2');
  const template = await strapi.documents(PROPOSAL).create({
    data: {
      edition: edition.documentId,
      administration: administrations[0].documentId,
      speakerName: 'Agent 0',
      email: `agent-0@${edition.slug}.example.org`,
      administrationName: administrations[0].name,
      jobTitle: 'Cheffe de projet',
      title: 'Proposition 0',
      abstract: 'Un résumé de proposition, de la taille de ceux que les agents envoient. '.repeat(6),
      requestedDuration: 15,
      preferredDay: DAYS[0],
      state: 'submitted',
      reviewerNotes: 'Note interne; avec "guillemets" et =formule',
      consentPublication: true,
      consentContact: true,
    },
  });
  const row = await strapi.db.query(PROPOSAL).findOne({ where: { documentId: template.documentId } });
  const { id, documentId, ...copied } = row;
  const meta = strapi.db.metadata.get(PROPOSAL);
  const knex = strapi.db.connection;
  const links = ['edition', 'administration'].map((name) => meta.attributes[name].joinTable);
  const linkTemplates = await Promise.all(links.map((jt) => knex(jt.name).where(jt.joinColumn.name, id).first()));
  const start = Date.parse('2098-03-01T08:00:00.000Z');
  const batch = 500;
  for (let from = 1; from < count; from += batch) {
    const data = [];
    for (let i = from; i < Math.min(count, from + batch); i++) {
      const administration = administrations[i % administrations.length];
      data.push({
        ...copied,
        documentId: createId(),
        reference: `${row.reference.slice(0, 8)}-${String(i).padStart(6, '0')}`,
        speakerName: `Agent ${i}`,
        email: `agent-${i}@${edition.slug}.example.org`,
        administrationName: administration.name,
        title: `Proposition ${i} : ${i % 7 === 0 ? '=SOMME(A1:A2)' : 'retour d’expérience'}`,
        duplicateKey: createId(),
        statusTokenHash: createId(),
        preferredDay: i % 6 === 5 ? null : DAYS[i % DAYS.length],
        requestedDuration: [10, 15, 20, 30][i % 4],
        state: STATES[i % STATES.length],
        submittedAt: new Date(start + i * 60_000).toISOString(),
      });
    }
    await strapi.db.query(PROPOSAL).createMany({ data });
    const ids = await strapi.db.query(PROPOSAL).findMany({ where: { documentId: { $in: data.map((d) => d.documentId) } }, select: ['id', 'email'] });
    for (const [k, jt] of links.entries()) {
      const linkRow = linkTemplates[k];
      const rows = ids.map((p) => {
        const n = Number(p.email.split('@')[0].split('-')[1]);
        const target = k === 1 ? administrations[n % administrations.length].id : linkRow[jt.inverseJoinColumn.name];
        const copy = { ...linkRow, [jt.joinColumn.name]: p.id, [jt.inverseJoinColumn.name]: target };
        delete copy.id;
        // The order of the proposal among its edition's (or administration's): after the others.
        for (const column of Object.keys(copy)) if (column.endsWith('_ord')) copy[column] = n + 1;
        return copy;
      });
      await knex.batchInsert(jt.name, rows, 200);
    }
  }
}

async function seedProgram(strapi, edition, administrations) {
  const speakers = [];
  for (let i = 0; i < 150; i++) {
    speakers.push(
      await strapi.documents('api::speaker.speaker').create({
        locale: 'fr',
        status: 'published',
        data: { name: `Intervenante ${i}`, bio: 'Biographie de mesure.', administration: administrations[i % administrations.length].documentId },
      })
    );
  }
  let n = 0;
  for (const day of DAYS) {
    for (const [r, room] of ROOMS.entries()) {
      for (let slot = 0; slot < SLOTS; slot++) {
        await strapi.documents('api::session.session').create({
          locale: 'fr',
          status: 'published',
          data: {
            title: `Session ${n} de la grande édition`,
            slug: `grande-${n}`,
            abstract: 'Un résumé de quelques phrases pour donner au programme une taille réaliste. '.repeat(3),
            edition: edition.documentId,
            speakers: [speakers[n % 150].documentId, speakers[(n + 7 + r) % 150].documentId],
            startsAt: new Date(Date.parse(`${day}T13:00:00.000Z`) + slot * 18 * 60_000).toISOString(),
            durationMinutes: 15,
            room,
            format: 'talk',
          },
        });
        n++;
      }
    }
  }
}

/**
 * The server's memory from `start` to `stop`, from a clean heap: RSS every 2 ms, and the live heap
 * (what a full collection leaves, so that garbage not yet collected does not count) 250 ms after each
 * such collection ends, so that the collections take a small share of the time.
 */
function sampler() {
  let state = null;
  return {
    start() {
      global.gc();
      const base = process.memoryUsage();
      state = { base, rss: base.rss, heapUsed: base.heapUsed, liveHeap: base.heapUsed, running: true };
      state.timer = setInterval(() => {
        const m = process.memoryUsage();
        state.rss = Math.max(state.rss, m.rss);
        state.heapUsed = Math.max(state.heapUsed, m.heapUsed);
      }, 2);
      const collect = () => {
        if (!state.running) return;
        global.gc();
        state.liveHeap = Math.max(state.liveHeap, process.memoryUsage().heapUsed);
        state.collector = setTimeout(collect, 250);
      };
      state.collector = setTimeout(collect, 250);
    },
    stop() {
      state.running = false;
      clearInterval(state.timer);
      clearTimeout(state.collector);
      const { base, rss, heapUsed, liveHeap } = state;
      return { base: { rss: base.rss, heapUsed: base.heapUsed }, peak: { rss, heapUsed, liveHeap }, maxRssHighWater: process.resourceUsage().maxRSS * 1024 };
    },
  };
}

/**
 * Two steps, two processes on one database: `seed` writes the editions and exits; `serve` starts
 * afresh on them, so the memory it measures owes nothing to the seeding.
 */
async function main() {
  const step = process.env.BENCH_STEP;
  const strapi = await startApp({ create: step === 'seed' });
  if (step === 'seed') {
    const seeding = Date.now();
    const kinds = ['ministry', 'local_authority', 'public_operator', 'other'];
    const administrations = [];
    for (let i = 0; i < 40; i++) {
      administrations.push(
        await strapi
          .documents('api::administration.administration')
          .create({ data: { name: `Administration ${i}`, acronym: `ADM${i}`, kind: kinds[i % kinds.length] } })
      );
    }
    const grande = await createEdition(strapi, 'grande', 'Grande édition de mesure');
    const petite = await createEdition(strapi, 'petite', 'Petite édition de mesure');
    await seedProposals(strapi, grande, PROPOSALS, administrations);
    await seedProposals(strapi, petite, SMALL_PROPOSALS, administrations);
    await seedProgram(strapi, grande, administrations);
    // What autovacuum does within a minute of such writes, where it is on (the machine's cluster has it off).
    if (process.env.DATABASE_CLIENT === 'postgres') await strapi.db.connection.raw('ANALYZE');
    process.stdout.write(`SEEDED ${Date.now() - seeding}\n`);
    // Not strapi.destroy(): work the writes started in the background may still hold the pool; the
    // database is whole, and the next step opens it afresh.
    process.exit(0);
  }
  await strapi.listen();
  const base = `http://127.0.0.1:${process.env.PORT}`;
  const admin = await fetch(`${base}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.org', password: 'Mesure2026!', firstname: 'Banc', lastname: 'Mesure' }),
  });
  const { data } = await admin.json();
  const editionId = async (slug) => (await strapi.db.query(EDITION).findOne({ where: { slug }, select: ['documentId'] })).documentId;
  process.stdout.write(`READY ${process.env.PORT} ${data.token ?? data.accessToken} ${await editionId('grande')} ${await editionId('petite')}\n`);

  const memory = sampler();
  const outputs = strapi.service('api::edition.outputs');
  process.on('message', async (message) => {
    if (message === 'memory-start') {
      memory.start();
      process.send({ started: true });
    }
    if (message === 'memory-stop') process.send(memory.stop());
    if (message?.program) {
      // The computed program (the service, not the response cache), timed and its SQL queries counted.
      let queries = 0;
      const count = () => queries++;
      strapi.db.connection.on('query', count);
      const times = [];
      for (let i = 0; i < message.program.runs; i++) {
        const t = process.hrtime.bigint();
        await outputs.program(message.program.slug);
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      strapi.db.connection.off('query', count);
      const program = JSON.parse((await outputs.program(message.program.slug)).body);
      const sessions = program.data.days.reduce((n, d) => n + d.sessions.length, 0) + program.data.unscheduled.length;
      process.send({ times, queriesPerProgram: queries / message.program.runs, sessions });
    }
    if (message === 'counts') {
      const count = (uid, where = {}) => strapi.db.query(uid).count({ where });
      process.send({
        grande: await count(PROPOSAL, { edition: { slug: 'grande' } }),
        petite: await count(PROPOSAL, { edition: { slug: 'petite' } }),
        sessions: await count('api::session.session', { publishedAt: { $notNull: true } }),
      });
    }
    if (message === 'stop') {
      await stopApp(strapi);
      process.exit(0);
    }
  });
}

run(main);
