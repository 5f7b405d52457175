import type { Audience } from '../../core/identity/privileges.ts';
import type { ObjectKind } from '../../features/objects/kind.ts';
import type { SweptRoute } from '../sweep/routes.ts';
import { byAudience } from './audience.ts';
import { claiming, freshName, idBody, idOf, listQuery } from './objects.ts';
import type { MatrixRoute, Outcome, Probe } from './route.ts';
import { addBody, type CallerName, type TargetName } from './world.ts';

/** Outcomes users and access keys get on a kind's routes: their own keys, and a read of their own organization. */
export function forUsersOf(kind: ObjectKind<any>, operation: 'list' | 'get' | 'add' | 'update' | 'delete') {
  return (target: TargetName | undefined): Outcome => {
    if (target !== 'X') return 'refused';
    // A user's own keys: listed (theirs only), read, added, changed and deleted.
    if (kind.name === 'key') return 'ok';
    if (kind.name === 'organization' && (operation === 'get' || operation === 'list')) return 'ok';
    return 'refused';
  };
}

/** A route of an object kind: get-<objects>, get-<object>, add-, update- and delete-<object>. */
export function kindRoute(
  route: SweptRoute,
  audience: Audience | undefined,
  kind: ObjectKind<any>,
  operation: 'list' | 'get' | 'add' | 'update' | 'delete',
): MatrixRoute {
  const key = `${route.method} ${route.template}`;
  const base = { key, audience, write: route.method === 'POST' };
  const forUsers = forUsersOf(kind, operation);
  switch (operation) {
    case 'list':
      return {
        ...base,
        probes: (_kit, tenant) => [{ method: 'GET', path: route.path, query: listQuery(kind, tenant!) }],
        // The organizations list shows the caller's own organization, whatever it filters by.
        expected: (caller, target) => {
          const outcome = byAudience(audience, caller, target, forUsers);
          return kind.placement === 'organization-itself' && outcome === 'refused' && caller !== 'anonymous'
            ? 'narrowed'
            : outcome;
        },
      };
    case 'get':
      return {
        ...base,
        probes: (_kit, tenant) => {
          const id = idOf(kind, tenant!);
          return [
            {
              method: 'GET',
              path: route.path,
              query: { id: `${id.owner}/${id.name}` },
              check: (json) => (json.data?.name === id.name ? undefined : `data is not ${id.name}`),
            },
          ];
        },
        // Anyone reads an application's public view (sign-in pages need it).
        expected: (caller, target) =>
          audience === 'anyone' ? 'public' : byAudience(audience, caller, target, forUsers),
      };
    case 'add':
      return {
        ...base,
        probes: (_kit, tenant) => {
          const name = freshName(tenant!.prefix, kind.name);
          return [
            {
              method: 'POST',
              path: route.path,
              body: () => addBody(kind.name, tenant!.organization, tenant!.prefix, name),
            },
          ];
        },
        // A new organization is a new tenant: only global administrators make one.
        expected: (caller, target) =>
          kind.placement === 'organization-itself' ? 'refused' : byAudience(audience, caller, target, forUsers),
      };
    case 'update':
      return {
        ...base,
        probes: (kit, tenant) => {
          const id = idOf(kind, tenant!);
          const probes: Probe[] = [
            {
              method: 'POST',
              path: route.path,
              query: { id: `${id.owner}/${id.name}` },
              body: () => idBody(kind, tenant!, id),
            },
          ];
          // Another tenant's object, the body claiming it is X's: the id decides.
          const claim = claiming(kind, id, kit.world.tenants.X);
          if (tenant!.name !== 'X' && claim)
            probes.push({
              method: 'POST',
              path: route.path,
              query: { id: `${id.owner}/${id.name}` },
              body: () => claim,
            });
          return probes;
        },
        expected: (caller, target) => byAudience(audience, caller, target, forUsers),
      };
    case 'delete': {
      // Deleting an organization deletes a tenant: only global administrators do.
      const expected = (caller: CallerName, target: TargetName | undefined): Outcome =>
        kind.placement === 'organization-itself' ? 'refused' : byAudience(audience, caller, target, forUsers);
      return {
        ...base,
        probes: async (kit, tenant, caller) => {
          // What may be deleted is made afresh; what must not be is the tenant's own object.
          const allowed = expected(caller, tenant!.name) === 'ok';
          const id = allowed ? await kit.fresh(kind, tenant!) : idOf(kind, tenant!);
          const probes: Probe[] = [
            {
              method: 'POST',
              path: route.path,
              query: { id: `${id.owner}/${id.name}` },
              body: () => idBody(kind, tenant!, id),
            },
          ];
          // Named by the body alone, as Casdoor's SDKs do.
          if (!allowed) probes.push({ method: 'POST', path: route.path, body: () => idBody(kind, tenant!, id) });
          return probes;
        },
        expected,
      };
    }
  }
}
