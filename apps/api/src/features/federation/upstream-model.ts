import type { Provider } from '@latchkey/types';
import type * as oauth from 'oauth4webapi';
import type { ProviderType } from './provider-types.ts';

/** Why a sign-in at a provider failed, as the person is told it (the provider's own answer goes only to the log). */
export type UpstreamFailure =
  | 'provider_misconfigured'
  | 'provider_unreachable'
  | 'provider_refused'
  | 'provider_answer_invalid';

export class UpstreamError extends Error {
  constructor(
    readonly reason: UpstreamFailure,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'UpstreamError';
  }
}

/** One provider, ready to talk to: where its endpoints are and how the client authenticates. */
export interface Upstream {
  provider: Provider;
  /** The client secret, opened. */
  clientSecret: string;
  type: ProviderType;
  server: oauth.AuthorizationServer;
  client: oauth.Client;
  oidc: boolean;
  /** Calls through the outbound guard, deadline and the organization's slots. */
  options: Record<symbol, unknown>;
}
