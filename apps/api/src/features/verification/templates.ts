import { type Language, translate } from '@latchkey/i18n';
import type { Organization } from '@latchkey/types';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A logo URL that may go into the message: http(s) only, else none. */
function logoOf(organization: Organization): string {
  try {
    const url = new URL(organization.logo);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : '';
  } catch {
    return '';
  }
}

export interface CodeEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The email that carries a code, in the reader's language, in the organization's name (its display
 * name and logo): HTML and plain text. Every value from the organization is escaped.
 */
export function codeEmail(language: Language, organization: Organization, code: string, minutes: number): CodeEmail {
  const name = organization.displayName || organization.name;
  const params = { organization: name, minutes };
  const lines = {
    greeting: translate(language, 'verification.email_greeting'),
    intro: translate(language, 'verification.email_intro', params),
    expiry: translate(language, 'verification.email_expiry', params),
    ignore: translate(language, 'verification.email_ignore'),
    sender: translate(language, 'verification.email_sender_note', params),
  };
  const logo = logoOf(organization);
  const html = [
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;color:#222">`,
    logo ? `<p><img src="${escapeHtml(logo)}" alt="${escapeHtml(name)}" height="48"></p>` : '',
    `<p>${escapeHtml(lines.greeting)}</p>`,
    `<p>${escapeHtml(lines.intro)}</p>`,
    `<p style="font-size:28px;font-weight:bold;letter-spacing:4px">${code}</p>`,
    `<p>${escapeHtml(lines.expiry)}</p>`,
    `<p style="color:#666">${escapeHtml(lines.ignore)}</p>`,
    `<p style="color:#666">${escapeHtml(lines.sender)}</p>`,
    '</body></html>',
  ].join('\n');
  const text = [lines.greeting, '', lines.intro, '', code, '', lines.expiry, lines.ignore, '', lines.sender].join('\n');
  return { subject: translate(language, 'verification.email_subject', params), html, text };
}

/** The text message that carries a code, in the reader's language. */
export function codeText(language: Language, organization: Organization, code: string, minutes: number): string {
  return translate(language, 'verification.sms_text', {
    organization: organization.displayName || organization.name,
    code,
    minutes,
  });
}
