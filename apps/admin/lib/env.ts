import 'server-only';

/** Where the API answers on loopback; the API sets this when it starts the portal. */
export const apiUrl = (process.env.LATCHKEY_API_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '');

export { publicOrigin } from './origin';

/** Vouches to the API for the client address the portal forwards. */
export const portalSecret = process.env.LATCHKEY_PORTAL_SECRET ?? '';
