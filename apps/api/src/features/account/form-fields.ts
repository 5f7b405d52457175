/**
 * A text field of a request, from the body (JSON, urlencoded or multipart) or else the query
 * string, as Casdoor's form handlers read it. Anything that is not a string (a file, a number, a
 * nested object) counts as absent.
 */
export function formField(body: unknown, query: Record<string, string | undefined>, name: string): string {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string') return value;
  }
  const fromQuery = query[name];
  return typeof fromQuery === 'string' ? fromQuery : '';
}

/** A JSON object body as a plain record; anything else is an empty record. */
export function bodyObject(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export const stringField = (record: Record<string, unknown>, name: string): string => {
  const value = record[name];
  return typeof value === 'string' ? value : '';
};
