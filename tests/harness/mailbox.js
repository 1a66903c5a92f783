/**
 * A real SMTP server on loopback (smtp-server), for the app's nodemailer provider to talk to.
 * It can be stopped and started again on the same port to test delivery failures.
 */
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

class Mailbox {
  constructor() {
    this.messages = [];
    this.server = null;
    this.port = 0;
  }

  async start() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.messages.push({
              to: mail.to ? mail.to.text : '',
              from: mail.from ? mail.from.text : '',
              replyTo: mail.replyTo ? mail.replyTo.text : '',
              subject: mail.subject || '',
              text: mail.text || '',
              html: typeof mail.html === 'string' ? mail.html : '',
              attachments: (mail.attachments || []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString('utf8') })),
            });
            callback();
          },
          (error) => callback(error)
        );
      },
    });
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.port = this.server.server.address().port;
        resolve();
      });
    });
    return this.port;
  }

  async stop() {
    if (!this.server) return;
    const server = this.server;
    this.server = null;
    await new Promise((resolve) => server.close(resolve));
  }

  clear() {
    this.messages.length = 0;
  }

  /** Waits until `count` messages match, or fails after `timeoutMs`. */
  async waitFor(predicate, { count = 1, timeoutMs = 5000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(predicate);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`Mailbox: expected ${count} matching message(s), got ${found.length} of ${this.messages.length}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

module.exports = { Mailbox };
