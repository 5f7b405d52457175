/** Multi-factor authentication: the errors of the second step and its set-up, and the sign-in page's second step. */
export default {
  password_alone_refused:
    'This account needs a second factor, which this way of signing in cannot ask for. Sign in on the sign-in page instead.',
  passcode_wrong: 'The code is wrong.',
  passcode_used: 'This code has already been used. Wait for the next one.',
  passcode_missing: 'Enter the code of your authenticator app, or a recovery code.',
  recovery_code_wrong: 'The recovery code is wrong or has already been used.',
  signin_expired: 'This sign-in has expired. Sign in again with your password.',
  type_unsupported: 'The second factor "{type}" is not offered here; use an authenticator app (app).',
  not_enrolled: 'This account has no "{type}" second factor set up.',
  enrolment_missing: 'No set-up of a second factor is in progress; start again.',
  enrolment_not_verified: 'Confirm the set-up with a code of your authenticator app first.',
  enrol_first: 'Set up a second factor to finish signing in.',
  interaction_required: 'The user has to pass a second factor first.',
  page_verify_title: 'Two-step verification',
  page_enrol_title: 'Set up two-step verification',
  page_signing_in_as: 'Signing in as {name}.',
  page_verify_hint: 'Enter the 6-digit code that your authenticator app shows.',
  page_enrol_scan: 'A second factor is needed to sign in here. Scan this QR code with an authenticator app.',
  page_qr_alt: 'QR code that adds this account to an authenticator app',
  page_enrol_key: 'Or type this key into the app:',
  page_recovery_codes_intro:
    'Keep these recovery codes somewhere safe. Each one signs you in once if you lose your device. They are shown only now.',
  page_passcode: 'Code from the app',
  page_verify: 'Verify',
  page_enable: 'Turn on and continue',
  page_use_recovery_code: 'Use a recovery code instead',
  page_recovery_code: 'Recovery code',
  page_enrol_passkey: 'Set up a passkey instead',
  page_enrol_passkey_hint:
    'Or use a passkey of this device, a security key or your phone as the second factor: no app and no code needed.',
  page_enrol_passkey_name: 'Passkey',
};
