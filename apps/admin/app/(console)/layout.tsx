import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/shell/console-shell';
import { organizationNames } from '@/lib/objects';
import { requireAccount, selectedOrganization } from '@/lib/session';

/** The signed-in area: every page needs a session; a signed-out visitor goes to sign-in and back. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const account = await requireAccount();
  const [organizations, selected] = account.isAdmin
    ? await Promise.all([organizationNames(account), selectedOrganization(account)])
    : [[account.user.owner], account.user.owner];
  return (
    <ConsoleShell
      account={{
        id: account.id,
        displayName: account.user.displayName || account.user.name,
        avatar: account.user.avatar,
        isAdmin: account.isAdmin,
        isGlobalAdmin: account.isGlobalAdmin,
      }}
      organizations={organizations}
      selectedOrganization={selected}
    >
      {children}
    </ConsoleShell>
  );
}
