import { isLanguage } from '@latchkey/i18n';
import { isCssColor, isHttpUrl, MAX_BORDER_RADIUS, themeTypes } from '@latchkey/types';
import { ApiError } from '../../core/errors/api-error.ts';
import { knownPasswordOptions } from '../../core/passwords/complexity.ts';

type Changed = ReadonlySet<string> | undefined;
type ThemeData = { themeType: string; colorPrimary: string; borderRadius: number } | null;

const wasChanged = (changed: Changed, field: string) => changed === undefined || changed.has(field);

/**
 * Refuses addresses a sign-in page, the console or a message would render but that are not plain
 * http(s) URLs (`javascript:`, `data:`, relative ones); empty means none. Checked when added and
 * whenever changed, so that a stored value from before the check does not block other edits.
 */
export function checkHttpUrls(object: Record<string, unknown>, fields: readonly string[], changed: Changed): void {
  for (const field of fields) {
    if (!wasChanged(changed, field)) continue;
    const value = object[field];
    if (typeof value === 'string' && value !== '' && !isHttpUrl(value))
      throw new ApiError('object.url_not_http', { field }, { field });
  }
}

/** A theme's colour is a hex colour, its type one of Casdoor's, its corner radius small and whole. */
export function checkThemeData(themeData: ThemeData, changed: Changed): void {
  if (!themeData || !wasChanged(changed, 'themeData')) return;
  if (themeData.colorPrimary !== '' && !isCssColor(themeData.colorPrimary))
    throw new ApiError(
      'object.color_invalid',
      { field: 'themeData.colorPrimary' },
      { field: 'themeData.colorPrimary' },
    );
  if (themeData.themeType !== '' && !(themeTypes as readonly string[]).includes(themeData.themeType))
    throw new ApiError('object.theme_type_invalid', { types: themeTypes.join(', ') }, { field: 'themeData.themeType' });
  if (
    !Number.isInteger(themeData.borderRadius) ||
    themeData.borderRadius < 0 ||
    themeData.borderRadius > MAX_BORDER_RADIUS
  )
    throw new ApiError('object.border_radius_invalid', { max: MAX_BORDER_RADIUS }, { field: 'themeData.borderRadius' });
}

/**
 * Languages Casdoor offers to organizations besides those Latchkey speaks: kept, so that an
 * organization made for Casdoor (its SDKs' tests list `id`, `ms` …) is accepted; the console and
 * the sign-in pages offer only the languages Latchkey speaks.
 */
const casdoorLanguages: ReadonlySet<string> = new Set(
  ['ar', 'az', 'cs', 'da', 'fa', 'fi', 'he', 'hi', 'hu', 'id', 'kk', 'ms', 'nl', 'no', 'ro', 'sk', 'sv', 'th'].concat([
    'zh-tw',
  ]),
);

/** The languages an organization offers are languages Latchkey speaks, or Casdoor's others. */
export function checkLanguages(languages: readonly string[], changed: Changed): void {
  if (!wasChanged(changed, 'languages')) return;
  for (const language of languages)
    if (!isLanguage(language) && !casdoorLanguages.has(language))
      throw new ApiError('object.language_unknown', { language }, { field: 'languages' });
}

/** The password rules of an organization are Casdoor's (AtLeast6, AtLeast8, Aa123, SpecialChar, NoRepeat). */
export function checkPasswordOptions(options: readonly string[], changed: Changed): void {
  if (!wasChanged(changed, 'passwordOptions')) return;
  for (const option of options)
    if (!knownPasswordOptions.includes(option))
      throw new ApiError(
        'object.password_option_unknown',
        { option, options: knownPasswordOptions.join(', ') },
        { field: 'passwordOptions' },
      );
}
