'use client';

import { Tabs } from '@mantine/core';
import { IconRocket, IconSettings } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useT } from '../i18n/i18n-provider';

export type ApplicationTab = 'settings' | 'quickstart';

/**
 * The application page's two tabs: its settings form and its quick start. The open tab is kept in the address
 * (`?tab=quickstart`) so that a reload or a shared link opens it again; both stay mounted, so that switching
 * never loses what was typed into the form.
 */
export function ApplicationTabs({
  initial,
  settings,
  quickStart,
}: {
  initial: ApplicationTab;
  settings: ReactNode;
  quickStart: ReactNode;
}) {
  const t = useT();
  const [tab, setTab] = useState<ApplicationTab>(initial);
  const choose = (value: string | null) => {
    const next: ApplicationTab = value === 'quickstart' ? 'quickstart' : 'settings';
    setTab(next);
    const url = new URL(window.location.href);
    if (next === 'quickstart') url.searchParams.set('tab', next);
    else url.searchParams.delete('tab');
    window.history.replaceState(window.history.state, '', url);
  };
  return (
    <Tabs value={tab} onChange={choose} keepMounted>
      <Tabs.List mb="lg">
        <Tabs.Tab value="settings" leftSection={<IconSettings size={16} />} data-testid="tab-settings">
          {t('quickstart.settings_tab')}
        </Tabs.Tab>
        <Tabs.Tab value="quickstart" leftSection={<IconRocket size={16} />} data-testid="tab-quickstart">
          {t('quickstart.tab')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="settings">{settings}</Tabs.Panel>
      <Tabs.Panel value="quickstart">{quickStart}</Tabs.Panel>
    </Tabs>
  );
}
