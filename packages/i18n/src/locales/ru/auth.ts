import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "Неверное имя пользователя или пароль.",
  account_locked: "Слишком много неверных паролей. Учётная запись заблокирована; повторите попытку через {minutes} мин.",
  user_forbidden: "Эта учётная запись отключена.",
  malformed_authorization_header: "Заголовок Authorization должен иметь вид «Bearer <token>» или «Basic <credentials>».",
  access_token_invalid: "Токен доступа недействителен.",
  access_token_expired: "Срок действия токена доступа истёк.",
  access_token_revoked: "Токен доступа отозван.",
  client_credentials_invalid: "Неверный идентификатор клиента или секрет клиента.",
  access_key_invalid: "Неверный ключ доступа или секрет доступа.",
  username_needs_organization: "Имя пользователя должно иметь вид организация/имя.",
  application_not_found: "Приложение «{name}» не существует.",
  password_signin_disabled: "Вход по паролю здесь не включён.",
  unsupported_login_type: "Тип входа «{type}» не поддерживается.",
} satisfies NamespaceMessages<'auth'>;
