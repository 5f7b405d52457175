import {
  Adapter,
  Application,
  AuditRecord,
  Cert,
  Enforcer,
  Group,
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
});

/** Casbin policy lines, stored per adapter (or per permission model). */
export const CasbinRuleTable = T.Object({
  id: text(),
  adapter: text('Adapter or permission id (owner/name)'),
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

/** Every table and the schema of its rows. */
export const tables = {
  organization: Organization,
  user: User,
  application: Application,
  cert: Cert,
  token: TokenTable,
  session: SessionTable,
  key: Key,
  group: Group,
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
  resource: Resource,
  product: Product,
  plan: Plan,
  pricing: Pricing,
  subscription: Subscription,
  order: Order,
  payment: Payment,
  transaction: Transaction,
} satisfies Record<string, TObject<TProperties>>;

export type TableName = keyof typeof tables;
