#!/usr/bin/env node
/**
 * `npm run demo`, last step: the app, with a mail catcher on loopback that prints every mail the app
 * sends (the acknowledgement with its status link, the decisions) to this terminal. When something
 * already listens on the SMTP port (a MailHog, a real relay), the mails go there instead.
 */
const net = require('net');
const path = require('path');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const appDir = path.resolve(__dirname, '..', '..');
const host = process.env.SMTP_HOST || '127.0.0.1';
const port = Number(process.env.SMTP_PORT || 1025);

const listening = () =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

function printMail(mail) {
  const line = '─'.repeat(72);
  console.log(`\n${line}\nMail to ${mail.to?.text ?? ''}\nSubject: ${mail.subject ?? ''}\n\n${(mail.text ?? '').trim()}\n${line}\n`);
}

async function startCatcher() {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          printMail(mail);
          callback();
        },
        (error) => callback(error)
      );
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  console.log(`Mail catcher on ${host}:${port}: the app's mails are printed here.`);
  return server;
}

(async () => {
  if (host === '127.0.0.1' || host === 'localhost') {
    if (!(await listening())) await startCatcher();
    else console.log(`An SMTP server already listens on ${host}:${port}: the app's mails go there.`);
  }
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  await app.start();
  const url = app.config.get('server.url') || `http://localhost:${app.config.get('server.port')}`;
  console.log(`\nThe public pages: ${url}/   The admin: ${url}/admin\n`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
