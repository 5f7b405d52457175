import {
  Adapter,
  Application,
  AuditRecord,
  Cert,
  Enforcer,
  Group,
  Invitation,
  Key,
  Model,
  Order,
  Organization,
  Payment,
  Permission,
  Plan,
  Pricing,
  Product,
  Provider,
  Resource,
  Role,
  Subscription,
  Syncer,
  Token,
  Transaction,
  text,
  User,
  Webhook,
  whole,
} from '@latchkey/types';
import { Type as T, type TObject, type TProperties } from '@sinclair/typebox';

/** Columns of the token table that the API never shows. */
export const TokenTable = T.Composite([
  Token,
  T.Object({
    codeHash: text('SHA-256 hex of the authorization code'),
    redirectUri: text(),
    nonce: text(),
    authTime: whole(0, 'Unix seconds of the sign-in that led to this token'),
    familyId: text('Tokens that descend from one grant share a family'),
    sessionId: text('The sign-in session the token came from'),
    refreshExpiresAt: whole(0, 'Unix seconds'),
    userId: text('The user UUID (sub)'),
    clientAuthMethod: text(
      'How the client authenticated when the grant began: none, client_secret_basic or client_secret_post',
    ),
    amr: text('How the user signed in: RFC 8176 method values, space-separated (pwd, otp, mfa)'),
  }),
]);

/** One row per signed-in browser session; the Casdoor Session object groups them by user and application. */
export const SessionTable = T.Object({
  sessionId: text('SHA-256 hex of the cookie value'),
  owner: text(),
  name: text(),
  application: text(),
  createdTime: text(),
  expireTime: whole(0, 'Unix seconds'),
  clientIp: text(),
  userAgent: text(),
  factors: text(
    'The factors the sign-in passed, space-separated (password, app, recovery); empty for sessions begun before they were recorded (password)',
  ),
  authTime: whole(0, 'Unix seconds of the last authentication (a step-up moves it); 0: the creation time'),
});

/** A Casdoor Session object recorded by add-session (migration 0611): kept even while none of its sign-in sessions is live. */
export const SessionGroupTable = T.Object({
  owner: text('The organization'),
  name: text('The user'),
  application: text(),
  createdTime: text(),
});

/** Casbin policy lines, stored per adapter (or per permission model). */
export const CasbinRuleTable = T.Object({
  id: text(),
  adapter: text(
    "The store: an adapter id (owner/name), or organization/owner/name for an organization's lines over a shared adapter",
  ),
  ptype: text(),
  v0: text(),
  v1: text(),
  v2: text(),
  v3: text(),
  v4: text(),
  v5: text(),
});

/** How many rows an organization has in a large table; kept by triggers (migration 0201). */
export const ObjectCountTable = T.Object({
  tableName: text(),
  owner: text('The organization'),
  count: whole(),
});

/** Requests counted per client address and window, shared by the servers of one Postgres database (migration 0500). */
export const RateLimitTable = T.Object({
  bucket: text('What is limited: signin or token'),
  key: text('The client address'),
  windowIndex: whole(0, 'The window: Unix milliseconds divided by the window length'),
  count: whole(0, 'Requests allowed in the window'),
});

/** Who a role or permission names directly, one row per entry of its users and groups lists; kept by triggers (migration 0600). */
export const PolicyMemberTable = T.Object({
  kind: text('role or permission'),
  owner: text('The role or permission'),
  name: text(),
  field: text('The list the member is in: users or groups'),
  member: text('A user or group id (owner/name), or owner/* for all'),
});

/** An outbound message waiting to be delivered (migration 0602); times are Unix milliseconds. */
export const OutboundDeliveryTable = T.Object({
  id: text(),
  kind: text('What it is, for logs: webhook, backchannel-logout, sso-logout-notification'),
  message: text('The URL, method, headers and body or form, as JSON sealed with the secret key'),
  attempts: whole(0, 'Attempts made so far'),
  retryDelaysMs: T.Array(T.Integer(), {
    default: [],
    description: 'Waits before each retry; one attempt plus one per entry',
  }),
  nextAttemptAt: whole(0, 'When the next attempt is due'),
  claimedBy: text('The server (and claim) sending the current attempt; empty when none'),
  claimedUntil: whole(0, 'Until when the claim holds; another server may claim the row after that'),
  afterDelivery: text('What to do once delivered, as JSON (e.g. mark an audit record triggered); empty for nothing'),
  createdAt: whole(),
});

