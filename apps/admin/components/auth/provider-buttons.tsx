import { Button, Divider, Stack } from '@mantine/core';
import type { LoginProvider } from '@/lib/federation';

interface ProviderButtonsProps {
  providers: LoginProvider[];
  /** The address of each button (the API's provider-login with the page's own parameters). */
  hrefs: Record<string, string>;
  /** "Sign in with {provider}", filled in. */
  labels: Record<string, string>;
  or: string;
}

/** A sign-in page's buttons for the providers its application offers, under the password form. */
export function ProviderButtons({ providers, hrefs, labels, or }: ProviderButtonsProps) {
  if (providers.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="provider-buttons">
      <Divider label={or} labelPosition="center" />
      {providers.map((provider) => (
        <Button
          key={`${provider.owner}/${provider.name}`}
          component="a"
          href={hrefs[provider.name]}
          variant="default"
          fullWidth
          size="md"
          data-testid={`provider-${provider.name}`}
        >
          {labels[provider.name]}
        </Button>
      ))}
    </Stack>
  );
}
