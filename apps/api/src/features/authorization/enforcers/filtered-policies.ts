import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { ok } from '../../../http/envelope.ts';
import { parseJsonText } from '../../../http/json-text.ts';
import { auth } from '../../../http/plugins/auth.ts';
import { requireParameter } from '../../objects/id.ts';
import { CasbinRule, getPolicies } from './policies.ts';

const FIELDS = ['V0', 'V1', 'V2', 'V3', 'V4', 'V5'] as const;
const MAX_FILTERS = 20;
const MAX_VALUES = 1000;

/** One filter of Casdoor's get-filtered-policies: a policy type, and values one field must take. */
export interface PolicyFilter {
  ptype: string;
  fieldIndex?: number;
  fieldValues: string[];
}

/** The body: a JSON array of filters (null or empty for none); anything else is a clear error. */
export async function parseFilters({ request }: { request: Request }): Promise<PolicyFilter[]> {
  const text = await request.text();
  const value = text.trim() === '' ? [] : parseJsonText(text);
  if (value === null) return [];
  if (!Array.isArray(value)) throw new ApiError('object.body_not_array');
  if (value.length > MAX_FILTERS) throw new ApiError('general.invalid_field', { field: 'body' });
  return value.map((item, index): PolicyFilter => {
    const filter = (item ?? {}) as Record<string, unknown>;
    if (typeof filter !== 'object' || Array.isArray(filter))
      throw new ApiError('general.invalid_field', { field: String(index) });
    const ptype = filter.ptype ?? '';
    const fieldIndex = filter.fieldIndex ?? undefined;
    const fieldValues = filter.fieldValues ?? [];
    if (typeof ptype !== 'string') throw new ApiError('general.invalid_field', { field: `${index}.ptype` });
    if (fieldIndex !== undefined && !Number.isInteger(fieldIndex))
      throw new ApiError('general.invalid_field', { field: `${index}.fieldIndex` });
    if (
      !Array.isArray(fieldValues) ||
      fieldValues.length > MAX_VALUES ||
      fieldValues.some((each) => typeof each !== 'string')
    ) {
      throw new ApiError('general.invalid_field', { field: `${index}.fieldValues` });
    }
    return { ptype: ptype || 'p', fieldIndex: fieldIndex as number | undefined, fieldValues: fieldValues as string[] };
  });
}

/**
 * Casdoor's rule: a line is kept when it matches every filter. A filter matches lines of its
 * policy type (p when empty); with a field index from 0 to 5 and values, the line's field must be
 * one of the values (an index out of range, or no values, checks the type only).
 */
export function matchesEvery(line: CasbinRule, filters: readonly PolicyFilter[]): boolean {
  return filters.every((filter) => {
    if (line.Ptype !== filter.ptype) return false;
    const index = filter.fieldIndex;
    if (index === undefined || index < 0 || index > 5 || filter.fieldValues.length === 0) return true;
    return filter.fieldValues.includes(line[FIELDS[index]!]);
  });
}

/** POST /api/get-filtered-policies?id=<enforcer>: the enforcer's policy lines that match every filter of the body, in get-policies' shape. */
export function filteredPoliciesRoute(context: AppContext) {
  return new Elysia({ name: 'filtered-policies' }).use(auth(context)).post(
    '/api/get-filtered-policies',
    async ({ identity, query, body }) => {
      const lines = await getPolicies(context, identity, requireParameter(query.id, 'id'));
      return ok(lines.filter((line) => matchesEvery(line, body)));
    },
    {
      admin: true,
      parse: parseFilters,
      query: T.Object({ id: T.Optional(T.String({ description: 'The enforcer (owner/name)' })) }),
      body: T.Array(
        T.Object({
          ptype: T.String({ description: 'p, g … (p when empty)' }),
          fieldIndex: T.Optional(T.Integer({ description: 'Which value (0 to 5) the field values are for' })),
          fieldValues: T.Array(T.String()),
        }),
        {
          description: 'Filters; a line is answered when it matches all of them (none: every line)',
          examples: [[{ ptype: 'p', fieldIndex: 0, fieldValues: ['acme/alice'] }]],
        },
      ),
      response: Envelope(T.Array(CasbinRule)),
      detail: { summary: "The policy lines of an enforcer's adapter that match every filter", tags: ['Enforcers'] },
    },
  );
}
