// Compiles the TypeScript app once for the whole run. `compileStrapi()` would process.exit(1)
// on a type error and hide it from Jest; the compiler itself reports and throws.
const path = require('path');
const fs = require('fs');
const { compile } = require('@strapi/typescript-utils');

module.exports = async () => {
  const appDir = path.resolve(__dirname, '..', '..');
  fs.rmSync(path.join(appDir, 'dist', 'src'), { recursive: true, force: true });
  fs.rmSync(path.join(appDir, 'dist', 'config'), { recursive: true, force: true });
  await compile(appDir, { configOptions: { options: { incremental: false } } });
  if (!fs.existsSync(path.join(appDir, 'dist', 'src', 'index.js'))) throw new Error('TypeScript compilation produced no dist/src/index.js');
};
