/**
 * Where a rebuild target may point. A target's URL is typed by an admin and the app calls it from
 * inside its own network, so an address on that network (loopback, private ranges, link-local such
 * as the cloud metadata service at 169.254.169.254) would turn rebuilds into a way to reach what the
 * internet cannot. Only public unicast addresses pass, unless the operator allows private ones.
 * Pure: no Strapi import.
 */
import ipaddr from 'ipaddr.js';

export type TargetUrlCode = 'REBUILD_TARGET_URL_INVALID' | 'REBUILD_TARGET_PRIVATE';

export interface TargetUrlRefusal {
  code: TargetUrlCode;
  message: string;
  messageEn: string;
}

export const PRIVATE_TARGET_REFUSAL: TargetUrlRefusal = {
  code: 'REBUILD_TARGET_PRIVATE',
  message:
    'Adresse refusée : elle désigne le réseau interne du serveur (boucle locale, réseau privé, lien local ou plage réservée). ' +
    "Un administrateur système peut l'autoriser avec REBUILD_ALLOW_PRIVATE_TARGETS=true.",
  messageEn:
    'Address refused: it points into the server’s own network (loopback, private network, link-local or reserved range). ' +
    'A system administrator can allow it with REBUILD_ALLOW_PRIVATE_TARGETS=true.',
};

const INVALID_URL_REFUSAL: TargetUrlRefusal = {
  code: 'REBUILD_TARGET_URL_INVALID',
  message: 'Adresse invalide : saisissez une URL complète en http:// ou https://, ex. https://api.github.com/repos/OWNER/REPO/dispatches.',
  messageEn: 'Invalid address: enter a full http:// or https:// URL, e.g. https://api.github.com/repos/OWNER/REPO/dispatches.',
};

/** IPv6 global unicast (RFC 4291): anything outside is unassigned or special, IPv4-compatible `::a.b.c.d` included. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * The range of an IP address, as ipaddr.js names it ("unicast", "loopback", "private", "linkLocal",
 * "uniqueLocal", …). An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is classified as the IPv4 address
 * it carries. "invalid" when it is not an IP address.
 */
export function addressRange(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // Only the strict forms: resolvers and URL parsers have already turned 0x7f.1 into 127.0.0.1.
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return 'invalid';
  const parsed = ipaddr.process(bare);
  const range = parsed.range();
  if (range === 'unicast' && parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) return 'unassigned';
  return range;
}

/** A public unicast address: the only kind a target may reach unless private targets are allowed. */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

/** `localhost` and the names under it always mean this machine (RFC 6761). */
export function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

export interface CheckedTargetUrl {
  url: URL;
  /** The host when it is an IP address (brackets removed): no name resolution will happen for it. */
  ipLiteral: string | null;
}

/**
 * The URL a target may have: http or https, and, unless `allowPrivate`, a host that is neither an IP
 * address outside public unicast nor `localhost`. The URL is parsed as browsers and Node's http do,
 * so decimal, octal and hexadecimal forms of IPv4 (http://2130706433/, http://0x7f.1/) arrive here
 * already as 127.0.0.1. A host name is checked later, on the addresses it resolves to.
 */
export function checkTargetUrl(raw: unknown, { allowPrivate }: { allowPrivate: boolean }): CheckedTargetUrl | TargetUrlRefusal {
  if (typeof raw !== 'string' || raw.trim() === '') return INVALID_URL_REFUSAL;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return INVALID_URL_REFUSAL;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return INVALID_URL_REFUSAL;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const ipLiteral = addressRange(host) === 'invalid' ? null : host;
  if (!allowPrivate && (ipLiteral ? !isPublicAddress(ipLiteral) : isLocalName(host))) return PRIVATE_TARGET_REFUSAL;
  return { url, ipLiteral };
}

export function isRefusal(value: CheckedTargetUrl | TargetUrlRefusal): value is TargetUrlRefusal {
  return 'code' in value;
}

/**
 * Whether two target URLs are the same destination, for the rule that a new destination needs the
 * secret again. Compared after parsing, so that a form saved again unchanged is not a new destination.
 */
export function sameDestination(a: unknown, b: unknown): boolean {
  const normalize = (value: unknown) => {
    if (typeof value !== 'string') return value;
    try {
      return new URL(value.trim()).href;
    } catch {
      return value.trim();
    }
  };
  return normalize(a) === normalize(b);
}
