import type { NamespaceMessages } from '../../types.ts';

export default {
  required: "Résolvez d'abord le captcha.",
  wrong: 'La réponse au captcha est fausse, a déjà servi ou a expiré : demandez un nouveau captcha.',
  not_human: "Le service de captcha n'a pas confirmé que vous êtes une personne : réessayez.",
  service_failed: "Le service de captcha n'a pas pu vérifier la réponse : réessayez dans un instant.",
  type_mismatch: "Le type de captcha « {type} » n'est pas celui de cette application ({expected}).",
  type_not_supported:
    'Les fournisseurs de captcha de type « {type} » ne sont pas pris en charge : utilisez Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha ou Cloudflare Turnstile.',
  provider_not_found: "Le fournisseur de captcha {id} n'existe pas.",
  busy: 'Trop de captchas sont créés en même temps : réessayez dans un instant.',
} satisfies NamespaceMessages<'captcha'>;
