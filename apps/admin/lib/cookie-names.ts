/** The API's session cookie; the portal's own session is the API's. */
export const SESSION_COOKIE = 'casdoor_session_id';

/** Remembers the organization last signed in with, to fill the sign-in form next time. */
export const LAST_ORGANIZATION_COOKIE = 'latchkey_last_organization';

/** The API's cookie of a sign-in that waits for its second factor (the console's second step sends it back). */
export const PENDING_SIGNIN_COOKIE = 'latchkey_mfa';

/** The API's cookie that binds a sign-in at an outside provider to this browser (sent back by the callback page). */
export const FEDERATION_COOKIE = 'latchkey_federation';
