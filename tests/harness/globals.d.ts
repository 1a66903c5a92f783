import type { Clock } from '../../src/domain/clock';

declare global {
  // Set by tests/harness/strapi-environment.js: the app's own clock module (the one Strapi runs with).
  // eslint-disable-next-line no-var
  var testClock: Clock;
}
export {};
