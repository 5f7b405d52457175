import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Resolva o captcha primeiro.',
  wrong: 'A resposta do captcha está errada, já foi usada ou expirou: peça um novo captcha.',
  not_human: 'O serviço de captcha não confirmou que você é uma pessoa: tente novamente.',
  service_failed: 'O serviço de captcha não conseguiu verificar a resposta: tente novamente em instantes.',
  type_mismatch: 'O tipo de captcha "{type}" não é o que esta aplicação usa ({expected}).',
  type_not_supported:
    'Provedores de captcha do tipo "{type}" não são suportados: use Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha ou Cloudflare Turnstile.',
  provider_not_found: 'O provedor de captcha {id} não existe.',
  busy: 'Há captchas demais sendo gerados ao mesmo tempo: tente novamente em instantes.',
} satisfies NamespaceMessages<'captcha'>;
