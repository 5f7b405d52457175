import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "Kullanıcı adı veya parola yanlış.",
  account_locked: "Çok fazla yanlış parola girildi. Bu hesap kilitlendi; {minutes} dakika sonra tekrar deneyin.",
  user_forbidden: "Bu hesap devre dışı.",
  malformed_authorization_header: "Authorization üst bilgisi \"Bearer <token>\" veya \"Basic <credentials>\" olmalıdır.",
  access_token_invalid: "Erişim belirteci geçerli değil.",
  access_token_expired: "Erişim belirtecinin süresi doldu.",
  access_token_revoked: "Erişim belirteci iptal edildi.",
  client_credentials_invalid: "İstemci kimliği veya istemci gizli anahtarı yanlış.",
  access_key_invalid: "Erişim anahtarı veya erişim gizli anahtarı yanlış.",
  username_needs_organization: "Kullanıcı adı kuruluş/ad biçiminde olmalıdır.",
  application_not_found: "\"{name}\" uygulaması yok.",
  password_signin_disabled: "Parolayla oturum açma burada etkin değil.",
  unsupported_login_type: "\"{type}\" oturum açma türü desteklenmiyor.",
} satisfies NamespaceMessages<'auth'>;
