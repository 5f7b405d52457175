/**
 * The crash test's ledger: what the server confirmed (users, uploads, tokens, sessions, refresh
 * chains, policy lines), and which writes were still waiting for their answer when it died.
 */

export type UserFields = Record<string, unknown>;

/** One user as the server told us: its confirmed state (null: absent), and a write whose answer never came. */
export interface UserEntry {
  confirmed: UserFields | null;
  /** The state the unanswered write would leave (null: a delete); undefined when nothing is in flight. */
  pending?: { state: UserFields | null; upload?: number };
}

export interface Upload {
  id: number;
  names: string[];
  outcome: 'in flight' | 'confirmed' | 'refused';
}

export interface SignInUser {
  name: string;
  password: string;
}

/**
 * A refresh-token chain: the refresh token last confirmed, how many token rows the chain has
 * (one per confirmed grant or rotation), and whether a rotation was left unanswered. `lost`: such
 * a rotation turned out to have happened, so the client never got the chain's newest token.
 */
export interface RefreshChain {
  scope: string;
  refreshToken: string;
  rows: number;
  pending: boolean;
  lost: boolean;
}

export type WriteKind = 'user' | 'upload' | 'token' | 'signIn' | 'refresh' | 'policy';

export class Ledger {
  users = new Map<string, UserEntry>();
  uploads: Upload[] = [];
  /** Access tokens the token endpoint answered 200 with. */
  tokens: string[] = [];
  /** Session cookies of confirmed sign-ins, and whose they are. */
  sessions: { cookie: string; user: string }[] = [];
  /** Refresh-token chains (a password grant, then rotations), each with a scope of its own. */
  chains: RefreshChain[] = [];
  /** Policy lines of the enforcer, one per subject: the confirmed action, and an unanswered replacement. */
  policies = new Map<string, { confirmed: string; pending?: string }>();
  /** Answers that were neither a confirmation nor a lost connection (each one is a failure). */
  refusals: string[] = [];
  /** Confirmed writes of each kind, all told. */
  confirmed: Record<WriteKind, number> = { user: 0, upload: 0, token: 0, signIn: 0, refresh: 0, policy: 0 };

  confirm(kind: WriteKind): void {
    this.confirmed[kind]++;
  }
}

/** Where the writers send requests (the server's address changes at each start), and when to stop. */
export interface Target {
  url: string;
  organization: string;
  application: { clientId: string; clientSecret: string; name: string };
  adminCookie: string;
  signInUsers: SignInUser[];
  /** The enforcer whose policy lines are replaced (update-policy) under load. */
  enforcer: string;
}
