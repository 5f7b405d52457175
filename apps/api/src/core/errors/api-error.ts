import type { MessageKey, MessageParams } from '@latchkey/i18n';

/**
 * A client mistake on /api/*: answered as the Casdoor envelope {status:"error", msg} with HTTP 200.
 * The code is a message id; its text is translated into the caller's language.
 */
export class ApiError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly params?: MessageParams,
    /** Goes into the envelope's `data` (Casdoor puts the literal "Please login first" there). */
    readonly data: unknown = null,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** The ApiError behind an error: itself, or the cause of the framework's wrapper (thrown while the body was read). */
export function apiErrorOf(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof ApiError ? cause : undefined;
}