/**
 * What became of a delivery someone may ask about, a webhook's (migration 0880): kept after the
 * delivery is done with; nothing of the message. Times are Unix milliseconds.
 */
export const OutboundDeliveryLogTable = T.Object({
  id: text('The delivery id'),
  subject: text('What it was sent for, such as webhook/admin/<name>'),
  label: text('What it carried, for people: the event (an audit action)'),
  state: text('pending, retrying, delivered, rejected, refused or given_up'),
  attempts: whole(0, 'Attempts made so far'),
  maxAttempts: whole(0, 'Attempts allowed in all'),
  lastStatus: whole(0, "The last answer's HTTP status; 0 for none"),
  lastError: text('Why the last attempt failed without an answer, in short'),
  nextAttemptAt: whole(0, 'When the next attempt is due; 0 when none is'),
  createdAt: whole(),
  updatedAt: whole(),
});

/** When each syncer last ran and which server runs it now (migration 0700); times are Unix milliseconds. */
export const SyncerRunTable = T.Object({
  syncer: text('The syncer id (owner/name)'),
  claimedBy: text('The server (and claim) running it now; empty when none'),
  claimedUntil: whole(0, 'Until when the claim holds; another server may run it after that'),
  lastStartedAt: whole(0, 'When the last run started'),
  lastFinishedAt: whole(0, 'When the last run ended (its next run is due an interval later)'),
});

/**
 * A sign-in that waits for its second factor, or for the user to set one up (migration 0800). Its
 * key is the SHA-256 of a cookie only the browser that began it holds; it lives five minutes and
 * ends when it completes.
 */
export const MfaPendingSigninTable = T.Object({
  id: text('SHA-256 hex of the cookie value'),
  userId: text('The user UUID'),
  owner: text(),
  name: text(),
  application: text('The application signed in to'),
  purpose: text(
    'What completing it gives: login (a session), code (an authorization code, POST /api/login type code) or authorize (the authorization endpoint)',
  ),
  request: text('What completing it needs, as JSON (the authorization request, autoSignin)'),
  factors: T.Array(T.String(), { default: [], description: 'The factors passed so far' }),
  stage: text('verify: a second factor is due; enrol: the user must set one up first'),
  sessionId: text('The session a step-up raises (the authorization endpoint); empty for a new sign-in'),
  authTime: whole(0, 'Unix seconds of the first step'),
  expiresAt: whole(0, 'Unix seconds'),
});

/** A second factor being set up, not yet enabled (migration 0800); one per user, replaced by a new start. */
export const MfaEnrolmentTable = T.Object({
  userId: text('The user UUID'),
  owner: text(),
  name: text(),
  mfaType: text('app (TOTP)'),
  secret: text('The new TOTP secret, sealed with the secret key'),
  recoveryCodes: T.Array(T.String(), {
    default: [],
    description: 'The recovery codes shown when it began, each sealed; enabling stores their hashes on the user',
  }),
  verifiedAt: whole(0, 'Unix seconds when a code proved the secret; 0 until then'),
  pendingSignin: text('The pending sign-in it was begun in (a required enrolment), else empty'),
  expiresAt: whole(0, 'Unix seconds'),
});

/** The last TOTP time step each user has used, so that a code is accepted once (migration 0800). */
export const MfaTotpUseTable = T.Object({
  userId: text('The user UUID'),
  lastStep: whole(0, 'RFC 6238 time step (Unix seconds / 30)'),
});

/**
 * One answer of the built-in image captcha (migration 0830): its SHA-256, until it is used once or
 * expires. The id is what the client sends back with its answer.
 */
export const CaptchaChallengeTable = T.Object({
  id: text('The captcha id given to the client'),
  answerHash: text('SHA-256 hex of the answer in lower case'),
  provider: text('The Captcha provider (owner/name) it was made for'),
  expiresAt: whole(0, 'Unix seconds'),
});

/**
 * A passkey (WebAuthn credential) of a user (migration 0810). Its public key is not a secret, but the
 * row is the user's: it is shown only to the user and their organization's administrators, without
 * the key.
 */
export const WebauthnCredentialTable = T.Object({
  id: text('The credential id, base64url'),
  userId: text('The user UUID'),
  owner: text("The user's organization"),
  name: text('A name the user gives it'),
  publicKey: text('The COSE public key, base64url'),
  counter: whole(0, 'The signature counter last seen; an answer must raise it (unless the authenticator keeps none)'),
  transports: T.Array(T.String(), { default: [], description: 'How the browser reaches the authenticator' }),
  deviceType: text('singleDevice (bound to one authenticator) or multiDevice (synced)'),
  backedUp: T.Boolean({ default: false, description: 'Whether the authenticator said the key is backed up' }),
  aaguid: text("The authenticator model's AAGUID (all zeros with attestation none)"),
  createdTime: text(),
  lastUsedTime: text('Empty until first used to sign in'),
});

