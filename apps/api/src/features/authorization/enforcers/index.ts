import { AffectedEnvelope, Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { affected, ok } from '../../../http/envelope.ts';
import { parseArrayBody, parseObjectBody } from '../../objects/body.ts';
import { parseId, requireParameter } from '../../objects/id.ts';
import { objectRoutes } from '../../objects/routes.ts';
import { noteAuditOrganization } from '../../objects/audit-target.ts';
import type { Identity } from '../../../core/identity/identity.ts';
import { auth } from '../../../http/plugins/auth.ts';
import { PolicyLine } from '../enforce/rule-adapter.ts';
import { enforcerKind } from './kind.ts';
import { changePolicy, getPolicies, policyFromBody } from './policies.ts';

const tags = ['Enforcers'];
const IdQuery = T.Object({ id: T.Optional(T.String({ description: 'The enforcer (owner/name)' })) });
const PolicyBody = T.Object({
  ptype: T.String(),
  v0: T.Optional(T.String()),
  v1: T.Optional(T.String()),
  v2: T.Optional(T.String()),
  v3: T.Optional(T.String()),
  v4: T.Optional(T.String()),
  v5: T.Optional(T.String()),
});

/** Enforcers: the generic object routes, and the policy lines of an enforcer's adapter (get-policies, add-, update-, remove-policy). */
export function enforcerRoutes(context: AppContext) {
  /** Changes one enforcer's lines; the audit record goes to the enforcer's organization once the change was allowed. */
  const change = async (identity: Identity, request: Request, id: string | undefined, lines: Parameters<typeof changePolicy>[3]) => {
    const enforcerId = requireParameter(id, 'id');
    const changed = await changePolicy(context, identity, enforcerId, lines);
    noteAuditOrganization(request, parseId(enforcerId).owner);
    return affected(changed);
  };
  return new Elysia({ name: 'enforcers' })
    .use(objectRoutes(context, enforcerKind))
    .use(auth(context))
    .get('/api/get-policies', async ({ identity, query }) => ok(await getPolicies(context, identity, requireParameter(query.id, 'id'))), {
      admin: true,
      query: IdQuery,
      response: Envelope(T.Array(PolicyLine)),
      detail: { summary: "The policy lines of an enforcer's adapter", tags },
    })
    .post(
      '/api/add-policy',
      async ({ identity, query, body, request }) => change(identity, request, query.id, { add: policyFromBody(body) }),
      { admin: true, parse: parseObjectBody, query: IdQuery, body: PolicyBody, response: AffectedEnvelope, detail: { summary: 'Add a policy line to an enforcer', tags } },
    )
    .post(
      '/api/remove-policy',
      async ({ identity, query, body, request }) => change(identity, request, query.id, { remove: policyFromBody(body) }),
      { admin: true, parse: parseObjectBody, query: IdQuery, body: PolicyBody, response: AffectedEnvelope, detail: { summary: 'Remove a policy line from an enforcer', tags } },
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
        body: T.Array(T.Unknown(), { description: 'Two policy lines, [old, new], each {ptype, v0 … v5}', examples: [[{ ptype: 'p', v0: 'acme/alice', v1: 'data1', v2: 'read' }, { ptype: 'p', v0: 'acme/alice', v1: 'data1', v2: 'write' }]] }),
        response: AffectedEnvelope,
        detail: { summary: 'Replace a policy line ([old, new]) of an enforcer', tags },
      },
    );
}
