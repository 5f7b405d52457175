'use client';

import { Alert, Badge, Button, Group, List, ListItem, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconPlayerPlay } from '@tabler/icons-react';
import { type FormEvent, useState, useTransition } from 'react';
import { type AccessDecision, type AccessQuestion, type EnforceTarget, testAccess } from '@/lib/actions/authorization';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';

/**
 * "Test access": subject, resource and action (and a domain, for models with one) go to
 * `/api/enforce` for this permission, model or organization; the decision is shown with the
 * answer of each model and adapter.
 */
export function TestAccessPanel({
  target,
  help,
  subjectPlaceholder,
}: {
  target: EnforceTarget;
  help: string;
  subjectPlaceholder: string;
}) {
  const t = useT();
  const [question, setQuestion] = useState<AccessQuestion>({ subject: '', domain: '', resource: '', action: '' });
  const [decision, setDecision] = useState<AccessDecision | undefined>();
  const [pending, startTransition] = useTransition();
  const set = (name: keyof AccessQuestion) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setQuestion((current) => ({ ...current, [name]: value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => setDecision(await testAccess(target, question)));
  };
  return (
    <Section title={t('authz.test_access')} help={help} testId="test-access">
      <form onSubmit={submit} noValidate data-testid="test-access-form">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('authz.subject')}
              description={t('authz.subject_help')}
              placeholder={subjectPlaceholder}
              value={question.subject}
              onChange={set('subject')}
              autoComplete="off"
              data-testid="test-subject"
            />
            <TextInput
              label={t('authz.domain')}
              description={t('authz.domain_help')}
              value={question.domain}
              onChange={set('domain')}
              autoComplete="off"
              data-testid="test-domain"
            />
            <TextInput
              label={t('authz.resource')}
              placeholder="data1"
              value={question.resource}
              onChange={set('resource')}
              autoComplete="off"
              data-testid="test-resource"
            />
            <TextInput
              label={t('authz.action')}
              placeholder="Read"
              value={question.action}
              onChange={set('action')}
              autoComplete="off"
              data-testid="test-action"
            />
          </SimpleGrid>
          <Group justify="space-between" align="center">
            <div
              aria-live="polite"
              data-testid="test-decision"
              data-allowed={decision?.ok ? String(decision.allowed) : ''}
            >
              {decision?.ok ? (
                <Badge
                  size="lg"
                  color={decision.allowed ? 'teal' : 'red'}
                  leftSection={decision.allowed ? <IconCircleCheck size={16} /> : <IconCircleX size={16} />}
                >
                  {decision.allowed ? t('authz.allowed') : t('authz.denied')}
                </Badge>
              ) : null}
            </div>
            <Button
              type="submit"
              loading={pending}
              leftSection={<IconPlayerPlay size={16} />}
              data-testid="run-test-access"
            >
              {t('authz.test')}
            </Button>
          </Group>
          {decision && !decision.ok ? (
            <Alert color="red" role="alert" data-testid="test-access-error">
              {decision.signedOut ? t('authz.session_ended') : decision.message}
            </Alert>
          ) : null}
          {decision?.ok && decision.answers && decision.answers.length > 0 ? (
            <div>
              <Text size="sm" c="dimmed">
                {t('authz.answers')}
              </Text>
              <List size="sm" data-testid="test-answers">
                {decision.answers.map((answer, index) => (
                  // The same model and adapter may answer twice (one per permission).
                  // biome-ignore lint/suspicious/noArrayIndexKey: answers have no identity of their own.
                  <ListItem key={index}>
                    <Text span ff="monospace" size="sm">
                      {answer.key || '—'}
                    </Text>
                    {': '}
                    {answer.allowed ? t('authz.allowed') : t('authz.denied')}
                  </ListItem>
                ))}
              </List>
            </div>
          ) : (
            decision?.ok && (
              <Text size="sm" c="dimmed">
                {t('authz.no_answers')}
              </Text>
            )
          )}
        </Stack>
      </form>
    </Section>
  );
}
