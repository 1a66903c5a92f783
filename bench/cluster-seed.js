#!/usr/bin/env node
/**
 * `bench/cluster.sh`, first step: compiles the app when its build is missing or older than its
 * sources, then loads it once (no HTTP) on the cluster's throwaway PostgreSQL database and creates
 * what the checks of bench/cluster.js act on, as the editors would have before:
 *   - the super admin of the demo (ADMIN_EMAIL / ADMIN_PASSWORD), who edits through instance A;
 *   - `cluster-call`, an edition whose call is open (the submissions);
 *   - `cluster-program`, an edition whose program is out, with published sessions (the edit);
 *   - `cluster-embargo`, an edition whose program is not out yet, with two session drafts (the
 *     embargo and the scheduled jobs);
 *   - a rebuild target on bench/cluster.js's receiver (CLUSTER_HOOK_URL), for the program's events.
 * Writes the documentIds to .tmp/cluster/fixture.json.
 */
const path = require('path');
const fs = require('fs');

const appDir = path.resolve(__dirname, '..');
const distDir = path.join(appDir, 'dist');

/** The newest modification time under `dir` (TypeScript and JSON sources). */
function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (/\.(ts|tsx|json)$/.test(entry.name)) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

async function compileIfNeeded() {
  const built = path.join(distDir, 'src', 'index.js');
  const sources = Math.max(newest(path.join(appDir, 'src')), newest(path.join(appDir, 'config')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.log('Compiling the app (TypeScript)…');
  await require('@strapi/typescript-utils').compile(appDir);
}

const PAST_CALL = {
  cfpOpensAt: '2024-01-08T08:00:00.000Z',
  cfpClosesAt: '2024-01-20T22:59:00.000Z',
  responseDate: '2024-01-26T23:00:00.000Z',
};
const afternoon = (date) => ({ date, startTime: '14:00:00.000', endTime: '17:00:00.000', label: `après-midi du ${date}` });
const DURATIONS = { minDurationMinutes: 5, maxDurationMinutes: 30, durationChoices: [5, 10, 15, 20, 30] };

async function main() {
  await compileIfNeeded();
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  strapi.log.level = 'warn';
  const { ensureDemoAdmin } = require(path.join(distDir, 'src', 'seed', 'demo.js'));
  await ensureDemoAdmin(strapi, process.env.ADMIN_EMAIL, process.env.ADMIN_PASSWORD);

  const edition = (slug, data) =>
    strapi.documents('api::edition.edition').create({
      locale: 'fr',
      status: 'published',
      data: { title: `Grappe ${slug}`, slug, year: 2099, timeZone: 'Europe/Paris', ...DURATIONS, ...data },
    });
  const session = (editionId, slug, startsAt, status) =>
    strapi.documents('api::session.session').create({
      locale: 'fr',
      status,
      data: { title: `Session ${slug}`, slug, edition: editionId, startsAt, durationMinutes: 20, room: 'Salle A', format: 'talk', abstract: 'Un résumé.' },
    });

  await edition('cluster-call', {
    cfpOpensAt: '2024-01-08T08:00:00.000Z',
    cfpClosesAt: '2099-01-01T22:59:00.000Z',
    responseDate: '2099-01-02T23:00:00.000Z',
    programPublicationDate: '2099-01-03T08:00:00.000Z',
    days: [afternoon('2099-01-05')],
  });
  const program = await edition('cluster-program', { ...PAST_CALL, programPublicationDate: '2024-02-01T08:00:00.000Z', days: [afternoon('2024-02-06')] });
  const edited = await session(program.documentId, 'cluster-edited', '2024-02-06T13:00:00.000Z', 'published');
  await session(program.documentId, 'cluster-unchanged', '2024-02-06T13:30:00.000Z', 'published');
  const embargo = await edition('cluster-embargo', { ...PAST_CALL, programPublicationDate: '2099-01-03T08:00:00.000Z', days: [afternoon('2099-01-05')] });
  const drafts = [
    await session(embargo.documentId, 'cluster-embargoed-1', '2099-01-05T13:00:00.000Z'),
    await session(embargo.documentId, 'cluster-embargoed-2', '2099-01-05T13:30:00.000Z'),
  ];
  await strapi.documents('api::rebuild-target.rebuild-target').create({
    data: {
      name: 'Récepteur de la grappe',
      url: process.env.CLUSTER_HOOK_URL,
      method: 'POST',
      events: ['program.*'],
      quietPeriodSeconds: 0,
      enabled: true,
    },
  });

  const fixture = {
    editions: { program: program.documentId, embargo: embargo.documentId },
    editedSession: edited.documentId,
    embargoedSessions: drafts.map((d) => d.documentId),
  };
  fs.mkdirSync(path.join(appDir, '.tmp', 'cluster'), { recursive: true });
  fs.writeFileSync(path.join(appDir, '.tmp', 'cluster', 'fixture.json'), JSON.stringify(fixture, null, 2) + '\n');
  await strapi.destroy();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
