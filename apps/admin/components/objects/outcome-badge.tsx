import { Badge } from '@mantine/core';
import { recordOutcome } from '@/lib/format';
import type { Translate } from '@/lib/i18n/messages';

/** Whether a recorded call succeeded or failed, with the reason it failed as its title. */
export function OutcomeBadge({ record, t }: { record: object; t: Translate }) {
  const outcome = recordOutcome(record);
  return (
    <Badge
      variant="light"
      color={outcome.ok ? 'teal' : 'red'}
      title={outcome.message || undefined}
      data-testid="record-outcome"
      tt="none"
    >
      {outcome.ok ? t('records.succeeded') : t('records.failed')}
    </Badge>
  );
}
