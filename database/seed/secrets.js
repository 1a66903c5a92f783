// Fresh random secrets for a local run (.env of the demo, tests, benchmark, browser tests).
const crypto = require('crypto');

const secret = () => crypto.randomBytes(16).toString('base64');

function randomSecrets() {
  return {
    APP_KEYS: [secret(), secret(), secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
  };
}

module.exports = { randomSecrets };
