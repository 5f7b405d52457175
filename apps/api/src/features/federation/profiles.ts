import * as oauth from 'oauth4webapi';
import type { AppContext } from '../../core/context.ts';
import type { ExternalAccount } from './provider-types.ts';
import { type Upstream, UpstreamError } from './upstream-model.ts';

/*
 * The account behind an access token at a plain OAuth 2 provider: GitHub's and Discord's API
 * shapes, or the claim mapping of a Custom provider (Casdoor's `userMapping`: id, username,
 * displayName, email, avatarUrl; Latchkey adds emailVerified).
 */

async function getJson(upstream: Upstream, accessToken: string, url: string): Promise<unknown> {
  const response = await oauth.protectedResourceRequest(
    accessToken,
    'GET',
    new URL(url),
    new Headers({ accept: 'application/json' }),
    null,
    upstream.options,
  );
  if (response.status !== 200) throw new UpstreamError('provider_refused', `${url} answered ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new UpstreamError('provider_answer_invalid', `${url} did not answer JSON`);
  }
}

const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
const recordOf = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** GitHub's e-mail list lives next to its user endpoint (`…/user/emails`, also on GitHub Enterprise). */
export function githubEmailsUrl(userInfoEndpoint: string): string {
  const url = new URL(userInfoEndpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/emails`;
  return url.toString();
}

async function github(upstream: Upstream, accessToken: string): Promise<ExternalAccount> {
  const user = recordOf(await getJson(upstream, accessToken, upstream.server.userinfo_endpoint!));
  // The `email` of the profile is only what the person chose to show; the list says which are verified.
  const emails = await getJson(upstream, accessToken, githubEmailsUrl(upstream.server.userinfo_endpoint!));
  const entries = Array.isArray(emails) ? emails.map(recordOf) : [];
  const verified = entries.find((entry) => entry.primary === true && entry.verified === true);
  const anyEmail = verified ?? entries.find((entry) => entry.primary === true);
  return {
    id: textOf(user.id),
    username: textOf(user.login),
    displayName: textOf(user.name),
    email: textOf(anyEmail?.email ?? user.email)
      .trim()
      .toLowerCase(),
    emailVerified: verified !== undefined && textOf(verified.email) !== '',
    avatarUrl: textOf(user.avatar_url),
  };
}

async function discord(upstream: Upstream, accessToken: string): Promise<ExternalAccount> {
  const user = recordOf(await getJson(upstream, accessToken, upstream.server.userinfo_endpoint!));
  const id = textOf(user.id);
  const avatar = textOf(user.avatar);
  const email = textOf(user.email).trim().toLowerCase();
  return {
    id,
    username: textOf(user.username),
    displayName: textOf(user.global_name) || textOf(user.username),
    email,
    emailVerified: email !== '' && user.verified === true,
    avatarUrl: id && /^[A-Za-z0-9_]+$/.test(avatar) ? `https://cdn.discordapp.com/avatars/${id}/${avatar}.png` : '',
  };
}

/** A value of the answer by a dotted path (`data.user.id`), own properties only. */
function claimAt(answer: unknown, path: string): unknown {
  let value: unknown = answer;
  for (const part of path.split('.')) {
    const record = recordOf(value);
    if (!Object.hasOwn(record, part)) return undefined;
    value = record[part];
  }
  return value;
}

const defaultMapping: Record<string, string[]> = {
  id: ['id', 'sub'],
  username: ['username', 'preferred_username', 'login'],
  displayName: ['displayName', 'name'],
  email: ['email'],
  avatarUrl: ['avatarUrl', 'picture', 'avatar_url'],
};

async function mapped(upstream: Upstream, accessToken: string): Promise<ExternalAccount> {
  const answer = await getJson(upstream, accessToken, upstream.server.userinfo_endpoint!);
  const mapping = upstream.provider.userMapping;
  const read = (field: string) => {
    const paths = mapping[field] ? [mapping[field]] : (defaultMapping[field] ?? []);
    for (const path of paths) {
      const value = textOf(claimAt(answer, path));
      if (value) return value;
    }
    return '';
  };
  const email = read('email').trim().toLowerCase();
  // Only a mapping that names where the provider says so makes an address verified.
  const verifiedAt = mapping.emailVerified;
  return {
    id: read('id'),
    username: read('username'),
    displayName: read('displayName'),
    email,
    emailVerified:
      email !== '' && verifiedAt !== undefined && verifiedAt !== '' && claimAt(answer, verifiedAt) === true,
    avatarUrl: read('avatarUrl'),
  };
}

/** Reads the account of a plain OAuth 2 provider with its access token. */
export async function readProfile(
  _context: AppContext,
  upstream: Upstream,
  accessToken: string,
): Promise<ExternalAccount> {
  const protocol = upstream.type.protocol(upstream.provider);
  const reader = protocol.kind === 'oauth2' ? protocol.profile : 'mapped';
  const account =
    reader === 'github'
      ? await github(upstream, accessToken)
      : reader === 'discord'
        ? await discord(upstream, accessToken)
        : await mapped(upstream, accessToken);
  if (!account.id) throw new UpstreamError('provider_answer_invalid', 'the user info has no id');
  if (account.id.length > 255) throw new UpstreamError('provider_answer_invalid', 'the id is too long');
  return account;
}
