import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "Неправильне ім’я користувача або пароль.",
  account_locked: "Забагато неправильних паролів. Обліковий запис заблоковано; спробуйте знову через {minutes} хв.",
  user_forbidden: "Цей обліковий запис вимкнено.",
  malformed_authorization_header: "Заголовок Authorization має бути «Bearer <token>» або «Basic <credentials>».",
  access_token_invalid: "Токен доступу недійсний.",
  access_token_expired: "Термін дії токена доступу минув.",
  access_token_revoked: "Токен доступу відкликано.",
  client_credentials_invalid: "Неправильний ідентифікатор клієнта або секрет клієнта.",
  access_key_invalid: "Неправильний ключ доступу або секрет доступу.",
  username_needs_organization: "Ім’я користувача має бути у вигляді організація/ім’я.",
  application_not_found: "Застосунок «{name}» не існує.",
  password_signin_disabled: "Вхід за паролем тут не ввімкнено.",
  unsupported_login_type: "Тип входу «{type}» не підтримується.",
} satisfies NamespaceMessages<'auth'>;
