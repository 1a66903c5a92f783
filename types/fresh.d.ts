// fresh 0.5.2 ships no types: the function Koa's `ctx.fresh` calls.
declare module 'fresh' {
  import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'http';
  function fresh(requestHeaders: IncomingHttpHeaders, responseHeaders: OutgoingHttpHeaders): boolean;
  export = fresh;
}
