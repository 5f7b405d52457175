'use server';

import { isLanguage } from '@latchkey/i18n';
import { isCssColor, isHttpUrl } from '@latchkey/types';
import { revalidatePath } from 'next/cache';
import { apiGet, apiPost } from '../api';
import { failedForm } from '../api-failure';
import type { FormState } from '../form-state';
import { getT } from '../i18n/server';
import { getAccount } from '../session';

/** What the sign-in experience section edits of an organization (Casdoor's field names). */
export interface SignInExperience {
  logo: string;
  favicon: string;
  websiteUrl: string;
  colorPrimary: string;
  languages: string[];
}

/** Casdoor's password rules the password policy section offers. */
const passwordRules = ['AtLeast6', 'AtLeast8', 'Aa123', 'SpecialChar', 'NoRepeat'] as const;

function parseValues(formData: FormData): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(String(formData.get('values') ?? '{}'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Sends the changed fields with every other field of the stored organization as it is. */
async function updateOrganization(
  organization: string,
  change: (stored: Record<string, unknown>) => Record<string, unknown>,
  raw: Record<string, unknown>,
  fields: Record<string, string>,
): Promise<FormState> {
  const t = await getT();
  const id = `admin/${organization}`;
  const current = await apiGet<Record<string, unknown> | null>('/api/get-organization', { id });
  if (current.signedOut) return { signedOut: true, values: raw };
  if (!current.ok) return { formError: current.msg, values: raw };
  if (!current.data) return { formError: t('common.not_found_body'), values: raw };
  const result = await apiPost<string>(
    '/api/update-organization',
    { id },
    { ...current.data, ...change(current.data) },
  );
  if (!result.ok) return failedForm(result, raw, fields);
  revalidatePath(`/organizations/admin/${encodeURIComponent(organization)}`);
  return { ok: true, savedAt: Date.now(), message: t('common.saved') };
}

/**
 * Saves an organization's sign-in experience: logo, favicon and website (http(s) addresses), its
 * colour (a hex colour, in Casdoor's `themeData.colorPrimary`, enabled when given) and the
 * languages it offers. Checked here for the fields' messages, and again by the API.
 */
export async function saveSignInExperience(
  organization: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const raw = parseValues(formData);
  if (!(await getAccount())) return { signedOut: true, values: raw };
  const t = await getT();
  const values: SignInExperience = {
    logo: text(raw.logo),
    favicon: text(raw.favicon),
    websiteUrl: text(raw.websiteUrl),
    colorPrimary: text(raw.colorPrimary),
    languages: Array.isArray(raw.languages) ? raw.languages.map(String).filter(isLanguage) : [],
  };
  const errors: Record<string, string> = {};
  for (const field of ['logo', 'favicon', 'websiteUrl'] as const)
    if (values[field] && !isHttpUrl(values[field])) errors[field] = t('branding.url_invalid');
  if (values.colorPrimary && !isCssColor(values.colorPrimary)) errors.colorPrimary = t('branding.color_invalid');
  if (values.languages.length === 0) errors.languages = t('validation.required');
  if (Object.keys(errors).length > 0) return { fieldErrors: errors, values: raw };
  return updateOrganization(
    organization,
    (stored) => {
      const theme = (stored.themeData ?? {}) as Record<string, unknown>;
      return {
        logo: values.logo,
        favicon: values.favicon,
        websiteUrl: values.websiteUrl,
        languages: values.languages,
        themeData: {
          themeType: typeof theme.themeType === 'string' && theme.themeType ? theme.themeType : 'default',
          borderRadius: typeof theme.borderRadius === 'number' ? theme.borderRadius : 6,
          isCompact: theme.isCompact === true,
          colorPrimary: values.colorPrimary,
          isEnabled: values.colorPrimary !== '',
        },
      };
    },
    raw,
    {
      logo: 'logo',
      favicon: 'favicon',
      websiteUrl: 'websiteUrl',
      languages: 'languages',
      'themeData.colorPrimary': 'colorPrimary',
    },
  );
}

/** Saves an organization's password rules (Casdoor's `passwordOptions`): at most one minimum length, any character rules. */
export async function savePasswordPolicy(
  organization: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const raw = parseValues(formData);
  if (!(await getAccount())) return { signedOut: true, values: raw };
  const chosen = Array.isArray(raw.passwordOptions) ? raw.passwordOptions.map(String) : [];
  let passwordOptions = passwordRules.filter((rule) => chosen.includes(rule));
  // AtLeast8 includes AtLeast6.
  if (passwordOptions.includes('AtLeast8')) passwordOptions = passwordOptions.filter((rule) => rule !== 'AtLeast6');
  return updateOrganization(organization, () => ({ passwordOptions }), raw, { passwordOptions: 'passwordOptions' });
}
