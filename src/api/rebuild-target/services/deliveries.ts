/**
 * Site rebuilds, the delivery outbox (`api::rebuild-target.deliveries`). Content changes and date boundaries become events; events are coalesced per
 * target into one delivery (debounce), stored in an outbox before anything is sent, signed,
 * retried with exponential backoff and jitter, and sent once even with several instances
 * (advisory lock when coalescing, conditional-update claim when sending).
 */
import { performance } from 'perf_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clock } from '../../../domain/clock';
import { formatInstantFr } from '../../../domain/edition-calendar';
import { boundariesCrossed } from '../../../domain/call-state';
import { retryDelayMs } from '../../../domain/backoff';
import { debouncedDueAt, renderTemplate, signature, wantsEvent, type WebhookEvent } from '../../../domain/webhooks';
import type { RebuildFailure } from '../../../domain/dashboard';
import { checkTargetUrl, isRefusal, sameDestination } from '../../../domain/target-address';
import { rebuildFailureReason } from '../../../domain/rebuild-failure';
import { changeForEvent, type ProgramChange } from '../../../domain/program-versions';
import { callTarget, TargetCallError } from '../outgoing';
import { claimDue } from '../../../persistence/claim';
import { once, withLock } from '../../../persistence/lock';

const TARGET = 'api::rebuild-target.rebuild-target';
const DELIVERY = 'api::delivery.delivery';
const EDITION = 'api::edition.edition';
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** A rebuild target as the query engine returns it (untyped): the fields read here. */
interface TargetRow {
  id: number;
  documentId: string;
  name: string;
  url: string;
  method: string | null;
  headers: Record<string, unknown> | null;
  bodyTemplate: string | null;
  events: unknown;
  quietPeriodSeconds: number | null;
  maxAttempts: number | null;
}

/** A claimed delivery with its target populated; the target is null once deleted. */
interface DeliveryRow {
  id: number;
  documentId: string;
  events: WebhookEvent[] | null;
  attempts: number | null;
  dueAt: string;
  target: TargetRow | null;
}

interface SendResult {
  ok: boolean;
  status: number | null;
  error?: string;
  /** No retry: the address rule refused the target, or it was deleted. */
  final?: boolean;
  /** For the server log only. */
  reason?: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Read at each save and each call, so that the operator's choice is the one in force (and tests can flip it). */
  const allowPrivateTargets = () => strapi.config.get<boolean>('rebuilds.allowPrivateTargets') === true;

  /**
   * Secrets live encrypted in Strapi's core store, never in the target's row: no API, not even the
   * admin's content manager, can give them back. The form's `secret` field only carries a new one in.
   */
  const secrets = () => strapi.store({ type: 'plugin', name: 'bluehats', key: 'rebuild-secrets' });
  async function readSecret(documentId: string): Promise<string> {
    const all = ((await secrets().get({})) ?? {}) as Record<string, string>;
    return all[documentId] ? (strapi.service('admin::encryption').decrypt(all[documentId]) ?? '') : '';
  }
  async function writeSecret(documentId: string, plain: string | null) {
    const all = ((await secrets().get({})) ?? {}) as Record<string, string>;
    if (plain) all[documentId] = strapi.service('admin::encryption').encrypt(plain);
    else delete all[documentId];
    await secrets().set({ value: all });
  }

