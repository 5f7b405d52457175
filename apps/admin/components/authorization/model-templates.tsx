'use client';

import { Button, Chip, Group, Paper, Stack, Text } from '@mantine/core';
import { IconTemplate } from '@tabler/icons-react';
import { useState } from 'react';
import { type ModelTemplate, modelTemplates } from '@/lib/model-templates';
import { useT } from '../i18n/i18n-provider';

/**
 * Casbin's usual models to start from, above a model's text: pick one, read when it fits, insert it
 * (it replaces the text, which stays editable before the model is saved).
 */
export function ModelTemplates({ onInsert, disabled }: { onInsert: (text: string) => void; disabled?: boolean }) {
  const t = useT();
  const [chosen, setChosen] = useState<ModelTemplate['id']>('rbac');
  const template = modelTemplates.find((each) => each.id === chosen) ?? modelTemplates[0]!;
  return (
    <Paper withBorder radius="md" p="md" mb="sm" data-testid="model-templates">
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={500} id="model-templates-label">
            {t('authz.templates')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('authz.templates_help')}
          </Text>
        </div>
        <Chip.Group multiple={false} value={chosen} onChange={(value) => setChosen(value as ModelTemplate['id'])}>
          <Group gap="xs" role="radiogroup" aria-labelledby="model-templates-label" data-testid="model-template-choice">
            {modelTemplates.map((each) => (
              <Chip
                key={each.id}
                name="model-template"
                value={each.id}
                type="radio"
                size="sm"
                disabled={disabled}
                data-testid={`model-template-${each.id}`}
              >
                {t(each.label)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Text size="sm" data-testid="model-template-explanation">
          {t(template.explanation)}
        </Text>
        <Group justify="flex-end">
          <Button
            variant="light"
            size="xs"
            leftSection={<IconTemplate size={14} />}
            onClick={() => onInsert(template.text)}
            disabled={disabled}
            data-testid="insert-model-template"
          >
            {t('authz.insert_template', { template: t(template.label) })}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
