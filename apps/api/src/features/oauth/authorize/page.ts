import { createHash } from 'node:crypto';
import { type Language, type MessageKey, type MessageParams, translate } from '@latchkey/i18n';
import type { AuthorizeSecondFactorView, AuthorizeSignInView, Branding } from '@latchkey/types';
import { cssColorOrEmpty, httpUrlOrEmpty } from '@latchkey/types';
import { passkeyScript } from './passkey-script.ts';

/** The accent of buttons and links when the organization names no colour of its own. */
const DEFAULT_ACCENT = '#2957d9';

const style = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:24rem;margin:10vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.35rem;margin:0 0 1.25rem}label{display:block;margin:0 0 1rem;font-weight:600;font-size:.9rem}
input[type=text],input[type=password]{display:block;width:100%;margin-top:.35rem;padding:.6rem .7rem;font:inherit;border:1px solid #c5cad3;border-radius:8px}
button{width:100%;padding:.65rem;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:8px;cursor:pointer}
button.secondary{color:var(--accent);background:#e8eefc}a{color:var(--accent)}.error{padding:.6rem .8rem;color:#8a1c1c;background:#fdecec;border-radius:8px}
.or{margin:1.25rem 0;text-align:center;color:#6a7282;font-size:.9rem}
.qr{display:block;margin:0 auto 1rem;width:200px;height:200px}.captcha{display:block;height:60px;margin:0 0 .5rem}code{display:block;padding:.5rem;background:#f4f5f7;border-radius:6px;word-break:break-all;font-size:.85rem}
ul.codes{columns:2;padding:0;list-style:none;font-family:ui-monospace,monospace;font-size:.85rem}details{margin-top:1.25rem}
.logo{display:block;width:auto;height:auto;max-width:100%;max-height:4rem;object-fit:contain;margin:0 auto 1.25rem}
.links{margin:1.25rem 0 0;text-align:center;font-size:.85rem}.links a{margin:0 .5rem}
`;

/**
 * The page's style sheet with its accent colour. The colour is used only when it is a hex colour
 * (checked on write and again here), so nothing from the organization can leave the declaration.
 */
const styleWith = (accent: string) => `:root{--accent:${cssColorOrEmpty(accent) || DEFAULT_ACCENT}}${style}`;

const sourceHash = (sheet: string) => `'sha256-${createHash('sha256').update(sheet).digest('base64')}'`;

/**
 * Security headers of a page the authorization endpoint renders: no framing, no script but its
 * passkey script, no referrer to other sites, no caching; its one style sheet is allowed by its hash.
 */
export function pageHeaders(html: string): Record<string, string> {
  // The page's own <style>: every value from elsewhere is escaped, so no other "<" can begin one.
  const sheet = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? styleWith(DEFAULT_ACCENT);
  return { ...basePageHeaders, 'content-security-policy': pagePolicy(sheet) };
}

/**
 * `img-src data:` for the QR code of a second factor being set up, which the page carries inline;
 * http(s) for the organization's logo and favicon (checked to be http(s) addresses). The passkey
 * script calls the API's webauthn routes on this origin (`connect-src 'self'`).
 */
const pagePolicy = (sheet: string) =>
  `default-src 'none'; style-src ${sourceHash(sheet)}; script-src ${sourceHash(passkeyScript)}; connect-src 'self'; img-src data: https: http:; frame-ancestors 'none'; base-uri 'none'`;

const basePageHeaders: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Not `no-referrer`: with it a browser posts the sign-in form with `Origin: null`, which the CORS guard refuses.
  'referrer-policy': 'same-origin',
};

/**
 * Headers of a page the portal renders for this endpoint: no framing, no caching, no referrer to
 * other sites. (`same-origin`, not `no-referrer`: with the latter a browser posts the form with
 * `Origin: null`, which the CORS guard rightly refuses.) The portal's Content-Security-Policy is
 * kept: it carries the nonce of the scripts in that very page (and `frame-ancestors 'none'`).
 */
export function portalPageHeaders(rendered: Headers): Headers {
  const portalPolicy = rendered.get('content-security-policy');
  return new Headers({
    'content-type': rendered.get('content-type') ?? 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'content-security-policy': portalPolicy?.includes("frame-ancestors 'none'")
      ? portalPolicy
      : "frame-ancestors 'none'; base-uri 'none'",
  });
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function document(language: Language, title: string, body: string, branding?: Branding): string {
  const favicon = httpUrlOrEmpty(branding?.favicon);
  const icon = favicon ? `<link rel="icon" href="${escapeHtml(favicon)}">` : '';
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>${icon}<style>${styleWith(branding?.colorPrimary ?? '')}</style></head>
<body><main>${brandingHeader(branding)}${body}${brandingLinks(language, branding)}</main><script>${passkeyScript}</script></body></html>`;
}

/** The organization's logo, whole (never cropped), above the page's title. */
function brandingHeader(branding: Branding | undefined): string {
  const logo = httpUrlOrEmpty(branding?.logo);
  return logo
    ? `<img class="logo" src="${escapeHtml(logo)}" alt="${escapeHtml(branding?.organization ?? '')}" data-testid="branding-logo">`
    : '';
}

/** Links to the organization's website and the application's terms of use, when they are http(s) addresses. */
function brandingLinks(language: Language, branding: Branding | undefined): string {
  const links: string[] = [];
  const website = httpUrlOrEmpty(branding?.websiteUrl);
  const terms = httpUrlOrEmpty(branding?.termsOfUse);
  const link = (href: string, text: string, testId: string) =>
    `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank" data-testid="${testId}">${escapeHtml(text)}</a>`;
  if (website)
    links.push(
      link(
        website,
        translate(language, 'oauth.page_website', { organization: branding?.organization ?? '' }),
        'branding-website',
      ),
    );
  if (terms) links.push(link(terms, translate(language, 'oauth.page_terms_of_use'), 'branding-terms'));
  return links.length > 0 ? `<p class="links">${links.join('')}</p>` : '';
}

/** The page shown when a request cannot safely be answered at the client's redirect URI. */
export function errorPage(language: Language, key: MessageKey, params?: MessageParams): string {
  const title = translate(language, 'oauth.page_error_title');
  return document(
    language,
    title,
    `<h1>${escapeHtml(title)}</h1><p class="error" role="alert">${escapeHtml(translate(language, key, params))}</p><p>${escapeHtml(translate(language, 'oauth.page_error_hint'))}</p>`,
  );
}

/**
 * What a page shows, as data, for the portal to render in the console's look (the HTML below is
 * the page when no portal runs). The portal's forms post back to this endpoint.
 */
export type { AuthorizeView } from '@latchkey/types';

function hiddenFields(view: Pick<AuthorizeSignInView, 'csrfToken' | 'parameters'>, action: string): string {
  let fields = `<input type="hidden" name="csrf" value="${escapeHtml(view.csrfToken)}"><input type="hidden" name="action" value="${action}">`;
  for (const [name, value] of Object.entries(view.parameters))
    fields += `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
  return fields;
}

/** The sign-in page of the authorization endpoint, from the view the portal would render: a password form, or continuing as the signed-in user. */
export function signInPage(language: Language, input: AuthorizeSignInView): string {
  const t = (key: MessageKey, params?: MessageParams) => escapeHtml(translate(language, key, params));
  const title = translate(language, 'oauth.page_sign_in_title', {
    application: input.application.displayName || input.application.name,
  });
  let body = `<h1>${escapeHtml(title)}</h1>`;
  if (input.errorText) body += `<p class="error" role="alert">${escapeHtml(input.errorText)}</p>`;
  if (input.sessionUserName) {
    body += `<form method="post" action="/login/oauth/authorize">${hiddenFields(input, 'continue')}<button type="submit" class="secondary">${t('oauth.page_continue_as', { name: input.sessionUserName })}</button></form>`;
    body += `<p class="or">${t('oauth.page_other_account')}</p>`;
  }
  body += `<form method="post" action="/login/oauth/authorize" data-password-signin>${hiddenFields(input, 'signin')}`;
  if (input.askOrganization) {
    body += `<label>${t('oauth.page_organization')}<input type="text" name="organization" autocomplete="organization" required value="${escapeHtml(input.organization ?? '')}"></label>`;
  }
  // `webauthn`: the browser's autofill offers the passkeys of this site too (the page's script asks for them).
  const usernameAutocomplete = input.passkey ? 'username webauthn' : 'username';
  body += `<label>${t('oauth.page_username')}<input type="text" name="username" autocomplete="${usernameAutocomplete}" autocapitalize="none" required value="${escapeHtml(input.username ?? '')}"${input.username ? '' : ' autofocus'}></label>`;
  body += `<label>${t('oauth.page_password')}<input type="password" name="password" autocomplete="current-password" required${input.username ? ' autofocus' : ''}></label>`;
  if (input.captcha) {
    body += `<input type="hidden" name="captchaId" value="${escapeHtml(input.captcha.id)}"><img class="captcha" src="${escapeHtml(input.captcha.image)}" alt="">`;
    body += `<label>${t('oauth.page_captcha')}<input type="text" name="captchaToken" autocomplete="off" autocapitalize="characters" required></label>`;
  }
  body += `<button type="submit">${t('oauth.page_sign_in')}</button></form>`;
  if (input.passkey) {
    body += `<p class="or">${t('federation.page_or')}</p><form method="post" action="/login/oauth/authorize" data-passkey-signin data-failed="${t('portal.signin.passkey_failed')}">${hiddenFields(input, 'passkey')}<input type="hidden" name="passkey" value="">`;
    body += `<button type="button" class="secondary">${t('portal.signin.passkey')}</button></form>`;
  }
  return document(language, title, body, input.branding);
}

/** The buttons that switch the second step to another factor. */
const methodLabels: Record<string, MessageKey> = {
  app: 'mfa.page_method_app',
  email: 'mfa.page_method_email',
  sms: 'mfa.page_method_sms',
};

/**
 * The second step of a sign-in: the code of the authenticator app, or of a code sent by email or
 * text message (with its "Send code" button, action `mfa-method`), or a recovery code; buttons switch
 * to the user's other factors. When the user must set up a factor first: the QR code and key to add
 * to the app, the recovery codes to keep, and the app's first code.
 */

export function secondFactorPage(language: Language, input: AuthorizeSecondFactorView): string {
  const t = (key: MessageKey, params?: MessageParams) => escapeHtml(translate(language, key, params));
  const enrolment = input.stage === 'enrol' ? input.enrolment : undefined;
  const title = translate(language, enrolment ? 'mfa.page_enrol_title' : 'mfa.page_verify_title');
  let body = `<h1>${escapeHtml(title)}</h1><p>${t('mfa.page_signing_in_as', { name: input.userName })}</p>`;
  if (input.errorText) body += `<p class="error" role="alert">${escapeHtml(input.errorText)}</p>`;
  if (enrolment) {
    body += `<p>${t('mfa.page_enrol_scan')}</p><img class="qr" src="${escapeHtml(enrolment.qrCode)}" alt="${t('mfa.page_qr_alt')}">`;
    body += `<p>${t('mfa.page_enrol_key')}</p><code>${escapeHtml(enrolment.secret)}</code>`;
    body += `<p>${t('mfa.page_recovery_codes_intro')}</p><ul class="codes">${enrolment.recoveryCodes.map((code) => `<li>${escapeHtml(code)}</li>`).join('')}</ul>`;
  } else if (input.method === 'email' || input.method === 'sms') {
    const destination = input.destination ?? '';
    body += `<p>${t(input.method === 'email' ? 'mfa.page_email_hint' : 'mfa.page_sms_hint', { destination })}</p>`;
    if (input.codeSent) body += `<p role="status">${t('mfa.page_code_sent', { destination })}</p>`;
    body += `<form method="post" action="/login/oauth/authorize">${hiddenFields(input, 'mfa-method')}<input type="hidden" name="mfaType" value="${escapeHtml(input.method)}"><input type="hidden" name="send" value="1"><button type="submit" class="secondary">${t('mfa.page_send_code')}</button></form>`;
  } else {
    body += `<p>${t('mfa.page_verify_hint')}</p>`;
  }
  const method = enrolment ? 'app' : (input.method ?? input.methods[0] ?? 'app');
  body += `<form method="post" action="/login/oauth/authorize">${hiddenFields(input, 'mfa')}<input type="hidden" name="mfaType" value="${escapeHtml(method)}">`;
  const codeLabel = method === 'email' || method === 'sms' ? 'mfa.page_sent_code' : 'mfa.page_passcode';
  body += `<label>${t(codeLabel)}<input type="text" name="passcode" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required autofocus></label>`;
  body += `<button type="submit">${t(enrolment ? 'mfa.page_enable' : 'mfa.page_verify')}</button></form>`;
  if (enrolment && input.passkeyEnrolment) {
    body += `<p class="or">${t('federation.page_or')}</p><form method="post" action="/login/oauth/authorize" data-passkey-enrolment data-name="${t('mfa.page_enrol_passkey_name')}" data-failed="${t('portal.signin.passkey_failed')}">${hiddenFields(input, 'mfa')}`;
    body += `<p>${t('mfa.page_enrol_passkey_hint')}</p><button type="button" class="secondary">${t('mfa.page_enrol_passkey')}</button></form>`;
  } else if (!enrolment && input.passkey) {
    body += `<p class="or">${t('federation.page_or')}</p><form method="post" action="/login/oauth/authorize" data-passkey-mfa data-failed="${t('portal.signin.passkey_failed')}">${hiddenFields(input, 'mfa')}<input type="hidden" name="mfaType" value="webauthn"><input type="hidden" name="passcode" value="">`;
    body += `<button type="button" class="secondary">${t('portal.signin.passkey_second_factor')}</button></form>`;
  }
  if (!enrolment) {
    for (const other of input.methods.filter((each) => each !== method && methodLabels[each]))
      body += `<form method="post" action="/login/oauth/authorize">${hiddenFields(input, 'mfa-method')}<input type="hidden" name="mfaType" value="${escapeHtml(other)}"><button type="submit" class="secondary">${t(methodLabels[other]!)}</button></form>`;
    body += `<details><summary>${t('mfa.page_use_recovery_code')}</summary><form method="post" action="/login/oauth/authorize">${hiddenFields(input, 'mfa')}`;
    body += `<label>${t('mfa.page_recovery_code')}<input type="text" name="recoveryCode" autocomplete="off" autocapitalize="characters" required></label>`;
    body += `<button type="submit" class="secondary">${t('mfa.page_verify')}</button></form></details>`;
  }
  return document(language, title, body, input.branding);
}
