import { type Language, locales, type MessageKey, type MessageParams, translate } from '@latchkey/i18n';

/** A portal message id without its namespace, such as `common.save`. */
export type PortalKey = MessageKey extends infer K ? (K extends `portal.${infer Rest}` ? Rest : never) : never;

export type Translate = (key: PortalKey, params?: MessageParams) => string;

export function portalTranslator(language: Language): Translate {
  return (key, params) => translate(language, `portal.${key}` as MessageKey, params);
}

/** The portal namespace of one language, handed to client components. */
export function portalMessages(language: Language) {
  return locales[language].portal;
}

export type PortalMessages = ReturnType<typeof portalMessages>;

/** Fills `{name}` placeholders; used where client components hold the messages themselves. */
export function fill(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function lookup(messages: PortalMessages, key: PortalKey): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : key;
}