  async function enqueue(target: Pick<TargetRow, 'id' | 'name' | 'quietPeriodSeconds'>, event: WebhookEvent, { immediate = false } = {}) {
    await withLock(strapi, `delivery:${target.id}`, async () => {
      const now = clock.now();
      const quietMs = immediate ? 0 : (target.quietPeriodSeconds ?? 10) * 1000;
      const open: (Pick<DeliveryRow, 'id' | 'events'> & { firstEventAt: string }) | null = await strapi.db.query(DELIVERY).findOne({
        where: { target: { id: target.id }, state: 'pending', attempts: 0, claimedBy: null },
        orderBy: { id: 'asc' },
      });
      if (open) {
        await strapi.db.query(DELIVERY).update({
          where: { id: open.id },
          data: { events: [...(open.events ?? []), event], dueAt: debouncedDueAt(new Date(open.firstEventAt), now, quietMs).toISOString() },
        });
        return;
      }
      await strapi.db.query(DELIVERY).create({
        data: {
          target: target.id,
          // The log still names the site once its target is deleted (the relation is then empty).
          targetName: target.name,
          events: [event],
          state: 'pending',
          attempts: 0,
          firstEventAt: now.toISOString(),
          dueAt: new Date(now.getTime() + quietMs).toISOString(),
        },
      });
    });
  }

  async function emit(event: Omit<WebhookEvent, 'at'> & { at?: string }) {
    const full = { ...event, at: event.at ?? clock.now().toISOString() } as WebhookEvent;
    const targets: TargetRow[] = await strapi.db.query(TARGET).findMany({ where: { enabled: true } });
    for (const target of targets) if (wantsEvent(target.events, full.type)) await enqueue(target, full);
  }

  function payloadOf(delivery: DeliveryRow) {
    return { id: delivery.documentId, sentAt: clock.now().toISOString(), events: delivery.events ?? [] };
  }

