import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Термін дії цього запиту ключа доступу минув, або на нього вже відповіли. Почніть знову.',
  verification_failed: 'Не вдалося перевірити ключ доступу.',
  response_invalid: 'Відповідь браузера з ключем доступу має неправильний формат.',
  unknown_credential: 'Цей ключ доступу тут не зареєстровано.',
  already_registered: 'Цей ключ доступу вже зареєстровано.',
  not_found: 'Цей обліковий запис не має такого ключа доступу.',
  signin_disabled: 'Вхід із ключем доступу не ввімкнено для цієї програми.',
  too_many: 'Обліковий запис може мати не більше {limit} ключів доступу.',
  name_too_long: 'Назва ключа доступу може містити не більше {limit} символів.',
} satisfies NamespaceMessages<'passkey'>;
