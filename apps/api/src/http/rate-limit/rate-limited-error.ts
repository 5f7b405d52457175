/** A request refused by a limit: answered 429 with Retry-After (plugins/rate-limit.ts), the envelope or the OAuth way by path. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
    this.name = 'RateLimitedError';
  }
}
