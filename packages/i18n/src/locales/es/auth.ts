import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "El nombre de usuario o la contraseña son incorrectos.",
  account_locked: "Demasiadas contraseñas incorrectas. Esta cuenta está bloqueada; inténtelo de nuevo en {minutes} minutos.",
  user_forbidden: "Esta cuenta está deshabilitada.",
  malformed_authorization_header: "La cabecera Authorization debe ser \"Bearer <token>\" o \"Basic <credentials>\".",
  access_token_invalid: "El token de acceso no es válido.",
  access_token_expired: "El token de acceso ha caducado.",
  access_token_revoked: "El token de acceso ha sido revocado.",
  client_credentials_invalid: "El ID de cliente o el secreto de cliente son incorrectos.",
  access_key_invalid: "La clave de acceso o el secreto de acceso son incorrectos.",
  username_needs_organization: "El nombre de usuario debe tener la forma organización/nombre.",
  application_not_found: "La aplicación \"{name}\" no existe.",
  password_signin_disabled: "El inicio de sesión con contraseña no está habilitado aquí.",
  unsupported_login_type: "El tipo de inicio de sesión \"{type}\" no es compatible.",
} satisfies NamespaceMessages<'auth'>;
