/**
 * The connections of the SMTP pool, opened with Nagle's algorithm off.
 *
 * nodemailer writes a message in several small chunks. With Nagle's algorithm on (Node's default
 * for a plain socket), each chunk after the first waits until the relay acknowledges the one
 * before, and a relay that has nothing to answer yet delays its acknowledgement (40 ms on Linux):
 * one mail every 45 ms on loopback, against 2.5 ms with it off (`node bench/smtp-pool.js`).
 *
 * Handed to nodemailer's pool as an open connection: it then greets the relay, starts TLS when
 * the relay offers it, or wraps this socket in TLS itself when `SMTP_SECURE` is set.
 */
import net from 'net';

interface PoolOptions {
  host?: string;
  port?: number;
}

type Callback = (error: Error | null, socket?: { connection: net.Socket }) => void;

/** nodemailer's `getSocket`: a connection to the relay within `timeoutMs`, or the error that stopped it. */
export function smtpConnection(timeoutMs: number) {
  return (options: PoolOptions, callback: Callback): void => {
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? 25;
    const socket = net.connect({ host, port, noDelay: true });
    const fail = (error: Error) => {
      socket.destroy();
      callback(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`SMTP: no connection to ${host}:${port} within ${timeoutMs} ms`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', fail);
      callback(null, { connection: socket });
    });
  };
}
