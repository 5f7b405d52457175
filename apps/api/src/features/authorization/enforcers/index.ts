import { AffectedEnvelope, Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import type { Identity } from '../../../core/identity/identity.ts';
import { affected, ok } from '../../../http/envelope.ts';
import { auth } from '../../../http/plugins/auth.ts';
import { noteAuditOrganization } from '../../objects/audit-target.ts';
import { parseArrayBody, parseObjectBody } from '../../objects/body.ts';
import { parseId, requireParameter } from '../../objects/id.ts';
import { objectRoutes } from '../../objects/routes.ts';
import { enforcerKind } from './kind.ts';
import { CasbinRule, changePolicy, getPolicies, policyFromBody } from './policies.ts';

const tags = ['Enforcers'];
const IdQuery = T.Object({ id: T.Optional(T.String({ description: 'The enforcer (owner/name)' })) });
const PoliciesQuery = T.Object({
  id: T.Optional(T.String({ description: 'The enforcer (owner/name)' })),
  adapterId: T.Optional(T.String({ description: "Casdoor's SDKs send it; the enforcer's own lines are answered" })),
});
const value = T.Optional(T.Union([T.String(), T.Null()]));
/** One policy line, with its fields named in any letter case, as Go reads Casdoor's CasbinRule; policyFromBody checks it. */
const PolicyBody = T.Object(
  {
    Id: T.Optional(T.Unknown({ description: 'Ignored' })),
    Ptype: T.Optional(T.String({ description: 'p, g, p2, g2 …' })),
    V0: value,
    V1: value,
    V2: value,
    V3: value,
    V4: value,
    V5: value,
  },
  {
    additionalProperties: true,
    description: 'One policy line: Ptype and V0 … V5 (Casdoor’s SDKs), or ptype and v0 … v5; Id is ignored',
    examples: [{ Id: 0, Ptype: 'p', V0: 'acme/alice', V1: 'data1', V2: 'read' }],
  },
);

/** Enforcers: the generic object routes, and the policy lines of an enforcer's adapter (get-policies, add-, update-, remove-policy). */
export function enforcerRoutes(context: AppContext) {
  /** Changes one enforcer's lines; the audit record goes to the enforcer's organization once the change was allowed. */
  const change = async (
    identity: Identity,
    request: Request,
    id: string | undefined,
    lines: Parameters<typeof changePolicy>[3],
  ) => {
    const enforcerId = requireParameter(id, 'id');
    const changed = await changePolicy(context, identity, enforcerId, lines);
    noteAuditOrganization(request, parseId(enforcerId).owner);
    return affected(changed);
  };
  return new Elysia({ name: 'enforcers' })
    .use(objectRoutes(context, enforcerKind))
    .use(auth(context))
    .get(
      '/api/get-policies',
      async ({ identity, query }) => ok(await getPolicies(context, identity, requireParameter(query.id, 'id'))),
      {
        admin: true,
        query: PoliciesQuery,
        response: Envelope(T.Array(CasbinRule)),
        detail: { summary: "The policy lines of an enforcer's adapter", tags },
      },
    )
    .post(
      '/api/add-policy',
      async ({ identity, query, body, request }) => change(identity, request, query.id, { add: policyFromBody(body) }),
      {
        admin: true,
        parse: parseObjectBody,
        query: IdQuery,
        body: PolicyBody,
        response: AffectedEnvelope,
        detail: { summary: 'Add a policy line to an enforcer', tags },
      },
    )
    .post(
      '/api/remove-policy',
      async ({ identity, query, body, request }) =>
        change(identity, request, query.id, { remove: policyFromBody(body) }),
      {
        admin: true,
        parse: parseObjectBody,
        query: IdQuery,
        body: PolicyBody,
        response: AffectedEnvelope,
        detail: { summary: 'Remove a policy line from an enforcer', tags },
      },
    )
    .post(
      '/api/update-policy',
      async ({ identity, query, body, request }) => {
        const lines = body as unknown[];
        if (lines.length !== 2) throw new ApiError('object.policy_pair_required');
        return change(identity, request, query.id, { remove: policyFromBody(lines[0]), add: policyFromBody(lines[1]) });
      },
      {
        admin: true,
        parse: parseArrayBody,
        query: IdQuery,
        body: T.Array(T.Unknown(), {
          description: 'Two policy lines, [old, new], each {Ptype, V0 … V5}',
          examples: [
            [
              { Id: 0, Ptype: 'p', V0: 'acme/alice', V1: 'data1', V2: 'read' },
              { Id: 0, Ptype: 'p', V0: 'acme/alice', V1: 'data1', V2: 'write' },
            ],
          ],
        }),
        response: AffectedEnvelope,
        detail: { summary: 'Replace a policy line ([old, new]) of an enforcer', tags },
      },
    );
}
