'use client';

import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Divider,
  Group,
  Image,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconFingerprint } from '@tabler/icons-react';
import { type ReactNode, useActionState, useEffect, useRef, useState } from 'react';
import type { RequiredEnrolment, SecondFactorTexts, SignInState } from '@/lib/actions/auth';
import { type PasskeyResult, passWithPasskey, signInWithPasskey } from '@/lib/passkeys';
import { useT } from '../i18n/i18n-provider';
import { RecoveryCodeList, TotpQrCode } from '../security/totp-qr-code';

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
        if (onSignedIn) onSignedIn();
        else window.location.assign(next ?? '/');
        return;
      }
      setPasskeyError(result.msg || t('signin.passkey_failed'));
    } finally {
      setPasskeyBusy(false);
    }
  };
  const typedOrganization = () =>
    String(new FormData(form.current ?? undefined).get('organization') ?? '').trim() || organization;
  const error = passkeyError || state.error;
  const secondFactor = state.secondFactor;
  return (
    <form ref={form} action={formAction} noValidate>
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
              autoComplete="username"
              required
              autoFocus
            />
            <PasswordInput label={t('signin.password')} name="password" autoComplete="current-password" required />
            {state.captcha ? (
              <>
                <input type="hidden" name="captchaId" value={state.captcha.id} />
                <Image
                  src={state.captcha.image}
                  alt={t('recover.captcha_alt')}
                  h={60}
                  w="auto"
                  fit="contain"
                  style={{ alignSelf: 'flex-start' }}
                  data-testid="signin-captcha"
                />
                <TextInput
                  key={state.captcha.id}
                  label={t('recover.captcha')}
                  name="captchaToken"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  required
                />
              </>
            ) : null}
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

/** The second step: the code of the authenticator app, or (by the link under it) a recovery code. */
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
  return (
    <>
      <SignInIdentity step="second-factor" organization={organization} username={username} />
      <input
        type="hidden"
        name="offered"
        value={[texts.code ? 'app' : '', texts.passkey ? 'webauthn' : ''].join(' ')}
      />
      <Title order={2} size="h4">
        {texts.title}
      </Title>
      {passkeyButton}
      {recovery || !texts.code ? (
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
          <Text size="sm">{texts.hint}</Text>
          <TextInput
            key="passcode"
            label={texts.passcodeLabel}
            name="passcode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            autoFocus
            error={fieldError}
            errorProps={errorProps}
            data-testid="signin-passcode"
          />
        </>
      )}
      {texts.code ? (
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
}: {
  enrolment: RequiredEnrolment;
  organization: string;
  username: string;
  fieldError?: string;
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
