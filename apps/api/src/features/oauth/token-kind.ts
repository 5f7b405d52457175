import { findApplication, findUser, type TokenRecord } from '@latchkey/db';
import { type Application, Token } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { canAdminister } from '../../core/identity/privileges.ts';
import { emptyTokenRow, mintTokens } from '../../core/tokens/issue.ts';
import { newTokenName } from '../../core/tokens/token-name.ts';
import { defaultApplicationOf } from '../applications/kind.ts';
import { type Caller, defineKind } from '../objects/kind.ts';

/**
 * Everything about an issued token is fixed but its lifetime and scope (expiresIn 0 revokes it) and
 * `code`, a note of the administrator's (see checkNotedCode).
 */
const FIXED = [
  'name',
  'application',
  'user',
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

const MAX_NOTED_CODE = 100;

/**
 * A token's `code` as administrators write it with add-token and update-token (Casdoor's SDK tests
 * set "Updated Code"): stored and shown as written, at most 100 characters, and never an
 * authorization code. The codes the server issues are kept only as hashes (`codeHash`, the only
 * column the token endpoint looks a code up by), so what is written here can never be exchanged,
 * and the column is empty on every row the server issued.
 */
function checkNotedCode(token: TokenRecord): TokenRecord {
  if (token.code.length > MAX_NOTED_CODE) throw new ApiError('general.invalid_field', { field: 'code' });
  return token;
}

/** What add-token reads from its body: whom the token is for. The token itself is always the server's. */
const NAMED_BY_CALLER = ['name', 'application', 'user'] as const satisfies readonly (keyof TokenRecord)[];

/**
 * The application of an add-token body that names none (Casdoor's Go SDK sends none): the calling
 * application when it is one of the token's organization, else that organization's default
 * application, as get-default-application answers it.
 */
async function implicitApplication(context: AppContext, token: TokenRecord, caller: Caller): Promise<Application> {
  const identity = caller.identity;
  if (identity.kind === 'application' && identity.organization === token.organization) return identity.application;
  const application = await defaultApplicationOf(context, token.organization);
  if (!application) throw new ApiError('object.organization_has_no_application', { name: token.organization });
  return application;
}

/**
 * add-token: the server mints a new token for an application (an application token, as
 * client_credentials gives) or for a user of the token's organization through one of its
 * applications; token material, hashes, grant type and subject in the body are never used. The
 * application must be administered by the caller (so only a global administrator names the portal's
 * `app-built-in`, whose users come from every organization). A positive `expiresIn` may shorten the
 * token's life, never lengthen it.
 */
async function mintAddedToken(context: AppContext, token: TokenRecord, caller: Caller): Promise<TokenRecord> {
  const application = token.application
    ? await findApplication(context.db, token.application)
    : await implicitApplication(context, token, caller);
  const portal = application?.name === BUILT_IN_APPLICATION && token.user !== '';
  if (
    !application ||
    !canAdminister(caller.identity, application.organization) ||
    (application.organization !== token.organization && !portal)
  ) {
    throw new ApiError('object.application_not_found', { name: token.application });
  }
  const user = token.user ? await findUser(context.db, token.organization, token.user) : undefined;
  if (token.user && (!user || user.isForbidden || user.isDeleted))
    throw new ApiError('object.user_not_found', { id: `${token.organization}/${token.user}` });
  if (token.expiresIn < 0) throw new ApiError('general.invalid_field', { field: 'expiresIn' });
  checkNotedCode(token);
  const name = token.name || newTokenName();
  const { token: minted } = await mintTokens(
    context,
    {
      application,
      user,
      scope: token.scope,
      grantType: user ? '' : 'client_credentials',
      withRefreshToken: false,
      withIdToken: false,
      familyId: name,
    },
    { ...emptyTokenRow(), name },
  );
  return {
    ...minted,
    code: token.code,
    expiresIn: token.expiresIn > 0 ? Math.min(token.expiresIn, minted.expiresIn) : minted.expiresIn,
  };
}

/**
 * Token rows (issued by the OAuth endpoints, or minted by add-token): owned by "admin",
 * administered by the admins of the token's organization, who see the access token opened (to copy
 * it from the Tokens page) and never a refresh token or an issued code, which are kept only as
 * hashes. An update may change only the lifetime, the scope and the administrator's `code` note;
 * expiresIn 0, or deleting the row, revokes the token. A row grants nothing by itself: a bearer token counts only when it agrees with its row
 * (tokens/row-agreement.ts).
 */
export const tokenKind = defineKind<TokenRecord>({
  name: 'token',
  schema: Token,
  placement: 'admin-with-organization',
  listing: {
    filterable: {
      name: 'exact',
      application: 'exact',
      user: 'exact',
      organization: 'exact',
      scope: 'text',
      grantType: 'exact',
      accessTokenHash: 'exact',
    },
    sortable: ['createdTime', 'expiresIn', 'application', 'user'],
  },
  fields: { readOnly: FIXED, addOnly: NAMED_BY_CALLER },
  present: (context, token) => ({
    ...token,
    accessToken: context.secrets.open(token.accessToken),
    refreshToken: '',
  }),
  hooks: {
    prepareAdd: (context, token, caller) => mintAddedToken(context, token, caller),
    prepareUpdate: (_context, token) => checkNotedCode(token),
  },
});
