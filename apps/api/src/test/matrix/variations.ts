import { storedRows } from '@latchkey/db/testing';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Audience } from '../../core/identity/privileges.ts';
import type { ObjectKind } from '../../features/objects/kind.ts';
import { byAudience } from './audience.ts';
import { forUsersOf } from './kind-routes.ts';
import { claiming, freshName, idBody, idOf, KINDS, post } from './objects.ts';
import type { Kit, MatrixRoute } from './route.ts';
import type { Tenant } from './world.ts';
import { addBody } from './world.ts';

/**
 * Fields of X's objects that name another object (from each kind's `references`): X's
 * administrator and application may point them at X's objects (the positive control), never at
 * Y's or built-in's. Each is a route of its own in the matrix: update-<kind> of a fresh X object
 * with the field set. A bare name read within X that may name nothing yet (an invitation's sign-up
 * group) cannot point elsewhere: Y's name there is X's group of that name, not added, and accepted.
 */
export function referenceRoutes(audienceOf: (key: string) => Audience | undefined): MatrixRoute[] {
  const out: MatrixRoute[] = [];
  for (const referred of KINDS) {
    for (const reference of referred.references ?? []) {
      if (reference.holds === 'owner-and-name') continue;
      const holder = KINDS.find((kind) => kind.table === reference.table);
      if (!holder) continue;
      const key = `POST /api/update-${holder.name}`;
      const audience = audienceOf(key);
      if (!audience) continue;
      const value = (tenant: Tenant) => {
        const id = idOf(referred, tenant);
        if (reference.holds === 'name') return id.name;
        if (reference.holds === 'id') return `${id.owner}/${id.name}`;
        if (reference.holds === 'name-list') return [id.name];
        if (reference.holds !== 'item-list') return [`${id.owner}/${id.name}`];
        // An item as the holder's schema makes it, naming the object.
        const itemSchema = (holder.schema.properties[reference.column] as { items?: TSchema } | undefined)?.items;
        return [{ ...(itemSchema ? (Value.Create(itemSchema) as object) : {}), owner: id.owner, name: id.name }];
      };
      const readWithinX = reference.holds === 'name' && reference.within !== undefined && reference.mayNameNothingYet;
      out.push(referenceRoute(key, audience, holder, referred, reference.column, value, readWithinX === true));
    }
  }
  return out;
}

/** update-<holder> of a fresh X object with `column` naming the target's object of kind `referred`. */
function referenceRoute(
  key: string,
  audience: Audience,
  holder: ObjectKind<any>,
  referred: ObjectKind<any>,
  column: string,
  value: (tenant: Tenant) => unknown,
  readWithinX: boolean,
): MatrixRoute {
  return {
    key: `${key} with ${column} naming a ${referred.name}`,
    audience,
    write: true,
    callers: ['admin of X', 'app of X (Basic)'],
    probes: async (kit, tenant) => {
      const x = kit.world.tenants.X;
      // The organization itself, else a fresh object of X, so that the callers' own objects stay as they are.
      const id = holder.placement === 'organization-itself' ? idOf(holder, x) : await kit.fresh(holder, x);
      // A key belongs to a user or to an application: naming its application leaves its user.
      const exclusive = holder.name === 'key' && column === 'application' ? { user: '' } : {};
      return [
        post(`/api/update-${holder.name}`, { id: `${id.owner}/${id.name}` }, () => ({
          ...idBody(holder, x, id),
          ...exclusive,
          [column]: value(tenant!),
        })),
      ];
    },
    expected: (_caller, target) => (target === 'X' || readWithinX ? 'ok' : 'rejected'),
  };
}

/**
 * update-<object> of a fresh object of X whose body moves it to the target: X's administrator and
 * application may keep it in X (the positive control), never move it to Y or built-in.
 */
export function moveRoutes(routes: readonly MatrixRoute[]): MatrixRoute[] {
  const out: MatrixRoute[] = [];
  for (const kind of KINDS) {
    const update = routes.find((route) => route.key === `POST /api/update-${kind.name}`);
    if (!update || kind.placement === 'organization-itself') continue;
    out.push({
      key: `${update.key} moving an object of X to the target`,
      audience: update.audience,
      write: true,
      callers: ['admin of X', 'app of X (Basic)'],
      probes: async (kit, tenant) => {
        const id = await kit.fresh(kind, kit.world.tenants.X);
        return [post(`/api/update-${kind.name}`, { id: `${id.owner}/${id.name}` }, () => claiming(kind, id, tenant!))];
      },
      expected: (_caller, target) => (target === 'X' ? 'ok' : 'rejected'),
    });
  }
  return out;
}

