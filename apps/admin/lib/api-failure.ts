import type { ApiResult } from './api-request';
import type { FormState } from './form-state';

/** The field an API error is about: Latchkey puts it in the envelope's `data` as `{ field }`. */
export function fieldOfError(result: Pick<ApiResult, 'data'>): string | undefined {
  const data = result.data as { field?: unknown } | null | undefined;
  return data && typeof data === 'object' && typeof data.field === 'string' ? data.field : undefined;
}

/**
 * What a form shows when the API refused: the sign-in dialog when the session has ended, the message
 * next to its field when the API names one the form has (`fields`, optionally renamed), else at the top.
 */
export function failedForm(
  result: ApiResult,
  values: Record<string, unknown> | undefined,
  fields: readonly string[] | Record<string, string>,
): FormState {
  if (result.signedOut) return { signedOut: true, values };
  const field = fieldOfError(result);
  const formField =
    field === undefined
      ? undefined
      : Array.isArray(fields)
        ? fields.includes(field)
          ? field
          : undefined
        : (fields as Record<string, string>)[field];
  if (formField) return { fieldErrors: { [formField]: result.msg }, values };
  return { formError: result.msg, values };
}
