import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO as the client sent them. */
  from: string;
  to: string[];
  /** Who signed in, if anyone. */
  user?: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server), which accepts `username`/`password` and records
 * every message, parsed (mailparser), and every connection. Without STARTTLS unless `options` say.
 */
export async function startSmtpReceiver(
  options: Partial<SMTPServerOptions> & { username?: string; password?: string } = {},
) {
  const mails: ReceivedMail[] = [];
  const logins: { username: string; password: string }[] = [];
  let connections = 0;
  const { username = 'mailer@acme.test', password = 'smtp-password-123', ...serverOptions } = options;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      if (auth.username === username && auth.password === password) return callback(null, { user: username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            user: typeof session.user === 'string' ? session.user : undefined,
            parsed,
          });
          callback();
        },
        (error) => callback(error),
      );
    },
    ...serverOptions,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    logins,
    connections: () => connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpReceiver = Awaited<ReturnType<typeof startSmtpReceiver>>;
