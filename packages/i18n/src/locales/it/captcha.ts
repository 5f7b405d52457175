import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Risolvi prima il captcha.',
  wrong: 'La risposta al captcha è sbagliata, è già stata usata o è scaduta: richiedi un nuovo captcha.',
  not_human: 'Il servizio captcha non ha confermato che sei una persona: riprova.',
  service_failed: 'Il servizio captcha non ha potuto verificare la risposta: riprova tra poco.',
  type_mismatch: 'Il tipo di captcha "{type}" non è quello usato da questa applicazione ({expected}).',
  type_not_supported:
    'I provider captcha di tipo "{type}" non sono supportati: usa Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha o Cloudflare Turnstile.',
  provider_not_found: 'Il provider captcha {id} non esiste.',
  busy: 'Si stanno creando troppi captcha contemporaneamente: riprova tra poco.',
} satisfies NamespaceMessages<'captcha'>;
