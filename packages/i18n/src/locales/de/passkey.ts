import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Diese Passkey-Anfrage ist abgelaufen oder wurde bereits beantwortet. Beginnen Sie erneut.',
  verification_failed: 'Der Passkey konnte nicht überprüft werden.',
  response_invalid: 'Die Passkey-Antwort des Browsers ist fehlerhaft.',
  unknown_credential: 'Dieser Passkey ist hier nicht registriert.',
  already_registered: 'Dieser Passkey ist bereits registriert.',
  not_found: 'Dieses Konto hat keinen solchen Passkey.',
  signin_disabled: 'Die Anmeldung mit einem Passkey ist für diese Anwendung nicht aktiviert.',
  too_many: 'Ein Konto kann höchstens {limit} Passkeys haben.',
  name_too_long: 'Der Name eines Passkeys darf höchstens {limit} Zeichen lang sein.',
} satisfies NamespaceMessages<'passkey'>;
