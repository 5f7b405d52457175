/** Remembers the organization last signed in with, to fill the sign-in form next time. */
export const LAST_ORGANIZATION_COOKIE = 'latchkey_last_organization';