/**
 * get-<objects> without an owner or organization: X's callers see X's objects (the positive
 * control: X's object is in it) and nothing of Y or built-in.
 */
export function unfilteredListRoutes(routes: readonly MatrixRoute[]): MatrixRoute[] {
  const out: MatrixRoute[] = [];
  for (const kind of KINDS) {
    const list = routes.find((route) => route.key === `GET /api/get-${kind.plural}`);
    if (!list) continue;
    out.push({
      key: `${list.key} without a filter`,
      audience: list.audience,
      write: false,
      targetFree: "lists the caller's own organization",
      probes: (kit) => {
        const own = idOf(kind, kit.world.tenants.X).name;
        const check = (json: any) => {
          const items = (Array.isArray(json.data) ? json.data : []) as Record<string, unknown>[];
          const whose = (item: Record<string, unknown>) =>
            item.owner === 'admin' && typeof item.organization === 'string'
              ? item.organization
              : item.owner === 'admin'
                ? item.name
                : item.owner;
          // Global certs and providers (owner admin) are every organization's to read.
          const global = (item: Record<string, unknown>) =>
            kind.placement === 'global-or-organization' && item.owner === 'admin';
          const foreign = items
            .filter((item) => whose(item) !== 'org-x' && !global(item))
            .map((item) => `${String(item.owner)}/${String(item.name)}`);
          if (foreign.length > 0) return `shows objects of other tenants: ${foreign.slice(0, 5).join(', ')}`;
          return kind.name === 'record' || items.some((item) => item.name === own)
            ? undefined
            : `X's ${own} is not in it`;
        };
        return [{ method: 'GET', path: `/api/get-${kind.plural}`, check }];
      },
      expected: (caller) => byAudience(list.audience, caller, 'X', forUsersOf(kind, 'list')),
    });
  }
  return out;
}

/**
 * add-token in X carrying the target's token material (its access token, its hash, a code): token
 * rows are minted only by the server, so the material is refused or ignored whatever the target (a
 * token the server mints for X's user may be added), no row but the target's own carries it, and
 * the target's token still stands for the target's user alone.
 */
export function tokenMaterialRoutes(routes: readonly MatrixRoute[]): MatrixRoute[] {
  const add = routes.find((route) => route.key === 'POST /api/add-token');
  if (!add) return [];
  return [
    {
      key: `${add.key} carrying the target's token material`,
      audience: add.audience,
      write: true,
      callers: ['admin of X', 'app of X (Basic)'],
      probes: (kit, tenant) => {
        const x = kit.world.tenants.X;
        const material = tenant!.token.accessToken;
        const planted = freshName(x.prefix, 'planted-token');
        const body = {
          ...addBody('token', x.organization, x.prefix, planted),
          accessToken: material,
          accessTokenHash: new Bun.CryptoHasher('sha256').update(material).digest('hex'),
          code: freshName(x.prefix, 'planted-code'),
          expiresIn: 3600,
        };
        // No row but the target's own carries its token, and the target's token still stands for its
        // user, also once X's administrator has revoked and deleted the row it added.
        const after = async () => {
          const carriers = await storedRows(kit.t.context.db, 'token', { accessTokenHash: body.accessTokenHash });
          const planters = carriers.filter((row) => row.name !== tenant!.token.name).map((row) => row.name);
          if (planters.length > 0) return `rows ${planters.join(', ')} carry ${tenant!.name}'s token`;
          const stillTheirs = async (when: string) => {
            const account = await kit.t.request('/api/get-account', {
              headers: { authorization: `Bearer ${material}` },
            });
            const name = account.json?.data?.name;
            return name === tenant!.user
              ? undefined
              : `${when}, ${tenant!.name}'s token answers ${JSON.stringify(account.json).slice(0, 120)}`;
          };
          const admin = kit.world.callers['admin of X'].headers;
          const id = `admin/${planted}`;
          const afterAdd = await stillTheirs('after the add');
          if (afterAdd) return afterAdd;
          await kit.t.request(`/api/update-token?id=${id}`, {
            headers: admin,
            body: { owner: 'admin', name: planted, organization: x.organization, expiresIn: 0 },
          });
          const afterRevoke = await stillTheirs('after X revoked its row');
          if (afterRevoke) return afterRevoke;
          await kit.t.request(`/api/delete-token?id=${id}`, {
            headers: admin,
            body: { owner: 'admin', name: planted },
          });
          return stillTheirs('after X deleted its row');
        };
        return [{ ...post('/api/add-token', {}, () => body), after }];
      },
      expected: () => 'answered',
    },
  ];
}

