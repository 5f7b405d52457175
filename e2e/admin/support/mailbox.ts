import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 for the browser tests: it accepts one login and keeps every
 * message, parsed. The server under test reaches it through an Email provider.
 */
export async function startMailbox(username = 'mailer@e2e.test', password = 'smtp-password-e2e-1') {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === username && auth.password === password) return callback(null, { user: username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed });
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;

  /** The six-digit code of the first mail to `address` after the first `after` mails, waiting for it. */
  async function codeSentTo(address: string, after: number): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const mail = mails.slice(after).find((each) => each.to.includes(address));
      const code = mail ? /\b(\d{6})\b/.exec(mail.parsed.text ?? '')?.[1] : undefined;
      if (code) return code;
      if (Date.now() > deadline) throw new Error(`no code reached ${address} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    port,
    username,
    password,
    mails,
    codeSentTo,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Mailbox = Awaited<ReturnType<typeof startMailbox>>;
