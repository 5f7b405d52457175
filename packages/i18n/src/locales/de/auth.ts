import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "Der Benutzername oder das Passwort ist falsch.",
  account_locked: "Zu viele falsche Passwörter. Dieses Konto ist gesperrt; versuchen Sie es in {minutes} Minuten erneut.",
  user_forbidden: "Dieses Konto ist deaktiviert.",
  malformed_authorization_header: "Der Authorization-Header muss „Bearer <token>“ oder „Basic <credentials>“ lauten.",
  access_token_invalid: "Das Zugriffstoken ist ungültig.",
  access_token_expired: "Das Zugriffstoken ist abgelaufen.",
  access_token_revoked: "Das Zugriffstoken wurde widerrufen.",
  client_credentials_invalid: "Die Client-ID oder das Client-Geheimnis ist falsch.",
  access_key_invalid: "Der Zugriffsschlüssel oder das Zugriffsgeheimnis ist falsch.",
  username_needs_organization: "Der Benutzername muss die Form Organisation/Name haben.",
  application_not_found: "Die Anwendung „{name}“ existiert nicht.",
  password_signin_disabled: "Die Anmeldung mit Passwort ist hier nicht aktiviert.",
  unsupported_login_type: "Der Anmeldetyp „{type}“ wird nicht unterstützt.",
} satisfies NamespaceMessages<'auth'>;
