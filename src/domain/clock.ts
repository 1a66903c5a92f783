/**
 * The one source of "now" for every date rule. Production reads the wall clock;
 * tests (and only tests) move it with `clock.set(...)`.
 */
export type Now = () => Date;

let current: Now = () => new Date();

export const clock = {
  now(): Date {
    return current();
  },
  /** Freeze or replace the clock. Pass a Date/ISO string to freeze, or a function. */
  set(source: Now | Date | string): void {
    if (typeof source === 'function') {
      current = source;
      return;
    }
    const frozen = new Date(source);
    if (Number.isNaN(frozen.getTime())) throw new RangeError(`Invalid clock instant: ${String(source)}`);
    current = () => new Date(frozen.getTime());
  },
  reset(): void {
    current = () => new Date();
  },
};

export type Clock = typeof clock;
