import { type Static, Type as T } from '@sinclair/typebox';

/** The longest link or picture address an organization or application may name. */
export const MAX_BRANDING_URL_LENGTH = 2000;

/** Casdoor's theme types (`themeData.themeType`). */
export const themeTypes = ['default', 'dark', 'lark', 'comic'] as const;

/** The largest corner radius, in pixels, a theme may ask for. */
export const MAX_BORDER_RADIUS = 32;

const isControlCharacter = (character: string) => {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
};

/**
 * Whether a link or picture address may be shown on a sign-in page or in a message: an absolute
 * http(s) URL without credentials, spaces or control characters. Anything else (`javascript:`,
 * `data:`, relative or protocol-relative addresses) is refused.
 */
export function isHttpUrl(value: string): boolean {
  if (value.length > MAX_BRANDING_URL_LENGTH) return false;
  // Whitespace, controls and backslashes: a browser would strip or reinterpret them.
  if (/[\s\\]/.test(value) || [...value].some(isControlCharacter)) return false;
  if (!/^https?:\/\/[^/]/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !!url.hostname;
  } catch {
    return false;
  }
}

/** `value` when it is a safe http(s) address, else empty. */
export const httpUrlOrEmpty = (value: string | undefined | null): string =>
  typeof value === 'string' && isHttpUrl(value) ? value : '';

/**
 * Whether a colour may be written into a page's style: a CSS hex colour (`#rgb`, `#rgba`,
 * `#rrggbb`, `#rrggbbaa`), nothing else, so no text can leave the declaration it is put in.
 */
export function isCssColor(value: string): boolean {
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value);
}

/** `value` when it is a hex colour, else empty. */
export const cssColorOrEmpty = (value: string | undefined | null): string =>
  typeof value === 'string' && isCssColor(value) ? value : '';

/**
 * What a sign-in page shows of an organization and its application, every value already checked:
 * addresses are http(s) or empty, the colour a hex colour or empty.
 */
export const Branding = T.Object({
  /** The organization's display name (or name). */
  organization: T.String(),
  logo: T.String(),
  favicon: T.String(),
  /** The main colour of buttons and links. */
  colorPrimary: T.String(),
  websiteUrl: T.String(),
  /** The application's terms of use (Casdoor's `termsOfUse`). */
  termsOfUse: T.String(),
});

export type Branding = Static<typeof Branding>;

/** What the console's sign-in, sign-up and recovery pages of an organization show: its branding and languages. */
export const SignInBranding = T.Composite([
  Branding,
  T.Object({
    /** The languages the organization offers that Latchkey speaks; empty means every one. */
    languages: T.Array(T.String()),
  }),
]);

export type SignInBranding = Static<typeof SignInBranding>;

interface BrandingSource {
  name: string;
  displayName: string;
  logo: string;
  favicon: string;
  websiteUrl: string;
  themeData: { colorPrimary: string; isEnabled: boolean } | null;
}

interface ApplicationSource {
  logo: string;
  termsOfUse: string;
  themeData: { colorPrimary: string; isEnabled: boolean } | null;
}

/**
 * The branding of a sign-in page: the organization's logo, favicon, website and colour, the
 * application's terms of use; an application's own logo and enabled theme come first, then the
 * organization's (its theme when enabled), as in Casdoor. Values that are not safe to render are left out.
 */
export function brandingOf(organization: BrandingSource, application?: ApplicationSource): Branding {
  const applicationColor = application?.themeData?.isEnabled ? application.themeData.colorPrimary : '';
  const organizationColor = organization.themeData?.isEnabled ? organization.themeData.colorPrimary : '';
  return {
    organization: organization.displayName || organization.name,
    logo: httpUrlOrEmpty(application?.logo) || httpUrlOrEmpty(organization.logo),
    favicon: httpUrlOrEmpty(organization.favicon),
    colorPrimary: cssColorOrEmpty(applicationColor) || cssColorOrEmpty(organizationColor),
    websiteUrl: httpUrlOrEmpty(organization.websiteUrl),
    termsOfUse: httpUrlOrEmpty(application?.termsOfUse),
  };
}
