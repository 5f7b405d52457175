import { providerCategories, providerTypeFields, providerTypesOf } from './provider-catalogue';
import type { FieldSpec, ResourceKind } from './types';

/**
 * Forms whose fields depend on the object's own values (a provider's category and type). The same
 * functions run in the browser (what the form shows) and in the save action (what it sends).
 */
export interface FieldVariant {
  /** The fields to show for these values, out of the kind's fields. */
  fields: (all: readonly FieldSpec[], values: Record<string, unknown>) => FieldSpec[];
  /** Values that follow from a change (a new category starts at its first type). */
  follow?: (name: string, next: Record<string, unknown>) => Record<string, unknown>;
}

/** The fields every provider shows, before those of its type. */
const providerHead = ['owner', 'name', 'displayName', 'category', 'type'];

const providerVariant: FieldVariant = {
  fields: (all, values) => {
    const category = String(values.category ?? '');
    const type = String(values.type ?? '');
    const head = all
      .filter((field) => providerHead.includes(field.name))
      .map((field) => {
        if (field.name === 'category') return { ...field, options: providerCategories };
        if (field.name === 'type') {
          const types = providerTypesOf(category);
          return types.length > 0 ? { ...field, kind: 'select' as const, options: types } : field;
        }
        return field;
      });
    const own = providerTypeFields(category, type);
    // A category or type the console does not know keeps the general fields it always had.
    const rest = own ?? all.filter((field) => !providerHead.includes(field.name) && !field.variantOnly);
    return [...head, ...rest];
  },
  follow: (name, next) => {
    if (name !== 'category' && name !== 'type') return next;
    const category = String(next.category ?? '');
    const types = providerTypesOf(category);
    const current = String(next.type ?? '');
    const type = types.length > 0 && !types.includes(current) ? (types[0] ?? '') : current;
    const followed: Record<string, unknown> = { ...next, type };
    // A choice the new type does not offer (an OAuth provider's method "Normal") becomes its first.
    for (const field of providerTypeFields(category, type) ?? [])
      if (field.kind === 'select' && field.options && !field.options.includes(String(followed[field.name] ?? '')))
        followed[field.name] = field.name === 'issuerUrl' ? '' : field.options[0];
    return followed;
  },
};

export const fieldVariants: Partial<Record<ResourceKind, FieldVariant>> = { providers: providerVariant };

/** The fields a form of `kind` shows for these values. */
export function fieldsFor(kind: ResourceKind, all: readonly FieldSpec[], values: Record<string, unknown>): FieldSpec[] {
  const variant = fieldVariants[kind];
  return variant ? variant.fields(all, values) : [...all];
}
