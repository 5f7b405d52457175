/**
 * The public origin browsers use, as configured (LATCHKEY_ORIGIN; the API passes it to the portal as
 * LATCHKEY_PUBLIC_ORIGIN when it starts it). Every absolute link and redirect the portal builds comes
 * from here, never from the request's Host or X-Forwarded-Host, which the client writes.
 */
export const publicOrigin = new URL(
  process.env.LATCHKEY_PUBLIC_ORIGIN ?? process.env.LATCHKEY_API_URL ?? 'http://127.0.0.1:8000',
).origin;
