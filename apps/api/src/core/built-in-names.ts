/** The names of the objects Latchkey creates at its first start (server/built-ins.ts). */
export const BUILT_IN_ORGANIZATION = 'built-in';
export const BUILT_IN_APPLICATION = 'app-built-in';
export const BUILT_IN_CERT = 'cert-built-in';
export const BUILT_IN_ADMIN = 'admin';
