import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Lösen Sie zuerst das Captcha.',
  wrong: 'Die Captcha-Antwort ist falsch, wurde schon verwendet oder ist abgelaufen: holen Sie ein neues Captcha.',
  not_human: 'Der Captcha-Dienst hat nicht bestätigt, dass Sie ein Mensch sind: versuchen Sie es erneut.',
  service_failed: 'Der Captcha-Dienst konnte die Antwort nicht prüfen: versuchen Sie es gleich noch einmal.',
  type_mismatch: 'Der Captcha-Typ "{type}" ist nicht der, den diese Anwendung verwendet ({expected}).',
  type_not_supported:
    'Captcha-Anbieter vom Typ "{type}" werden nicht unterstützt: verwenden Sie Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha oder Cloudflare Turnstile.',
  provider_not_found: 'Der Captcha-Anbieter {id} existiert nicht.',
  busy: 'Gerade werden zu viele Captchas erzeugt: versuchen Sie es gleich noch einmal.',
} satisfies NamespaceMessages<'captcha'>;
