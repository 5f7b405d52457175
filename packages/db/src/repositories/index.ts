export * from './applications.ts';
export * from './certs.ts';
export * from './keys.ts';
export * from './sessions.ts';
export * from './tokens.ts';
export * from './users.ts';
export * from './objects.ts';
export * from './outbound-deliveries.ts';
