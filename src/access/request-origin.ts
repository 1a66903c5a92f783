/**
 * Who is behind a document-service call, for the rules that depend on it: an editor in the admin
 * (an admin-authenticated request: the content manager or the desk's routes), a proposer or the
 * public (any other request: the status link, the form, the content API), or the app itself (no
 * request: cron tasks, the seed, scripts).
 *
 * A document middleware has no request argument; Strapi keeps the request's Koa context in an
 * AsyncLocalStorage (`strapi.requestContext`) for the whole of its handling, so the middleware reads
 * it there. Strapi's two strategies of the admin API mark the context (`ctx.state.auth.strategy.name`):
 * 'admin' for a signed-in session and 'admin-token' for an admin token (Settings › Admin tokens). Both
 * leave the admin user in `ctx.state.user` after the admin's own authentication (the token's owner,
 * active and not blocked, for an admin token): a request made with a token counts as its owner's, and
 * a content-API token, a users-permissions login or a forged header cannot pass for an admin.
 */
import type { Core } from '@strapi/strapi';
import { BY_SPEAKER, BY_SYSTEM } from '../domain/proposal-states';
import type { IdentityViewer } from '../domain/anonymous-review';
import { actionId } from '../plugins/bluehats/server/src/actions';

export type RequestOrigin = { kind: 'admin'; name: string; email: string | null } | { kind: 'public' } | { kind: 'app' };

interface AdminCredentials {
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

/**
 * The admin API's authentication strategies (@strapi/admin's register): a session's credentials are
 * the admin user, an admin token's are the token, and both set `ctx.state.user` to the admin user.
 */
const ADMIN_STRATEGIES: ReadonlySet<string> = new Set(['admin', 'admin-token']);

export function requestOrigin(strapi: Core.Strapi): RequestOrigin {
  const ctx = strapi.requestContext.get();
  if (!ctx) return { kind: 'app' };
  const strategy = (ctx.state?.auth as { strategy?: { name?: string } } | undefined)?.strategy?.name;
  const user = ctx.state?.user as AdminCredentials | undefined;
  if (strategy && ADMIN_STRATEGIES.has(strategy) && user) {
    const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email || 'un éditeur';
    return { kind: 'admin', name, email: user.email ?? null };
  }
  return { kind: 'public' };
}

/** The name the state history records for a change made by this origin. */
export function actorName(origin: RequestOrigin): string {
  if (origin.kind === 'admin') return origin.name;
  return origin.kind === 'public' ? BY_SPEAKER : BY_SYSTEM;
}

/** « Camille Martin <camille.martin@example.org> », or « automatique ». */
export function releaserName(origin: RequestOrigin): string {
  if (origin.kind !== 'admin') return BY_SYSTEM;
  return origin.email && origin.email !== origin.name ? `${origin.name} <${origin.email}>` : origin.name;
}

/**
 * Who reads, for the anonymised review: an admin (signed in, or through an admin token: both leave
 * the admin's abilities in `ctx.state.userAbility`), and whether their roles hold the desk
 * permission « Voir qui propose »; anyone else is no admin (the app's jobs, the proposer, the public).
 */
export function identityViewer(strapi: Core.Strapi): IdentityViewer {
  const ability = strapi.requestContext.get()?.state?.userAbility as { can?: (action: string) => boolean } | undefined;
  if (typeof ability?.can !== 'function') return { admin: false, mayIdentify: false };
  return { admin: true, mayIdentify: ability.can(actionId('readProposerIdentity')) };
}

/**
 * Who reads the review figures: the admin behind the request, and whether their roles may decide
 * (then they see every sheet, else another's only once they scored that proposal themselves). No
 * request (the app's own work) sees everything.
 */
export function reviewViewer(strapi: Core.Strapi): { id: number; seesEverything: boolean } {
  const state = strapi.requestContext.get()?.state as { user?: { id: number }; userAbility?: { can?: (action: string) => boolean } } | undefined;
  if (!state) return { id: 0, seesEverything: true };
  return { id: Number(state.user?.id), seesEverything: !!state.userAbility?.can?.(actionId('decideProposals')) };
}
