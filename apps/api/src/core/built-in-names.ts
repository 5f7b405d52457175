/** The names of the objects Latchkey creates at its first start (server/built-ins.ts). */
export const BUILT_IN_ORGANIZATION = 'built-in';
export const BUILT_IN_APPLICATION = 'app-built-in';
export const BUILT_IN_CERT = 'cert-built-in';
export const BUILT_IN_ADMIN = 'admin';

/** Casdoor's default Casbin objects of `built-in`, which Latchkey also creates (server/casbin-defaults.ts). */
export const BUILT_IN_USER_MODEL = 'user-model-built-in';
export const BUILT_IN_USER_ADAPTER = 'user-adapter-built-in';
export const BUILT_IN_PERMISSION = 'permission-built-in';
