import 'server-only';

/** Where the API answers on loopback; the API sets this when it starts the portal. */
export const apiUrl = (process.env.LATCHKEY_API_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '');

/** The public origin browsers use (for the addresses shown on application pages). */
export const publicOrigin = (process.env.LATCHKEY_PUBLIC_ORIGIN ?? apiUrl).replace(/\/$/, '');

/** Vouches to the API for the client address the portal forwards. */
export const portalSecret = process.env.LATCHKEY_PORTAL_SECRET ?? '';
