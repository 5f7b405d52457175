import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "Le nom d'utilisateur ou le mot de passe est incorrect.",
  account_locked: "Trop de mots de passe incorrects. Ce compte est verrouillé ; réessayez dans {minutes} minutes.",
  user_forbidden: "Ce compte est désactivé.",
  malformed_authorization_header: "L'en-tête Authorization doit être « Bearer <token> » ou « Basic <credentials> ».",
  access_token_invalid: "Le jeton d'accès n'est pas valide.",
  access_token_expired: "Le jeton d'accès a expiré.",
  access_token_revoked: "Le jeton d'accès a été révoqué.",
  client_credentials_invalid: "L'ID client ou le secret client est incorrect.",
  access_key_invalid: "La clé d'accès ou le secret d'accès est incorrect.",
  username_needs_organization: "Le nom d'utilisateur doit avoir la forme organisation/nom.",
  application_not_found: "L'application « {name} » n'existe pas.",
  password_signin_disabled: "La connexion par mot de passe n'est pas activée ici.",
  unsupported_login_type: "Le type de connexion « {type} » n'est pas pris en charge.",
} satisfies NamespaceMessages<'auth'>;
