'use client';

import { Anchor, List, ListItem, Text } from '@mantine/core';
import Link from 'next/link';
import { Section } from '../common/section';

export interface RolePermission {
  owner: string;
  name: string;
  displayName: string;
  actions: string[];
  resources: string[];
  effect: string;
}

/** On a role's page: the permissions that list the role, each linked, with what it grants. */
export function RolePermissions({
  permissions,
  title,
  help,
  none,
}: {
  permissions: RolePermission[];
  title: string;
  help: string;
  none: string;
}) {
  return (
    <Section title={title} help={help} testId="role-permissions">
      {permissions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {none}
        </Text>
      ) : (
        <List spacing="xs" size="sm">
          {permissions.map((permission) => (
            <ListItem key={`${permission.owner}/${permission.name}`}>
              <Anchor
                component={Link}
                href={`/permissions/${encodeURIComponent(permission.owner)}/${encodeURIComponent(permission.name)}`}
              >
                {permission.displayName || permission.name}
              </Anchor>
              <Text span size="sm" c="dimmed">
                {` · ${permission.effect} ${permission.actions.join(', ')} → ${permission.resources.join(', ')}`}
              </Text>
            </ListItem>
          ))}
        </List>
      )}
    </Section>
  );
}
