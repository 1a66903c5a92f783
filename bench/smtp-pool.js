#!/usr/bin/env node
/**
 * `node bench/smtp-pool.js`: how fast nodemailer's pool hands mails one after the other to an SMTP
 * relay on loopback (smtp-server, as in the other benches), with Node's plain sockets and with the
 * app's connections (src/api/notification/smtp-connection.ts: Nagle's algorithm off). The same
 * mails, the same pool settings as config/plugins.ts. Uses the compiled app in dist/ (compiles it
 * first unless BENCH_COMPILE=false). Prints JSON.
 */
const path = require('path');
const fs = require('fs');
const nodemailer = require('nodemailer');
const { countingRelay } = require('./relay');

const appDir = path.resolve(__dirname, '..');
const MAILS = Number(process.env.BENCH_MAILS || 200);

async function main() {
  if (process.env.BENCH_COMPILE !== 'false' || !fs.existsSync(path.join(appDir, 'dist', 'src', 'index.js'))) {
    await require('@strapi/typescript-utils').compile(appDir);
  }
  const { smtpConnection } = require(path.join(appDir, 'dist', 'src', 'api', 'notification', 'smtp-connection.js'));
  const relay = await countingRelay();
  const port = relay.port;
  // A mail the size of an acknowledgement: a text part and its HTML twin.
  const mail = (i) => ({
    from: 'ne-pas-repondre@example.org',
    to: `agent${i}@example.org`,
    subject: `Proposition reçue ${i}`,
    text: 'Nous avons bien reçu votre proposition.\n'.repeat(40),
    html: '<p>Nous avons bien reçu votre proposition.</p>'.repeat(40),
  });
  const measure = async (getSocket) => {
    const pool = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, pool: true, maxConnections: 3, ...(getSocket ? { getSocket } : {}) });
    await pool.sendMail(mail(0)); // the connection opened
    const start = process.hrtime.bigint();
    for (let i = 1; i <= MAILS; i++) await pool.sendMail(mail(i));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    pool.close();
    return { mails: MAILS, totalMs: Math.round(ms), msPerMail: +(ms / MAILS).toFixed(2) };
  };
  const plainSockets = await measure(null);
  const appConnections = await measure(smtpConnection(10000));
  relay.server.close();
  console.log(JSON.stringify({ node: process.version, plainSockets, appConnections, received: relay.received }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
