'use client';

import { Alert, Button, Checkbox, Group, List, ListItem, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconLockOpen, IconTrash, IconUserShield, IconUsersGroup } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { createContext, type ReactNode, useContext, useMemo, useState, useTransition } from 'react';
import { type BulkAction, type BulkOutcome, bulkUsers } from '@/lib/actions/users';
import type { PortalKey } from '@/lib/i18n/messages';
import type { FieldSpec } from '@/lib/resources/types';
import { useT } from '../i18n/i18n-provider';
import { ReferenceSelect } from '../objects/reference-select';

interface SelectionValue {
  /** Ids (owner/name) of the rows on this page. */
  ids: string[];
  selected: Set<string>;
  toggle: (id: string, on: boolean) => void;
  setAll: (on: boolean) => void;
}

const SelectionContext = createContext<SelectionValue | null>(null);

function useSelection(): SelectionValue {
  const value = useContext(SelectionContext);
  if (!value) throw new Error('useSelection needs a UserSelection');
  return value;
}

/** The check box of one user's row. */
export function RowCheckbox({ id }: { id: string }) {
  const t = useT();
  const { selected, toggle } = useSelection();
  return (
    <Checkbox
      aria-label={t('users.select_user', { user: id })}
      checked={selected.has(id)}
      onChange={(event) => toggle(id, event.currentTarget.checked)}
      data-testid="select-row"
    />
  );
}

/** The check box of the header: every row of the page, or none. */
export function SelectAllCheckbox() {
  const t = useT();
  const { ids, selected, setAll } = useSelection();
  const count = ids.filter((id) => selected.has(id)).length;
  return (
    <Checkbox
      aria-label={t('users.select_all')}
      checked={count > 0 && count === ids.length}
      indeterminate={count > 0 && count < ids.length}
      onChange={(event) => setAll(event.currentTarget.checked)}
      data-testid="select-all"
    />
  );
}

const targetField = (kind: 'groups' | 'roles'): FieldSpec & { optionsFrom: NonNullable<FieldSpec['optionsFrom']> } => ({
  name: 'target',
  label: kind === 'groups' ? 'fields.groups' : 'fields.roles',
  kind: 'select',
  required: true,
  optionsFrom: { kind, value: 'id' },
});

const doneKeys: Record<BulkAction, PortalKey> = {
  block: 'users.bulk_done_block',
  unblock: 'users.bulk_done_unblock',
  delete: 'users.bulk_done_delete',
  'add-to-group': 'users.bulk_done_add_to_group',
  'add-to-role': 'users.bulk_done_add_to_role',
};

