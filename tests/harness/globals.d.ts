import type { Clock } from '../../src/domain/clock';

declare global {
  // Set by tests/harness/strapi-environment.js: the app's own clock module (the one Strapi runs with).
  // eslint-disable-next-line no-var
  var testClock: Clock;
  // The response cache of the booted app.
  // eslint-disable-next-line no-var
  var appResponseCache: { invalidate(): void };
  // How many answers the booted app wrote before Koa, from its response cache.
  // eslint-disable-next-line no-var
  var appEarlyAnswers: { served: number };
  // A real SMTP server on loopback (tests/harness/mailbox.js).
  // eslint-disable-next-line no-var
  var mailbox: {
    messages: Array<{ to: string; from: string; replyTo: string; subject: string; text: string }>;
    port: number;
    start(): Promise<number>;
    stop(): Promise<void>;
    clear(): void;
    waitFor(
      predicate: (m: { to: string; subject: string; text: string }) => boolean,
      options?: { count?: number; timeoutMs?: number }
    ): Promise<Array<{ to: string; from: string; replyTo: string; subject: string; text: string }>>;
  };
}
export {};
