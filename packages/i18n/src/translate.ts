import { defaultLanguage, type Language } from './languages.ts';
import { locales } from './locales/index.ts';
import type { MessageKey, MessageParams } from './types.ts';

function lookup(tree: unknown, key: string): string | undefined {
  let node = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The text of a message in a language, falling back to English; `{name}` placeholders are filled. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = lookup(locales[language], key) ?? lookup(locales[defaultLanguage], key) ?? key;
  return interpolate(template, params);
}

export function isMessageKey(key: string): key is MessageKey {
  return lookup(locales[defaultLanguage], key) !== undefined;
}
