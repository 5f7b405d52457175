/**
 * @simplewebauthn/server, loaded by the first passkey ceremony: it brings an X.509 and ASN.1 stack
 * (several megabytes once loaded) that a server whose users have no passkeys never needs. That
 * stack reads decorators' metadata, which is loaded first.
 */
export const webauthn = () => import('reflect-metadata').then(() => import('@simplewebauthn/server'));
