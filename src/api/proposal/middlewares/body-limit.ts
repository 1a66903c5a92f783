/** A proposal is a few kilobytes: refuse anything larger before it reaches the service. */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { proposalsConfig } from '../../../config-types';
import { Problem, sendProblem } from '../../../http/problem';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const limit = proposalsConfig(strapi).maxBodyBytes;
  return async (ctx: Context, next: Next) => {
    const length = Number(ctx.get('content-length') || 0);
    const parsed = Buffer.byteLength(JSON.stringify((ctx.request as { body?: unknown }).body ?? ''));
    if (length > limit || parsed > limit) {
      sendProblem(
        ctx,
        new Problem(413, 'PayloadTooLargeError', 'PAYLOAD_TOO_LARGE', `La proposition dépasse ${Math.round(limit / 1024)} Ko.`, `The proposal exceeds ${Math.round(limit / 1024)} KB.`, { limitBytes: limit })
      );
      return;
    }
    await next();
  };
};
