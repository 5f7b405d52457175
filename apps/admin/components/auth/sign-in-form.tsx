'use client';

import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Divider,
  Group,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconFingerprint } from '@tabler/icons-react';
import { type ReactNode, useActionState, useEffect, useRef, useState } from 'react';
import type { RequiredEnrolment, SecondFactorTexts, SignInState } from '@/lib/actions/auth';
import {
  enrolPasskeyAndSignIn,
  type PasskeyResult,
  passkeysUsableHere,
  passWithPasskey,
  signInWithPasskey,
  signInWithPasskeyAutofill,
  stopPasskeyRequest,
} from '@/lib/passkeys';
import { useT } from '../i18n/i18n-provider';
import { RecoveryCodeList } from '../security/recovery-codes';
import { TotpQrCode } from '../security/totp-qr-code';
import { CaptchaField } from './captcha-field';

interface SignInFormProps {
  action: (state: SignInState, formData: FormData) => Promise<SignInState>;
  organization: string;
  next?: string;
  /** Hidden fields of an OAuth request, passed back to the action. */
  hidden?: Record<string, string>;
  fixedOrganization?: boolean;
  submitLabel?: string;
  /** Signs in without leaving the page and calls this instead of going to `next`. */
  onSignedIn?: () => void;
  username?: string;
  /** The form starts at the second step (a sign-in at a provider that needs a second factor). */
  secondFactor?: SignInState['secondFactor'];
  /** The application allows a passkey alone: the browser's autofill of the username offers this site's passkeys too. */
  passkeyAutofill?: boolean;
  /** The forgotten-password page. */
  forgotHref?: string;
  /** The sign-in with a code sent by email or text message, when it is offered. */
  codeHref?: string;
}

