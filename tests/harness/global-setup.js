// Compiles the TypeScript app once for the whole run (every project that boots the app shares it).
// `compileStrapi()` would process.exit(1) on a type error and hide it from Jest; the compiler
// itself reports and throws.
const path = require('path');
const fs = require('fs');
const { compile } = require('@strapi/typescript-utils');

// .ci/run sets it after its own build, so that two suites side by side never compile into one dist/ at once.
const DONE = '__BLUEHATS_COMPILED__';

module.exports = async () => {
  if (process.env[DONE]) return;
  const appDir = path.resolve(__dirname, '..', '..');
  fs.rmSync(path.join(appDir, 'dist', 'src'), { recursive: true, force: true });
  fs.rmSync(path.join(appDir, 'dist', 'config'), { recursive: true, force: true });
  await compile(appDir, { configOptions: { options: { incremental: false } } });
  if (!fs.existsSync(path.join(appDir, 'dist', 'src', 'index.js'))) throw new Error('TypeScript compilation produced no dist/src/index.js');
  process.env[DONE] = '1';
};
