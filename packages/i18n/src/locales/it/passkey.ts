import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Questa richiesta di passkey è scaduta o ha già ricevuto risposta. Ricominciare.',
  verification_failed: 'Impossibile verificare la passkey.',
  response_invalid: 'La risposta passkey del browser non è valida.',
  unknown_credential: 'Questa passkey non è registrata qui.',
  already_registered: 'Questa passkey è già registrata.',
  not_found: 'Questo account non ha questa passkey.',
  signin_disabled: 'L’accesso con passkey non è abilitato per questa applicazione.',
  too_many: 'Un account può avere al massimo {limit} passkey.',
  name_too_long: 'Il nome di una passkey può essere lungo al massimo {limit} caratteri.',
} satisfies NamespaceMessages<'passkey'>;
