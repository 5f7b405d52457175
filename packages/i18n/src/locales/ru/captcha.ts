import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Сначала решите капчу.',
  wrong: 'Ответ на капчу неверен, уже использован или устарел: получите новую капчу.',
  not_human: 'Сервис капчи не подтвердил, что вы человек: попробуйте ещё раз.',
  service_failed: 'Сервис капчи не смог проверить ответ: попробуйте ещё раз чуть позже.',
  type_mismatch: 'Тип капчи «{type}» не тот, что использует это приложение ({expected}).',
  type_not_supported:
    'Провайдеры капчи типа «{type}» не поддерживаются: используйте Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha или Cloudflare Turnstile.',
  provider_not_found: 'Провайдера капчи {id} не существует.',
  busy: 'Одновременно создаётся слишком много капч: попробуйте ещё раз чуть позже.',
} satisfies NamespaceMessages<'captcha'>;
