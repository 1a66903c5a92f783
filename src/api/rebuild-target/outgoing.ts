/**
 * One call to a rebuild target, with the address rule applied to what is really connected to.
 *
 * Node's http client is used rather than fetch for two reasons: its `lookup` option lets the check
 * run on the addresses a name resolves to, and the connection then uses exactly those addresses (no
 * second resolution that a short-TTL DNS answer could point elsewhere); and it never follows
 * redirects, which would lead past the check.
 */
import dns from 'dns';
import http from 'http';
import https from 'https';
import type { LookupFunction } from 'net';
import { checkTargetUrl, isPublicAddress, isRefusal, PRIVATE_TARGET_REFUSAL } from '../../domain/target-address';

export interface OutgoingCall {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

/**
 * Why a call failed, in words that an admin can act on and that reveal nothing of the network
 * behind the target: no address, no port, no system error (connection refused and timed out would
 * tell which ports are open), and never the body of an answer.
 */
export class TargetCallError extends Error {
  constructor(
    message: string,
    /** A refusal by the address rule: retrying cannot succeed until the target or the flag changes. */
    readonly final: boolean,
    /** For the server log only. */
    readonly reason: string
  ) {
    super(message);
  }
}

const UNREACHABLE = "La cible n'a pas pu être jointe (nom inconnu, connexion impossible ou délai dépassé).";
const BAD_REQUEST = 'La requête vers la cible est invalide : vérifiez ses en-têtes.';
const refused = (reason: string) => new TargetCallError(PRIVATE_TARGET_REFUSAL.message, true, reason);

class RefusedAddress extends Error {}

/** Resolves as the system does, and refuses the whole name if any of its addresses is not public. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
        return callback(new RefusedAddress('resolved to a non-public address'), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Sends the call and gives the HTTP status; the answer's body is discarded unread. */
export function callTarget(rawUrl: string, call: OutgoingCall): Promise<number> {
  const checked = checkTargetUrl(rawUrl, { allowPrivate: call.allowPrivate });
  if (isRefusal(checked)) {
    return Promise.reject(checked.code === 'REBUILD_TARGET_PRIVATE' ? refused('address literal') : new TargetCallError(checked.message, true, checked.code));
  }
  const client = checked.url.protocol === 'https:' ? https : http;
  const headers = { ...call.headers, ...(call.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(call.body)) } : {}) };
  return new Promise<number>((resolve, reject) => {
    let request: http.ClientRequest;
    try {
      request = client.request(checked.url, {
        method: call.method,
        headers,
        lookup: guardedLookup(call.allowPrivate),
        signal: AbortSignal.timeout(call.timeoutMs),
      });
    } catch (error) {
      // Node refuses a header name or value it cannot send before anything leaves.
      return reject(new TargetCallError(BAD_REQUEST, false, (error as NodeJS.ErrnoException).code ?? 'invalid request'));
    }
    request.on('response', (response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof RefusedAddress) reject(refused('name resolved to a non-public address'));
      else reject(new TargetCallError(UNREACHABLE, false, error.code ?? error.name));
    });
    request.end(call.body);
  });
}
