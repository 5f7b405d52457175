/**
 * Member names a matcher may never read: every name of Object.prototype and Function.prototype
 * (constructor, __proto__, call, apply, bind, toString, …) and prototype. Attribute reads only ever
 * reach own properties of plain request objects; refusing these names up front makes a model that
 * tries to reach a prototype fail where it is written, with the name it used.
 */
export const FORBIDDEN_MEMBER_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
  'prototype',
  '__proto__',
  'constructor',
]);