/** What to do with the selected users: block, unblock, delete, add to a group or a role; each user's failure shown by name. */
function BulkBar({ organization }: { organization: string }) {
  const t = useT();
  const router = useRouter();
  const { selected, setAll, toggle } = useSelection();
  const [pending, startTransition] = useTransition();
  const [failures, setFailures] = useState<BulkOutcome[]>([]);
  const [dialog, setDialog] = useState<'delete' | 'add-to-group' | 'add-to-role' | null>(null);
  const [target, setTarget] = useState('');
  const ids = [...selected];
  // A global administrator's list may mix organizations: groups and roles are looked up in the first user's.
  const targetOrganization = organization || (ids[0]?.split('/')[0] ?? '');

  const run = (action: BulkAction, value = '') =>
    startTransition(async () => {
      const outcomes = await bulkUsers(action, ids, value);
      const failed = outcomes.filter((outcome) => !outcome.ok);
      const done = outcomes.length - failed.length;
      setFailures(failed);
      setDialog(null);
      setTarget('');
      if (done > 0) notifications.show({ color: 'teal', message: t(doneKeys[action], { count: done }) });
      // The rows that failed stay selected, to try again.
      setAll(false);
      for (const outcome of failed) toggle(outcome.id, true);
      router.refresh();
    });

  if (ids.length === 0 && failures.length === 0) return null;
  return (
    <Stack gap="xs">
      {ids.length > 0 ? (
        <Paper withBorder radius="md" p="xs" data-testid="bulk-bar">
          <Group gap="xs" justify="space-between">
            <Text size="sm" fw={600} aria-live="polite" data-testid="bulk-count">
              {t('users.selected', { count: ids.length })}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconLock size={14} />}
                loading={pending}
                onClick={() => run('block')}
                data-testid="bulk-block"
              >
                {t('users.block')}
              </Button>
              <Button
                size="xs"
                variant="light"
                color="teal"
                leftSection={<IconLockOpen size={14} />}
                loading={pending}
                onClick={() => run('unblock')}
                data-testid="bulk-unblock"
              >
                {t('users.unblock')}
              </Button>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconUsersGroup size={14} />}
                disabled={pending}
                onClick={() => setDialog('add-to-group')}
                data-testid="bulk-add-group"
              >
                {t('users.add_to_group')}
              </Button>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconUserShield size={14} />}
                disabled={pending}
                onClick={() => setDialog('add-to-role')}
                data-testid="bulk-add-role"
              >
                {t('users.add_to_role')}
              </Button>
              <Button
                size="xs"
                variant="light"
                color="red"
                leftSection={<IconTrash size={14} />}
                disabled={pending}
                onClick={() => setDialog('delete')}
                data-testid="bulk-delete"
              >
                {t('common.delete')}
              </Button>
            </Group>
          </Group>
        </Paper>
      ) : null}
      {failures.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('users.bulk_failed', { count: failures.length })}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setFailures([])}
          data-testid="bulk-failures"
        >
          <List size="sm">
            {failures.map((failure) => (
              <ListItem key={failure.id} data-testid="bulk-failure">
                <Text span fw={600} size="sm">
                  {failure.id}
                </Text>
                {`: ${failure.message}`}
              </ListItem>
            ))}
          </List>
        </Alert>
      ) : null}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={
          dialog === 'delete'
            ? t('users.bulk_delete_title', { count: ids.length })
            : dialog === 'add-to-group'
              ? t('users.add_to_group')
              : t('users.add_to_role')
        }
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          {dialog === 'delete' ? (
            <Text size="sm">{t('users.bulk_delete_body')}</Text>
          ) : dialog ? (
            <ReferenceSelect
              field={targetField(dialog === 'add-to-group' ? 'groups' : 'roles')}
              organization={targetOrganization}
              value={target}
              onChange={(value) => setTarget(String(value))}
              label={dialog === 'add-to-group' ? t('fields.groups') : t('fields.roles')}
              withAsterisk
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)} disabled={pending}>
              {t('common.cancel')}
            </Button>
            <Button
              color={dialog === 'delete' ? 'red' : undefined}
              loading={pending}
              disabled={dialog !== 'delete' && !target}
              data-testid="bulk-confirm"
              onClick={() => dialog && run(dialog, target)}
            >
              {dialog === 'delete' ? t('common.delete') : t('users.add')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Row selection of the users list, and the bulk actions on the selected users above the table. */
export function UserSelection({
  ids,
  organization,
  children,
}: {
  ids: string[];
  organization: string;
  children: ReactNode;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const value = useMemo<SelectionValue>(
    () => ({
      ids,
      // Only rows of the page as it is now: a user deleted meanwhile is no longer selected.
      selected: new Set([...selected].filter((id) => ids.includes(id))),
      toggle: (id, on) =>
        setSelected((current) => {
          const next = new Set(current);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      setAll: (on) => setSelected(on ? new Set(ids) : new Set()),
    }),
    [ids, selected],
  );
  return (
    <SelectionContext.Provider value={value}>
      <Stack gap="sm">
        <BulkBar organization={organization} />
        {children}
      </Stack>
    </SelectionContext.Provider>
  );
}
