/** Where a rebuild target may point: the address classification and the URL rule, as tables. */
import { env } from '@strapi/utils';
import { addressRange, checkTargetUrl, isLocalName, isPublicAddress, isRefusal, sameDestination } from '../../src/domain/target-address';
import rebuildsConfig from '../../config/rebuilds';

describe('addressRange / isPublicAddress', () => {
  it.each([
    // [address, range]
    ['8.8.8.8', 'unicast'],
    ['140.82.112.3', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
    ['2001:4860:4860::8888', 'unicast'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['fd00::1', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    // IPv4-mapped IPv6: classified as the IPv4 address it carries.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['::ffff:8.8.8.8', 'unicast'],
    // IPv6 forms that carry an IPv4 address some other way.
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'teredo'],
    ['::7f00:1', 'unassigned'], // IPv4-compatible, deprecated
    ['fec0::1', 'deprecatedSiteLocal'],
    // Not an IP address: names, and the loose IPv4 forms a URL parser normalises first.
    ['localhost', 'invalid'],
    ['example.org', 'invalid'],
    ['2130706433', 'invalid'],
    ['0x7f.1', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(range === 'unicast');
  });
});

describe('isLocalName', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['localhost.', true],
    ['api.localhost', true],
    ['localhost.example.org', false],
    ['mylocalhost', false],
    ['example.org', false],
  ])('%s → %s', (name, local) => expect(isLocalName(name)).toBe(local));
});

describe('checkTargetUrl', () => {
  const code = (url: unknown, allowPrivate = false) => {
    const result = checkTargetUrl(url, { allowPrivate });
    return isRefusal(result) ? result.code : 'ok';
  };

  it.each([
    // [url, code with private targets refused, code with them allowed]
    ['https://api.github.com/repos/o/r/dispatches', 'ok', 'ok'],
    ['http://hooks.example.org:8080/build', 'ok', 'ok'],
    ['https://[2606:4700:4700::1111]/', 'ok', 'ok'],
    ['http://8.8.8.8/', 'ok', 'ok'],
    ['http://127.0.0.1:1337/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://127.1/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://2130706433/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://0x7f.1/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://0x7f000001/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://0177.0.0.1/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://%31%32%37.0.0.1/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://0/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://169.254.169.254/latest/meta-data/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://2852039166/', 'REBUILD_TARGET_PRIVATE', 'ok'], // 169.254.169.254 in decimal
    ['http://10.1.2.3/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://[::1]/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://[::ffff:127.0.0.1]/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://[::ffff:169.254.169.254]/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://[fe80::1]/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://[fd12:3456::1]/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://localhost:1337/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['http://LocalHost./', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['https://build.localhost/', 'REBUILD_TARGET_PRIVATE', 'ok'],
    ['ftp://example.org/', 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    ['file:///etc/passwd', 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    ['gopher://127.0.0.1:6379/_x', 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    ['javascript:alert(1)', 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    ['//example.org/hook', 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    ['example.org/hook', 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    ['http://1.2.3.4.5/', 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    ['', 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    [null, 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
    [42, 'REBUILD_TARGET_URL_INVALID', 'REBUILD_TARGET_URL_INVALID'],
  ])('%s → %s (allowed: %s)', (url, refused, allowed) => {
    expect(code(url)).toBe(refused);
    expect(code(url, true)).toBe(allowed);
  });

  it('gives the IP literal, without brackets, or null for a name', () => {
    expect(checkTargetUrl('http://[::1]:8080/x', { allowPrivate: true })).toMatchObject({ ipLiteral: '::1' });
    expect(checkTargetUrl('http://0x7f.1/', { allowPrivate: true })).toMatchObject({ ipLiteral: '127.0.0.1' });
    expect(checkTargetUrl('https://example.org/', { allowPrivate: false })).toMatchObject({ ipLiteral: null });
  });
});

describe('sameDestination', () => {
  it.each([
    ['https://example.org/hook', 'https://example.org/hook', true],
    ['https://example.org/hook', ' https://EXAMPLE.org/hook ', true],
    ['https://example.org', 'https://example.org/', true],
    ['https://example.org/hook', 'https://example.org/other', false],
    ['https://example.org/hook', 'http://example.org/hook', false],
    ['https://example.org/hook', 'https://example.org:8443/hook', false],
    ['https://example.org/hook', 'https://attaquant.example/hook', false],
  ])('%s and %s → %s', (a, b, same) => expect(sameDestination(a, b)).toBe(same));
});

describe('config/rebuilds.ts', () => {
  const saved = process.env.REBUILD_ALLOW_PRIVATE_TARGETS;
  afterEach(() => {
    if (saved === undefined) delete process.env.REBUILD_ALLOW_PRIVATE_TARGETS;
    else process.env.REBUILD_ALLOW_PRIVATE_TARGETS = saved;
  });

  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['1', false],
    ['true', true],
  ])('REBUILD_ALLOW_PRIVATE_TARGETS=%s → allowPrivateTargets %s', (value, allowed) => {
    if (value === undefined) delete process.env.REBUILD_ALLOW_PRIVATE_TARGETS;
    else process.env.REBUILD_ALLOW_PRIVATE_TARGETS = value;
    expect(rebuildsConfig({ env } as any).allowPrivateTargets).toBe(allowed); // any: only `env` is read
  });
});
