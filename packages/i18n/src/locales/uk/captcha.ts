import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Спочатку розв’яжіть капчу.',
  wrong: 'Відповідь на капчу неправильна, вже використана або застаріла: отримайте нову капчу.',
  not_human: 'Сервіс капчі не підтвердив, що ви людина: спробуйте ще раз.',
  service_failed: 'Сервіс капчі не зміг перевірити відповідь: спробуйте ще раз трохи згодом.',
  type_mismatch: 'Тип капчі «{type}» не той, що використовує цей застосунок ({expected}).',
  type_not_supported:
    'Провайдери капчі типу «{type}» не підтримуються: використовуйте Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha або Cloudflare Turnstile.',
  provider_not_found: 'Провайдера капчі {id} не існує.',
  busy: 'Одночасно створюється забагато капч: спробуйте ще раз трохи згодом.',
} satisfies NamespaceMessages<'captcha'>;
