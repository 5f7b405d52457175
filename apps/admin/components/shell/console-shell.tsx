'use client';

import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Divider,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconMoon, IconSun, IconUserCircle } from '@tabler/icons-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { signOut } from '@/lib/actions/auth';
import { SignedInAsProvider } from '../auth/sign-in-again';
import { Brand } from '../common/brand';
import { LanguagePicker } from '../common/language-picker';
import { useT } from '../i18n/i18n-provider';
import { accountItems, adminNavigation, type NavItem } from './navigation';
import { OrganizationPicker } from './organization-picker';

export interface ShellAccount {
  id: string;
  displayName: string;
  avatar: string;
  isAdmin: boolean;
  isGlobalAdmin: boolean;
}

interface ConsoleShellProps {
  account: ShellAccount;
  organizations: string[];
  selectedOrganization: string;
  children: ReactNode;
}

function isActive(pathname: string, { href, exact }: NavItem): boolean {
  return href === '/' || exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

export function ConsoleShell({ account, organizations, selectedOrganization, children }: ConsoleShellProps) {
  const t = useT();
  const pathname = usePathname();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { toggleColorScheme } = useMantineColorScheme();

  const link = (item: NavItem) => (
    <NavLink
      key={item.href}
      component={Link}
      href={item.href}
      label={t(item.label)}
      leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
      active={isActive(pathname, item)}
      aria-current={isActive(pathname, item) ? 'page' : undefined}
      onClick={close}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a className="skip-link" href="#content">
        {t('nav.skip_to_content')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.open_menu')} />
            <UnstyledButton component={Link} href={account.isAdmin ? '/' : '/account'} aria-label={t('app.console')}>
              <Brand name={t('app.name')} />
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {account.isAdmin ? (
              <Group visibleFrom="sm">
                <OrganizationPicker
                  organizations={organizations}
                  selected={selectedOrganization}
                  canChooseAll={account.isGlobalAdmin}
                />
              </Group>
            ) : null}
            <Group visibleFrom="sm">
              <LanguagePicker compact />
            </Group>
            <ActionIcon variant="default" size="lg" onClick={toggleColorScheme} aria-label={t('nav.color_scheme')}>
              {/* Both drawn, one hidden by CSS: the server cannot know the scheme, so the markup must not depend on it. */}
              <Box component="span" lightHidden lh={0}>
                <IconSun size={18} />
              </Box>
              <Box component="span" darkHidden lh={0}>
                <IconMoon size={18} />
              </Box>
            </ActionIcon>
            <Menu position="bottom-end" width={240} withinPortal>
              <Menu.Target>
                {/* Named by what it shows (the user's name, on wide screens) and what it is. */}
                <UnstyledButton data-testid="user-menu">
                  <Group gap={6} wrap="nowrap">
                    <Avatar
                      aria-hidden
                      src={account.avatar || null}
                      name={account.displayName}
                      color="initials"
                      size={32}
                      radius="xl"
                    />
                    <Text size="sm" fw={500} visibleFrom="lg" maw={160} truncate>
                      {account.displayName}
                    </Text>
                    <span className="visually-hidden">{t('nav.user_menu')}</span>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('account.signed_in_as', { user: account.id })}</Menu.Label>
                <Menu.Item component={Link} href="/account" leftSection={<IconUserCircle size={16} />}>
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Divider />
                <form action={signOut}>
                  <Menu.Item
                    type="submit"
                    component="button"
                    color="red"
                    leftSection={<IconLogout size={16} />}
                    data-testid="sign-out"
                  >
                    {t('nav.sign_out')}
                  </Menu.Item>
                </form>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('app.console')}>
        <AppShell.Section hiddenFrom="sm" mb="sm">
          <Stack gap="xs">
            {account.isAdmin ? (
              <OrganizationPicker
                organizations={organizations}
                selected={selectedOrganization}
                canChooseAll={account.isGlobalAdmin}
              />
            ) : null}
            <LanguagePicker />
          </Stack>
          <Divider mt="sm" />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} type="scroll">
          <nav>
            <Stack gap="md">
              {account.isAdmin
                ? adminNavigation.map((group) => (
                    <Stack key={group.label} gap={2}>
                      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={2}>
                        {t(group.label)}
                      </Text>
                      {group.items.map(link)}
                    </Stack>
                  ))
                : null}
              <Stack gap={2}>{accountItems.map(link)}</Stack>
            </Stack>
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main
        id="content"
        style={{ background: 'light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))' }}
      >
        <SignedInAsProvider id={account.id}>{children}</SignedInAsProvider>
      </AppShell.Main>
    </AppShell>
  );
}
