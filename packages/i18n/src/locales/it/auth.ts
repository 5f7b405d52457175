import type { NamespaceMessages } from '../../types.ts';

export default {
  wrong_username_or_password: "Il nome utente o la password sono errati.",
  account_locked: "Troppe password errate. Questo account è bloccato; riprova tra {minutes} minuti.",
  user_forbidden: "Questo account è disattivato.",
  malformed_authorization_header: "L'intestazione Authorization deve essere \"Bearer <token>\" o \"Basic <credentials>\".",
  access_token_invalid: "Il token di accesso non è valido.",
  access_token_expired: "Il token di accesso è scaduto.",
  access_token_revoked: "Il token di accesso è stato revocato.",
  client_credentials_invalid: "L'ID client o il segreto client è errato.",
  access_key_invalid: "La chiave di accesso o il segreto di accesso è errato.",
  username_needs_organization: "Il nome utente deve avere la forma organizzazione/nome.",
  application_not_found: "L'applicazione \"{name}\" non esiste.",
  password_signin_disabled: "L'accesso con password non è abilitato qui.",
  unsupported_login_type: "Il tipo di accesso \"{type}\" non è supportato.",
} satisfies NamespaceMessages<'auth'>;
