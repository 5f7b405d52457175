import type { Translate } from './i18n/messages';
import type { FieldSpec } from './resources';

/** Casdoor refuses these in names; so do we, before the request. */
const forbiddenInName = /[/?:#&%=+;\s]/;

/** Turns submitted form values into the object's JSON types, and reports what is wrong next to each field. */
export function coerceValues(
  fields: readonly FieldSpec[],
  raw: Record<string, unknown>,
  mode: 'create' | 'edit',
  t: Translate,
) {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (field.createOnly && mode === 'edit') continue;
    if (field.fixedAfterCreate && mode === 'edit') continue;
    const input = raw[field.name];
    switch (field.kind) {
      case 'switch':
        values[field.name] = input === true || input === 'true' || input === 'on';
        break;
      case 'number': {
        const text = String(input ?? '').trim();
        if (text === '') {
          if (field.required) errors[field.name] = t('validation.required');
          else values[field.name] = 0;
          break;
        }
        const number = Number(text);
        if (!Number.isFinite(number)) errors[field.name] = t('validation.number');
        else values[field.name] = number;
        break;
      }
      case 'multiselect':
      case 'tags': {
        const list = Array.isArray(input) ? input.map((item) => String(item).trim()).filter(Boolean) : [];
        if (field.required && list.length === 0) errors[field.name] = t('validation.required');
        values[field.name] = [...new Set(list)];
        break;
      }
      default: {
        const text =
          typeof input === 'string' ? (field.kind === 'code' || field.kind === 'textarea' ? input : input.trim()) : '';
        if (field.required && text.trim() === '') errors[field.name] = t('validation.required');
        else if (field.name === 'name' && forbiddenInName.test(text))
          errors[field.name] = t('validation.name_characters');
        else if (field.kind === 'url' && text && !/^https?:\/\/[^\s]+$/i.test(text))
          errors[field.name] = t('validation.url');
        else if (field.kind === 'datetime' && text && Number.isNaN(Date.parse(text)))
          errors[field.name] = t('validation.date');
        values[field.name] = field.name === 'bitSize' ? Number(text) || 0 : text;
      }
    }
  }
  return { values, errors };
}
