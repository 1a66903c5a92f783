/**
 * The caches of content stay coherent across app instances on one PostgreSQL database.
 *
 * Every cache of content in a process (the response cache, and what follows its version: the
 * published editions the submission reads) is emptied by one call, `emptyLocalCaches`. A change
 * made on one instance (`contentChanged`) empties its own caches and sends a PostgreSQL
 * notification; every instance LISTENs on one dedicated connection (pg-listen: it reconnects after a
 * loss) and empties its caches when one arrives, within the notification's delivery time.
 * A notification may be missed while that connection is down, so a reconnection empties them too.
 * On SQLite (one instance) nothing is sent and nothing listens.
 */
import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import createSubscriber, { type Subscriber as PgSubscriber } from 'pg-listen';
import { mayShareDatabase } from '../persistence/instances';
import { responseCache } from './response-cache';

export const CONTENT_CHANGED_CHANNEL = 'bluehats_content_changed';

/** This process, named in the notifications it sends: it has emptied its caches already. */
const SELF = randomUUID();

interface ContentChanged {
  from: string;
}

type Subscriber = PgSubscriber<Record<typeof CONTENT_CHANGED_CHANNEL, ContentChanged>>;

const listeners = new WeakMap<Core.Strapi, Subscriber>();
/** The open transactions that carry a notification already: PostgreSQL delivers it once, at commit. */
const notifyingTransactions = new WeakSet<object>();

/** Empties every cache of content this process keeps. */
export function emptyLocalCaches(): void {
  responseCache.invalidate();
}

/**
 * Content the public reads has changed: this instance's caches are emptied now, the other instances'
 * when PostgreSQL delivers the notification. Inside a transaction it is sent on the transaction's
 * connection, so that it is delivered at commit (a rollback drops it): another instance never reads
 * the content again before it is committed. A failure to send it does not fail the write: the other
 * instances then keep their answers until their time-to-live ends (`responseCache.ttlMs`).
 */
export async function contentChanged(strapi: Core.Strapi): Promise<void> {
  emptyLocalCaches();
  if (!mayShareDatabase(strapi)) return;
  const payload = JSON.stringify({ from: SELF } satisfies ContentChanged);
  if (strapi.db.inTransaction()) {
    await strapi.db.transaction(async ({ trx }) => {
      if (notifyingTransactions.has(trx)) return;
      notifyingTransactions.add(trx);
      await trx.raw('select pg_notify(?, ?)', [CONTENT_CHANGED_CHANNEL, payload]);
    });
    return;
  }
  try {
    await strapi.db.connection.raw('select pg_notify(?, ?)', [CONTENT_CHANGED_CHANNEL, payload]);
  } catch (error) {
    strapi.log.warn(`Cache coherence: the other instances were not told of a change (${String(error)}).`);
  }
}

/** The listening connection's `application_name`: one per process. */
export const listenerName = (pid = process.pid): string => `bluehats-cache-listener-${pid}`;

/** Starts listening for the other instances' changes (PostgreSQL only); in bootstrap. */
export async function listenForChanges(strapi: Core.Strapi): Promise<void> {
  if (!mayShareDatabase(strapi) || listeners.has(strapi)) return;
  const connection = {
    ...strapi.config.get<Record<string, unknown>>('database.connection.connection'),
    // Named in pg_stat_activity: an operator (or a test) tells this connection from the pool's.
    application_name: listenerName(),
  };
  const subscriber: Subscriber = createSubscriber<Record<typeof CONTENT_CHANGED_CHANNEL, ContentChanged>>(connection, {
    // Reconnect forever, twice a second: an instance that stops listening would serve stale answers.
    retryInterval: 500,
    retryLimit: Infinity,
    retryTimeout: Infinity,
    // A connection lost without a word (no TCP reset) is found by a query every 10 s.
    paranoidChecking: 10_000,
  });
  subscriber.notifications.on(CONTENT_CHANGED_CHANNEL, (change) => {
    if (change?.from !== SELF) emptyLocalCaches();
  });
  // Back after a loss: what changed meanwhile was not heard.
  subscriber.events.on('connected', emptyLocalCaches);
  subscriber.events.on('error', (error) => strapi.log.warn(`Cache coherence: listening connection (${error.message}).`));
  await subscriber.connect();
  await subscriber.listenTo(CONTENT_CHANGED_CHANNEL);
  listeners.set(strapi, subscriber);
}

/** Stops listening; in destroy, so that nothing stays open. */
export async function stopListening(strapi: Core.Strapi): Promise<void> {
  const subscriber = listeners.get(strapi);
  if (!subscriber) return;
  listeners.delete(strapi);
  await subscriber.close();
}
