'use client';

import { Alert, Badge, Button, Group, Radio, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import type { PortalKey } from '@/lib/i18n/messages';
import {
  type AppKind,
  appKinds,
  isConfidential,
  type Library,
  librariesOf,
  libraryNames,
  likelyKind,
  placeholderRedirectUri,
  type QuickStartApplication,
  redirectUriFor,
} from '@/lib/quickstart/app-kinds';
import { type Discovery, type EndpointKey, endpointKeys } from '@/lib/quickstart/endpoints';
import { SECRET_VARIABLE, snippet } from '@/lib/quickstart/snippets';
import { CodeBlock } from '../common/code-block';
import { CopyField } from '../common/copy-field';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';

interface QuickStartProps {
  application: QuickStartApplication;
  discovery: Discovery;
  /** The sign-in to try, or none when no registered redirect URI can receive a code. */
  attempt: { url: string; redirectUri: string; codeVerifier: string } | null;
}

const endpointLabels: Record<EndpointKey, PortalKey> = {
  issuer: 'quickstart.issuer',
  authorization_endpoint: 'application.authorize_url',
  token_endpoint: 'application.token_url',
  userinfo_endpoint: 'quickstart.userinfo_url',
  jwks_uri: 'quickstart.jwks_url',
  end_session_endpoint: 'quickstart.end_session_url',
  introspection_endpoint: 'quickstart.introspection_url',
  revocation_endpoint: 'quickstart.revocation_url',
  device_authorization_endpoint: 'quickstart.device_url',
};

type Status = 'ok' | 'missing' | 'info';
interface Requirement {
  title: PortalKey;
  text: string;
  status: Status;
  fix?: string;
}

const statusColors: Record<Status, string> = { ok: 'teal', missing: 'red', info: 'gray' };
const statusLabels: Record<Status, PortalKey> = {
  ok: 'quickstart.status_ok',
  missing: 'quickstart.status_missing',
  info: 'quickstart.status_info',
};

/**
 * The application page's quick start: the kind of application, what its settings need for that kind, examples
 * for common libraries filled in from the server's own discovery document, the endpoints, and a sign-in to try.
 */
export function QuickStart({ application, discovery, attempt }: QuickStartProps) {
  const t = useT();
  const [kind, setKind] = useState<AppKind>(() => likelyKind(application));
  const [chosenLibrary, setLibrary] = useState<Library>('openid-client');
  const libraries = librariesOf[kind];
  const library = libraries.includes(chosenLibrary) ? chosenLibrary : libraries[0]!;
  const redirectUri = redirectUriFor(kind, application.redirectUris);

  const requirements: Requirement[] = [
    kind === 'm2m'
      ? {
          title: 'quickstart.grant_types',
          text: t('quickstart.grants_m2m'),
          ...(application.grantTypes.includes('client_credentials')
            ? { status: 'ok' }
            : { status: 'missing', fix: t('quickstart.missing_grant', { grant: 'client_credentials' }) }),
        }
      : { title: 'quickstart.grant_types', text: t('quickstart.grants_code'), status: 'ok' },
    kind === 'm2m'
      ? { title: 'quickstart.redirect_uris', text: t('quickstart.redirect_m2m'), status: 'info' }
      : {
          title: 'quickstart.redirect_uris',
          text: t(`quickstart.redirect_${kind}`),
          ...(redirectUri
            ? { status: 'ok' }
            : { status: 'missing', fix: t('quickstart.missing_redirect', { uri: placeholderRedirectUri[kind] }) }),
        },
    {
      title: 'quickstart.secret',
      text: isConfidential(kind)
        ? t('quickstart.secret_confidential', { variable: SECRET_VARIABLE })
        : t('quickstart.secret_public'),
      status: 'info',
    },
    {
      title: 'quickstart.pkce',
      text: t(
        kind === 'm2m'
          ? 'quickstart.pkce_none'
          : kind === 'web'
            ? 'quickstart.pkce_recommended'
            : 'quickstart.pkce_required',
      ),
      status: 'info',
    },
  ];

  const endpoints = discovery.ok ? discovery.endpoints : {};
  const input = {
    issuer: endpoints.issuer ?? '',
    discoveryUrl: discovery.url,
    tokenEndpoint: endpoints.token_endpoint ?? '',
    jwksUri: endpoints.jwks_uri ?? '',
    clientId: application.clientId,
    redirectUri: redirectUri ?? placeholderRedirectUri[kind],
    organization: application.organization,
    application: application.name,
  };

  return (
    <Stack gap="lg" data-testid="quickstart">
      <Section title={t('quickstart.tab')} help={t('quickstart.help')}>
        <Radio.Group
          label={t('quickstart.kind')}
          value={kind}
          onChange={(value) => setKind(value as AppKind)}
          data-testid="quickstart-kind"
        >
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mt="xs">
            {appKinds.map((each) => (
              <Radio
                key={each}
                value={each}
                label={t(`quickstart.kind_${each}`)}
                description={t(`quickstart.kind_${each}_help`)}
                data-testid={`quickstart-kind-${each}`}
              />
            ))}
          </SimpleGrid>
        </Radio.Group>
        <Text fw={600} size="sm" mt="xs">
          {t('quickstart.configure')}
        </Text>
        <Stack gap="sm" data-testid="quickstart-requirements">
          {requirements.map((requirement) => (
            <div key={requirement.title} data-status={requirement.status}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600} size="sm">
                  {t(requirement.title)}
                </Text>
                <Badge size="sm" variant="light" color={statusColors[requirement.status]}>
                  {t(statusLabels[requirement.status])}
                </Badge>
              </Group>
              <Text size="sm">{requirement.text}</Text>
              {requirement.fix ? (
                <Text size="sm" c="red">
                  {requirement.fix}
                </Text>
              ) : null}
            </div>
          ))}
        </Stack>
      </Section>

      {discovery.ok ? (
        <>
          <Section title={t('quickstart.code')} help={t('quickstart.code_help')} testId="quickstart-code">
            <Tabs value={library} onChange={(value) => value && setLibrary(value as Library)} keepMounted={false}>
              <Tabs.List style={{ flexWrap: 'wrap' }}>
                {libraries.map((each) => (
                  <Tabs.Tab key={each} value={each} data-testid={`library-${each}`}>
                    {libraryNames[each]}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              {libraries.map((each) => (
                <Tabs.Panel key={each} value={each} pt="md">
                  <CodeBlock
                    code={snippet(kind, each, input) ?? ''}
                    label={t('quickstart.code_label', { library: libraryNames[each] })}
                    copyLabel={t('quickstart.copy_code', { library: libraryNames[each] })}
                    testId={`snippet-${each}`}
                  />
                </Tabs.Panel>
              ))}
            </Tabs>
          </Section>
          <Section
            title={t('application.endpoints')}
            help={t('quickstart.endpoints_help')}
            testId="quickstart-endpoints"
          >
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <CopyField label={t('application.discovery_url')} value={discovery.url} testId="endpoint-discovery" />
              {endpointKeys.map((key) =>
                endpoints[key] ? (
                  <CopyField
                    key={key}
                    label={t(endpointLabels[key])}
                    value={endpoints[key]}
                    testId={`endpoint-${key}`}
                  />
                ) : null,
              )}
            </SimpleGrid>
          </Section>
        </>
      ) : (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="discovery-failed">
          {t('quickstart.discovery_failed', { message: discovery.message })}
        </Alert>
      )}

      <Section
        title={t('quickstart.try')}
        help={attempt ? t('quickstart.try_help', { uri: attempt.redirectUri }) : undefined}
        testId="quickstart-try"
      >
        {attempt ? (
          <>
            <div>
              <Button
                component="a"
                href={attempt.url}
                target="_blank"
                rel="noopener noreferrer"
                leftSection={<IconExternalLink size={16} />}
                data-testid="try-sign-in"
              >
                {t('quickstart.try')}
              </Button>
            </div>
            <CopyField label={t('quickstart.code_verifier')} value={attempt.codeVerifier} testId="try-code-verifier" />
            <Text size="xs" c="dimmed" mt={-8}>
              {t('quickstart.code_verifier_help')}
            </Text>
          </>
        ) : (
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="try-sign-in-none">
            {t('quickstart.try_none')}
          </Alert>
        )}
      </Section>
    </Stack>
  );
}
