import {
  type Icon,
  IconApps,
  IconBinaryTree,
  IconBuilding,
  IconCertificate,
  IconClipboardList,
  IconDeviceDesktop,
  IconGauge,
  IconHierarchy2,
  IconKey,
  IconLock,
  IconPlugConnected,
  IconShieldCheck,
  IconShieldLock,
  IconTicket,
  IconUserCircle,
  IconUserPlus,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
} from '@tabler/icons-react';
import type { PortalKey } from '@/lib/i18n/messages';

export interface NavItem {
  href: string;
  label: PortalKey;
  icon: Icon;
  /** Active on its own page only, not on the pages under it. */
  exact?: boolean;
}

export interface NavGroup {
  label: PortalKey;
  items: NavItem[];
}

/** The console's pages for administrators, grouped. */
export const adminNavigation: NavGroup[] = [
  { label: 'nav.overview', items: [{ href: '/', label: 'nav.dashboard', icon: IconGauge }] },
  {
    label: 'nav.identity',
    items: [
      { href: '/organizations', label: 'objects.organizations.title', icon: IconBuilding },
      { href: '/users', label: 'objects.users.title', icon: IconUsers },
      { href: '/groups', label: 'objects.groups.title', icon: IconUsersGroup },
      { href: '/invitations', label: 'objects.invitations.title', icon: IconUserPlus },
      { href: '/applications', label: 'objects.applications.title', icon: IconApps },
    ],
  },
  {
    label: 'nav.authorization',
    items: [
      { href: '/roles', label: 'objects.roles.title', icon: IconHierarchy2 },
      { href: '/permissions', label: 'objects.permissions.title', icon: IconShieldCheck },
      { href: '/models', label: 'objects.models.title', icon: IconBinaryTree },
      { href: '/enforcers', label: 'objects.enforcers.title', icon: IconLock },
    ],
  },
  {
    label: 'nav.security',
    items: [
      { href: '/certs', label: 'objects.certs.title', icon: IconCertificate },
      { href: '/providers', label: 'objects.providers.title', icon: IconPlugConnected },
      { href: '/keys', label: 'objects.keys.title', icon: IconKey },
      { href: '/tokens', label: 'objects.tokens.title', icon: IconTicket },
      { href: '/sessions', label: 'objects.sessions.title', icon: IconDeviceDesktop },
    ],
  },
  {
    label: 'nav.audit',
    items: [
      { href: '/webhooks', label: 'objects.webhooks.title', icon: IconWebhook },
      { href: '/records', label: 'objects.records.title', icon: IconClipboardList },
    ],
  },
];

/** Every signed-in user's own pages. */
export const accountItems: NavItem[] = [
  { href: '/account', label: 'nav.account', icon: IconUserCircle, exact: true },
  { href: '/account/security', label: 'security.title', icon: IconShieldLock },
];
