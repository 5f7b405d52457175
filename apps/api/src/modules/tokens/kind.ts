import { findApplication, findUser, type TokenRecord } from '@latchkey/db';
import { Token } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../bootstrap/built-ins.ts';
import type { AppContext } from '../../context.ts';
import { sha256Hex } from '../../crypto/compare.ts';
import { newId } from '../../crypto/random.ts';
import { ApiError } from '../../errors/api-error.ts';
import { defineKind } from '../../objects/kind.ts';

/** Everything about an issued token is fixed but its lifetime and scope; expiresIn 0 revokes it. */
const FIXED = [
  'name',
  'application',
  'user',
  'code',
  'accessToken',
  'refreshToken',
  'accessTokenHash',
  'refreshTokenHash',
  'tokenType',
  'grantType',
  'codeChallenge',
  'codeIsUsed',
  'codeExpireIn',
  'resource',
] as const satisfies readonly (keyof TokenRecord)[];

async function prepareToken(context: AppContext, token: TokenRecord): Promise<TokenRecord> {
  token.name ||= newId();
  const application = await findApplication(context.db, token.application);
  if (!application || (application.organization !== token.organization && application.name !== BUILT_IN_APPLICATION)) {
    throw new ApiError('object.application_not_found', { name: token.application });
  }
  if (token.user && !(await findUser(context.db, token.organization, token.user))) throw new ApiError('object.user_not_found', { id: `${token.organization}/${token.user}` });
  if (token.expiresIn < 0) throw new ApiError('general.invalid_field', { field: 'expiresIn' });
  // Tokens are looked up by hash; the access token is kept sealed, the refresh token and code only as hashes.
  const plainAccess = token.accessToken;
  return {
    ...token,
    tokenType: token.tokenType || 'Bearer',
    accessToken: context.secrets.seal(plainAccess),
    accessTokenHash: plainAccess ? sha256Hex(plainAccess) : '',
    refreshToken: '',
    refreshTokenHash: token.refreshToken ? sha256Hex(token.refreshToken) : '',
    code: '',
    codeHash: token.code ? sha256Hex(token.code) : '',
  };
}

/**
 * Token rows (issued by the OAuth endpoints): owned by "admin", administered by the admins of the
 * token's organization, who see the access token opened (to copy it from the Tokens page) and
 * never a refresh token or code, which are kept only as hashes. An update may change only the
 * lifetime and the scope; expiresIn 0, or deleting the row, revokes the token.
 */
export const tokenKind = defineKind<TokenRecord>({
  name: 'token',
  schema: Token,
  placement: 'admin-with-organization',
  listing: {
    filterable: { name: 'exact', application: 'exact', user: 'exact', organization: 'exact', scope: 'text', grantType: 'exact', accessTokenHash: 'exact' },
    sortable: ['createdTime', 'expiresIn', 'application', 'user'],
  },
  fields: { readOnly: FIXED, addOnly: FIXED },
  present: (context, token) => ({ ...token, accessToken: context.secrets.open(token.accessToken), refreshToken: '', code: '' }),
  hooks: { prepareAdd: (context, token) => prepareToken(context, token) },
});