  async function send(delivery: DeliveryRow, target: TargetRow): Promise<SendResult> {
    const payload = JSON.stringify(payloadOf(delivery));
    const secret = await readSecret(target.documentId);
    const values = { payload, eventTypes: JSON.stringify([...new Set((delivery.events ?? []).map((e: WebhookEvent) => e.type))]), secret };
    const body = target.method === 'GET' ? undefined : target.bodyTemplate ? renderTemplate(target.bodyTemplate, values) : payload;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'bluehats-events',
      'X-Bluehats-Delivery': delivery.documentId,
      'X-Bluehats-Events': values.eventTypes,
    };
    for (const [name, value] of Object.entries(target.headers ?? {})) headers[name] = renderTemplate(String(value), values);
    if (secret) headers['X-Signature'] = signature(secret, body ?? '', clock.now());
    try {
      const status = await callTarget(target.url, {
        method: target.method ?? 'POST',
        headers,
        body,
        timeoutMs: TIMEOUT_MS,
        allowPrivate: allowPrivateTargets(),
      });
      const ok = status >= 200 && status < 300;
      return { ok, status, error: ok ? undefined : `HTTP ${status}` };
    } catch (error) {
      // callTarget turns every failure into a TargetCallError; anything else is reported without its details.
      const known = error instanceof TargetCallError ? error : new TargetCallError("Échec inattendu de l'envoi.", false, String(error));
      return { ok: false, status: null, error: known.message, final: known.final, reason: known.reason };
    }
  }

  /** Claims what is due, sends it, records the outcome. */
  async function deliverDue(where: Record<string, unknown> = {}): Promise<Record<string, number>> {
    const claimed = await claimDue<DeliveryRow>(strapi, DELIVERY, { where, dueField: 'dueAt', leaseMs: LEASE_MS, limit: 100, populate: { target: true } });
    const outcome: Record<string, number> = {};
    for (const delivery of claimed) {
      const attempts = (delivery.attempts ?? 0) + 1;
      const result: SendResult = delivery.target ? await send(delivery, delivery.target) : { ok: false, status: null, error: 'Cible supprimée.', final: true };
      const failed = !result.ok && (attempts >= (delivery.target?.maxAttempts ?? 8) || !!result.final);
      const state = result.ok ? 'sent' : failed ? 'failed' : 'pending';
      await strapi.db.query(DELIVERY).update({
        where: { id: delivery.id },
        data: {
          state,
          attempts,
          claimedBy: null,
          lastStatus: result.status,
          lastError: result.error?.slice(0, 500) ?? null,
          sentAt: result.ok ? clock.now().toISOString() : null,
          dueAt: result.ok ? delivery.dueAt : new Date(clock.now().getTime() + retryDelayMs(attempts, 30_000)).toISOString(),
        },
      });
      // The log, for operators, may say a little more than the admin sees (the system's error code).
      if (!result.ok)
        strapi.log.warn(
          `Reconstruction « ${delivery.target?.name} » : échec (essai ${attempts}) : ${result.error}${result.reason ? ` [${result.reason}]` : ''}`
        );
      outcome[state] = (outcome[state] ?? 0) + 1;
    }
    return outcome;
  }

  /** A refusal shown on the field in the admin's form, in Strapi's error shape. */
  function fieldError(field: string, code: string, message: string, messageEn: string) {
    return new errors.ValidationError(message, { code, messageFr: message, messageEn, errors: [{ path: [field], message, name: 'ValidationError' }] });
  }

  async function assertDestination(url: unknown, documentId: string | undefined, newSecret: boolean) {
    const checked = checkTargetUrl(url, { allowPrivate: allowPrivateTargets() });
    if (isRefusal(checked)) throw fieldError('url', checked.code, checked.message, checked.messageEn);
    if (!documentId || newSecret) return;
    const current = await strapi.db.query(TARGET).findOne({ where: { documentId }, select: ['url'] });
    if (current && !sameDestination(current.url, url) && (await readSecret(documentId))) {
      throw fieldError(
        'secret',
        'REBUILD_SECRET_REQUIRED',
        "Nouvelle adresse : saisissez à nouveau le secret. Le secret enregistré n'est jamais envoyé à une autre adresse que celle pour laquelle il a été saisi.",
        'New address: enter the secret again. The stored secret is never sent to an address other than the one it was entered for.'
      );
    }
  }

  return {
    emit,
    deliverDue,
    readSecret,

    /**
     * Around a save of a target (document-service middleware): check where it points, and take the
     * secret out of the row. A new destination needs the secret again, so that a stored secret is only
     * ever sent where the person who typed it meant it to go. A new method, headers or body template
     * keep it: they change how the same destination is called, not who receives the secret.
     */
    async keepSecretOut<R>(params: { documentId?: string; data?: Record<string, unknown> }, save: () => R, action: string): Promise<Awaited<R>> {
      const plain = typeof params.data?.secret === 'string' && params.data.secret.length > 0 ? params.data.secret : null;
      if (params.data) delete params.data.secret;
      if ((action === 'create' || action === 'update') && params.data && (action === 'create' || 'url' in params.data)) {
        await assertDestination(params.data.url, action === 'update' ? params.documentId : undefined, plain !== null);
      }
      const result = await save();
      // Every document-service action answers with the document's id (create's is new).
      const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (action === 'delete' && documentId) await writeSecret(documentId, null);
      else if (plain && documentId) await writeSecret(documentId, plain);
      return result;
    },

    /**
     * A content change, told by the `announcePublicChanges` document middleware once the write is done.
     * The embargo never publishes early (src/api/session/services/embargo.ts), so a publish here is news.
     */
    async contentChanged(uid: string, action: string, documentId: string | undefined, locale?: string, status?: string) {
      const publishedNow = (action === 'create' || action === 'update') && status === 'published';
      const type = publishedNow ? 'content.published' : { publish: 'content.published', unpublish: 'content.unpublished', delete: 'content.deleted' }[action];
      if (!type || !documentId) return;
      let edition: { documentId: string; slug: string } | null = null;
      if (uid === EDITION) {
        const row = await strapi.db.query(EDITION).findOne({ where: { documentId }, select: ['documentId', 'slug'] });
        edition = row ? { documentId: row.documentId, slug: row.slug } : null;
      } else if (uid === 'api::session.session') {
        const row = await strapi.db.query('api::session.session').findOne({ where: { documentId }, populate: { edition: { select: ['documentId', 'slug'] } } });
        edition = row?.edition ? { documentId: row.edition.documentId, slug: row.edition.slug } : null;
      }
      await emit({ type, contentType: uid.split('.').pop(), documentId, locale: locale ?? null, edition });
    },

    /**
     * A new program version (src/api/program-version): `program.changed`, with the version and its
     * changelog, so that a site can say « mis à jour le … » and list what changed — no speaker's name
     * (`changeForEvent`): the payload and the deliveries' log hold no personal data.
     */
    async programChanged(
      edition: { documentId: string; slug: string },
      version: { number: number; label: Record<string, string>; releasedAt: string; changes: ProgramChange[] }
    ) {
      await emit({
        type: 'program.changed',
        at: version.releasedAt,
        edition,
        version: { number: version.number, label: version.label, releasedAt: version.releasedAt },
        changes: version.changes.map(changeForEvent),
      });
    },

    /** Cron: every date boundary crossed since the last run (within the lookback), once each. */
    async emitBoundaries(): Promise<string[]> {
      const now = clock.now();
      const rows = await strapi.db.query(EDITION).findMany({
        where: { publishedAt: { $notNull: true } },
        populate: { days: true },
      });
      const seen = new Set<string>();
      const emitted: string[] = [];
      for (const edition of rows) {
        if (seen.has(edition.documentId)) continue;
        seen.add(edition.documentId);
        for (const boundary of boundariesCrossed(edition, now)) {
          const key = `boundary:${edition.documentId}:${boundary.name}:${boundary.at.toISOString()}`;
          const ran = await once(strapi, key, now, () =>
            emit({ type: boundary.name, at: boundary.at.toISOString(), edition: { documentId: edition.documentId, slug: edition.slug } })
          );
          if (ran) emitted.push(`${edition.slug}:${boundary.name}`);
        }
      }
      return emitted;
    },

    /** The last deliveries that failed for good, newest first, worded in `zone`: the dashboard and the home page list them. */
    async recentFailures(limit: number, zone: string): Promise<RebuildFailure[]> {
      const rows: Array<{
        target: { name: string } | null;
        /** The target's name when the delivery was created: kept after the target is deleted. */
        targetName: string | null;
        attempts: number;
        lastStatus: number | null;
        lastError: string | null;
        updatedAt: Date | string;
      }> = await strapi.db.query(DELIVERY).findMany({ where: { state: 'failed' }, populate: { target: { select: ['name'] } }, orderBy: { id: 'desc' }, limit });
      return rows.map((f) => ({
        target: f.target?.name ?? f.targetName ?? 'Site supprimé',
        attempts: f.attempts,
        lastStatus: f.lastStatus,
        lastError: f.lastError,
        reason: rebuildFailureReason(f),
        at: f.updatedAt,
        atText: formatInstantFr(f.updatedAt, zone),
      }));
    },

    /**
     * "Send a test event": one delivery to this target, now, whatever its filter and quiet period.
     * The answer says how it went: state, HTTP status, time taken, and why it failed in French.
     */
    async sendTest(documentId: string) {
      const target = await strapi.db.query(TARGET).findOne({ where: { documentId } });
      if (!target) return null;
      // Elapsed time, not an instant: a monotonic timer, which the injected clock (frozen in tests) is not.
      const started = performance.now();
      await enqueue(target, { type: 'test', at: clock.now().toISOString() }, { immediate: true });
      await deliverDue({ target: { id: target.id } });
      const durationMs = Math.round(performance.now() - started);
      const last = await strapi.db.query(DELIVERY).findOne({ where: { target: { id: target.id } }, orderBy: { id: 'desc' } });
      const ok = last?.state === 'sent';
      return {
        state: last?.state,
        status: last?.lastStatus,
        error: last?.lastError ?? null,
        durationMs,
        reason: ok || !last ? null : rebuildFailureReason({ lastStatus: last.lastStatus ?? null, lastError: last.lastError ?? null }),
      };
    },
  };
};
