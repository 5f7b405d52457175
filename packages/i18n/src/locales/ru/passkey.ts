import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Срок действия этого запроса ключа доступа истёк, или на него уже ответили. Начните заново.',
  verification_failed: 'Не удалось проверить ключ доступа.',
  response_invalid: 'Ответ браузера с ключом доступа имеет неверный формат.',
  unknown_credential: 'Этот ключ доступа здесь не зарегистрирован.',
  already_registered: 'Этот ключ доступа уже зарегистрирован.',
  not_found: 'У этой учётной записи нет такого ключа доступа.',
  signin_disabled: 'Вход с ключом доступа не включён для этого приложения.',
  too_many: 'У учётной записи может быть не более {limit} ключей доступа.',
  name_too_long: 'Название ключа доступа может содержать не более {limit} символов.',
} satisfies NamespaceMessages<'passkey'>;
