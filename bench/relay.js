/**
 * The SMTP relay of the benches (smtp-server on loopback): it takes every mail, reads it to its end,
 * and counts it.
 */
const { SMTPServer } = require('smtp-server');

/** A relay listening on `port` (0: any free one); resolves with it, its port and its count so far. */
function countingRelay(port = 0) {
  const relay = { received: 0, port: 0, server: null };
  relay.server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        relay.received++;
        callback();
      });
    },
  });
  return new Promise((resolve) =>
    relay.server.listen(port, '127.0.0.1', () => {
      relay.port = relay.server.server.address().port;
      resolve(relay);
    })
  );
}

module.exports = { countingRelay };