export function SignInForm({
  action,
  organization,
  next,
  hidden = {},
  fixedOrganization = false,
  submitLabel,
  onSignedIn,
  username,
  secondFactor: startingSecondFactor,
  passkeyAutofill = false,
  forgotHref,
  codeHref,
}: SignInFormProps) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {
    organization,
    username,
    secondFactor: startingSecondFactor,
  });
  useEffect(() => {
    if (state.signedIn) onSignedIn?.();
  }, [state, onSignedIn]);
  // Each answer of the second step starts in the mode it was answered in (the app's code, or a recovery code).
  const [recovery, setRecovery] = useState(false);
  useEffect(() => setRecovery(Boolean(state.usedRecoveryCode)), [state]);
  const form = useRef<HTMLFormElement>(null);
  const [passkeyError, setPasskeyError] = useState('');
  const [passkeyBusy, setPasskeyBusy] = useState(false);
  // Passkeys sign in to the console itself; a sign-in for an OAuth application keeps to its own form.
  const passkeysOffered = Object.keys(hidden).length === 0;
  const runPasskey = async (run: () => Promise<PasskeyResult<string>>) => {
    setPasskeyBusy(true);
    setPasskeyError('');
    try {
      const result = await run();
      if (result.ok) {
        signedIn();
        return;
      }
      setPasskeyError(result.msg || t('signin.passkey_failed'));
      // The button's request stopped the autofill's: it waits again.
      setAutofillRound((round) => round + 1);
    } finally {
      setPasskeyBusy(false);
    }
  };
  const signedIn = () => {
    if (onSignedIn) onSignedIn();
    else window.location.assign(next ?? '/');
  };
  // The autofill's request waits while the first step is shown; a new one starts after each answer of the form.
  const autofill = passkeyAutofill && passkeysOffered && !state.secondFactor && !state.enrolment;
  const [autofillRound, setAutofillRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new round (or a new answer of the form) starts a new request on purpose.
  useEffect(() => {
    if (!autofill) return;
    let current = true;
    signInWithPasskeyAutofill().then((result) => {
      if (!current) return;
      if (result.ok) signedIn();
      else if (result.msg) setPasskeyError(result.msg);
    });
    return () => {
      current = false;
      stopPasskeyRequest();
    };
  }, [autofill, state, autofillRound]);
  const typedOrganization = () =>
    String(new FormData(form.current ?? undefined).get('organization') ?? '').trim() || organization;
  const error = passkeyError || state.error;
  const secondFactor = state.secondFactor;
  return (
    // Using the password stops the autofill's passkey request.
    <form ref={form} action={formAction} onSubmit={() => stopPasskeyRequest()} noValidate data-password-signin>
      <Stack gap="md">
        {error ? (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="signin-error">
            {error}
          </Alert>
        ) : null}
        {next ? <input type="hidden" name="next" value={next} /> : null}
        {onSignedIn ? <input type="hidden" name="inPlace" value="1" /> : null}
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {state.enrolment ? (
          <RequiredEnrolmentFields
            enrolment={state.enrolment}
            organization={state.organization ?? organization}
            username={state.username ?? ''}
            fieldError={state.fieldError}
            passkeyButton={
              passkeysOffered ? (
                <PasskeyEnrolment
                  texts={state.enrolment.texts}
                  busy={passkeyBusy}
                  onClick={() => runPasskey(() => enrolPasskeyAndSignIn(state.enrolment?.texts.passkeyName ?? ''))}
                />
              ) : null
            }
          />
        ) : state.secondFactor ? (
          <SecondFactorFields
            texts={state.secondFactor}
            organization={state.organization ?? organization}
            username={state.username ?? ''}
            fieldError={state.fieldError}
            recovery={recovery}
            onToggle={() => setRecovery((current) => !current)}
            toggleLabel={recovery ? t('security.use_app_code') : t('security.use_recovery_code')}
            passkeyButton={
              state.secondFactor.passkey && passkeysOffered ? (
                <Button
                  variant="light"
                  color="indigo"
                  leftSection={<IconFingerprint size={18} />}
                  loading={passkeyBusy}
                  onClick={() => runPasskey(passWithPasskey)}
                  data-testid="signin-passkey-second-factor"
                >
                  {state.secondFactor.passkey}
                </Button>
              ) : null
            }
          />
        ) : (
          <>
            <TextInput
              label={t('signin.organization')}
              name="organization"
              defaultValue={state.organization ?? organization}
              readOnly={fixedOrganization}
              autoComplete="organization"
              required
            />
            <TextInput
              label={t('signin.username')}
              name="username"
              defaultValue={state.username ?? ''}
              autoComplete={autofill ? 'username webauthn' : 'username'}
              required
              autoFocus
            />
            <PasswordInput label={t('signin.password')} name="password" autoComplete="current-password" required />
            {state.captcha ? <CaptchaField captcha={state.captcha} testId="signin-captcha" withId /> : null}
            <Group justify="space-between" gap="xs">
              <Checkbox label={t('signin.remember')} name="remember" />
              {forgotHref ? (
                <Anchor href={forgotHref} size="sm" data-testid="forgot-password">
                  {t('recover.link')}
                </Anchor>
              ) : null}
            </Group>
          </>
        )}
        <Button type="submit" loading={pending} fullWidth size="md">
          {state.enrolment
            ? state.enrolment.texts.submit
            : state.secondFactor
              ? state.secondFactor.submit
              : (submitLabel ?? t('signin.submit'))}
        </Button>
        {codeHref && !secondFactor && !state.enrolment ? (
          <Button component="a" href={codeHref} variant="default" fullWidth size="md" data-testid="signin-with-code">
            {t('codesignin.link')}
          </Button>
        ) : null}
        {!secondFactor && !state.enrolment && passkeysOffered ? (
          <>
            <Divider />
            <Button
              variant="default"
              fullWidth
              size="md"
              leftSection={<IconFingerprint size={18} />}
              loading={passkeyBusy}
              onClick={() => runPasskey(() => signInWithPasskey(typedOrganization()))}
              data-testid="signin-passkey"
            >
              {t('signin.passkey')}
            </Button>
          </>
        ) : null}
      </Stack>
    </form>
  );
}

/** Who is signing in, carried to the next step. */
function SignInIdentity({ step, organization, username }: { step: string; organization: string; username: string }) {
  return (
    <>
      <input type="hidden" name="step" value={step} />
      <input type="hidden" name="organization" value={organization} />
      <input type="hidden" name="username" value={username} />
    </>
  );
}

/**
 * The second step: the code of the authenticator app, or of a code sent by email or text message
 * (its "Send code" button submits with intent `send`), with buttons to switch between the user's
 * factors; or (by the link under it) a recovery code.
 */
