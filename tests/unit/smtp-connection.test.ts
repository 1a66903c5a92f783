/**
 * The SMTP pool's connections (src/api/notification/smtp-connection.ts), against a real SMTP server
 * on loopback: mails go through the pool on them, and a relay that cannot be reached is an error
 * of the mail, never of the process.
 */
import net from 'net';
import nodemailer from 'nodemailer';
import { smtpConnection } from '../../src/api/notification/smtp-connection';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Mailbox } = require('../harness/mailbox');

const mailbox = new Mailbox();
let port = 0;
const received = () => mailbox.messages.map((m: { to: string }) => m.to);

beforeAll(async () => {
  port = await mailbox.start();
});

afterAll(() => mailbox.stop());

beforeEach(() => mailbox.clear());

const transport = (to: number) =>
  nodemailer.createTransport({ host: '127.0.0.1', port: to, secure: false, pool: true, maxConnections: 3, getSocket: smtpConnection(2000) });

it('carries the mails of a pool, over and over on its connections', async () => {
  const pool = transport(port);
  try {
    for (let i = 0; i < 20; i++) {
      await pool.sendMail({ from: 'app@example.org', to: `agent${i}@example.org`, subject: `Accusé ${i}`, text: 'Bonjour.\n'.repeat(300) });
    }
  } finally {
    pool.close();
  }
  expect(received()).toEqual(Array.from({ length: 20 }, (_, i) => `agent${i}@example.org`));
});

it('answers a relay that refuses the connection with the error of each mail, mail after mail', async () => {
  // A port that was open a moment ago, and is closed now.
  const closed = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const pool = transport(closed);
  try {
    // More mails than the pool has connections: none waits for a connection that failed.
    for (let i = 0; i < 5; i++) {
      await expect(pool.sendMail({ from: 'app@example.org', to: `agent${i}@example.org`, subject: 'Accusé', text: 'Bonjour.' })).rejects.toThrow(
        /ECONNREFUSED/
      );
    }
  } finally {
    pool.close();
  }
  expect(received()).toEqual([]);
});
