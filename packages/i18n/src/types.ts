import type { en } from './locales/en/index.ts';

/** The shape of a message tree: same keys as English, every leaf a string. */
export type Phrases<T> = { readonly [K in keyof T]: T[K] extends string ? string : Phrases<T[K]> };

export type EnglishMessages = typeof en;
export type LocaleMessages = Phrases<EnglishMessages>;
export type Namespace = keyof EnglishMessages;
export type NamespaceMessages<N extends Namespace> = Phrases<EnglishMessages[N]>;

type KeyPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeyPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message id, such as `general.route_not_found`. Error codes are message ids. */
export type MessageKey = KeyPaths<EnglishMessages>;

export type MessageParams = Record<string, string | number>;