function SecondFactorFields({
  texts,
  organization,
  username,
  fieldError,
  recovery,
  onToggle,
  toggleLabel,
  passkeyButton,
}: {
  texts: SecondFactorTexts;
  organization: string;
  username: string;
  fieldError?: string;
  recovery: boolean;
  onToggle: () => void;
  toggleLabel: string;
  /** The button that answers with a passkey, when the user has one. */
  passkeyButton?: ReactNode;
}) {
  const errorProps = { 'data-testid': 'signin-code-error' };
  const firstMethod = texts.method ?? (texts.code ? 'app' : (texts.sentCodes[0]?.type ?? 'app'));
  const [method, setMethod] = useState(firstMethod);
  // Each answer (a code sent, a wrong code) shows the factor it was about.
  useEffect(() => setMethod(firstMethod), [firstMethod]);
  const sentCode = texts.sentCodes.find((each) => each.type === method);
  const hasCodes = texts.code || texts.sentCodes.length > 0;
  const others = [
    ...(texts.code && method !== 'app' ? [{ type: 'app', label: texts.appLabel }] : []),
    ...texts.sentCodes.filter((each) => each.type !== method),
  ];
  return (
    <>
      <SignInIdentity step="second-factor" organization={organization} username={username} />
      <input
        type="hidden"
        name="offered"
        value={[texts.code ? 'app' : '', texts.passkey ? 'webauthn' : '', ...texts.sentCodes.map((each) => each.type)]
          .filter(Boolean)
          .join(' ')}
      />
      {texts.sentCodes.map((each) => (
        <input key={each.type} type="hidden" name={`destination-${each.type}`} value={each.destination} />
      ))}
      <input type="hidden" name="method" value={method} />
      <Title order={2} size="h4">
        {texts.title}
      </Title>
      {passkeyButton}
      {recovery || !hasCodes ? (
        <TextInput
          key="recovery"
          label={texts.recoveryLabel}
          name="recoveryCode"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus
          error={fieldError}
          errorProps={errorProps}
          data-testid="signin-recovery-code"
        />
      ) : (
        <>
          <Text size="sm">{sentCode ? sentCode.hint : texts.hint}</Text>
          {sentCode && texts.codeSent && method === texts.method ? (
            <Alert color="green" role="status" data-testid="signin-code-sent">
              {texts.codeSent}
            </Alert>
          ) : null}
          {sentCode ? (
            <Button
              type="submit"
              name="intent"
              value="send"
              variant="light"
              formNoValidate
              data-testid="signin-send-code"
            >
              {texts.sendCode}
            </Button>
          ) : null}
          <TextInput
            key={`passcode-${method}`}
            label={sentCode ? (texts.sentCodeLabel ?? texts.passcodeLabel) : texts.passcodeLabel}
            name="passcode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            autoFocus
            error={fieldError}
            errorProps={errorProps}
            data-testid="signin-passcode"
          />
          {others.map((other) => (
            <Anchor
              key={other.type}
              component="button"
              type="button"
              size="sm"
              onClick={() => setMethod(other.type)}
              ta="left"
              data-testid={`signin-method-${other.type}`}
            >
              {other.label}
            </Anchor>
          ))}
        </>
      )}
      {hasCodes ? (
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={onToggle}
          ta="left"
          data-testid="signin-toggle-recovery"
        >
          {toggleLabel}
        </Anchor>
      ) : null}
    </>
  );
}

/** A factor the sign-in requires and the user has not set up: the QR code, the key and the recovery codes, then the app's first code. */
function RequiredEnrolmentFields({
  enrolment,
  organization,
  username,
  fieldError,
  passkeyButton,
}: {
  enrolment: RequiredEnrolment;
  organization: string;
  username: string;
  fieldError?: string;
  /** A passkey in place of the authenticator app, when the browser can make one here. */
  passkeyButton?: ReactNode;
}) {
  const { texts } = enrolment;
  return (
    <Stack gap="md" data-testid="signin-enrolment">
      <SignInIdentity step="enrol" organization={organization} username={username} />
      <input type="hidden" name="secret" value={enrolment.secret} />
      <input type="hidden" name="url" value={enrolment.url} />
      <input type="hidden" name="recoveryCodes" value={JSON.stringify(enrolment.recoveryCodes)} />
      <Title order={2} size="h4">
        {texts.title}
      </Title>
      {passkeyButton}
      <TotpQrCode
        url={enrolment.url}
        secret={enrolment.secret}
        scanText={texts.scan}
        keyText={texts.key}
        alt={texts.qrAlt}
      />
      <RecoveryCodeList codes={enrolment.recoveryCodes} intro={texts.recoveryIntro} />
      <TextInput
        label={texts.passcodeLabel}
        name="passcode"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        error={fieldError}
        errorProps={{ 'data-testid': 'signin-code-error' }}
        data-testid="signin-enrol-code"
      />
    </Stack>
  );
}

/** A passkey as the second factor a sign-in requires: made by the browser, added to the account, and the sign-in completed. */
function PasskeyEnrolment({
  texts,
  busy,
  onClick,
}: {
  texts: RequiredEnrolment['texts'];
  busy: boolean;
  onClick: () => void;
}) {
  // Known only in the browser (WebAuthn, and a site that is a domain name): shown after the first render.
  const [usable, setUsable] = useState(false);
  useEffect(() => setUsable(passkeysUsableHere()), []);
  if (!usable) return null;
  return (
    <Stack gap="xs" data-testid="signin-enrol-passkey-choice">
      <Text size="sm">{texts.passkeyHint}</Text>
      <Button
        variant="light"
        color="indigo"
        leftSection={<IconFingerprint size={18} />}
        loading={busy}
        onClick={onClick}
        data-testid="signin-enrol-passkey"
      >
        {texts.passkey}
      </Button>
      <Divider label={texts.or} labelPosition="center" />
    </Stack>
  );
}
