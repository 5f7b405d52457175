import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "Nazwa użytkownika lub hasło są nieprawidłowe.",
  account_locked: "Zbyt wiele błędnych haseł. To konto jest zablokowane; spróbuj ponownie za {minutes} min.",
  user_forbidden: "To konto jest wyłączone.",
  malformed_authorization_header: "Nagłówek Authorization musi mieć postać „Bearer <token>” lub „Basic <credentials>”.",
  access_token_invalid: "Token dostępu jest nieprawidłowy.",
  access_token_expired: "Token dostępu wygasł.",
  access_token_revoked: "Token dostępu został unieważniony.",
  client_credentials_invalid: "Identyfikator klienta lub sekret klienta jest nieprawidłowy.",
  access_key_invalid: "Klucz dostępu lub sekret dostępu jest nieprawidłowy.",
  username_needs_organization: "Nazwa użytkownika musi mieć postać organizacja/nazwa.",
  application_not_found: "Aplikacja „{name}” nie istnieje.",
  password_signin_disabled: "Logowanie hasłem nie jest tu włączone.",
  unsupported_login_type: "Typ logowania „{type}” nie jest obsługiwany.",
} satisfies NamespaceMessages<'auth'>;
