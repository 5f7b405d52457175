import { createHash } from 'node:crypto';
import { type Language, type MessageKey, type MessageParams, translate } from '@latchkey/i18n';
import type { AuthorizeSecondFactorView, AuthorizeSignInView } from '@latchkey/types';

const style = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:24rem;margin:10vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.35rem;margin:0 0 1.25rem}label{display:block;margin:0 0 1rem;font-weight:600;font-size:.9rem}
input[type=text],input[type=password]{display:block;width:100%;margin-top:.35rem;padding:.6rem .7rem;font:inherit;border:1px solid #c5cad3;border-radius:8px}
button{width:100%;padding:.65rem;font:inherit;font-weight:600;color:#fff;background:#2957d9;border:0;border-radius:8px;cursor:pointer}
button.secondary{color:#2957d9;background:#e8eefc}.error{padding:.6rem .8rem;color:#8a1c1c;background:#fdecec;border-radius:8px}
.or{margin:1.25rem 0;text-align:center;color:#6a7282;font-size:.9rem}
.qr{display:block;margin:0 auto 1rem;width:200px;height:200px}.captcha{display:block;height:60px;margin:0 0 .5rem}code{display:block;padding:.5rem;background:#f4f5f7;border-radius:6px;word-break:break-all;font-size:.85rem}
ul.codes{columns:2;padding:0;list-style:none;font-family:ui-monospace,monospace;font-size:.85rem}details{margin-top:1.25rem}
`;

/** Security headers of every page the authorization endpoint renders: no framing, no scripts, no referrer to other sites, no caching. */
export const pageHeaders: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Not `no-referrer`: with it a browser posts the sign-in form with `Origin: null`, which the CORS guard refuses.
  'referrer-policy': 'same-origin',
  // `img-src data:` for the QR code of a second factor being set up, which the page carries inline.
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; img-src data:; frame-ancestors 'none'; base-uri 'none'`,
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

function document(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><main>${body}</main></body></html>`;
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
  body += `<form method="post" action="/login/oauth/authorize">${hiddenFields(input, 'signin')}`;
  if (input.askOrganization) {
    body += `<label>${t('oauth.page_organization')}<input type="text" name="organization" autocomplete="organization" required value="${escapeHtml(input.organization ?? '')}"></label>`;
  }
  body += `<label>${t('oauth.page_username')}<input type="text" name="username" autocomplete="username" autocapitalize="none" required value="${escapeHtml(input.username ?? '')}"${input.username ? '' : ' autofocus'}></label>`;
  body += `<label>${t('oauth.page_password')}<input type="password" name="password" autocomplete="current-password" required${input.username ? ' autofocus' : ''}></label>`;
  if (input.captcha) {
    body += `<input type="hidden" name="captchaId" value="${escapeHtml(input.captcha.id)}"><img class="captcha" src="${escapeHtml(input.captcha.image)}" alt="">`;
    body += `<label>${t('oauth.page_captcha')}<input type="text" name="captchaToken" autocomplete="off" autocapitalize="characters" required></label>`;
  }
  body += `<button type="submit">${t('oauth.page_sign_in')}</button></form>`;
  return document(language, title, body);
}

/**
 * The second step of a sign-in: the code of the authenticator app, or a recovery code; when the
 * user must set up a factor first, the QR code and key to add to the app, the recovery codes to keep,
 * and the app's first code.
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
  } else {
    body += `<p>${t('mfa.page_verify_hint')}</p>`;
  }
  body += `<form method="post" action="/login/oauth/authorize">${hiddenFields(input, 'mfa')}<input type="hidden" name="mfaType" value="${escapeHtml(input.methods[0] ?? 'app')}">`;
  body += `<label>${t('mfa.page_passcode')}<input type="text" name="passcode" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required autofocus></label>`;
  body += `<button type="submit">${t(enrolment ? 'mfa.page_enable' : 'mfa.page_verify')}</button></form>`;
  if (!enrolment) {
    body += `<details><summary>${t('mfa.page_use_recovery_code')}</summary><form method="post" action="/login/oauth/authorize">${hiddenFields(input, 'mfa')}`;
    body += `<label>${t('mfa.page_recovery_code')}<input type="text" name="recoveryCode" autocomplete="off" autocapitalize="characters" required></label>`;
    body += `<button type="submit" class="secondary">${t('mfa.page_verify')}</button></form></details>`;
  }
  return document(language, title, body);
}
