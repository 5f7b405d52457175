import { languageCodes } from '@latchkey/i18n';
import { signingAlgorithms } from '../../core/crypto/certificates.ts';
import { ACR_MFA, ACR_PASSWORD } from '../../core/identity/second-factors.ts';
import { supportedGrantTypes } from '../oauth/grants/index.ts';

/** Claims that tokens and UserInfo can carry (Casdoor's user claims besides the standard ones). */
const claimsSupported = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'auth_time',
  'nonce',
  'at_hash',
  'azp',
  'sid',
  'amr',
  'acr',
  'name',
  'preferred_username',
  'given_name',
  'family_name',
  'picture',
  'website',
  'gender',
  'birthdate',
  'locale',
  'updated_at',
  'email',
  'email_verified',
  'phone',
  'phone_number',
  'phone_number_verified',
  'address',
  'groups',
  'owner',
  'id',
  'displayName',
  'avatar',
  'tokenType',
  'scope',
];

/**
 * The OpenID Provider / OAuth 2.0 authorization server metadata (OIDC Discovery 1.0, RFC 8414).
 * It advertises only what works: the code flow with PKCE S256, the grants of the token endpoint,
 * client secrets by Basic or body and public clients, introspection, revocation, RP-initiated
 * and back-channel logout, `iss` in authorization responses (RFC 9207), and the two
 * authentication context classes (`acr`) ID tokens carry and `acr_values` may ask for.
 */
export function discoveryDocument(origin: string, jwksUri: string): Record<string, unknown> {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/login/oauth/authorize`,
    token_endpoint: `${origin}/api/login/oauth/access_token`,
    userinfo_endpoint: `${origin}/api/userinfo`,
    jwks_uri: jwksUri,
    introspection_endpoint: `${origin}/api/login/oauth/introspect`,
    revocation_endpoint: `${origin}/api/login/oauth/revoke`,
    end_session_endpoint: `${origin}/api/logout`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: supportedGrantTypes,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...signingAlgorithms],
    scopes_supported: ['openid', 'profile', 'email', 'address', 'phone', 'offline_access'],
    claims_supported: claimsSupported,
    acr_values_supported: [ACR_PASSWORD, ACR_MFA],
    claim_types_supported: ['normal'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    prompt_values_supported: ['none', 'login', 'consent', 'select_account'],
    ui_locales_supported: languageCodes,
    authorization_response_iss_parameter_supported: true,
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    claims_parameter_supported: false,
  };
}