/** A WebAuthn challenge handed to a browser (migration 0810): taken by the one answer that uses it, within minutes. */
export const WebauthnChallengeTable = T.Object({
  id: text('SHA-256 hex of the challenge'),
  purpose: text('register, signin (a first factor) or mfa (the second step of a pending sign-in)'),
  userId: text('The user it was issued for; empty for a discoverable sign-in'),
  pendingSignin: text('The pending sign-in a second step was issued for'),
  expiresAt: whole(0, 'Unix seconds'),
});

/**
 * A verification code sent by email or text message (migration 0820): only its keyed hash is kept,
 * with what it was sent for. Times are Unix milliseconds.
 */
export const VerificationCodeTable = T.Object({
  id: text(),
  organization: text('The organization of the application it was sent through'),
  application: text(),
  userId: text('The user UUID it was sent to; empty for a sign-up code, bound to the destination only'),
  destination: text('The email address (lower case) or phone number it was sent to'),
  type: text('email or phone'),
  purpose: text('signup, login, forget, reset, mfaSetup or mfaAuth'),
  codeHash: text('HMAC-SHA-256 of the code under a key derived from the secret key; empty when nothing was sent'),
  remoteAddr: text('The client address that asked for it'),
  provider: text('The provider it was sent with (owner/name)'),
  failedAttempts: whole(0, 'Wrong codes tried against it; at the limit it is dead'),
  verifiedAt: whole(0, 'When verify-code accepted it (it may then set a password once); 0 until then'),
  usedAt: whole(0, 'When it was spent; 0 until then'),
  createdAt: whole(),
  expiresAt: whole(),
  pendingSignin: text('mfaAuth: the pending sign-in it was sent for (SHA-256 hex of its cookie); else empty'),
});

/**
 * A sign-in sent to an OAuth or OpenID Connect provider that has not come back yet (migration
 * 0840). Its key is the SHA-256 of the `state` sent to the provider; it holds only for the browser
 * whose cookie hashes to `browser`, lives ten minutes and is taken once.
 */
export const FederatedSigninTable = T.Object({
  id: text('SHA-256 hex of the state'),
  browser: text('SHA-256 hex of the cookie of the browser that began it'),
  application: text('The application signed in to'),
  provider: text('The provider (owner/name)'),
  method: text('signin, signup or link'),
  userId: text('link: the user the account is linked to (the signed-in user when it began)'),
  nonce: text('The OpenID Connect nonce sent'),
  codeVerifier: text('The PKCE code verifier, sealed with the secret key'),
  request: text('What completing it needs, as JSON (the authorization request of a relying party, the return path)'),
  expiresAt: whole(0, 'Unix seconds'),
});

/** Every table and the schema of its rows. */
export const tables = {
  organization: Organization,
  user: User,
  application: Application,
  cert: Cert,
  token: TokenTable,
  session: SessionTable,
  session_group: SessionGroupTable,
  key: Key,
  group: Group,
  invitation: Invitation,
  captcha_challenge: CaptchaChallengeTable,
  role: Role,
  permission: Permission,
  provider: Provider,
  model: Model,
  adapter: Adapter,
  enforcer: Enforcer,
  webhook: Webhook,
  record: AuditRecord,
  casbin_rule: CasbinRuleTable,
  object_count: ObjectCountTable,
  rate_limit: RateLimitTable,
  policy_member: PolicyMemberTable,
  outbound_delivery: OutboundDeliveryTable,
  outbound_delivery_log: OutboundDeliveryLogTable,
  resource: Resource,
  syncer: Syncer,
  syncer_run: SyncerRunTable,
  mfa_pending_signin: MfaPendingSigninTable,
  mfa_enrolment: MfaEnrolmentTable,
  mfa_totp_use: MfaTotpUseTable,
  webauthn_credential: WebauthnCredentialTable,
  webauthn_challenge: WebauthnChallengeTable,
  verification_code: VerificationCodeTable,
  federated_signin: FederatedSigninTable,
  product: Product,
  plan: Plan,
  pricing: Pricing,
  subscription: Subscription,
  order: Order,
  payment: Payment,
  transaction: Transaction,
} satisfies Record<string, TObject<TProperties>>;

export type TableName = keyof typeof tables;
