import { isIP } from 'node:net';
import type { Provider } from '@latchkey/types';
import type { Transporter, TransportOptions } from 'nodemailer';
import { ApiError } from '../../core/errors/api-error.ts';
import { RefusedAddressError, resolvePermitted } from './address-guard.ts';

/** How to reach an SMTP server, from an Email provider. */
export interface SmtpSettings {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Implicit TLS from the first byte (port 465). */
  implicitTls: boolean;
  /** Plain SMTP allowed (the provider's `disableSsl`); otherwise STARTTLS must succeed. */
  plainAllowed: boolean;
}

/** Casdoor's SMTP settings of a provider: host, port, clientId (username), clientSecret (password), disableSsl. */
export function smtpSettingsOf(provider: Provider, password: string): SmtpSettings {
  const plainAllowed = provider.disableSsl;
  const port = provider.port || (plainAllowed ? 25 : 465);
  return {
    host: provider.host.trim(),
    port,
    username: provider.clientId,
    password,
    implicitTls: !plainAllowed && port === 465,
    plainAllowed,
  };
}

export interface MailMessage {
  fromAddress: string;
  fromName: string;
  to: string;
  subject: string;
  html: string;
  /** A plain-text alternative of the HTML, when there is one. */
  text?: string;
}

export interface SmtpLimits {
  /** The whole exchange (resolving, connecting, greeting, TLS, authentication, sending) ends by then. */
  timeoutMs: number;
  allowPrivate: boolean;
}

/** The server did not finish within the deadline. */
class SmtpDeadlineError extends Error {}

/** An SMTP failure as a message for the caller; the server's own words go to the log only. */
export function smtpFailure(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof RefusedAddressError) return new ApiError('service.address_refused');
  if (error instanceof SmtpDeadlineError) return new ApiError('service.delivery_timeout');
  const { code, responseCode } = (error ?? {}) as { code?: string; responseCode?: number };
  if (code === 'EAUTH') return new ApiError('service.smtp_auth_failed');
  if (code === 'ETLS' || /certificate|TLS|SSL/i.test(error instanceof Error ? error.message : ''))
    return new ApiError('service.tls_failed');
  if (code === 'ETIMEDOUT') return new ApiError('service.delivery_timeout');
  if (typeof responseCode === 'number') return new ApiError('service.email_send_failed', { code: responseCode });
  // Said as Casdoor's SDK tests expect it ("connection refused"): nothing listens at the host and port.
  if (code === 'ECONNREFUSED' || /\bECONNREFUSED\b/.test(error instanceof Error ? error.message : ''))
    return new ApiError('service.connection_refused');
  return new ApiError('service.connection_failed');
}

/**
 * A transport to exactly one checked address of the server: the host is resolved once here and
 * refused when it is not on the public internet (unless private addresses are allowed), then the
 * connection goes to that address (no DNS rebinding), with the host name kept for TLS. Every
 * step has a time limit; nodemailer may read no file and fetch no URL.
 */
async function transportTo(settings: SmtpSettings, limits: SmtpLimits) {
  if (!settings.host) throw new ApiError('service.smtp_host_required');
  const [address] = await resolvePermitted(settings.host, limits.allowPrivate);
  const servername = isIP(settings.host) ? undefined : settings.host;
  // Loaded on the first mail: most servers send none for days, and the library is large.
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({
    host: address!.address,
    port: settings.port,
    secure: settings.implicitTls,
    requireTLS: !settings.plainAllowed && !settings.implicitTls,
    ignoreTLS: settings.plainAllowed,
    ...(settings.username ? { auth: { user: settings.username, pass: settings.password } } : {}),
    tls: { servername, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    name: 'latchkey',
    connectionTimeout: limits.timeoutMs,
    greetingTimeout: limits.timeoutMs,
    socketTimeout: limits.timeoutMs,
    dnsTimeout: limits.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  } as TransportOptions);
}

/** Runs one exchange with the server under one deadline; past it the connection is closed. */
async function withinDeadline<T>(transport: Transporter, limits: SmtpLimits, work: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SmtpDeadlineError()), limits.timeoutMs);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

/** Sends one message (HTML body, one receiver). */
export async function sendMail(settings: SmtpSettings, message: MailMessage, limits: SmtpLimits): Promise<void> {
  const transport = await transportTo(settings, limits);
  await withinDeadline(transport, limits, () =>
    transport.sendMail({
      from: { name: message.fromName, address: message.fromAddress },
      to: message.to,
      subject: message.subject,
      html: message.html,
      ...(message.text ? { text: message.text } : {}),
      disableFileAccess: true,
      disableUrlAccess: true,
    }),
  );
}

/** Connects, greets, starts TLS and signs in, then hangs up: Casdoor's "TestSmtpServer". */
export async function checkSmtpServer(settings: SmtpSettings, limits: SmtpLimits): Promise<void> {
  const transport = await transportTo(settings, limits);
  await withinDeadline(transport, limits, () => transport.verify());
}

/** An SMTP failure the server says will not go away by trying again (a 5xx answer: unknown mailbox, sign-in refused). */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const { responseCode } = (error ?? {}) as { responseCode?: number };
  return typeof responseCode === 'number' && responseCode >= 500;
}
