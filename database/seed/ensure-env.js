#!/usr/bin/env node
// Writes a .env with fresh random secrets when none exists, so that a fresh clone boots.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const file = path.join(__dirname, '..', '..', '.env');
if (fs.existsSync(file)) process.exit(0);
const secret = () => crypto.randomBytes(16).toString('base64');
const lines = [
  'HOST=0.0.0.0',
  'PORT=1337',
  `APP_KEYS=${[secret(), secret(), secret(), secret()].join(',')}`,
  `API_TOKEN_SALT=${secret()}`,
  `ADMIN_JWT_SECRET=${secret()}`,
  `TRANSFER_TOKEN_SALT=${secret()}`,
  `JWT_SECRET=${secret()}`,
  `ENCRYPTION_KEY=${secret()}`,
  'DATABASE_CLIENT=sqlite',
];
fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
console.log('Wrote .env with random secrets.');
