/**
 * The response cache keeps an answer only if nothing changed while it was computed: a change committed
 * meanwhile (here, or on another instance through the notification) empties the cache, and an answer
 * computed from the older content must not be kept after it.
 */
import { clock } from '../../src/domain/clock';
import { responseCache } from '../../src/cache/response-cache';

const answer = (body: string) => ({ type: 'application/json', body });

describe('response cache', () => {
  beforeEach(() => {
    clock.set('2023-11-15T09:00:00Z');
    responseCache.invalidate();
  });

  it('keeps an answer computed while the content stayed the same', () => {
    const seen = responseCache.currentVersion;
    const entry = responseCache.set('/api/x?', answer('{"a":1}'), null, seen);
    expect(responseCache.get('/api/x?')).toBe(entry);
  });

  it('serves but does not keep an answer computed across a change', () => {
    const seen = responseCache.currentVersion;
    responseCache.invalidate(); // a write committed during the computation
    const entry = responseCache.set('/api/x?', answer('{"a":"old"}'), null, seen);
    expect(entry.body).toBe('{"a":"old"}');
    expect(responseCache.get('/api/x?')).toBeUndefined();
  });

  it('expires an answer at its date boundary, the last millisecond before it still served', () => {
    responseCache.set('/api/y?', answer('{}'), new Date('2023-11-15T09:00:05Z'));
    clock.set('2023-11-15T09:00:04.999Z');
    expect(responseCache.get('/api/y?')).toBeDefined();
    clock.set('2023-11-15T09:00:05Z');
    expect(responseCache.get('/api/y?')).toBeUndefined();
  });
});
