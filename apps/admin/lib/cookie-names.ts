/** The API's session cookie; the portal's own session is the API's. */
export const SESSION_COOKIE = 'casdoor_session_id';

/** Remembers the organization last signed in with, to fill the sign-in form next time. */
export const LAST_ORGANIZATION_COOKIE = 'latchkey_last_organization';
