'use client';

import { SimpleGrid, Title } from '@mantine/core';
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
  endpoints: { authorize: string; token: string; discovery: string };
}

/** Client ID and secret with copy buttons, a new secret on demand, and the OAuth endpoints. */
export function CredentialsPanel({ name, clientId, clientSecret, endpoints }: CredentialsPanelProps) {
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
      <Title order={3} size="h5" mt="sm">
        {t('application.endpoints')}
      </Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <CopyField label={t('application.authorize_url')} value={endpoints.authorize} />
        <CopyField label={t('application.token_url')} value={endpoints.token} />
        <CopyField label={t('application.discovery_url')} value={endpoints.discovery} />
      </SimpleGrid>
    </Section>
  );
}
