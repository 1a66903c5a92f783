// The browser tests need the built admin panel: build it when it is missing or older than what it
// bundles (src/admin, the local plugins' admin code, and the plain modules of src/domain it imports).
const path = require('path');
const fs = require('fs');
const { execSync } = require('child_process');

function newest(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }, 0);
}

module.exports = async () => {
  const appDir = path.resolve(__dirname, '..', '..');
  const built = path.join(appDir, 'dist', 'build', 'index.html');
  const sources = ['admin', 'plugins', 'domain'].map((dir) => newest(path.join(appDir, 'src', dir)));
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(...sources)) {
    execSync('npx strapi build', { cwd: appDir, stdio: 'inherit' });
  }
};