/**
 * Kinds that Casdoor's SDKs add owned by the organization itself (webhooks, syncers:
 * `ownerMayBeOrganization`): X's administrator and application may add, read, update and delete
 * such objects of X (the positive control), never of Y or built-in, and never place one of X under
 * the target's owner or the target's organization.
 */
export function organizationOwnerRoutes(routes: readonly MatrixRoute[]): MatrixRoute[] {
  const out: MatrixRoute[] = [];
  const callers = ['admin of X', 'app of X (Basic)'] as const;
  for (const kind of KINDS.filter((each) => each.ownerMayBeOrganization)) {
    const add = routes.find((each) => each.key === `POST /api/add-${kind.name}`);
    const get = routes.find((each) => each.key === `GET /api/get-${kind.name}`);
    const update = routes.find((each) => each.key === `POST /api/update-${kind.name}`);
    const remove = routes.find((each) => each.key === `POST /api/delete-${kind.name}`);
    if (!add || !get || !update || !remove) continue;
    const body = (owner: string, organization: string, prefix: string) => {
      const name = freshName(prefix, `${kind.name}-owned`);
      return { ...addBody(kind.name, organization, prefix, name), owner, name };
    };
    out.push(
      {
        key: `${add.key} owned by the target's organization`,
        audience: add.audience,
        write: true,
        callers,
        probes: (kit, tenant) => [
          post(`/api/add-${kind.name}`, {}, () =>
            body(tenant!.organization, tenant!.organization, kit.world.tenants.X.prefix),
          ),
        ],
        expected: (_caller, target) => (target === 'X' ? 'ok' : 'rejected'),
      },
      {
        key: `${add.key} owned by X's organization for the target's`,
        audience: add.audience,
        write: true,
        callers,
        probes: (kit, tenant) => {
          const x = kit.world.tenants.X;
          return [post(`/api/add-${kind.name}`, {}, () => body(x.organization, tenant!.organization, x.prefix))];
        },
        expected: (_caller, target) => (target === 'X' ? 'ok' : 'rejected'),
      },
    );
    /** An object of the target owned by its organization, made by the global administrator. */
    const owned = async (kit: Kit, tenant: Tenant) => {
      kit.prepared = true;
      const made = body(tenant.organization, tenant.organization, tenant.prefix);
      const added = await kit.t.request(`/api/add-${kind.name}`, { headers: kit.world.root.headers, body: made });
      if (added.json?.status !== 'ok')
        throw new Error(`making a ${kind.name} owned by ${tenant.organization} failed: ${added.text}`);
      return made;
    };
    for (const [verb, base, expectedElsewhere] of [
      ['get', get, 'hidden'],
      ['update', update, 'rejected'],
      ['delete', remove, 'rejected'],
    ] as const) {
      out.push({
        key: `${base.key} of the target's object owned by its organization`,
        audience: base.audience,
        write: verb !== 'get',
        callers,
        probes: async (kit, tenant) => {
          const made = await owned(kit, tenant!);
          const id = { id: `${made.owner}/${made.name}` };
          if (verb === 'get')
            return [
              {
                method: 'GET',
                path: `/api/get-${kind.name}`,
                query: id,
                check: (json) => (json.data?.name === made.name ? undefined : 'not found'),
              },
            ];
          return [
            post(`/api/${verb}-${kind.name}`, id, () => (verb === 'update' ? { ...made, password: '***' } : made)),
          ];
        },
        expected: (_caller, target) => (target === 'X' ? 'ok' : expectedElsewhere),
      });
    }
  }
  return out;
}
