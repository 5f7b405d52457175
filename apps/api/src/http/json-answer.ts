/** The content type Elysia gives an object answer; an answer whose JSON text is already made carries the same. */
export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';

/** A 200 answer of JSON text made beforehand (a route's headers, CORS and the request id, are added as for any answer). */
export function jsonTextResponse(json: string, headers?: Record<string, string>): Response {
  return new Response(json, { headers: headers ?? { 'content-type': JSON_CONTENT_TYPE } });
}
