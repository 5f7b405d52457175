'use client';

import { Button, Group, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useState, useTransition } from 'react';
import { sendInvitation } from '@/lib/actions/invitations';
import { CopyField } from '../common/copy-field';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';

interface InvitationPanelProps {
  /** owner/name of the invitation. */
  id: string;
  /** The sign-up page with the invitation's code. */
  link: string;
}

/** An invitation's sign-up link with a copy button, and a form that emails it. */
export function InvitationPanel({ id, link }: InvitationPanelProps) {
  const t = useT();
  const [addresses, setAddresses] = useState('');
  const [sending, startSending] = useTransition();
  return (
    <Section title={t('invitations.link')} help={t('invitations.link_help')} testId="invitation-panel">
      <CopyField label={t('invitations.link')} value={link} testId="invitation-link" />
      <Textarea
        label={t('invitations.send_to')}
        description={t('invitations.send_help')}
        value={addresses}
        onChange={(event) => setAddresses(event.currentTarget.value)}
        autosize
        minRows={2}
        data-testid="invitation-receivers"
      />
      <Group>
        <Button
          leftSection={<IconSend size={16} />}
          loading={sending}
          disabled={!addresses.trim()}
          data-testid="send-invitation"
          onClick={() =>
            startSending(async () => {
              const result = await sendInvitation(id, addresses);
              notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
              if (result.ok) setAddresses('');
            })
          }
        >
          {t('invitations.send')}
        </Button>
      </Group>
    </Section>
  );
}
