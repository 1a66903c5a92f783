/**
 * The pages' static files, served by the app itself (never a CDN): the Système de design de l'État
 * from its npm package, under a versioned path cached for a year, and the site's own small script
 * and style sheet. Only the files the pages use are served: no source map, no README, no listing.
 */
import fs from 'fs';
import path from 'path';
import type { Context } from 'koa';
import send from 'koa-send';

const dsfrPackage = path.dirname(require.resolve('@gouvfr/dsfr/package.json'));
const DSFR_VERSION = (JSON.parse(fs.readFileSync(path.join(dsfrPackage, 'package.json'), 'utf8')) as { version: string }).version;
export const DSFR_PATH = `/assets/dsfr/${DSFR_VERSION}`;

const DSFR_FILES =
  /^(dsfr\.min\.css|dsfr\.module\.min\.js|dsfr\.nomodule\.min\.js|utility\/icons\/icons\.min\.css|fonts\/[\w.-]+\.woff2?|icons\/[\w-]+\/[\w.-]+\.svg|favicon\/[\w.-]+\.(svg|png|ico|webmanifest))$/;
const OWN_FILES = /^(site\.css|site\.js)$/;
const YEAR = 365 * 24 * 3600;

async function serve(ctx: Context, root: string, file: string, maxAge: number): Promise<void> {
  try {
    await send(ctx, file, { root, maxage: maxAge * 1000, immutable: maxAge === YEAR, gzip: false, brotli: false });
  } catch {
    ctx.status = 404;
  }
}

export async function dsfrAsset(ctx: Context): Promise<void> {
  const file = String(ctx.params.file ?? '');
  if (ctx.params.version !== DSFR_VERSION || !DSFR_FILES.test(file)) {
    ctx.status = 404;
    return;
  }
  await serve(ctx, path.join(dsfrPackage, 'dist'), file, YEAR);
}

export function ownAsset(appSrc: string) {
  return async (ctx: Context): Promise<void> => {
    const file = String(ctx.params.file ?? '');
    if (!OWN_FILES.test(file)) {
      ctx.status = 404;
      return;
    }
    await serve(ctx, path.join(appSrc, 'api', 'public-space', 'assets'), file, 3600);
  };
}
