'use client';

import { Alert, Badge, Button, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceMobile, IconKey, IconShieldOff } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import {
  choosePreferredMfa,
  confirmTotpSetup,
  regenerateRecoveryCodes,
  startTotpSetup,
  type TotpSetup,
  turnOffMfa,
} from '@/lib/actions/mfa';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';
import { ConfirmButton } from '../objects/confirm-button';
import { ShownRecoveryCodes } from './recovery-codes';
import { SetupForm } from './setup-form';
import { TotpQrCode } from './totp-qr-code';

/**
 * The signed-in user's authenticator app: setting it up (QR code, key, a first code), the recovery
 * codes shown once at set-up and when made again, and turning two-step verification off.
 */
export function AuthenticatorSection({ enabled }: { enabled: boolean }) {
  const t = useT();
  const router = useRouter();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codeError, setCodeError] = useState('');
  const [error, setError] = useState('');
  const [shownCodes, setShownCodes] = useState<string[] | null>(null);
  const [pending, startTransition] = useTransition();

  const begin = () =>
    startTransition(async () => {
      setError('');
      const started = await startTotpSetup();
      if (!started.ok) setError(started.message);
      else setSetup(started);
    });

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const passcode = String(new FormData(event.currentTarget).get('passcode') ?? '');
    startTransition(async () => {
      const result = await confirmTotpSetup(passcode);
      if (!result.ok) {
        if (result.field) setCodeError(result.message);
        else setError(result.message);
        return;
      }
      setCodeError('');
      setShownCodes(setup?.recoveryCodes ?? []);
      setSetup(null);
      notifications.show({ color: 'teal', message: result.message });
      router.refresh();
    });
  };

  const regenerate = async () => {
    const result = await regenerateRecoveryCodes();
    if (!result.ok) {
      notifications.show({ color: 'red', message: result.message });
      return;
    }
    setShownCodes(result.recoveryCodes ?? []);
  };

  const turnOff = async () => {
    const result = await turnOffMfa();
    notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
    if (result.ok) {
      setShownCodes(null);
      router.refresh();
    }
  };

  return (
    <Section title={t('security.totp')} help={t('security.totp_help')} testId="authenticator-section">
      <Group gap="xs">
        <Badge
          variant="light"
          color={enabled ? 'teal' : 'gray'}
          leftSection={<IconDeviceMobile size={14} />}
          data-testid="totp-status"
        >
          {enabled ? t('security.status_on') : t('security.status_off')}
        </Badge>
      </Group>
      {error ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {error}
        </Alert>
      ) : null}
      {shownCodes ? (
        <ShownRecoveryCodes codes={shownCodes} onSaved={() => setShownCodes(null)} testId="recovery-codes-panel" />
      ) : null}
      {!enabled && !setup && !shownCodes ? (
        <Group>
          <Button onClick={begin} loading={pending} leftSection={<IconKey size={16} />} data-testid="totp-set-up">
            {t('security.set_up')}
          </Button>
        </Group>
      ) : null}
      {setup?.url && setup.secret ? (
        <SetupForm
          onSubmit={confirm}
          onCancel={() => setSetup(null)}
          pending={pending}
          codeLabel={t('security.code')}
          codeDescription={t('security.code_required')}
          codeError={codeError}
          onCodeChange={() => setCodeError('')}
          testId="totp-setup"
        >
          <TotpQrCode
            url={setup.url}
            secret={setup.secret}
            scanText={t('security.scan')}
            keyText={t('security.manual_key')}
            alt={t('security.qr_alt')}
          />
        </SetupForm>
      ) : null}
      {enabled && !shownCodes ? (
        <Group>
          <ConfirmButton
            label={t('security.regenerate')}
            title={t('security.regenerate_confirm_title')}
            body={t('security.regenerate_confirm_body')}
            confirmLabel={t('security.regenerate_confirm')}
            onConfirm={regenerate}
            color="indigo"
            icon={<IconKey size={16} />}
            testId="regenerate-recovery-codes"
          />
          <ConfirmButton
            label={t('security.turn_off')}
            title={t('security.turn_off_confirm_title')}
            body={t('security.turn_off_confirm_body')}
            confirmLabel={t('security.turn_off_confirm')}
            onConfirm={turnOff}
            icon={<IconShieldOff size={16} />}
            testId="turn-off-mfa"
          />
        </Group>
      ) : null}
    </Section>
  );
}

/** Which of the set-up methods a sign-in asks for first. */
export function PreferredMethodSection({
  methods,
  preferred,
  labels = {},
}: {
  methods: string[];
  preferred: string;
  /** Names of the methods other than the app (codes by email, text message). */
  labels?: Record<string, string>;
}) {
  const t = useT();
  const router = useRouter();
  const [value, setValue] = useState(preferred || methods[0] || '');
  const [pending, startTransition] = useTransition();
  const label = (method: string) => (method === 'app' ? t('security.method_app') : (labels[method] ?? method));
  return (
    <Section title={t('security.preferred')} help={t('security.preferred_help')} testId="preferred-method-section">
      <Select
        label={t('security.preferred')}
        data={methods.map((method) => ({ value: method, label: label(method) }))}
        value={value}
        allowDeselect={false}
        disabled={pending}
        maw={320}
        onChange={(next) => {
          if (!next || next === value) return;
          const previous = value;
          setValue(next);
          startTransition(async () => {
            const result = await choosePreferredMfa(next);
            notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
            if (!result.ok) setValue(previous);
            else router.refresh();
          });
        }}
        data-testid="preferred-method"
      />
    </Section>
  );
}
