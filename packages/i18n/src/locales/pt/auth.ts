import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "O nome de usuário ou a senha estão incorretos.",
  account_locked: "Senhas incorretas demais. Esta conta está bloqueada; tente novamente em {minutes} minutos.",
  user_forbidden: "Esta conta está desativada.",
  malformed_authorization_header: "O cabeçalho Authorization deve ser \"Bearer <token>\" ou \"Basic <credentials>\".",
  access_token_invalid: "O token de acesso não é válido.",
  access_token_expired: "O token de acesso expirou.",
  access_token_revoked: "O token de acesso foi revogado.",
  client_credentials_invalid: "O ID do cliente ou o segredo do cliente está incorreto.",
  access_key_invalid: "A chave de acesso ou o segredo de acesso está incorreto.",
  username_needs_organization: "O nome de usuário deve ter a forma organização/nome.",
  application_not_found: "O aplicativo \"{name}\" não existe.",
  password_signin_disabled: "O login com senha não está ativado aqui.",
  unsupported_login_type: "O tipo de login \"{type}\" não é suportado.",
} satisfies NamespaceMessages<'auth'>;
