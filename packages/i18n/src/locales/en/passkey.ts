/** Passkeys (WebAuthn): the errors of their routes. */
export default {
  challenge_missing: 'This passkey request has expired or was already answered. Start again.',
  verification_failed: 'The passkey could not be verified.',
  response_invalid: "The browser's passkey answer is malformed.",
  unknown_credential: 'This passkey is not registered here.',
  already_registered: 'This passkey is already registered.',
  not_found: 'This account has no such passkey.',
  signin_disabled: 'Signing in with a passkey is not enabled for this application.',
  too_many: 'An account can have at most {limit} passkeys.',
  name_too_long: "A passkey's name can be at most {limit} characters long.",
};
