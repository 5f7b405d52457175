'use client';

import { SimpleGrid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { regenerateClientSecret } from '@/lib/actions/applications';
import { CopyField } from '../common/copy-field';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';
import { ConfirmButton } from '../objects/confirm-button';

interface CredentialsPanelProps {
  name: string;
  clientId: string;
  clientSecret: string;
}

/** Client ID and secret with copy buttons, and a new secret on demand (the endpoints are in the quick start). */
export function CredentialsPanel({ name, clientId, clientSecret }: CredentialsPanelProps) {
  const t = useT();
  const [secret, setSecret] = useState(clientSecret);
  return (
    <Section title={t('application.credentials')} help={t('application.credentials_help')} testId="credentials">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <CopyField label={t('fields.client_id')} value={clientId} testId="client-id" />
        <CopyField label={t('fields.client_secret')} value={secret} secret testId="client-secret" />
      </SimpleGrid>
      <div>
        <ConfirmButton
          label={t('application.new_secret')}
          title={t('application.new_secret_confirm_title')}
          body={t('application.new_secret_confirm_body')}
          confirmLabel={t('application.new_secret')}
          icon={<IconRefresh size={16} />}
          color="orange"
          size="sm"
          testId="regenerate-secret"
          onConfirm={async () => {
            const result = await regenerateClientSecret(name);
            notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
            if (result.ok && result.secret) setSecret(result.secret);
          }}
        />
      </div>
    </Section>
  );
}
