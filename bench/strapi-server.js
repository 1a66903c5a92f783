#!/usr/bin/env node
/**
 * The app under benchmark: compiled once, started in production mode on a fresh SQLite file
 * (or a fresh PostgreSQL database with BENCH_DATABASE=postgres),
 * seeded with a program of 2 days and 30 sessions. Prints "READY <port> <queries computed> <queries cached> <bench edition documentId>" when listening.
 * A stock `create` route on proposals is added for this process only, to compare with submission.
 */
const path = require('path');
const fs = require('fs');
const { randomSecrets } = require('../database/seed/secrets');
const { appDir, startApp, stopApp } = require('./app');
Object.assign(process.env, {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: process.env.BENCH_PORT || '1338',
  DATABASE_CLIENT: process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite',
  DATABASE_FILENAME: `.tmp/bench-${process.pid}.db`,
  DATABASE_NAME: `bluehats_bench_${process.pid}`,
  DATABASE_SSL: 'false',
  CRON_ENABLED: 'false',
  PROPOSAL_RATE_LIMIT_MAX: '100000000',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: process.env.SMTP_PORT || '1340', // the relay in bench/bare-server.js
  ...randomSecrets(),
});

async function seedBenchProgram(strapi, now) {
  const { seedDemo } = require(path.join(appDir, 'dist', 'src', 'seed', 'demo.js'));
  await seedDemo(strapi, require(path.join(appDir, 'database', 'seed', 'bluehats.json')), now);
  const admin = await strapi.documents('api::administration.administration').findFirst({ filters: { acronym: 'DINUM' } });
  const edition = await strapi.documents('api::edition.edition').create({
    locale: 'fr',
    status: 'published',
    data: {
      title: 'Édition de mesure',
      slug: 'bench',
      year: 2025,
      timeZone: 'Europe/Paris',
      cfpOpensAt: '2025-01-01T08:00:00.000Z',
      cfpClosesAt: '2099-01-01T08:00:00.000Z',
      responseDate: '2099-01-02T08:00:00.000Z',
      programPublicationDate: '2099-01-03T08:00:00.000Z',
      days: [
        { date: '2099-01-05', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'jour 1' },
        { date: '2099-01-06', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'jour 2' },
      ],
      minDurationMinutes: 5,
      maxDurationMinutes: 30,
    },
  });
  // The program is published: move its date to the past, without the coherence rule (a bench only).
  await strapi.db.query('api::edition.edition').updateMany({
    where: { documentId: edition.documentId },
    data: {
      programPublicationDate: '2024-01-01T00:00:00.000Z',
      responseDate: '2024-01-01T00:00:00.000Z',
      cfpClosesAt: '2099-01-01T08:00:00.000Z',
      cfpOpensAt: '2023-01-01T00:00:00.000Z',
    },
  });
  const speakers = [];
  for (let i = 0; i < 10; i++) {
    speakers.push(
      await strapi
        .documents('api::speaker.speaker')
        .create({ locale: 'fr', status: 'published', data: { name: `Intervenant ${i}`, bio: 'Biographie de mesure.', administration: admin.documentId } })
    );
  }
  for (let i = 0; i < 30; i++) {
    const day = i < 15 ? '2099-01-05' : '2099-01-06';
    const minute = (i % 15) * 12;
    await strapi.documents('api::session.session').create({
      locale: 'fr',
      status: 'published',
      data: {
        title: `Session de mesure ${i}`,
        slug: `bench-${i}`,
        abstract: 'Un résumé de quelques phrases pour donner au programme une taille réaliste. '.repeat(3),
        edition: edition.documentId,
        speakers: [speakers[i % 10].documentId, speakers[(i + 3) % 10].documentId],
        startsAt: new Date(Date.parse(`${day}T13:00:00.000Z`) + minute * 60_000).toISOString(),
        durationMinutes: 10,
        room: 'Salle BlueHats',
        format: 'talk',
      },
    });
  }
  return edition;
}

async function main() {
  const strapi = await startApp();
  const edition = await seedBenchProgram(strapi, new Date());
  // Strapi's stock create, on the same content type as the submission route, for comparison. The
  // bench sends it the same row: the proposal with its edition (by documentId, as stock create takes it).
  strapi.server.routes([
    {
      method: 'POST',
      path: '/api/bench/stock-proposals',
      handler: async (ctx) => {
        // As for a caller with every right (a strategy without `verify` passes every check): the
        // Public role may not read editions, so its stock create would refuse the edition link.
        ctx.state.auth = { strategy: { name: 'bench-trusted-caller' }, credentials: null };
        ctx.body = await strapi.controller('api::proposal.proposal').create(ctx);
        ctx.status = 201;
      },
      config: { auth: false },
    },
  ]);
  await strapi.listen();
  // SQL queries for one uncached program request.
  let queries = 0;
  strapi.db.connection.on('query', () => queries++);
  const res = await fetch(`http://127.0.0.1:${process.env.PORT}/api/editions/bench/program`);
  fs.writeFileSync(path.join(appDir, '.tmp', 'bench-program.json'), Buffer.from(await res.arrayBuffer()));
  const uncached = queries;
  queries = 0;
  await fetch(`http://127.0.0.1:${process.env.PORT}/api/editions/bench/program`);
  process.stdout.write(`READY ${process.env.PORT} ${uncached} ${queries} ${edition.documentId}\n`);
  process.on('message', async (message) => {
    if (message === 'count-proposals') {
      const rows = await strapi.db
        .query('api::proposal.proposal')
        .findMany({ select: ['reference', 'email', 'title'], populate: { edition: { select: ['documentId'] } } });
      const byPrefix = {};
      const linkedByPrefix = {};
      for (const r of rows) {
        const prefix = r.email.split('-')[0];
        byPrefix[prefix] = (byPrefix[prefix] ?? 0) + 1;
        if (r.edition?.documentId === edition.documentId) linkedByPrefix[prefix] = (linkedByPrefix[prefix] ?? 0) + 1;
      }
      process.send({
        proposals: rows.length,
        byPrefix,
        linkedByPrefix,
        references: new Set(rows.map((r) => r.reference)).size,
        keys: new Set(rows.map((r) => `${r.email}|${r.title}`)).size,
      });
    }
    if (message === 'stop') {
      await stopApp(strapi);
      process.exit(0);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
