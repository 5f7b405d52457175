'use client';

import { languages } from '@latchkey/i18n';
import { Select } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useI18n } from '../i18n/i18n-provider';

const choices = Object.entries(languages).map(([value, label]) => ({ value, label }));

/**
 * The API's languages (on an organization's sign-in page, those it offers); the choice is
 * remembered in this browser and on the signed-in user.
 */
export function LanguagePicker({ compact = false, offered }: { compact?: boolean; offered?: readonly string[] }) {
  const { language, t } = useI18n();
  const data = offered?.length ? choices.filter((choice) => offered.includes(choice.value)) : choices;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Select
      aria-label={t('nav.language')}
      data-testid="language-picker"
      data={data}
      value={language}
      allowDeselect={false}
      disabled={pending}
      leftSection={<IconLanguage size={16} aria-hidden />}
      w={compact ? 150 : 180}
      size="sm"
      comboboxProps={{ withinPortal: true }}
      onChange={(value) => {
        if (!value || value === language) return;
        startTransition(async () => {
          await fetch('/preferences/language', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ language: value }),
          });
          // Pages the API answers itself (the OAuth sign-in page) are loaded again in full.
          if (window.location.pathname.startsWith('/login/oauth/')) window.location.reload();
          else router.refresh();
        });
      }}
    />
  );
}
