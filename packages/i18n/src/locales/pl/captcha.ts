import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Najpierw rozwiąż captcha.',
  wrong: 'Odpowiedź captcha jest błędna, została już użyta lub wygasła: pobierz nową captcha.',
  not_human: 'Usługa captcha nie potwierdziła, że jesteś człowiekiem: spróbuj ponownie.',
  service_failed: 'Usługa captcha nie mogła sprawdzić odpowiedzi: spróbuj ponownie za chwilę.',
  type_mismatch: 'Typ captcha „{type}” nie jest tym, którego używa ta aplikacja ({expected}).',
  type_not_supported:
    'Dostawcy captcha typu „{type}” nie są obsługiwani: użyj Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha lub Cloudflare Turnstile.',
  provider_not_found: 'Dostawca captcha {id} nie istnieje.',
  busy: 'Tworzy się naraz zbyt wiele captcha: spróbuj ponownie za chwilę.',
} satisfies NamespaceMessages<'captcha'>;
