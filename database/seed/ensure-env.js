#!/usr/bin/env node
// Writes a .env with fresh random secrets when none exists, so that a fresh clone boots.
const fs = require('fs');
const path = require('path');
const { randomSecrets } = require('./secrets');

const file = path.join(__dirname, '..', '..', '.env');
if (fs.existsSync(file)) process.exit(0);
const lines = [
  'HOST=0.0.0.0',
  'PORT=1337',
  ...Object.entries(randomSecrets()).map(([key, value]) => `${key}=${value}`),
  'DATABASE_CLIENT=sqlite',
  // The demo plays the #BlueHats days of DINUM, a State service: the pages carry the State's brand.
  'SITE_OPERATOR_NAME=DINUM',
  'SITE_STATE_BRAND=true',
];
fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
console.log('Wrote .env with random secrets.');
