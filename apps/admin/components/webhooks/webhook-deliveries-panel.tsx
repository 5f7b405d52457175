'use client';

import { Badge, Button, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh, IconSend } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { listWebhookDeliveries, sendTestEvent, type WebhookDelivery } from '@/lib/actions/webhooks';
import { formatTime } from '@/lib/format';
import type { PortalKey } from '@/lib/i18n/messages';
import { Section } from '../common/section';
import { useI18n } from '../i18n/i18n-provider';

const stateColor: Record<string, string> = {
  pending: 'gray',
  retrying: 'yellow',
  delivered: 'teal',
  rejected: 'red',
  refused: 'red',
  given_up: 'red',
};
const waiting = (delivery: WebhookDelivery) => delivery.state === 'pending' || delivery.state === 'retrying';
/** While a delivery waits, the log is read again this often (a first attempt is made at once). */
const FOLLOW_MS = 2000;

interface WebhookDeliveriesPanelProps {
  /** owner/name of the webhook. */
  id: string;
  initial: WebhookDelivery[];
  /** Whether the webhook has a URL to send to. */
  canTest: boolean;
}

/** A webhook's test event button and the log of its latest deliveries. */
export function WebhookDeliveriesPanel({ id, initial, canTest }: WebhookDeliveriesPanelProps) {
  const { t, language } = useI18n();
  const [deliveries, setDeliveries] = useState(initial);
  const [sending, startSending] = useTransition();
  const [refreshing, startRefreshing] = useTransition();
  const [following, setFollowing] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(async () => {
    const result = await listWebhookDeliveries(id);
    if (result.ok) setDeliveries(result.deliveries);
    else notifications.show({ color: 'red', message: result.message });
    return result.ok ? result.deliveries : [];
  }, [id]);

  // After a test event, the log follows its delivery until nothing waits for a first attempt.
  useEffect(() => {
    if (!following) return;
    let stopped = false;
    const tick = async (round: number) => {
      const latest = await refresh();
      if (stopped) return;
      if (round < 15 && latest.some((delivery) => waiting(delivery) && delivery.attempts === 0))
        timer.current = setTimeout(() => tick(round + 1), FOLLOW_MS);
      else setFollowing(false);
    };
    timer.current = setTimeout(() => tick(0), FOLLOW_MS / 4);
    return () => {
      stopped = true;
      clearTimeout(timer.current);
    };
  }, [following, refresh]);

  const stateLabel = (state: string) =>
    stateColor[state] ? t(`webhook_log.state_${state}` as PortalKey) : state || t('common.none');

  return (
    <Section title={t('webhook_log.title')} help={t('webhook_log.help')} testId="webhook-deliveries">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('webhook_log.test_help')}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Button
            leftSection={<IconSend size={16} />}
            loading={sending}
            disabled={!canTest}
            data-testid="webhook-test-send"
            onClick={() =>
              startSending(async () => {
                const result = await sendTestEvent(id);
                notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
                if (result.ok) setFollowing(true);
              })
            }
          >
            {t('webhook_log.test_send')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={refreshing}
            data-testid="webhook-deliveries-refresh"
            onClick={() =>
              startRefreshing(async () => {
                await refresh();
              })
            }
          >
            {t('webhook_log.refresh')}
          </Button>
        </Group>
      </Stack>
      {deliveries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="webhook-deliveries-empty">
          {t('webhook_log.empty')}
        </Text>
      ) : (
        // Focusable, so that a table wider than the screen can be scrolled with the keyboard.
        <ScrollArea type="auto" offsetScrollbars viewportProps={{ tabIndex: 0 }}>
          <Table striped verticalSpacing="xs" miw={560} data-testid="webhook-deliveries-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhook_log.queued')}</Table.Th>
                <Table.Th>{t('webhook_log.event')}</Table.Th>
                <Table.Th>{t('webhook_log.state')}</Table.Th>
                <Table.Th>{t('webhook_log.attempts')}</Table.Th>
                <Table.Th>{t('webhook_log.answer')}</Table.Th>
                <Table.Th>{t('webhook_log.next_retry')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.map((delivery) => (
                <Table.Tr key={delivery.id} data-testid="webhook-delivery" data-state={delivery.state}>
                  <Table.Td>{formatTime(language, delivery.createdTime)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {delivery.event}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={stateColor[delivery.state] ?? 'gray'} tt="none">
                      {stateLabel(delivery.state)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {t('webhook_log.attempts_of', { attempts: delivery.attempts, max: delivery.maxAttempts })}
                  </Table.Td>
                  <Table.Td data-testid="webhook-delivery-answer">
                    {delivery.statusCode ? `HTTP ${delivery.statusCode}` : delivery.error || '—'}
                  </Table.Td>
                  <Table.Td>{delivery.nextAttemptTime ? formatTime(language, delivery.nextAttemptTime) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Section>
  );
}
