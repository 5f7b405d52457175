import { randomUUID } from 'node:crypto';
import { findClaimedDelivery, insertDeliveryLog, insertDeliveryRow } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import type { AfterDelivery } from './after-delivery.ts';
import type { OutboundMethod } from './http-send.ts';
import type { MailMessage, SmtpSettings } from './smtp-send.ts';

/**
 * What is sent: kept sealed in the row, since a message may carry tokens, codes, user data or
 * credentials. An HTTP request, or an email through an SMTP server (`url` is then
 * `smtp://host:port`, for logs).
 */
export type OutboundMessage = {
  url: string;
  /** What logs name as the target instead of the URL's origin and path (which may carry a code). */
  logAs?: string;
} & (
  | { method: 'GET' | 'POST'; form: Record<string, string> }
  | { method: 'SMTP'; form?: undefined; smtp: SmtpSettings; mail: MailMessage }
  | {
      method: OutboundMethod;
      form?: undefined;
      body?: { contentType: string; content: string };
      headers?: Record<string, string>;
    }
);

/**
 * A delivery whose outcome its owners may read (a webhook's): what it is for and what it carries,
 * for people. Kept apart from the message, in the clear; never anything secret.
 */
export interface DeliveryLogSubject {
  /** Such as `webhook/admin/<name>`. */
  subject: string;
  /** Such as the audit action the message reports. */
  label: string;
}

/** A delivery as read back by the server that claimed it. */
export interface StoredDelivery {
  id: string;
  kind: string;
  /** Whose configuration named the receiver: the deliveries of one organization share its concurrency slots. */
  organization: string;
  message: OutboundMessage;
  attempts: number;
  retryDelaysMs: number[];
  afterDelivery: AfterDelivery | null;
}

/**
 * Writes a new delivery, due now and already claimed by the server writing it (which makes the
 * first attempt at once). Answers the row's id.
 */
export async function insertDelivery(
  context: AppContext,
  delivery: {
    kind: string;
    organization?: string;
    message: OutboundMessage;
    retryDelaysMs: readonly number[];
    afterDelivery?: AfterDelivery;
    claim?: { by: string; until: number };
    log?: DeliveryLogSubject;
  },
  now: number,
): Promise<string> {
  const id = randomUUID();
  // The log first: an attempt (made at once by this server) finds it to record its outcome.
  if (delivery.log)
    await insertDeliveryLog(context.db, {
      id,
      subject: delivery.log.subject,
      label: delivery.log.label,
      state: 'pending',
      maxAttempts: delivery.retryDelaysMs.length + 1,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    });
  await insertDeliveryRow(context.db, {
    id,
    kind: delivery.kind,
    // The organization is sealed with the message (it names whose receiver this is).
    message: context.secrets.seal(JSON.stringify({ ...delivery.message, organization: delivery.organization ?? '' })),
    retryDelaysMs: [...delivery.retryDelaysMs],
    nextAttemptAt: now,
    claimedBy: delivery.claim?.by ?? '',
    claimedUntil: delivery.claim?.until ?? 0,
    afterDelivery: delivery.afterDelivery ? JSON.stringify(delivery.afterDelivery) : '',
    createdAt: now,
  });
  return id;
}

export class UnreadableDeliveryError extends Error {}

/** The delivery as claimed by `claimedBy`; undefined when the claim is no longer held (or the row is gone). */
export async function readClaimedDelivery(
  context: AppContext,
  id: string,
  claimedBy: string,
): Promise<StoredDelivery | undefined> {
  const row = await findClaimedDelivery(context.db, id, claimedBy);
  if (!row) return undefined;
  try {
    const { organization, ...message } = JSON.parse(context.secrets.open(row.message)) as OutboundMessage & {
      organization?: string;
    };
    return {
      id: row.id,
      kind: row.kind,
      organization: typeof organization === 'string' ? organization : '',
      message: message as OutboundMessage,
      attempts: row.attempts,
      retryDelaysMs: row.retryDelaysMs,
      afterDelivery: row.afterDelivery ? (JSON.parse(row.afterDelivery) as AfterDelivery) : null,
    };
  } catch (error) {
    throw new UnreadableDeliveryError(errorMessage(error));
  }
}
