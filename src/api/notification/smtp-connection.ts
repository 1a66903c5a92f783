/**
 * The connections of the SMTP pool, opened with Nagle's algorithm off.
 *
 * nodemailer writes a message in several small chunks. With Nagle's algorithm on (Node's default
 * for a plain socket), each chunk after the first waits until the relay acknowledges the one
 * before, and a relay that has nothing to answer yet delays its acknowledgement (40 ms on Linux):
 * one mail every 45 ms on loopback, against 2.5 ms with it off (`node bench/smtp-pool.js`).
 *
 * Handed to nodemailer's pool as an open connection: it then greets the relay, starts TLS when
 * the relay offers it, or wraps this socket in TLS itself when `SMTP_SECURE` is set. When the relay
 * cannot be reached, nodemailer is handed nothing and connects by itself, failing its own way: a
 * connection error handed back to its pool would leave a dead connection in it, which the next mails
 * would wait for forever.
 */
import net from 'net';

interface PoolOptions {
  host?: string;
  port?: number;
}

type Callback = (error: Error | null, socket?: { connection: net.Socket } | false) => void;

/** nodemailer's `getSocket`: a connection to the relay within `timeoutMs`, or none (nodemailer then tries itself). */
export function smtpConnection(timeoutMs: number) {
  return (options: PoolOptions, callback: Callback): void => {
    const socket = net.connect({ host: options.host ?? '127.0.0.1', port: options.port ?? 25, noDelay: true });
    const giveUp = () => {
      socket.destroy();
      callback(null, false);
    };
    socket.setTimeout(timeoutMs, giveUp);
    socket.once('error', giveUp);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', giveUp);
      socket.removeListener('timeout', giveUp);
      callback(null, { connection: socket });
    });
  };
}
