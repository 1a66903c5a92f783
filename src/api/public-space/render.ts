/**
 * The template engine of the public pages: Nunjucks, the engine of Eleventy sites, with every
 * output escaped unless a template says otherwise (none does). Templates are read from the source
 * tree (src/api/public-space/templates), which the compiled server does not copy.
 */
import path from 'path';
import nunjucks from 'nunjucks';
import type { Core } from '@strapi/strapi';

export function templateEngine(strapi: Core.Strapi): nunjucks.Environment {
  const directory = path.join(strapi.dirs.app.src, 'api', 'public-space', 'templates');
  const loader = new nunjucks.FileSystemLoader(directory, { noCache: false });
  return new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
}
