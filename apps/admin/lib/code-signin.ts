/** What an application's public view says of sign-in by code. */
interface CodeSigninSettings {
  enableCodeSignin?: boolean;
  signinMethods?: { name: string; rule?: string }[];
}

/**
 * Whether an application lets users sign in with a code sent by email or text message: its sign-in
 * methods list "Verification code", or, when it lists none, `enableCodeSignin` (as the API decides).
 */
export function offersCodeSignin(application: CodeSigninSettings | null | undefined): boolean {
  if (!application) return false;
  const methods = application.signinMethods ?? [];
  if (methods.length === 0) return Boolean(application.enableCodeSignin);
  return methods.some((method) => method.name === 'Verification code');
}
