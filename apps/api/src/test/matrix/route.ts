import type { Audience } from '../../core/identity/privileges.ts';
import type { ObjectKind } from '../../features/objects/kind.ts';
import type { TestApp } from '../create-test-app.ts';
import type { CallerName, TargetName, Tenant, World } from './world.ts';

/**
 * What a case must answer:
 * - ok: a success (status ok, or an HTTP success outside /api);
 * - refused: status error with the sign-in or not-allowed message (or an OAuth error), and no table changed;
 * - rejected: status error whatever the message, or ok and "Unaffected" (a field the route ignores), and no table changed;
 * - hidden: refused, or ok with nothing in it (data null or an empty list), and no table changed;
 * - narrowed: refused, or ok with the caller's own objects only (a list that ignores a foreign filter);
 * - public: ok, with nothing but the object's public view (no secret of any tenant);
 * - answered: not refused for who the caller is (a route whose inputs decide; its own tests cover them).
 */
export type Outcome = 'ok' | 'refused' | 'rejected' | 'hidden' | 'narrowed' | 'public' | 'answered';

/** One request of a case: its method, path, query and body (made afresh for each call). */
export interface Probe {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: () => unknown;
  /** Checks of a successful answer, beyond its status. */
  check?: (json: any) => string | undefined;
  /** Checks after the answer, whatever it was: what must still hold. */
  after?: () => Promise<string | undefined>;
}

export interface Kit {
  t: TestApp;
  world: World;
  /** A new object of a kind in a tenant, made by the global administrator; answers its id parts. */
  fresh(kind: ObjectKind<any>, tenant: Tenant): Promise<{ owner: string; name: string }>;
  /** Set when a case's preparation wrote to the database (so that its tables are looked at again). */
  prepared: boolean;
}

/** Every route of the document, turned into cases. */
export interface MatrixRoute {
  key: string;
  audience: Audience | undefined;
  /** Whether a refusal must leave every table as it was (every POST, and GETs that could write). */
  write: boolean;
  /** When the route takes no target: why. It is then called once per caller. */
  targetFree?: string;
  /** Callers to leave out, with the reason (a route that ends the caller's own session). */
  callers?: readonly CallerName[];
  /** The requests of a case (several when the route takes its target in several ways). */
  probes(kit: Kit, target: Tenant | undefined, caller: CallerName): Promise<Probe[]> | Probe[];
  expected(caller: CallerName, target: TargetName | undefined): Outcome;
}
