// The browser tests need the built admin panel: build it when it is missing (about a minute).
const path = require('path');
const fs = require('fs');
const { execSync } = require('child_process');

module.exports = async () => {
  const appDir = path.resolve(__dirname, '..', '..');
  if (!fs.existsSync(path.join(appDir, 'dist', 'build', 'index.html'))) {
    execSync('npx strapi build', { cwd: appDir, stdio: 'inherit' });
  }
};
