#!/usr/bin/env node
/**
 * The floor: a bare Node http server answering the program's exact JSON bytes.
 * The same process also runs the SMTP relay the app sends its acknowledgements to (smtp-server),
 * so that submissions are measured with their mail, as in production.
 */
const http = require('http');
const fs = require('fs');
const { countingRelay } = require('./relay');

const [file, httpPort, smtpPort] = process.argv.slice(2);
const body = fs.readFileSync(file);
countingRelay(Number(smtpPort)).then((relay) => {
  process.on('message', (message) => {
    if (message === 'count-mails') process.send({ mails: relay.received });
  });
  http
    .createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
      res.end(body);
    })
    .listen(Number(httpPort), '127.0.0.1', () => process.stdout.write(`READY ${httpPort}\n`));
});
