'use client';

import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { deleteObject, organizationDeletionNotice } from '@/lib/actions/objects';
import type { PortalKey } from '@/lib/i18n/messages';
import type { ResourceKind } from '@/lib/resources/types';
import { useT } from '../i18n/i18n-provider';
import { ConfirmButton } from './confirm-button';

interface DeleteButtonProps {
  kind: ResourceKind;
  /** The fields that identify the object (owner, name, organization, application) and a label. */
  identity: Record<string, string>;
  label: string;
  verb?: PortalKey;
  titleKey?: PortalKey;
  bodyKey?: PortalKey;
  /** Where to go after deleting (an edit page goes back to its list). */
  after?: string;
  size?: 'xs' | 'sm';
  /** Only the icon (in table rows). */
  iconOnly?: boolean;
}

export function DeleteButton({
  kind,
  identity,
  label,
  verb = 'common.delete',
  titleKey = 'common.confirm_delete_title',
  bodyKey = 'common.confirm_delete_body',
  after,
  size = 'xs',
  iconOnly = false,
}: DeleteButtonProps) {
  const t = useT();
  const router = useRouter();
  const params = { name: label, user: label, application: identity.application ?? '' };
  return (
    <ConfirmButton
      size={size}
      label={t(verb)}
      aria-label={`${t(verb)} ${label}`}
      title={t(titleKey, params)}
      body={t(bodyKey, params)}
      confirmLabel={t(verb)}
      icon={<IconTrash size={iconOnly ? 18 : 14} />}
      iconOnly={iconOnly}
      testId={`delete-${label}`}
      describe={kind === 'organizations' ? () => organizationDeletionNotice(identity.name ?? label) : undefined}
      onConfirm={async () => {
        const result = await deleteObject(kind, { ...identity, label });
        notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
        if (result.ok) {
          if (after) router.push(after);
          router.refresh();
        }
      }}
    />
  );
}
